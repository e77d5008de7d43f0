#include "dashboardpoller.h"

#include "logging.h"
#include "opsclient.h"
#include "stalenessformatter.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <cmath>

namespace {

using Source = DashboardPoller::Source;

constexpr std::array kSources {Source::Metrics, Source::Health,   Source::Live,     Source::Ready,
                               Source::Gates,   Source::Breakers, Source::OpsStatus};
static_assert(kSources.size() == DashboardPoller::kSourceCount);

constexpr qsizetype kMaxMarks = 1000;
constexpr qint64 kMarkHorizonMs = 24LL * 60 * 60 * 1000;

std::optional<Source> sourceFromName(const QString &name)
{
    for (Source source : kSources) {
        if (DashboardPoller::sourceName(source) == name)
            return source;
    }
    return std::nullopt;
}

std::optional<double> fresh(const TimeSeries &series, qint64 second, double scale = 1.0)
{
    const double value = series.valueAt(second);
    return std::isnan(value) ? std::nullopt : std::optional<double>(value * scale);
}

} // namespace

DashboardPoller::DashboardPoller(OpsClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
    addSource(Source::Metrics, m_intervals.metricsMs, &OpsClient::getMetrics,
              &DashboardPoller::applyMetrics);
    addSource(Source::Health, m_intervals.healthMs, &OpsClient::getHealth,
              &DashboardPoller::applyHealth);
    addSource(Source::Live, m_intervals.healthMs, &OpsClient::getLive, &DashboardPoller::applyLive);
    addSource(Source::Ready, m_intervals.healthMs, &OpsClient::getReady,
              &DashboardPoller::applyReady);
    addSource(Source::Gates, m_intervals.slowMs, &OpsClient::getHealthGates,
              &DashboardPoller::applyGates);
    addSource(Source::Breakers, m_intervals.slowMs, &OpsClient::getCircuitBreakers,
              &DashboardPoller::applyBreakers);
    addSource(Source::OpsStatus, m_intervals.slowMs, &OpsClient::getOpsStatus,
              &DashboardPoller::applyOpsStatus);

    connect(&m_scheduler, &PollScheduler::sourceFailed, this, &DashboardPoller::onSourceFailed);
    connect(&m_scheduler, &PollScheduler::staleChanged, this,
            [this](const QString &name, bool stale) {
                if (const auto source = sourceFromName(name))
                    Q_EMIT staleChanged(*source, stale);
            });
}

DashboardPoller::~DashboardPoller()
{
    m_scheduler.stop();
}

template<typename T>
void DashboardPoller::addSource(Source source,
                                int intervalMs,
                                void (OpsClient::*call)(QObject *,
                                                        std::function<void(const ApiResult<T> &)>),
                                void (DashboardPoller::*apply)(const T &))
{
    m_scheduler.addSource(
        sourceName(source), intervalMs,
        [this, source, call, apply](QObject *context, PollScheduler::Done done) {
            if (!m_client) {
                ApiError gone;
                gone.kind = ApiError::Kind::Cancelled;
                gone.detail = QStringLiteral("the connection was closed");
                return done(gone);
            }
            const quint64 breakerActions = m_breakerActions;
            (m_client.data()->*call)(
                context, [this, source, apply, done, breakerActions](const ApiResult<T> &result) {
                    // The scheduler first, so that lastSuccess and staleness are current when the
                    // value's signal is emitted.
                    done(result.ok() ? std::nullopt : std::optional<ApiError>(result.error()));
                    if (!result.ok())
                        return; // onSourceFailed() handles it
                    if (source == Source::Breakers && breakerActions != m_breakerActions) {
                        // Started before an action changed the breakers: ask again rather than show
                        // the state from before the action.
                        m_scheduler.pollNow(sourceName(source));
                        return;
                    }
                    (this->*apply)(result.value());
                    updateSuggestion();
                });
        });
}

void DashboardPoller::setIntervals(const Intervals &intervals)
{
    m_intervals = intervals;
    for (Source source : kSources)
        m_scheduler.setInterval(sourceName(source), intervalOf(source));
}

int DashboardPoller::intervalOf(Source source) const
{
    switch (source) {
    case Source::Metrics:
        return m_intervals.metricsMs;
    case Source::Health:
    case Source::Live:
    case Source::Ready:
        return m_intervals.healthMs;
    case Source::Gates:
    case Source::Breakers:
    case Source::OpsStatus:
        break;
    }
    return m_intervals.slowMs;
}

void DashboardPoller::setThresholds(const SeverityThresholds &thresholds)
{
    m_thresholds = thresholds;
    updateSuggestion();
}

void DashboardPoller::start()
{
    m_scheduler.start();
}

void DashboardPoller::stop()
{
    m_scheduler.stop();
}

void DashboardPoller::pollNow()
{
    for (Source source : kSources)
        m_scheduler.pollNow(sourceName(source));
}

