#include "consolesession.h"

#include "logging.h"
#include "opsclient.h"

#include <spdlog/spdlog.h>

namespace {
int indexOf(ConsoleSession::Endpoint endpoint)
{
    return static_cast<int>(endpoint);
}
} // namespace

ConsoleSession::ConsoleSession(const Settings &settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
{
    m_timer.setInterval(m_settings.refreshIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &ConsoleSession::poll);
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
    m_timer.stop();
    ++m_generation;
    m_pending = 0;
    if (m_client)
        m_client->cancelAll();
    if (m_simulator)
        m_simulator->stop();
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
    poll();
}

QUrl ConsoleSession::baseUrl() const
{
    return m_client ? m_client->profile().baseUrl : m_settings.profile.baseUrl;
}

QDateTime ConsoleSession::lastSuccess(Endpoint endpoint) const
{
    return m_lastSuccess[indexOf(endpoint)];
}

bool ConsoleSession::isStale(Endpoint endpoint) const
{
    return m_stale[indexOf(endpoint)];
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
    m_timer.stop();
    ++m_generation; // answers still on their way belong to the dead simulator
    setState(State::SimulatorDown, message);
}

void ConsoleSession::connectTo(const ConnectionProfile &profile)
{
    ++m_generation; // first: setProfile() cancels calls whose answers must be dropped
    m_pending = 0;
    if (m_client)
        m_client->setProfile(profile);
    else
        m_client = std::make_unique<OpsClient>(profile);
    setState(State::Connecting, tr("Connecting to %1…").arg(profile.baseUrl.toString()));
    poll();
    m_timer.start();
}

void ConsoleSession::poll()
{
    if (!m_client || m_pending > 0 || m_state == State::SimulatorDown)
        return;
    const quint64 generation = m_generation;
    m_pending = 4;
    m_roundStatusOk = false;
    m_client->getOpsStatus(this, [this, generation](const ApiResult<OpsStatus> &result) {
        if (generation != m_generation)
            return;
        // The state first: whoever reacts to the value or the failure sees the current state.
        if (result.ok()) {
            const QString where = m_client->profile().baseUrl.toString();
            setState(State::Connected,
                     isSimulator() ? tr("Connected to %1 (simulator)").arg(where)
                                   : tr("Connected to %1").arg(where));
        } else {
            setState(State::Failing, result.error().userMessage());
        }
        handle(Endpoint::OpsStatus, generation, result, m_opsStatus,
               &ConsoleSession::opsStatusUpdated);
        finishOne(generation, result.ok());
    });
    m_client->getHealth(this, [this, generation](const ApiResult<HealthStatus> &result) {
        handle(Endpoint::Health, generation, result, m_health, &ConsoleSession::healthUpdated);
        finishOne(generation, false);
    });
    m_client->getLive(this, [this, generation](const ApiResult<LiveStatus> &result) {
        handle(Endpoint::Live, generation, result, m_live, &ConsoleSession::liveUpdated);
        finishOne(generation, false);
    });
    m_client->getReady(this, [this, generation](const ApiResult<ReadyStatus> &result) {
        handle(Endpoint::Ready, generation, result, m_ready, &ConsoleSession::readyUpdated);
        finishOne(generation, false);
    });
}

template<typename T>
void ConsoleSession::handle(Endpoint endpoint,
                            quint64 generation,
                            const ApiResult<T> &result,
                            std::optional<T> &slot,
                            void (ConsoleSession::*updated)(const T &))
{
    if (generation != m_generation)
        return;
    const int index = indexOf(endpoint);
    if (result.ok()) {
        slot = result.value();
        m_lastSuccess[index] = QDateTime::currentDateTime();
        m_stale[index] = false;
        (this->*updated)(*slot);
        return;
    }
    // Keep the last good value; the GUI marks it stale next to the error.
    m_stale[index] = true;
    Logging::get("services")
        ->debug("{} failed: {}", result.error().path.toStdString(),
                result.error().userMessage().toStdString());
    Q_EMIT endpointFailed(endpoint, result.error());
}

void ConsoleSession::finishOne(quint64 generation, bool opsStatusOk)
{
    if (generation != m_generation)
        return;
    m_roundStatusOk = m_roundStatusOk || opsStatusOk;
    if (--m_pending == 0)
        Q_EMIT refreshFinished(m_roundStatusOk);
}

void ConsoleSession::setState(State state, const QString &message)
{
    if (state == m_state && message == m_stateMessage)
        return;
    m_state = state;
    m_stateMessage = message;
    Logging::get("services")->info("console session: {}", message.toStdString());
    if (state == State::SimulatorDown) {
        for (bool &stale : m_stale)
            stale = true;
    }
    Q_EMIT stateChanged(state, message);
}
