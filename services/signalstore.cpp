#include "signalstore.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace {

constexpr double kGap = std::numeric_limits<double>::quiet_NaN();
constexpr double kBytesPerMb = 1024.0 * 1024.0;

bool sane(double value)
{
    return std::isfinite(value) && value >= 0;
}

} // namespace

SignalStore::SignalStore(qsizetype capacitySeconds)
    : m_capacity(capacitySeconds)
{
    for (auto &series : m_series)
        series = TimeSeries(capacitySeconds);
}

void SignalStore::put(Signal signal, qint64 second, double value)
{
    m_series[std::size_t(signal)].append(second, value);
}

SignalStore::IngestReport SignalStore::ingest(qint64 second, const MetricsSnapshot &snapshot)
{
    IngestReport report;
    const GoldenSignals &g = snapshot.goldenSignals;
    const Watchdogs &w = snapshot.watchdogs;

    auto checked = [&](Signal signal, double value) {
        if (sane(value)) {
            put(signal, second, value);
            return;
        }
        report.invalid.append(QStringLiteral("%1 is %2").arg(signalName(signal)).arg(value));
        put(signal, second, kGap);
    };

    checked(Signal::RequestsPerSecond, g.requestsPerSecond);
    checked(Signal::ActiveConnections, double(g.activeConnections));
    if (sane(g.errorRate) && g.errorRate <= 1.0) {
        put(Signal::ErrorRate, second, g.errorRate * 100.0);
    } else {
        report.invalid.append(
            QStringLiteral("error rate %1 is not a fraction between 0 and 1").arg(g.errorRate));
        put(Signal::ErrorRate, second, kGap);
    }

    const bool latencySane = sane(g.latencyP50) && sane(g.latencyP95) && sane(g.latencyP99);
    if (latencySane && g.latencyP50 <= g.latencyP95 && g.latencyP95 <= g.latencyP99) {
        put(Signal::LatencyP50, second, g.latencyP50);
        put(Signal::LatencyP95, second, g.latencyP95);
        put(Signal::LatencyP99, second, g.latencyP99);
    } else {
        report.invalid.append(QStringLiteral("latency percentiles p50 %1, p95 %2, p99 %3 are "
                                             "not ordered non-negative numbers")
                                  .arg(g.latencyP50)
                                  .arg(g.latencyP95)
                                  .arg(g.latencyP99));
        for (Signal s : {Signal::LatencyP50, Signal::LatencyP95, Signal::LatencyP99})
            put(s, second, kGap);
    }

    // CPU % from the cumulative counters between this sample and the previous
    // one, over the server's own clock (the counters run on it). Backwards =
    // restart: a new segment.
    const Counters now {g.cpuUserMicros + g.cpuSystemMicros, g.requestsTotal, snapshot.timestamp};
    double cpuPercent = kGap;
    if (m_previous) {
        const qint64 cpuDelta = now.cpuMicros - m_previous->cpuMicros;
        const qint64 wallDeltaMs = m_previous->serverTime.msecsTo(now.serverTime);
        if (cpuDelta < 0 || now.requestsTotal < m_previous->requestsTotal) {
            report.counterReset = true;
        } else if (wallDeltaMs > 0 && now.serverTime.isValid()) {
            cpuPercent = 100.0 * double(cpuDelta) / (double(wallDeltaMs) * 1000.0);
        }
    }
    if (now.cpuMicros < 0 || now.requestsTotal < 0) {
        report.invalid.append(QStringLiteral("a cumulative counter is negative"));
        m_previous.reset();
    } else {
        m_previous = now;
    }
    put(Signal::CpuPercent, second, cpuPercent);

    checked(Signal::MemoryRssMb, double(g.memoryRss) / kBytesPerMb);
    checked(Signal::QueueDepthTotal, double(w.queueDepthTotal ? w.queueDepthTotal : g.queueDepth));
    checked(Signal::DlqPerMinute, w.dlqMessagesPerMinute);
    checked(Signal::AiCallP99, w.aiCallLatencyP99);
    checked(Signal::EventLoopDelayMs, w.eventLoopDelayMs);

    putAgentQueues(second, w.queueDepthPerAgent);

    m_lastReport = report;
    return report;
}

void SignalStore::recordGap(qint64 second)
{
    for (auto &series : m_series)
        series.appendGap(second);
    for (AgentQueue &agent : m_agentQueues)
        agent.series->appendGap(second);
    // The next CPU sample must not span the outage as if it were one interval.
    m_previous.reset();
}