PollScheduler::SourceStatus DashboardPoller::sourceStatus(Source source) const
{
    return m_scheduler.status(sourceName(source));
}

QString DashboardPoller::staleReason(Source source) const
{
    return StalenessFormatter::describe(sourceStatus(source), QDateTime::currentDateTimeUtc());
}

void DashboardPoller::addMark(const TimelineMark &mark)
{
    const auto at = std::upper_bound(
        m_marks.begin(), m_marks.end(), mark.epochMs,
        [](qint64 epochMs, const TimelineMark &other) { return epochMs < other.epochMs; });
    m_marks.insert(at, mark);
    // Bounded like the store: a day of marks, a thousand at most.
    const qint64 horizon = m_marks.constLast().epochMs - kMarkHorizonMs;
    while (!m_marks.isEmpty()
           && (m_marks.size() > kMaxMarks || m_marks.constFirst().epochMs < horizon))
        m_marks.removeFirst();
    Q_EMIT marksChanged();
}

QString DashboardPoller::sourceName(Source source)
{
    switch (source) {
    case Source::Metrics:
        return QStringLiteral("metrics");
    case Source::Health:
        return QStringLiteral("health");
    case Source::Live:
        return QStringLiteral("live");
    case Source::Ready:
        return QStringLiteral("ready");
    case Source::Gates:
        return QStringLiteral("health gates");
    case Source::Breakers:
        return QStringLiteral("circuit breakers");
    case Source::OpsStatus:
        break;
    }
    return QStringLiteral("ops status");
}

void DashboardPoller::applyMetrics(const MetricsSnapshot &snapshot)
{
    const qint64 second = m_sampleClock.keyFor(QDateTime::currentMSecsSinceEpoch());
    const SignalStore::IngestReport report = m_store.ingest(second, snapshot);
    if (m_metrics && !report.counterReset)
        m_status5xxDelta = snapshot.goldenSignals.status5xx - m_metrics->goldenSignals.status5xx;
    else
        m_status5xxDelta.reset(); // no previous sample, or a restart: no rate across it
    m_metrics = snapshot;
    m_lastSampleSecond = second;
    Q_EMIT sampleRecorded(second);
    if (!report.invalid.isEmpty()) {
        Logging::get("services")
            ->warn("invalid metrics sample: {}",
                   report.invalid.join(QStringLiteral("; ")).toStdString());
        Q_EMIT invalidSample(report.invalid);
    }
}

void DashboardPoller::applyHealth(const HealthStatus &health)
{
    m_health = health;
    Q_EMIT healthUpdated(health);
}

void DashboardPoller::applyLive(const LiveStatus &live)
{
    m_live = live;
    Q_EMIT liveUpdated(live);
}

void DashboardPoller::applyReady(const ReadyStatus &ready)
{
    m_ready = ready;
    Q_EMIT readyUpdated(ready);
}

void DashboardPoller::applyGates(const HealthGates &gates)
{
    m_gates = gates;
    Q_EMIT gatesUpdated(gates);
}

void DashboardPoller::applyBreakers(const BreakerList &breakers)
{
    m_breakers = breakers;
    Q_EMIT breakersUpdated(breakers);
}

void DashboardPoller::applyOpsStatus(const OpsStatus &status)
{
    const QList<TimelineMark> changes = modeChanges(status);
    m_opsStatus = status;
    m_opsStatusReceivedMs = QDateTime::currentMSecsSinceEpoch();
    for (const TimelineMark &mark : changes)
        addMark(mark);
    Q_EMIT opsStatusUpdated(status);
}

void DashboardPoller::onSourceFailed(const QString &name, const ApiError &error)
{
    const auto source = sourceFromName(name);
    if (!source)
        return;
    if (*source == Source::Metrics) {
        const qint64 second = m_sampleClock.keyFor(QDateTime::currentMSecsSinceEpoch());
        m_store.recordGap(second);
        m_status5xxDelta.reset();
        Q_EMIT sampleRecorded(second);
    }
    Logging::get("services")
        ->debug("{} poll failed: {}", name.toStdString(), error.userMessage().toStdString());
    Q_EMIT sourceFailed(*source, error);
    updateSuggestion();
}

