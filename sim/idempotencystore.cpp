#include "idempotencystore.h"

#include <QCryptographicHash>

IdempotencyStore::IdempotencyStore(qsizetype capacity)
    : m_capacity(capacity)
{ }

QByteArray
IdempotencyStore::fingerprint(const QByteArray &method, const QString &path, const QByteArray &body)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(method);
    hash.addData(QByteArrayView("\n"));
    hash.addData(path.toUtf8());
    hash.addData(QByteArrayView("\n"));
    hash.addData(body);
    return hash.result();
}

QByteArray IdempotencyStore::idOf(const QByteArray &scope, const QByteArray &key)
{
    return scope + '\n' + key;
}

void IdempotencyStore::erase(const QByteArray &id)
{
    const auto it = m_entries.constFind(id);
    if (it == m_entries.cend())
        return;
    m_order.erase(it->sequence);
    m_entries.erase(it);
}

IdempotencyStore::Lookup IdempotencyStore::begin(const QByteArray &scope,
                                                 const QByteArray &key,
                                                 const QByteArray &fingerprint,
                                                 qint64 nowMs)
{
    const QByteArray id = idOf(scope, key);
    if (const auto it = m_entries.constFind(id); it != m_entries.cend()) {
        if (!it->inFlight && nowMs - it->createdMs > kTtlMs) {
            erase(id);
        } else if (it->fingerprint != fingerprint) {
            return {Outcome::Reused, {}};
        } else if (it->inFlight) {
            return {Outcome::InFlight, {}};
        } else {
            return {Outcome::Replay, it->response};
        }
    }
    // Evict the oldest finished entries; an in-flight key is never evicted (its request would
    // run a second time on a resend). In-flight entries are bounded by the open connections.
    for (auto it = m_order.begin(); m_entries.size() >= m_capacity && it != m_order.end();) {
        const QByteArray victim = it->second;
        ++it;
        if (const auto entry = m_entries.constFind(victim);
            entry != m_entries.cend() && !entry->inFlight)
            erase(victim);
    }
    Entry entry;
    entry.fingerprint = fingerprint;
    entry.createdMs = nowMs;
    entry.sequence = ++m_sequence;
    m_order.emplace(entry.sequence, id);
    m_entries.insert(id, entry);
    return {Outcome::New, {}};
}

void IdempotencyStore::finish(const QByteArray &scope,
                              const QByteArray &key,
                              const std::optional<Response> &response)
{
    const QByteArray id = idOf(scope, key);
    const auto it = m_entries.find(id);
    if (it == m_entries.end())
        return;
    if (!response) {
        erase(id);
        return;
    }
    it->inFlight = false;
    it->response = *response;
}
