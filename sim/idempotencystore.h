#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QPair>
#include <QString>

#include <map>
#include <optional>

// Remembers POST outcomes by (credential, Idempotency-Key) for 24 simulated hours so that a
// resent request replays the first answer instead of acting twice (Qt 6.4 may resend a POST by
// itself). Bounded: the oldest finished entries are evicted beyond the capacity (never one in
// flight). Fed by SimHttpServer.
class IdempotencyStore final
{
public:
    struct Response
    {
        int status = 0;
        QByteArray body;
        QList<QPair<QByteArray, QByteArray>> headers;
    };
    enum class Outcome { New, Replay, Reused, InFlight };
    struct Lookup
    {
        Outcome outcome = Outcome::New;
        Response response; ///< for Replay
    };
    static constexpr qint64 kTtlMs = 24LL * 3600 * 1000;

    explicit IdempotencyStore(qsizetype capacity = 10000);

    static bool isValidKey(const QByteArray &key) { return !key.isEmpty() && key.size() <= 128; }
    static QByteArray
    fingerprint(const QByteArray &method, const QString &path, const QByteArray &body);

    /// New: the key is now held in flight for this fingerprint; the caller must finish() it.
    Lookup begin(const QByteArray &scope,
                 const QByteArray &key,
                 const QByteArray &fingerprint,
                 qint64 nowMs);
    /// Ends the in-flight request: a response is stored for replay, nullopt frees the key.
    void
    finish(const QByteArray &scope, const QByteArray &key, const std::optional<Response> &response);

    qsizetype size() const { return m_entries.size(); }

private:
    struct Entry
    {
        QByteArray fingerprint;
        qint64 createdMs = 0;
        quint64 sequence = 0;
        bool inFlight = true;
        Response response;
    };
    static QByteArray idOf(const QByteArray &scope, const QByteArray &key);
    void erase(const QByteArray &id);

    qsizetype m_capacity;
    quint64 m_sequence = 0;
    QHash<QByteArray, Entry> m_entries;
    std::map<quint64, QByteArray> m_order; // sequence -> id, oldest first
};
