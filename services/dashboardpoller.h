#pragma once

#include "apierror.h"
#include "apiresult.h"
#include "opsdto.h"
#include "pollscheduler.h"
#include "sampleclock.h"
#include "severityrules.h"
#include "signalstore.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>
#include <optional>

class OpsClient;

/// A moment worth a marker on every chart: an operator action, or a mode change seen in
/// /api/ops/status ("safe mode on", "write drain off").
struct TimelineMark
{
    qint64 epochMs = 0;
    QString label;
};

/// The live data behind the dashboard, QtWidgets-free: polls every source on its own interval
/// through PollScheduler (metrics 1 s; health, live, ready 2 s; gates, breakers, ops status 5 s),
/// records each metrics answer in the SignalStore (a failed poll is a gap), keeps the latest
/// snapshot of every other source with its freshness, applies SeverityRules to them, and turns
/// mode changes into TimelineMarks. ConsoleSession owns one per connection; the dashboard page
/// and the status panels render what it emits.
class DashboardPoller final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DashboardPoller)

public:
    enum class Source { Metrics, Health, Live, Ready, Gates, Breakers, OpsStatus };
    Q_ENUM(Source)
    static constexpr int kSourceCount = 7;

    struct Intervals
    {
        int metricsMs = 1000;
        int healthMs = 2000; ///< /health, /health/live, /health/ready
        int slowMs = 5000; ///< gates, breakers, ops status
    };

    /// `client` is not owned and must outlive the poller (ConsoleSession owns both).
    explicit DashboardPoller(OpsClient *client, QObject *parent = nullptr);
    ~DashboardPoller() override;

    void setIntervals(const Intervals &intervals);
    void setThresholds(const SeverityThresholds &thresholds);
    void start();
    void stop();
    /// Polls every source now (the user's "Retry now"); sources in flight are left alone.
    void pollNow();

    const SignalStore &signalStore() const { return m_store; }
    const std::optional<MetricsSnapshot> &metrics() const { return m_metrics; }
    const std::optional<HealthStatus> &health() const { return m_health; }
    const std::optional<LiveStatus> &live() const { return m_live; }
    const std::optional<ReadyStatus> &ready() const { return m_ready; }
    const std::optional<HealthGates> &gates() const { return m_gates; }
    const std::optional<BreakerList> &breakers() const { return m_breakers; }
    const std::optional<OpsStatus> &opsStatus() const { return m_opsStatus; }

    /// Freshness of one source: last good answer, last error, in flight.
    PollScheduler::SourceStatus sourceStatus(Source source) const;
    bool isStale(Source source) const { return sourceStatus(source).stale; }
    /// "last update 14 s ago — cannot reach 127.0.0.1:5000 (connection refused)", or empty when
    /// fresh. Says "the server says …" for an HTTP error, so "cannot reach" and "unhealthy" differ.
    QString staleReason(Source source) const;

    const SeveritySuggestion &suggestion() const { return m_suggestion; }
    /// What the severity rules (and the runbook suggestion) read from the latest answers.
    SeverityInputs severityInputs() const;
    const QList<TimelineMark> &marks() const { return m_marks; }
    /// Adds a mark for an action taken from this console (the controls issue calls it).
    void addMark(const TimelineMark &mark);

    static QString sourceName(Source source); ///< "metrics", "health", ...

    /// A breaker was tripped or reset (through ActionController): polls the breakers now, and
    /// drops the answer of a poll that left before the change.
    void breakersChanged();

Q_SIGNALS:
    /// A metrics answer (or a gap) was recorded for epoch second `second`.
    void sampleRecorded(qint64 second);
    /// The last metrics answer had values that were recorded as invalid (not plotted).
    void invalidSample(const QStringList &problems);
    void healthUpdated(const HealthStatus &health);
    void liveUpdated(const LiveStatus &live);
    void readyUpdated(const ReadyStatus &ready);
    void gatesUpdated(const HealthGates &gates);
    void breakersUpdated(const BreakerList &breakers);
    void opsStatusUpdated(const OpsStatus &status);
    /// A source failed; its last good value (if any) is now stale.
    void sourceFailed(DashboardPoller::Source source, const ApiError &error);
    void staleChanged(DashboardPoller::Source source, bool stale);
    void suggestionChanged(const SeveritySuggestion &suggestion);
    void marksChanged();

private:
    template<typename T>
    void addSource(Source source,
                   int intervalMs,
                   void (OpsClient::*call)(QObject *, std::function<void(const ApiResult<T> &)>),
                   void (DashboardPoller::*apply)(const T &));
    void applyMetrics(const MetricsSnapshot &snapshot);
    void applyHealth(const HealthStatus &health);
    void applyLive(const LiveStatus &live);
    void applyReady(const ReadyStatus &ready);
    void applyGates(const HealthGates &gates);
    void applyBreakers(const BreakerList &breakers);
    void applyOpsStatus(const OpsStatus &status);
    void onSourceFailed(const QString &name, const ApiError &error);
    QList<TimelineMark> modeChanges(const OpsStatus &status) const;
    void updateSuggestion();
    int intervalOf(Source source) const;

    QPointer<OpsClient> m_client;
    PollScheduler m_scheduler;
    SignalStore m_store;
    SampleClock m_sampleClock;
    Intervals m_intervals;
    SeverityThresholds m_thresholds;
    SeveritySuggestion m_suggestion;
    QList<TimelineMark> m_marks;
    std::optional<MetricsSnapshot> m_metrics;
    std::optional<HealthStatus> m_health;
    std::optional<LiveStatus> m_live;
    std::optional<ReadyStatus> m_ready;
    std::optional<HealthGates> m_gates;
    std::optional<BreakerList> m_breakers;
    std::optional<OpsStatus> m_opsStatus;
    qint64 m_lastSampleSecond = 0; ///< receive second of the last good metrics answer
    std::optional<qint64> m_status5xxDelta; ///< 5xx counter rise between the last two samples
    qint64 m_opsStatusReceivedMs = 0; ///< when the previous ops status arrived (marks clamp)
    quint64 m_breakerActions = 0; ///< bumped per action: older breaker polls are re-done
};
