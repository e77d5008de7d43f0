#include "consolesession.h"

#include "consolecontrols.h"
#include "fleetmetricssource.h"
#include "incidentstore.h"
#include "logfilesource.h"
#include "logging.h"
#include "logmux.h"
#include "opsclient.h"

#include <QDir>

#include <spdlog/spdlog.h>

namespace {

using Source = DashboardPoller::Source;

constexpr int kAllEndpoints = 0b1111;
/// The fleet window opened on the first connection: the dashboard's default span.
constexpr qint64 kFleetWindowSeconds = 300;

Source sourceOf(ConsoleSession::Endpoint endpoint)
{
    switch (endpoint) {
    case ConsoleSession::Endpoint::Health:
        return Source::Health;
    case ConsoleSession::Endpoint::Live:
        return Source::Live;
    case ConsoleSession::Endpoint::Ready:
        return Source::Ready;
    case ConsoleSession::Endpoint::OpsStatus:
        break;
    }
    return Source::OpsStatus;
}

std::optional<ConsoleSession::Endpoint> endpointOf(Source source)
{
    switch (source) {
    case Source::OpsStatus:
        return ConsoleSession::Endpoint::OpsStatus;
    case Source::Health:
        return ConsoleSession::Endpoint::Health;
    case Source::Live:
        return ConsoleSession::Endpoint::Live;
    case Source::Ready:
        return ConsoleSession::Endpoint::Ready;
    case Source::Metrics:
    case Source::Gates:
    case Source::Breakers:
        break;
    }
    return std::nullopt;
}

template<typename T>
const std::optional<T> &none()
{
    static const std::optional<T> empty;
    return empty;
}

} // namespace

