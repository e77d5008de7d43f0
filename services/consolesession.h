#pragma once

#include "apierror.h"
#include "apiresult.h"
#include "connectionprofile.h"
#include "opsdto.h"
#include "simulatorprocess.h"

#include <QDateTime>
#include <QObject>
#include <QTimer>

#include <memory>
#include <optional>

class OpsClient;

/// One console connection, QtWidgets-free: optionally starts the bundled simulator, owns the
/// OpsClient, refreshes ops status and health every interval, and tells the GUI what it got,
/// when it got it and what went wrong. MainWindow renders it; tests drive it without widgets.
class ConsoleSession final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConsoleSession)

public:
    enum class State {
        Idle,
        StartingSimulator,
        Connecting,
        Connected, ///< the last ops status call succeeded
        Failing, ///< the last ops status call failed; values are stale
        SimulatorDown ///< the bundled simulator could not start or exited
    };
    Q_ENUM(State)

    /// The polled endpoints, each with its own freshness.
    enum class Endpoint { OpsStatus, Health, Live, Ready };
    Q_ENUM(Endpoint)

    struct Settings
    {
        bool embeddedSimulator = true;
        ConnectionProfile profile; ///< the server when !embeddedSimulator; base for the simulator
        SimulatorProcess::Options simulator;
        int refreshIntervalMs = 2000;
    };

    explicit ConsoleSession(const Settings &settings, QObject *parent = nullptr);
    ~ConsoleSession() override;

    /// Starts the simulator (if embedded) or connects at once.
    void start();
    /// Stops polling and the simulator child.
    void stop();
    /// Polls now (the user's "Retry now"); skipped while a round is still in flight.
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
    QUrl baseUrl() const;
    OpsClient *client() const { return m_client.get(); }
    const SimulatorProcess *simulator() const { return m_simulator.get(); }

    /// Local time of the last successful answer of an endpoint (invalid if never).
    QDateTime lastSuccess(Endpoint endpoint) const;
    bool isStale(Endpoint endpoint) const;

    const std::optional<OpsStatus> &opsStatus() const { return m_opsStatus; }
    const std::optional<HealthStatus> &health() const { return m_health; }
    const std::optional<LiveStatus> &live() const { return m_live; }
    const std::optional<ReadyStatus> &ready() const { return m_ready; }

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
    /// Every endpoint of one round answered (well or not).
    void refreshFinished(bool opsStatusOk);
    /// The bundled simulator is listening (first start or restart).
    void simulatorReady(const QUrl &baseUrl);

private:
    void startSimulator();
    void enterSimulatorDown(const QString &message);
    void connectTo(const ConnectionProfile &profile);
    void poll();
    void setState(State state, const QString &message);
    template<typename T>
    void handle(Endpoint endpoint,
                quint64 generation,
                const ApiResult<T> &result,
                std::optional<T> &slot,
                void (ConsoleSession::*updated)(const T &));
    void finishOne(quint64 generation, bool opsStatusOk);

    Settings m_settings;
    std::unique_ptr<SimulatorProcess> m_simulator;
    std::unique_ptr<OpsClient> m_client;
    QTimer m_timer;
    State m_state = State::Idle;
    QString m_stateMessage = tr("Not connected yet.");
    quint64 m_generation = 0; ///< bumped on (re)connect: answers of older rounds are dropped
    int m_pending = 0; ///< calls of the current round still out
    bool m_roundStatusOk = false;

    std::optional<OpsStatus> m_opsStatus;
    std::optional<HealthStatus> m_health;
    std::optional<LiveStatus> m_live;
    std::optional<ReadyStatus> m_ready;
    QDateTime m_lastSuccess[4];
    bool m_stale[4] = {false, false, false, false};
};
