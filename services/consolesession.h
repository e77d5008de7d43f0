#pragma once

#include "apierror.h"
#include "connectionprofile.h"
#include "dashboardpoller.h"
#include "opsdto.h"
#include "prometheusclient.h"
#include "prometheustemplates.h"
#include "simulatorprocess.h"

#include <QDateTime>
#include <QObject>

#include <memory>
#include <optional>

class ConsoleControls;
class FleetMetricsSource;
class LogMux;
class OpsClient;

/// One console connection, QtWidgets-free: optionally starts the bundled simulator, owns the
/// OpsClient and, per connection, the DashboardPoller that polls every source, and tells the GUI
/// what it got, when it got it and what went wrong. MainWindow renders it; tests drive it
/// without widgets.
class ConsoleSession final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConsoleSession)

public:
    enum class State {
        Idle,
        StartingSimulator,
        Connecting,
        Connected, ///< the last ops status poll succeeded
        Failing, ///< the last ops status poll failed; values are stale
        SimulatorDown ///< the bundled simulator could not start or exited
    };
    Q_ENUM(State)

    /// The endpoints of the status panels, each with its own freshness (a subset of the
    /// dashboard's sources).
    enum class Endpoint { OpsStatus, Health, Live, Ready };
    Q_ENUM(Endpoint)

    struct Settings
    {
        bool embeddedSimulator = true;
        ConnectionProfile profile; ///< the server when !embeddedSimulator; base for the simulator
        SimulatorProcess::Options simulator;
        /// Metrics 1 s; health, live, ready 2 s; gates, breakers, ops status 5 s.
        DashboardPoller::Intervals intervals;
        /// The action journal's file; empty = ActionJournal::defaultPath(environment).
        QString journalPath;
        /// The fleet's Prometheus (issue 9): an empty baseUrl = no fleet metrics. The templates
        /// go with it (EnvironmentProfile::prometheusTemplates()).
        PrometheusEndpoint prometheus;
        PrometheusTemplates prometheusTemplates;
    };

    explicit ConsoleSession(const Settings &settings, QObject *parent = nullptr);
    ~ConsoleSession() override;

    /// Starts the simulator (if embedded) or connects at once.
    void start();
    /// Stops polling and the simulator child.
    void stop();
    /// Polls every source now (the user's "Retry now"); sources in flight are left alone.
    void refreshNow();
    /// Stops the simulator child if any and starts a fresh one (new port, new token).
    void restartSimulator();

    State state() const { return m_state; }
    /// One sentence about the connection: "Connected to URL (simulator)", or the client's
    /// userMessage of the failure, or why the simulator is down.
    QString stateMessage() const { return m_stateMessage; }
    /// The status bar line: stateMessage plus "— last update hh:mm:ss" / "— last good data …".
    QString statusLine() const;

    bool isSimulator() const { return m_settings.embeddedSimulator; }
    /// The bundled simulator's --speed (simulated seconds per second); 1 for a real server.
    double simulatorSpeed() const
    {
        return m_settings.embeddedSimulator ? m_settings.simulator.speed : 1.0;
    }
    QUrl baseUrl() const;
    OpsClient *client() const { return m_client.get(); }
    /// "simulator", or the profile's name (its host when unnamed): names journals and dialogs.
    QString environment() const;
    /// The journal, the ActionController and the flags/agents/DLQ poller: one for the session.
    ConsoleControls *controls() const { return m_controls.get(); }
    /// Every followed log; the bundled simulator's server.log is added when it starts.
    LogMux *logs() const { return m_logs.get(); }
    const SimulatorProcess *simulator() const { return m_simulator.get(); }
    /// The live data of the current connection; null before the first connection. Replaced on
    /// every (re)connect and simulator restart: follow dashboardChanged().
    DashboardPoller *dashboard() const { return m_poller.get(); }
    /// The fleet's metrics from Prometheus when the settings name one, else null. Lives as long
    /// as the session; follows the live edge from the first connection until stop().
    FleetMetricsSource *fleet() const { return m_fleet.get(); }
    /// The fleet's Prometheus URL (empty without a fleet): what a remembered choice is kept by.
    QUrl fleetUrl() const { return m_fleet ? m_settings.prometheus.baseUrl : QUrl(); }

    /// Local time of the last successful answer of an endpoint (invalid if never).
    QDateTime lastSuccess(Endpoint endpoint) const;
    bool isStale(Endpoint endpoint) const;

    const std::optional<OpsStatus> &opsStatus() const;
    const std::optional<HealthStatus> &health() const;
    const std::optional<LiveStatus> &live() const;
    const std::optional<ReadyStatus> &ready() const;

    /// "hh:mm:ss" for today, "yyyy-MM-dd hh:mm:ss" otherwise, in local time.
    static QString formatTime(const QDateTime &time);

Q_SIGNALS:
    void stateChanged(ConsoleSession::State state, const QString &message);
    void opsStatusUpdated(const OpsStatus &status);
    void healthUpdated(const HealthStatus &health);
    void liveUpdated(const LiveStatus &live);
    void readyUpdated(const ReadyStatus &ready);
    /// The endpoint's last good value (if any) is now stale.
    void endpointFailed(ConsoleSession::Endpoint endpoint, const ApiError &error);
    /// Every endpoint answered (well or not) since the last time this was emitted; the flag is
    /// the outcome of the latest ops status poll.
    void refreshFinished(bool opsStatusOk);
    /// The bundled simulator is listening (first start or restart).
    void simulatorReady(const QUrl &baseUrl);
    /// A new DashboardPoller serves the connection (first connect, reconnect, simulator
    /// restart); the previous one, if any, is deleted right after this signal.
    void dashboardChanged(DashboardPoller *dashboard);

private:
    void startSimulator();
    void enterSimulatorDown(const QString &message);
    void connectTo(const ConnectionProfile &profile);
    void stopPolling();
    void wirePoller(DashboardPoller *poller);
    void answered(Endpoint endpoint, bool ok);
    void followSimulatorLog();
    void recordThresholdCrossing(const SeveritySuggestion &suggestion);
    void setState(State state, const QString &message);

    Settings m_settings;
    std::unique_ptr<SimulatorProcess> m_simulator;
    std::unique_ptr<OpsClient> m_client;
    std::unique_ptr<ConsoleControls> m_controls;
    std::unique_ptr<LogMux> m_logs;
    std::unique_ptr<DashboardPoller> m_poller;
    std::unique_ptr<PrometheusClient> m_prometheus; ///< null without a fleet
    std::unique_ptr<FleetMetricsSource> m_fleet;
    int m_simulatorLogId = 0; ///< the LogMux source following the simulator's log (0 = none)
    Severity m_lastSuggested = Severity::None; ///< for the timeline's threshold crossings
    State m_state = State::Idle;
    QString m_stateMessage = tr("Not connected yet.");
    bool m_pollerStopped = false; ///< stopped or simulator down: every endpoint counts as stale
    bool m_lastStatusOk = false;
    int m_answered = 0; ///< bit per Endpoint answered since the last refreshFinished
};