void SignalStore::putAgentQueues(qint64 second, const QMap<QString, qint64> &depths)
{
    for (auto it = depths.cbegin(); it != depths.cend(); ++it) {
        auto agent = std::find_if(m_agentQueues.begin(), m_agentQueues.end(),
                                  [&](const AgentQueue &a) { return a.name == it.key(); });
        if (agent == m_agentQueues.end()) {
            ++m_agentsGeneration;
            if (qsizetype(m_agentQueues.size()) < kMaxAgents) {
                m_agentQueues.push_back({it.key(), std::make_unique<TimeSeries>(m_capacity), 0});
                agent = m_agentQueues.end() - 1;
            } else {
                // Full: the agent gone the longest gives up its ring (ties: the first by name).
                agent = std::min_element(m_agentQueues.begin(), m_agentQueues.end(),
                                         [](const AgentQueue &a, const AgentQueue &b) {
                                             return a.lastSeen < b.lastSeen
                                                 || (a.lastSeen == b.lastSeen && a.name < b.name);
                                         });
                agent->name = it.key();
                agent->series->clear();
            }
        }
        agent->lastSeen = second;
        agent->series->append(second, it.value() >= 0 ? double(it.value()) : kGap);
    }
    // An agent missing from this answer has no depth at this second: a gap, not its last value.
    for (AgentQueue &agent : m_agentQueues) {
        if (agent.lastSeen != second)
            agent.series->appendGap(second);
    }
}

const TimeSeries &SignalStore::agentQueue(const QString &agent) const
{
    static const TimeSeries empty(1);
    for (const AgentQueue &a : m_agentQueues) {
        if (a.name == agent)
            return *a.series;
    }
    return empty;
}

QStringList SignalStore::agents() const
{
    QStringList names;
    for (const AgentQueue &a : m_agentQueues)
        names.append(a.name);
    names.sort();
    return names;
}

QStringList SignalStore::deepestAgents(qint64 second, qsizetype count) const
{
    std::vector<std::pair<double, QString>> depths;
    for (const AgentQueue &a : m_agentQueues) {
        const double depth = a.series->valueAt(second);
        if (!std::isnan(depth))
            depths.emplace_back(depth, a.name);
    }
    std::sort(depths.begin(), depths.end(), [](const auto &a, const auto &b) {
        return a.first > b.first || (a.first == b.first && a.second < b.second);
    });
    QStringList names;
    for (const auto &[depth, name] : depths) {
        if (names.size() == count)
            break;
        names.append(name);
    }
    return names;
}

QString SignalStore::signalName(Signal signal)
{
    switch (signal) {
    case Signal::RequestsPerSecond:
        return QStringLiteral("traffic");
    case Signal::ActiveConnections:
        return QStringLiteral("active connections");
    case Signal::ErrorRate:
        return QStringLiteral("error rate");
    case Signal::LatencyP50:
        return QStringLiteral("p50 latency");
    case Signal::LatencyP95:
        return QStringLiteral("p95 latency");
    case Signal::LatencyP99:
        return QStringLiteral("p99 latency");
    case Signal::CpuPercent:
        return QStringLiteral("CPU");
    case Signal::MemoryRssMb:
        return QStringLiteral("memory (RSS)");
    case Signal::QueueDepthTotal:
        return QStringLiteral("queue depth");
    case Signal::DlqPerMinute:
        return QStringLiteral("dead letters");
    case Signal::AiCallP99:
        return QStringLiteral("AI call p99");
    case Signal::EventLoopDelayMs:
        return QStringLiteral("event-loop delay");
    case Signal::Count:
        break;
    }
    return {};
}

QString SignalStore::unit(Signal signal)
{
    switch (signal) {
    case Signal::RequestsPerSecond:
        return QStringLiteral("req/s");
    case Signal::ErrorRate:
    case Signal::CpuPercent:
        return QStringLiteral("%");
    case Signal::LatencyP50:
    case Signal::LatencyP95:
    case Signal::LatencyP99:
    case Signal::AiCallP99:
    case Signal::EventLoopDelayMs:
        return QStringLiteral("ms");
    case Signal::MemoryRssMb:
        return QStringLiteral("MB");
    case Signal::DlqPerMinute:
        return QStringLiteral("msg/min");
    case Signal::ActiveConnections:
    case Signal::QueueDepthTotal:
    case Signal::Count:
        break;
    }
    return {};
}
