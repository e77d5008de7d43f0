#include "hashchain.h"

#include <QCryptographicHash>
#include <QJsonDocument>

QByteArray HashChain::link(const QByteArray &prevHash, const QJsonArray &canonicalFields)
{
    QByteArray data = prevHash;
    data += '\n';
    data += QJsonDocument(canonicalFields).toJson(QJsonDocument::Compact);
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
}
