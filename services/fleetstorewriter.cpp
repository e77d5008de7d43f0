#include "fleetstorewriter.h"

#include <cmath>
#include <limits>

using Signal = SignalStore::Signal;

namespace {

/// A qint64 field of the snapshot: -1 is how the store learns "no value" (it rejects negatives).
qint64 integral(double value, double scale = 1.0)
{
    return std::isfinite(value) && value >= 0 ? std::llround(value * scale) : -1;
}

} // namespace

FleetStoreWriter::FleetStoreWriter(SignalStore *store)
    : m_store(store)
{ }

FleetStoreWriter::Values FleetStoreWriter::missing()
{
    Values v;
    v.fill(std::numeric_limits<double>::quiet_NaN());
    return v;
}

void FleetStoreWriter::fill(qint64 from, qint64 to, const Values &values)
{
    for (qint64 s = from; s <= to; ++s)
        write(s, values);
}

void FleetStoreWriter::fillGap(qint64 from, qint64 to)
{
    for (qint64 s = from; s <= to; ++s)
        m_store->recordGap(s);
    m_lastSecond.reset();
}

void FleetStoreWriter::write(qint64 second, const Values &values)
{
    auto at = [&values](Signal s) {
        return values[std::size_t(s)];
    };
    MetricsSnapshot snapshot;
    snapshot.timestamp = QDateTime::fromSecsSinceEpoch(second, Qt::UTC);
    GoldenSignals &g = snapshot.goldenSignals;
    Watchdogs &w = snapshot.watchdogs;
    g.requestsPerSecond = at(Signal::RequestsPerSecond);
    g.activeConnections = integral(at(Signal::ActiveConnections));
    g.errorRate = at(Signal::ErrorRate) / 100.0; // the store takes the API's fraction
    g.latencyP50 = at(Signal::LatencyP50);
    g.latencyP95 = at(Signal::LatencyP95);
    g.latencyP99 = at(Signal::LatencyP99);
    g.memoryRss = integral(at(Signal::MemoryRssMb), 1024.0 * 1024.0);
    g.queueDepth = integral(at(Signal::QueueDepthTotal));
    w.queueDepthTotal = g.queueDepth;
    w.dlqMessagesPerMinute = at(Signal::DlqPerMinute);
    w.aiCallLatencyP99 = at(Signal::AiCallP99);
    w.eventLoopDelayMs = at(Signal::EventLoopDelayMs);

    // CPU % = 100 * counter delta / wall delta: advance the counter by what the interval used.
    const double cpu = at(Signal::CpuPercent);
    const qint64 wall = m_lastSecond && second > *m_lastSecond ? second - *m_lastSecond : 1;
    if (std::isfinite(cpu) && cpu >= 0)
        m_cpuMicros += std::llround(cpu / 100.0 * 1e6 * double(wall));
    else
        m_cpuMicros -= 1; // a counter going back is a restart to the store: a CPU gap
    g.cpuUserMicros = m_cpuMicros;
    m_lastSecond = second;
    m_store->ingest(second, snapshot);
}