QList<TimelineMark> DashboardPoller::modeChanges(const OpsStatus &status) const
{
    QList<TimelineMark> marks;
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    const bool firstSight = !m_opsStatus;
    // The server's own time of the change when it sent one, but never in the future nor (for a
    // change seen between two answers) before the previous answer: a skewed or simulated server
    // clock must not move the mark off the chart's local time axis.
    const auto markAt = [&](const QDateTime &since) {
        if (!since.isValid())
            return nowMs;
        const qint64 lowest = firstSight ? 0 : m_opsStatusReceivedMs;
        return std::clamp(since.toMSecsSinceEpoch(), lowest, nowMs);
    };
    const auto note = [&](const QString &mode, bool wasOn, bool isOn, const QDateTime &since) {
        if (firstSight ? !isOn : wasOn == isOn)
            return; // first sight marks only modes already on (since when)
        marks.append(
            {markAt(since), mode + (isOn ? QStringLiteral(" on") : QStringLiteral(" off"))});
    };
    const OpsStatus before = m_opsStatus.value_or(OpsStatus {});
    note(QStringLiteral("safe mode"), before.safeMode.enabled, status.safeMode.enabled,
         status.safeMode.since);
    note(QStringLiteral("write drain"), before.writeDrain.enabled, status.writeDrain.enabled,
         status.writeDrain.since);
    // activatedAt says nothing about when emergency mode ended.
    note(QStringLiteral("emergency mode"), before.emergencyMode.active, status.emergencyMode.active,
         status.emergencyMode.active ? status.emergencyMode.activatedAt : QDateTime());
    return marks;
}

void DashboardPoller::updateSuggestion()
{
    SeveritySuggestion next = suggestSeverity(severityInputs(), m_thresholds);
    if (next.severity == m_suggestion.severity && next.reasons == m_suggestion.reasons)
        return;
    // Detection is when the problem first showed, not when it reached its present level.
    if (next.severity != Severity::None)
        next.firstSeen = m_suggestion.severity != Severity::None ? m_suggestion.firstSeen
                                                                 : QDateTime::currentDateTimeUtc();
    m_suggestion = std::move(next);
    Q_EMIT suggestionChanged(m_suggestion);
}

SeverityInputs DashboardPoller::severityInputs() const
{
    SeverityInputs in;
    const auto isFresh = [this](Source source) {
        return !sourceStatus(source).stale;
    };

    if (isFresh(Source::Live)) {
        in.live = !m_live || m_live->status.isEmpty() || m_live->status == QLatin1String("alive");
    } else if (const auto error = sourceStatus(Source::Live).lastError;
               error && error->kind == ApiError::Kind::Http) {
        in.live = false; // the server answered that it is not alive: not "cannot reach"
    }

    if (isFresh(Source::Ready) && m_ready
        && m_ready->checks.database != DatabaseCheck::NotConfigured) {
        in.databaseUp = m_ready->checks.database == DatabaseCheck::Ok;
    } else if (isFresh(Source::Health) && m_health) {
        if (m_health->database == QLatin1String("healthy"))
            in.databaseUp = true;
        else if (m_health->database == QLatin1String("unhealthy"))
            in.databaseUp = false;
    }

    const bool metricsFresh = isFresh(Source::Metrics) && m_metrics;
    if (metricsFresh) {
        const qint64 s = m_lastSampleSecond;
        using Signal = SignalStore::Signal;
        // The store's values, not the raw answer: a value it judged invalid stays unknown.
        in.errorRate = fresh(m_store.series(Signal::ErrorRate), s, 0.01);
        in.p95LatencyMs = fresh(m_store.series(Signal::LatencyP95), s);
        in.p99LatencyMs = fresh(m_store.series(Signal::LatencyP99), s);
        in.eventLoopDelayMs = fresh(m_store.series(Signal::EventLoopDelayMs), s);
    }

    // Writes fail when the database is down and errors are being served (error rate above zero
    // or the 5xx counter rising). Under write drain the server refuses writes with a clean 503
    // before they reach the database: nothing is at risk, so they do not count as failing (the
    // runbook's mitigation turns the P0 into a P1).
    const bool drained
        = isFresh(Source::OpsStatus) && m_opsStatus && m_opsStatus->writeDrain.enabled;
    if (in.databaseUp == true || (in.databaseUp == false && drained)) {
        in.writesFailing = false;
    } else if (in.databaseUp == false && metricsFresh) {
        const bool errors = in.errorRate.value_or(0) > 0;
        const bool rising = m_status5xxDelta.value_or(0) > 0;
        in.writesFailing = errors || rising;
    }

    if (isFresh(Source::Gates) && m_gates) {
        for (const HealthGate &gate : m_gates->gates) {
            if (gate.ready)
                continue;
            const QString name = gate.name.isEmpty() ? gate.serviceId : gate.name;
            (gate.critical ? in.criticalGatesDown : in.otherGatesDown).append(name);
        }
    }
    if (isFresh(Source::Breakers) && m_breakers) {
        for (const CircuitBreaker &breaker : m_breakers->breakers) {
            if (breaker.state != BreakerState::Open)
                continue;
            const bool critical
                = m_thresholds.criticalBreakers.contains(breaker.name, Qt::CaseInsensitive);
            (critical ? in.criticalBreakersOpen : in.otherBreakersOpen).append(breaker.name);
        }
    }
    return in;
}

void DashboardPoller::breakersChanged()
{
    // A breaker poll already on its way may have left before the change: its answer is dropped
    // and the breakers are polled again.
    ++m_breakerActions;
    m_scheduler.pollNow(sourceName(Source::Breakers));
}
