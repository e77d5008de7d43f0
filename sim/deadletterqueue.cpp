#include "deadletterqueue.h"

#include "simclock.h"

#include <QJsonArray>

#include <algorithm>
#include <numeric>

namespace {
using L1 = QLatin1String;

QString stateName(DeadLetterQueue::ReplayState state)
{
    switch (state) {
    case DeadLetterQueue::ReplayState::Running:
        return QStringLiteral("running");
    case DeadLetterQueue::ReplayState::Paused:
        return QStringLiteral("paused");
    case DeadLetterQueue::ReplayState::Done:
        return QStringLiteral("done");
    case DeadLetterQueue::ReplayState::Stopped:
        return QStringLiteral("stopped");
    }
    return {};
}
} // namespace

QString DeadLetterQueue::Record::conduitId() const
{
    return portId + QLatin1String("::") + clusterId + QLatin1String("::") + toolId;
}

void DeadLetterQueue::account(const Record &record, int delta)
{
    const auto bump = [delta](QHash<QString, int> &hash, const QString &key) {
        const int value = hash.value(key) + delta;
        if (value > 0)
            hash.insert(key, value);
        else
            hash.remove(key);
    };
    bump(m_byErrorType, record.errorType);
    bump(m_byConduit, record.conduitId());
}

void DeadLetterQueue::add(Record record)
{
    ++m_total;
    ++m_inflowThisSecond;
    account(record, 1);
    m_records.push_back(std::move(record));
    while (m_records.size() > kCapacity) {
        account(m_records.front(), -1);
        m_records.pop_front();
    }
}

bool DeadLetterQueue::matches(const Record &record) const
{
    return m_replay && (m_replay->errorType.isEmpty() || record.errorType == m_replay->errorType)
        && (m_replay->conduitId.isEmpty() || record.conduitId() == m_replay->conduitId)
        && !m_replay->attempted.contains(record.id);
}

int DeadLetterQueue::countRemaining() const
{
    if (!m_replay)
        return 0;
    const int budget = m_replay->maxMessages - m_replay->replayed - m_replay->failed;
    int matching = 0;
    for (const Record &record : m_records) {
        if (matching >= budget)
            break;
        if (matches(record))
            ++matching;
    }
    return std::max(0, std::min(budget, matching));
}

void DeadLetterQueue::step(qint64 nowMs, QRandomGenerator *rng, const FailureChance &failureChance)
{
    m_inflow.push_back(m_inflowThisSecond);
    m_inflowThisSecond = 0;
    while (m_inflow.size() > 60)
        m_inflow.pop_front();

    if (!replayRunning())
        return;
    Replay &replay = *m_replay;
    int budget = std::min(replay.rateLimit, replay.maxMessages - replay.replayed - replay.failed);
    std::deque<Record> kept;
    std::deque<Record> requeued;
    for (Record &record : m_records) {
        if (budget > 0 && matches(record)) {
            --budget;
            account(record, -1);
            if (rng->generateDouble() < failureChance(record)) {
                ++replay.failed;
                ++record.attempts;
                record.timestampMs = nowMs;
                replay.attempted.insert(record.id);
                account(record, 1);
                requeued.push_back(std::move(record));
            } else {
                ++replay.replayed;
            }
        } else {
            kept.push_back(std::move(record));
        }
    }
    for (Record &record : requeued)
        kept.push_back(std::move(record));
    m_records.swap(kept);
    replay.remaining = countRemaining();
    if (replay.remaining == 0)
        replay.state = ReplayState::Done;
}

bool DeadLetterQueue::startReplay(const QString &id,
                                  int rateLimit,
                                  int maxMessages,
                                  const QString &errorType,
                                  const QString &conduitId,
                                  qint64 nowMs)
{
    if (replayRunning())
        return false;
    Replay replay;
    replay.id = id;
    replay.rateLimit = rateLimit;
    replay.maxMessages = maxMessages;
    replay.errorType = errorType;
    replay.conduitId = conduitId;
    replay.startedAtMs = nowMs;
    m_replay = replay;
    m_replay->remaining = countRemaining();
    if (m_replay->remaining == 0)
        m_replay->state = ReplayState::Done;
    return true;
}

bool DeadLetterQueue::stopReplay()
{
    if (!m_replay)
        return false;
    if (m_replay->state == ReplayState::Running || m_replay->state == ReplayState::Paused)
        m_replay->state = ReplayState::Stopped;
    return true;
}

double DeadLetterQueue::messagesPerMinute() const
{
    return double(std::accumulate(m_inflow.cbegin(), m_inflow.cend(), 0));
}

QJsonObject DeadLetterQueue::replayJson() const
{
    if (!m_replay)
        return {};
    const Replay &r = *m_replay;
    return QJsonObject {
        {L1("id"), r.id},
        {L1("state"), stateName(r.state)},
        {L1("rateLimit"), r.rateLimit},
        {L1("maxMessages"), r.maxMessages},
        {L1("replayed"), r.replayed},
        {L1("failed"), r.failed},
        {L1("remaining"), r.remaining},
        {L1("startedAt"), SimClock::toIso(r.startedAtMs)},
        {L1("errorType"),
         r.errorType.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(r.errorType)},
        {L1("conduitId"),
         r.conduitId.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(r.conduitId)}};
}

QJsonObject DeadLetterQueue::toJson(const Record &r)
{
    return QJsonObject {{L1("id"), r.id},
                        {L1("conduitId"), r.conduitId()},
                        {L1("traceId"), r.traceId},
                        {L1("toolId"), r.toolId},
                        {L1("portId"), r.portId},
                        {L1("clusterId"), r.clusterId},
                        {L1("error"), r.error},
                        {L1("errorType"), r.errorType},
                        {L1("timestamp"), SimClock::toIso(r.timestampMs)},
                        {L1("attempts"), r.attempts}};
}

QJsonObject DeadLetterQueue::statusJson() const
{
    QJsonObject byType {{L1("TIMEOUT"), 0}, {L1("FAILURE"), 0}, {L1("ERROR"), 0}};
    for (auto it = m_byErrorType.cbegin(); it != m_byErrorType.cend(); ++it)
        byType.insert(it.key(), it.value());
    QJsonObject byConduit;
    for (auto it = m_byConduit.cbegin(); it != m_byConduit.cend(); ++it)
        byConduit.insert(it.key(), it.value());
    QJsonArray recent;
    for (auto it = m_records.crbegin(); it != m_records.crend() && recent.size() < 50; ++it)
        recent.append(toJson(*it));
    qint64 oldest = 0;
    for (const Record &record : m_records)
        oldest = oldest == 0 ? record.timestampMs : std::min(oldest, record.timestampMs);
    return QJsonObject {
        {L1("ok"), true},
        {L1("depth"), qint64(m_records.size())},
        {L1("oldestAt"),
         oldest > 0 ? QJsonValue(SimClock::toIso(oldest)) : QJsonValue(QJsonValue::Null)},
        {L1("messagesPerMinute"), messagesPerMinute()},
        {L1("totalMessages"), qint64(m_total)},
        {L1("byErrorType"), byType},
        {L1("byConduit"), byConduit},
        {L1("replay"), m_replay ? QJsonValue(replayJson()) : QJsonValue(QJsonValue::Null)},
        {L1("recent"), recent}};
}
