#pragma once

#include "fleetstorewriter.h"
#include "prometheusdata.h"
#include "prometheustemplates.h"
#include "signalstore.h"
#include "timeseries.h"

#include <QList>
#include <QObject>
#include <QString>

#include <optional>
#include <vector>

class PrometheusClient;
class QTimer;

/// One scrape target of the fleet as Prometheus sees it (`up` of that instance).
struct FleetInstance
{
    QString instance; ///< "10.0.0.7:8080"
    QString job;
    bool up = false;

    friend bool operator==(const FleetInstance &, const FleetInstance &) = default;
};

/// The dashboard's metrics source for a profile whose metrics live in Prometheus: the fleet's
/// golden signals aggregated across instances. When a chart window opens it back-fills the
/// window with query_range at a step that fits (15 s for 24 h), keeping the gaps Prometheus
/// reports as gaps; then it queries the live edge every liveIntervalMs and reports each
/// instance's `up`. Fills its own SignalStore (the chart grid reads it like the poller's).
class FleetMetricsSource final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FleetMetricsSource)

public:
    /// `client` is not owned and must outlive this source.
    FleetMetricsSource(PrometheusClient *client,
                       const PrometheusTemplates &templates,
                       QObject *parent = nullptr);
    ~FleetMetricsSource() override;

    void setTemplates(const PrometheusTemplates &templates);
    void setLiveIntervalMs(int ms);
    int liveIntervalMs() const { return m_liveIntervalMs; }

    /// Back-fills [fromSecond, toSecond] (epoch seconds), then follows the live edge.
    void openWindow(qint64 fromSecond, qint64 toSecond);
    /// Stops the live edge; replies still in flight are ignored.
    void stop();
    bool isLive() const;
    bool isBackfilling() const { return m_backfill.pending > 0; }

    const SignalStore &signalStore() const { return m_store; }
    /// Fraction of the fleet's targets that are up (0..1), one value per second like the store.
    const TimeSeries &instancesUpRatio() const { return m_upRatio; }
    QList<FleetInstance> instances() const { return m_instances; }
    /// The last failure (nullopt after a fully successful round).
    std::optional<PrometheusError> lastError() const { return m_lastError; }

    /// The query_range step for a window: at most ~5760 points, rounded up to a usual step
    /// (1, 2, 5, 10, 15, 30 s, 1, 2, 5, 10, 15, 30 min, 1 h).
    static int stepFor(qint64 spanSeconds);

Q_SIGNALS:
    void backfilled(qint64 fromSecond, qint64 toSecond, int stepSeconds);
    /// The live edge was recorded at `second` (with gaps if Prometheus failed).
    void sampled(qint64 second);
    void instancesChanged(const QList<FleetInstance> &instances);
    /// One sentence for the user (the first failure of a round).
    void failed(const QString &sentence);

private:
    /// Index of the queries of a round: the store's signals, then the up ratio, then per-instance
    /// up.
    static constexpr std::size_t kUpRatio = SignalStore::kSignalCount;
    static constexpr std::size_t kInstanceUp = kUpRatio + 1;
    static constexpr std::size_t kQueryCount = kInstanceUp + 1;

    struct Round
    {
        std::vector<std::optional<PromReply>> replies;
        int pending = 0;
    };

    QString queryText(std::size_t index) const;
    void onBackfillReply(quint64 generation, std::size_t index, const PromReply &reply);
    void finishBackfill();
    void pollLive();
    void onLiveReply(quint64 generation, std::size_t index, const PromReply &reply);
    void finishLive();
    void noteError(const std::vector<std::optional<PromReply>> &replies);

    PrometheusClient *m_client;
    PrometheusTemplates m_templates;
    SignalStore m_store;
    FleetStoreWriter m_writer;
    TimeSeries m_upRatio;
    QList<FleetInstance> m_instances;
    std::optional<PrometheusError> m_lastError;
    QTimer *m_liveTimer = nullptr;
    int m_liveIntervalMs = 5000;
    quint64 m_generation = 0;

    qint64 m_from = 0;
    qint64 m_to = 0;
    int m_step = 15;
    Round m_backfill;
    Round m_live;
    qint64 m_liveSecond = 0;
    std::optional<qint64> m_lastWritten;
};
