#pragma once

#include <QByteArray>
#include <QJsonArray>

/// The hash chain shared by the append-only SQLite logs (incident timeline; the action journal
/// can adopt it): hash = hex(SHA-256(prevHash + "\n" + compact JSON of the canonical fields)).
/// The canonical fields are a JSON array so no field can bleed into the next.
namespace HashChain {

/// hex SHA-256 linking `canonicalFields` to the previous entry's hex hash ("" for the first).
QByteArray link(const QByteArray &prevHash, const QJsonArray &canonicalFields);

} // namespace HashChain
