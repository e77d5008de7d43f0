#pragma once

#include "incident.h"

#include <QSqlDatabase>
#include <QString>

/// The SQL side of the incident timeline: the table, one row <-> TimelineEntry, the hash chain.
///
/// hash = HashChain::link(prevHash, ["dreamops-incident-v1", seq, incidentId,
///   time ("yyyy-MM-ddTHH:mm:ss.zzzZ"), kind key, text, author, sourceRef, correctsSeq,
///   data (the stored compact JSON text, as a string)]) computed from the stored columns alone.
namespace IncidentRows {

constexpr int kSchemaVersion = 1;

/// Creates the tables and the triggers that refuse UPDATE/DELETE on the timeline.
bool createSchema(QSqlDatabase &db, QString *detail);

/// Fills seq/prevHash/hash from the current tail and INSERTs, inside the caller's transaction.
bool insert(QSqlDatabase &db, TimelineEntry &entry, QString *detail);

/// Every entry (of one incident when `incidentId` is not empty) with seq > afterSeq, in order.
QList<TimelineEntry> select(const QSqlDatabase &db, const QString &incidentId, qint64 afterSeq);

/// The hash an entry must have, from its stored fields.
QByteArray hashOf(const TimelineEntry &entry);

QString timeText(const QDateTime &time); ///< ISO 8601 UTC with milliseconds

struct ChainCheck
{
    bool ok = false;
    qint64 entries = 0;
    qint64 firstBadSeq = 0;
    QByteArray lastHash;
    QString problem;
};
/// PRAGMA integrity_check plus the whole chain.
ChainCheck verify(const QSqlDatabase &db);

} // namespace IncidentRows