ConsoleSession::ConsoleSession(const Settings &settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_client(std::make_unique<OpsClient>(settings.profile))
    , m_logs(std::make_unique<LogMux>())
{
    m_controls
        = std::make_unique<ConsoleControls>(m_client.get(), environment(), settings.journalPath);
    if (!settings.prometheus.baseUrl.isEmpty()) {
        m_prometheus = std::make_unique<PrometheusClient>(settings.prometheus);
        m_fleet = std::make_unique<FleetMetricsSource>(m_prometheus.get(),
                                                       settings.prometheusTemplates);
    }
    connect(m_controls.get(), &ConsoleControls::actionMarked, this,
            [this](qint64 epochMs, const QString &label) {
                if (m_poller)
                    m_poller->addMark({epochMs, label});
                refreshNow(); // the modes, breakers and health show what the action did
            });
}

QString ConsoleSession::environment() const
{
    if (m_settings.embeddedSimulator)
        return QStringLiteral("simulator");
    const ConnectionProfile &profile = m_settings.profile;
    return profile.name.isEmpty() ? profile.baseUrl.host() : profile.name;
}

ConsoleSession::~ConsoleSession()
{
    stop();
}

void ConsoleSession::start()
{
    if (m_settings.embeddedSimulator)
        startSimulator();
    else
        connectTo(m_settings.profile);
}

void ConsoleSession::stop()
{
    stopPolling();
    if (m_client)
        m_client->cancelAll();
    if (m_fleet) {
        m_fleet->stop();
        m_prometheus->cancelAll();
    }
    if (m_simulator)
        m_simulator->stop();
}

void ConsoleSession::stopPolling()
{
    // The poller and its last values stay (the panels show them as stale) until a new
    // connection replaces it; stopping it drops the answers still on their way.
    if (m_poller)
        m_poller->stop();
    m_controls->stop();
    m_pollerStopped = true;
}

void ConsoleSession::restartSimulator()
{
    if (!m_settings.embeddedSimulator)
        return;
    stop();
    startSimulator();
}

void ConsoleSession::refreshNow()
{
    if (m_poller && !m_pollerStopped)
        m_poller->pollNow();
}

QUrl ConsoleSession::baseUrl() const
{
    return m_client ? m_client->profile().baseUrl : m_settings.profile.baseUrl;
}

QDateTime ConsoleSession::lastSuccess(Endpoint endpoint) const
{
    if (!m_poller)
        return {};
    const auto last = m_poller->sourceStatus(sourceOf(endpoint)).lastSuccess;
    return last ? last->toLocalTime() : QDateTime();
}

bool ConsoleSession::isStale(Endpoint endpoint) const
{
    // Stale = the last attempt failed, or polling stopped; not yet asked is not stale.
    if (!m_poller)
        return false;
    const auto status = m_poller->sourceStatus(sourceOf(endpoint));
    return m_pollerStopped || status.lastError.has_value();
}

const std::optional<OpsStatus> &ConsoleSession::opsStatus() const
{
    return m_poller ? m_poller->opsStatus() : none<OpsStatus>();
}

const std::optional<HealthStatus> &ConsoleSession::health() const
{
    return m_poller ? m_poller->health() : none<HealthStatus>();
}

const std::optional<LiveStatus> &ConsoleSession::live() const
{
    return m_poller ? m_poller->live() : none<LiveStatus>();
}

const std::optional<ReadyStatus> &ConsoleSession::ready() const
{
    return m_poller ? m_poller->ready() : none<ReadyStatus>();
}

QString ConsoleSession::formatTime(const QDateTime &time)
{
    if (!time.isValid())
        return tr("never");
    const QDateTime local = time.toLocalTime();
    if (local.date() == QDate::currentDate())
        return local.toString(QStringLiteral("hh:mm:ss"));
    return local.toString(QStringLiteral("yyyy-MM-dd hh:mm:ss"));
}

QString ConsoleSession::statusLine() const
{
    const QDateTime last = lastSuccess(Endpoint::OpsStatus);
    switch (m_state) {
    case State::Connected:
        return tr("%1 — last update %2").arg(m_stateMessage, formatTime(last));
    case State::Failing:
    case State::SimulatorDown:
        if (last.isValid()) {
            const QString sentence = m_stateMessage.endsWith(QLatin1Char('.'))
                ? m_stateMessage
                : m_stateMessage + QLatin1Char('.');
            return tr("%1 Showing stale data from %2.").arg(sentence, formatTime(last));
        }
        return m_stateMessage;
    case State::Idle:
    case State::StartingSimulator:
    case State::Connecting:
        break;
    }
    return m_stateMessage;
}

void ConsoleSession::startSimulator()
{
    if (!m_simulator) {
        m_simulator = std::make_unique<SimulatorProcess>();
        connect(m_simulator.get(), &SimulatorProcess::ready, this, [this](const QUrl &url) {
            ConnectionProfile profile = m_settings.profile;
            profile.name = tr("simulator");
            profile.baseUrl = url;
            profile.token = m_simulator->token();
            profile.auth = AuthScheme::Bearer;
            profile.isSimulator = true;
            Q_EMIT simulatorReady(url);
            followSimulatorLog();
            connectTo(profile);
        });
        connect(m_simulator.get(), &SimulatorProcess::failed, this,
                &ConsoleSession::enterSimulatorDown);
        connect(m_simulator.get(), &SimulatorProcess::exited, this,
                [this](int exitCode, QProcess::ExitStatus status) {
                    if (m_state == State::SimulatorDown)
                        return; // failed() already said why
                    enterSimulatorDown(tr("The simulator stopped unexpectedly: it %1.")
                                           .arg(SimulatorProcess::describeExit(exitCode, status)));
                });
    }
    setState(State::StartingSimulator, tr("Starting the bundled simulator…"));
    m_simulator->start(m_settings.simulator);
}

void ConsoleSession::enterSimulatorDown(const QString &message)
{
    stopPolling(); // answers still on their way belong to the dead simulator
    setState(State::SimulatorDown, message);
}

void ConsoleSession::connectTo(const ConnectionProfile &profile)
{
    // The old poller stops first: setProfile() cancels its calls, whose answers must be dropped.
    std::unique_ptr<DashboardPoller> old = std::move(m_poller);
    if (old) {
        old->stop();
        old->disconnect(this);
    }
    m_client->setProfile(profile);
    m_poller = std::make_unique<DashboardPoller>(m_client.get());
    m_poller->setIntervals(m_settings.intervals);
    wirePoller(m_poller.get());
    m_pollerStopped = false;
    m_answered = 0;
    m_lastStatusOk = false;
    setState(State::Connecting, tr("Connecting to %1…").arg(profile.baseUrl.toString()));
    Q_EMIT dashboardChanged(m_poller.get());
    old.reset();
    m_poller->start();
    m_controls->start();
    if (m_fleet && !m_fleet->isLive() && !m_fleet->isBackfilling()) {
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        m_fleet->openWindow(now - kFleetWindowSeconds, now);
    }
}

void ConsoleSession::wirePoller(DashboardPoller *poller)
{
    connect(poller, &DashboardPoller::suggestionChanged, this,
            &ConsoleSession::recordThresholdCrossing);
    connect(poller, &DashboardPoller::opsStatusUpdated, this, [this](const OpsStatus &status) {
        // The state first: whoever reacts to the value sees the current state.
        const QString where = m_client->profile().baseUrl.toString();
        setState(State::Connected,
                 isSimulator() ? tr("Connected to %1 (simulator)").arg(where)
                               : tr("Connected to %1").arg(where));
        Q_EMIT opsStatusUpdated(status);
        answered(Endpoint::OpsStatus, true);
    });
    connect(poller, &DashboardPoller::healthUpdated, this, [this](const HealthStatus &health) {
        Q_EMIT healthUpdated(health);
        answered(Endpoint::Health, true);
    });
    connect(poller, &DashboardPoller::liveUpdated, this, [this](const LiveStatus &live) {
        Q_EMIT liveUpdated(live);
        answered(Endpoint::Live, true);
    });
    connect(poller, &DashboardPoller::readyUpdated, this, [this](const ReadyStatus &ready) {
        Q_EMIT readyUpdated(ready);
        answered(Endpoint::Ready, true);
    });
    connect(poller, &DashboardPoller::sourceFailed, this,
            [this](DashboardPoller::Source source, const ApiError &error) {
                const auto endpoint = endpointOf(source);
                if (!endpoint)
                    return;
                // The state first: whoever reacts to the failure sees the current state.
                if (*endpoint == Endpoint::OpsStatus)
                    setState(State::Failing, error.userMessage());
                Q_EMIT endpointFailed(*endpoint, error);
                answered(*endpoint, false);
            });
}

void ConsoleSession::recordThresholdCrossing(const SeveritySuggestion &suggestion)
{
    // The moments the live signals cross a severity threshold go on the active incident's
    // timeline ("P1 suggested: error rate 62 % ≥ 50 %", "No incident suggested").
    if (suggestion.severity == m_lastSuggested)
        return;
    m_lastSuggested = suggestion.severity;
    IncidentStore *incidents = m_controls->incidents();
    if (!incidents->isOpen() || incidents->isReadOnly())
        return;
    const QString id = incidents->activeIncidentId();
    const std::optional<Incident> incident = id.isEmpty() ? std::nullopt : incidents->incident(id);
    if (!incident || incident->isResolved())
        return;
    TimelineEntry entry;
    entry.incidentId = id;
    entry.kind = TimelineEntry::Kind::ThresholdCrossing;
    entry.time = incidents->now();
    entry.text = suggestion.headline();
    entry.author = tr("console");
    QString error;
    if (!incidents->append(entry, &error))
        Logging::get("services")->warn("timeline: {}", error.toStdString());
}

void ConsoleSession::followSimulatorLog()
{
    if (m_simulatorLogId != 0)
        m_logs->removeSource(m_simulatorLogId);
    static int nextId = 0; // source ids are unique for the whole run, across sessions
    m_simulatorLogId = ++nextId;
    const QString path = QDir(m_simulator->logDir()).filePath(QStringLiteral("server.log"));
    m_logs->addSource(new LogFileSource(m_simulatorLogId, path));
}

void ConsoleSession::answered(Endpoint endpoint, bool ok)
{
    if (endpoint == Endpoint::OpsStatus)
        m_lastStatusOk = ok;
    m_answered |= 1 << static_cast<int>(endpoint);
    if (m_answered != kAllEndpoints)
        return;
    m_answered = 0;
    Q_EMIT refreshFinished(m_lastStatusOk);
}

void ConsoleSession::setState(State state, const QString &message)
{
    if (state == m_state && message == m_stateMessage)
        return;
    m_state = state;
    m_stateMessage = message;
    Logging::get("services")->info("console session: {}", message.toStdString());
    Q_EMIT stateChanged(state, message);
}
