#pragma once

#include "opsdto.h"
#include "timeseries.h"

#include <QMap>
#include <QString>
#include <QStringList>

#include <array>
#include <memory>
#include <optional>
#include <vector>

// Every golden signal and watchdog of /api/metrics as 24 h of one-second
// samples. The dashboard session feeds it each metrics answer (or a gap when a
// poll failed); the charts read the series through M4Decimator. A sample that
// is not believable (NaN, negative, p99 < p50, an error rate of 7.0) is
// recorded as a gap for the signals it concerns and reported, never plotted as
// truth. A cumulative counter that goes backwards (a restart) starts a new
// segment instead of a negative rate.
class SignalStore final
{
public:
    enum class Signal {
        RequestsPerSecond,
        ActiveConnections,
        ErrorRate, ///< percent of the last 60 s (the API sends a fraction)
        LatencyP50,
        LatencyP95,
        LatencyP99,
        CpuPercent, ///< derived from cumulative user+system µs between two samples
        MemoryRssMb,
        QueueDepthTotal,
        DlqPerMinute,
        AiCallP99,
        EventLoopDelayMs,
        Count
    };
    static constexpr std::size_t kSignalCount = std::size_t(Signal::Count);

    struct IngestReport
    {
        QStringList invalid; ///< one sentence per rejected value
        bool counterReset = false; ///< a cumulative counter went backwards (restart)
    };

    explicit SignalStore(qsizetype capacitySeconds = TimeSeries::kDefaultCapacity);

    /// Records one metrics answer received at epoch second `second`.
    IngestReport ingest(qint64 second, const MetricsSnapshot &snapshot);
    /// Records that no sample could be taken at `second` (the poll failed).
    void recordGap(qint64 second);

    const TimeSeries &series(Signal signal) const { return m_series[std::size_t(signal)]; }
    /// At most this many agents' queues are held (agents come and go): a new agent beyond it
    /// takes the ring of the agent missing from the answers the longest.
    static constexpr qsizetype kMaxAgents = 32;
    /// Queue depth of one agent; an empty series for an agent not held. The reference stays
    /// valid for the store's life, but its ring is handed to another agent when one is evicted
    /// (agentsGeneration() changes then).
    const TimeSeries &agentQueue(const QString &agent) const;
    QStringList agents() const; ///< sorted by name
    /// The agents with the deepest queue at `second` (deepest first, ties by name), at most
    /// `count`; an agent absent from that second's answer is not among them.
    QStringList deepestAgents(qint64 second, qsizetype count) const;
    /// Changes whenever an agent is added or evicted, so views re-bind their series.
    quint64 agentsGeneration() const { return m_agentsGeneration; }

    static QString signalName(Signal signal); ///< "p99 latency", "error rate", ...
    static QString unit(Signal signal); ///< "ms", "%", "req/s", ...

    /// The last report's problems (for the dashboard's "invalid sample" note).
    const IngestReport &lastReport() const { return m_lastReport; }

private:
    void put(Signal signal, qint64 second, double value);

    void putAgentQueues(qint64 second, const QMap<QString, qint64> &depths);

    struct AgentQueue
    {
        QString name;
        std::unique_ptr<TimeSeries> series; ///< stable address: charts hold it
        qint64 lastSeen = 0; ///< the last second the agent was in an answer
    };

    std::array<TimeSeries, kSignalCount> m_series;
    std::vector<AgentQueue> m_agentQueues;
    quint64 m_agentsGeneration = 0;
    qsizetype m_capacity;
    IngestReport m_lastReport;

    struct Counters
    {
        qint64 cpuMicros = 0;
        qint64 requestsTotal = 0;
        QDateTime serverTime;
    };
    std::optional<Counters> m_previous;
};
