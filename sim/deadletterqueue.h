#pragma once

#include <QHash>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSet>
#include <QString>

#include <deque>
#include <functional>
#include <optional>

// The simulated dead-letter queue and its replay job. SimEngine adds records while a scenario
// fails work and runs the replay every simulated second at its rate limit; a replayed message
// that fails again goes back to the queue with attempts+1.
class DeadLetterQueue final
{
public:
    struct Record
    {
        QString id;
        QString portId;
        QString clusterId;
        QString toolId;
        QString traceId;
        QString error;
        QString errorType; ///< TIMEOUT | FAILURE | ERROR
        qint64 timestampMs = 0;
        int attempts = 1;
        QString conduitId() const;
    };
    enum class ReplayState { Running, Paused, Done, Stopped };
    struct Replay
    {
        QString id;
        ReplayState state = ReplayState::Running;
        int rateLimit = 1;
        int maxMessages = 1;
        int replayed = 0;
        int failed = 0;
        int remaining = 0;
        qint64 startedAtMs = 0;
        QString errorType;
        QString conduitId;
        QSet<QString> attempted;
    };
    using FailureChance = std::function<double(const Record &)>;
    static constexpr size_t kCapacity = 100000;

    void add(Record record);
    /// Ends one simulated second: moves the inflow window and runs the replay.
    void step(qint64 nowMs, QRandomGenerator *rng, const FailureChance &failureChance);

    /// False when a replay is already running.
    bool startReplay(const QString &id,
                     int rateLimit,
                     int maxMessages,
                     const QString &errorType,
                     const QString &conduitId,
                     qint64 nowMs);
    /// False when there is no replay to stop.
    bool stopReplay();
    bool replayRunning() const { return m_replay && m_replay->state == ReplayState::Running; }

    qsizetype depth() const { return qsizetype(m_records.size()); }
    quint64 totalMessages() const { return m_total; }
    double messagesPerMinute() const;
    QJsonObject replayJson() const;
    QJsonObject statusJson() const;
    static QJsonObject toJson(const Record &record);

private:
    bool matches(const Record &record) const;
    int countRemaining() const;
    void account(const Record &record, int delta);

    std::deque<Record> m_records; // oldest first
    QHash<QString, int> m_byErrorType;
    QHash<QString, int> m_byConduit;
    quint64 m_total = 0;
    int m_inflowThisSecond = 0;
    std::deque<int> m_inflow; // last 60 seconds
    std::optional<Replay> m_replay;
};
