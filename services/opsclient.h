#pragma once

#include "apierror.h"
#include "apiresult.h"
#include "connectionprofile.h"
#include "opsdto.h"
#include "pendingpost.h"

#include <QObject>
#include <QString>

#include <functional>
#include <optional>

class OpsTransport;

template<typename T>
using ApiCallback = std::function<void(const ApiResult<T> &)>;

/// The typed DreamNet Ops API v1 client. Owns the QNetworkAccessManager (via OpsTransport; the
/// health GETs have a second one of their own so that they are never starved),
/// gives every call a total deadline, a response size cap, same-origin-only redirects, a fresh
/// X-Trace-Id, and for POSTs a fresh Idempotency-Key. Pollers, controllers and dialogs call it.
///
/// Every call takes a context object and a callback: the callback runs exactly once, on the
/// client's thread, unless the context was destroyed meanwhile (a null context means "always
/// call"); never synchronously from inside the call itself, but synchronously from inside
/// cancelAll()/setProfile() (with Cancelled). Destroying the client drops pending callbacks.
/// GETs are single-flight per path: a GET issued while the same path is in flight joins it.
/// POSTs are never retried automatically; each returns the PendingPost it sent, and resend()
/// sends those exact bytes again with the same Idempotency-Key.
class OpsClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OpsClient)

public:
    explicit OpsClient(const ConnectionProfile &profile, QObject *parent = nullptr);
    ~OpsClient() override;

    /// Switches profile; in-flight calls are cancelled (their callbacks get Cancelled).
    void setProfile(const ConnectionProfile &profile);
    const ConnectionProfile &profile() const;

    /// Aborts every in-flight call; callbacks get ApiError::Kind::Cancelled.
    void cancelAll();

    /// Network requests in flight for this path (with query, e.g. "/api/metrics"). For tests.
    int inFlightCount(const QString &path) const;
    /// All network requests in flight.
    int inFlightTotal() const;

    // ---- Health (no auth needed) ----
    void getLive(QObject *context, ApiCallback<LiveStatus> callback);
    void getReady(QObject *context, ApiCallback<ReadyStatus> callback);
    void getHealth(QObject *context, ApiCallback<HealthStatus> callback);
    void getHealthGates(QObject *context, ApiCallback<HealthGates> callback);

    // ---- Metrics ----
    void getMetrics(QObject *context, ApiCallback<MetricsSnapshot> callback);

    // ---- Flags and emergency mode ----
    void getFlags(QObject *context, ApiCallback<FlagList> callback);
    PendingPost setFlag(const QString &name,
                        bool enabled,
                        const QString &reason,
                        QObject *context,
                        ApiCallback<IntegrationFlag> callback);
    PendingPost setEmergencyMode(bool active,
                                 const QString &reason,
                                 QObject *context,
                                 ApiCallback<EmergencyMode> callback);

    // ---- Ops modes ----
    void getOpsStatus(QObject *context, ApiCallback<OpsStatus> callback);
    PendingPost setSafeMode(bool enabled,
                            const QString &reason,
                            QObject *context,
                            ApiCallback<ModeState> callback);
    PendingPost setWriteDrain(bool enabled,
                              const QString &reason,
                              QObject *context,
                              ApiCallback<ModeState> callback);
    PendingPost
    restartService(const QString &reason, QObject *context, ApiCallback<Acknowledgement> callback);

    // ---- Agents ----
    void getAgents(QObject *context, ApiCallback<AgentList> callback);
    PendingPost quarantineAgent(const QString &agentId,
                                const QString &reason,
                                std::optional<int> durationSeconds,
                                QObject *context,
                                ApiCallback<Agent> callback);
    PendingPost releaseAgent(const QString &agentId,
                             const QString &reason,
                             QObject *context,
                             ApiCallback<Agent> callback);

    // ---- Dead-letter queue ----
    void getDeadLetterStatus(QObject *context, ApiCallback<DeadLetterStatus> callback);
    PendingPost
    startReplay(const ReplayRequest &request, QObject *context, ApiCallback<ReplayState> callback);
    PendingPost
    stopReplay(const QString &reason, QObject *context, ApiCallback<ReplayState> callback);

    // ---- Circuit breakers ----
    void getCircuitBreakers(QObject *context, ApiCallback<BreakerList> callback);
    PendingPost tripBreaker(const QString &name,
                            const QString &reason,
                            QObject *context,
                            ApiCallback<CircuitBreaker> callback);
    PendingPost resetBreaker(const QString &name,
                             const QString &reason,
                             QObject *context,
                             ApiCallback<CircuitBreaker> callback);

    // ---- Simulator only (/api/sim/*) ----
    void getSimState(QObject *context, ApiCallback<SimState> callback);
    PendingPost setSimScenario(const QString &name,
                               std::optional<int> durationSeconds,
                               QObject *context,
                               ApiCallback<Acknowledgement> callback);
    PendingPost setSimChaos(const ChaosSettings &chaos,
                            QObject *context,
                            ApiCallback<Acknowledgement> callback);
    PendingPost
    advanceSimClock(int seconds, QObject *context, ApiCallback<Acknowledgement> callback);

    // ---- Generic ----
    /// GET of any ops API path, answered with the JSON object as it is (runbook checks). Same
    /// transport, deadline and error classification as the typed calls; for /health paths a 503
    /// carries the normal body (a failing readiness check is an answer, not an error).
    void getJson(const QString &path, QObject *context, ApiCallback<QJsonObject> callback);

    // ---- Application stand-in ----
    void listDreams(QObject *context, ApiCallback<DreamPage> callback);
    PendingPost createDream(const QString &title, QObject *context, ApiCallback<Dream> callback);

    /// Sends a previous mutation again, byte for byte, with the same Idempotency-Key (the user's
    /// "resend with same key" after an unknown outcome). The server replays its stored answer
    /// (result.replayed()) or answers 409 while the first is still executing. While this client
    /// still has the first copy in flight, the callback gets ApiError::Kind::Busy at once.
    void resend(const PendingPost &post, QObject *context, ApiCallback<QJsonObject> callback);

Q_SIGNALS:
    /// After every finished exchange (for a network log view / status bar). Never carries secrets.
    void requestFinished(const QString &method,
                         const QString &path,
                         int httpStatus,
                         qint64 elapsedMs,
                         const QString &traceId,
                         bool ok);

private:
    template<typename T>
    void get(const QString &path,
             QObject *context,
             ApiCallback<T> callback,
             ApiResult<T> (*parse)(const QJsonObject &),
             const QList<int> &answerStatuses = {});
    template<typename T>
    PendingPost post(const QString &path,
                     QJsonObject body,
                     QObject *context,
                     ApiCallback<T> callback,
                     ApiResult<T> (*parse)(const QJsonObject &));
    QJsonObject withReason(const QString &reason, QJsonObject body = {}) const;

    OpsTransport *m_transport = nullptr;
    /// Health GETs only (/health*, /api/health-gates/status), on their own QNetworkAccessManager:
    /// QNAM runs at most 6 requests per host, so slow calls on m_transport can never queue the
    /// health poll behind them (reliability row N19).
    OpsTransport *m_healthTransport = nullptr;
};
