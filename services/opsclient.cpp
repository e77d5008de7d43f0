#include "opsclient.h"

#include "jsonmapping.h"
#include "opstransport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>

#include <type_traits>

namespace {

QString segment(const QString &name)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(name));
}

ApiResult<Acknowledgement> parseAcknowledgement(const QJsonObject &json)
{
    return ApiResult<Acknowledgement>::success(Acknowledgement {0, json});
}

ApiResult<QJsonObject> parseObject(const QJsonObject &json)
{
    return ApiResult<QJsonObject>::success(json);
}

} // namespace

OpsClient::OpsClient(const ConnectionProfile &profile, QObject *parent)
    : QObject(parent)
    , m_transport(new OpsTransport(profile, this))
    , m_healthTransport(new OpsTransport(profile, this))
{
    connect(m_transport, &OpsTransport::finished, this, &OpsClient::requestFinished);
    connect(m_healthTransport, &OpsTransport::finished, this, &OpsClient::requestFinished);
}

OpsClient::~OpsClient() = default;

void OpsClient::setProfile(const ConnectionProfile &profile)
{
    m_transport->setProfile(profile);
    m_healthTransport->setProfile(profile);
}

const ConnectionProfile &OpsClient::profile() const
{
    return m_transport->profile();
}

void OpsClient::cancelAll()
{
    m_transport->cancelAll();
    m_healthTransport->cancelAll();
}

int OpsClient::inFlightCount(const QString &path) const
{
    return m_transport->inFlightCount(path) + m_healthTransport->inFlightCount(path);
}

int OpsClient::inFlightTotal() const
{
    return m_transport->inFlightTotal() + m_healthTransport->inFlightTotal();
}

template<typename T>
static ApiResult<T> mapResult(const ApiResult<QJsonObject> &raw,
                              ApiResult<T> (*parse)(const QJsonObject &),
                              const ApiError &context)
{
    if (!raw.ok())
        return ApiResult<T>::failure(raw.error());
    ApiResult<T> typed = parse(raw.value());
    if (!typed.ok()) {
        ApiError e = context;
        e.kind = typed.error().kind;
        e.detail = typed.error().detail;
        e.httpStatus = raw.httpStatus();
        e.traceId = raw.traceId();
        return ApiResult<T>::failure(e);
    }
    if constexpr (std::is_same_v<T, Acknowledgement>) {
        Acknowledgement ack = typed.value();
        ack.httpStatus = raw.httpStatus();
        return ApiResult<T>::success(ack, raw.traceId(), raw.replayed(), raw.httpStatus());
    } else {
        return ApiResult<T>::success(typed.value(), raw.traceId(), raw.replayed(),
                                     raw.httpStatus());
    }
}

template<typename T>
void OpsClient::get(const QString &path,
                    QObject *context,
                    ApiCallback<T> callback,
                    ApiResult<T> (*parse)(const QJsonObject &),
                    const QList<int> &answerStatuses)
{
    ApiError ctx;
    ctx.profileName = profile().name;
    ctx.method = QStringLiteral("GET");
    ctx.path = path;
    ctx.url = profile().baseUrl.toString(QUrl::RemoveUserInfo | QUrl::RemovePath);
    OpsTransport::Exchange exchange {"GET", path, {}, {}, {}, answerStatuses};
    const bool health = path.startsWith(QLatin1String("/health"))
        || path.startsWith(QLatin1String("/api/health-gates/"));
    (health ? m_healthTransport : m_transport)
        ->send(std::move(exchange), context,
               [callback = std::move(callback), parse, ctx](const ApiResult<QJsonObject> &raw) {
                   callback(mapResult(raw, parse, ctx));
               });
}

template<typename T>
PendingPost OpsClient::post(const QString &path,
                            QJsonObject body,
                            QObject *context,
                            ApiCallback<T> callback,
                            ApiResult<T> (*parse)(const QJsonObject &))
{
    PendingPost pending;
    pending.path = path;
    pending.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    pending.idempotencyKey = OpsTransport::newIdempotencyKey();
    pending.traceId = OpsTransport::newTraceId();
    ApiError ctx;
    ctx.profileName = profile().name;
    ctx.method = QStringLiteral("POST");
    ctx.path = path;
    ctx.url = profile().baseUrl.toString(QUrl::RemoveUserInfo | QUrl::RemovePath);
    OpsTransport::Exchange exchange {"POST", path, pending.body, pending.idempotencyKey,
                                     pending.traceId};
    m_transport->send(
        std::move(exchange), context,
        [callback = std::move(callback), parse, ctx](const ApiResult<QJsonObject> &raw) {
            callback(mapResult(raw, parse, ctx));
        });
    return pending;
}

void OpsClient::resend(const PendingPost &post, QObject *context, ApiCallback<QJsonObject> callback)
{
    OpsTransport::Exchange exchange {"POST", post.path, post.body, post.idempotencyKey, {}};
    m_transport->send(std::move(exchange), context, std::move(callback));
}

QJsonObject OpsClient::withReason(const QString &reason, QJsonObject body) const
{
    body.insert(QLatin1String("reason"), reason);
    if (!profile().operatorName.isEmpty())
        body.insert(QLatin1String("operator"), profile().operatorName);
    return body;
}

// ---- Health and metrics ----

void OpsClient::getLive(QObject *context, ApiCallback<LiveStatus> callback)
{
    get(QStringLiteral("/health/live"), context, std::move(callback), JsonMapping::parseLiveStatus);
}

void OpsClient::getReady(QObject *context, ApiCallback<ReadyStatus> callback)
{
    // Not ready is an answer, not an error: 503 comes with the normal body.
    get(QStringLiteral("/health/ready"), context, std::move(callback),
        JsonMapping::parseReadyStatus, {503});
}

void OpsClient::getHealth(QObject *context, ApiCallback<HealthStatus> callback)
{
    get(QStringLiteral("/health"), context, std::move(callback), JsonMapping::parseHealthStatus,
        {503});
}

void OpsClient::getHealthGates(QObject *context, ApiCallback<HealthGates> callback)
{
    get(QStringLiteral("/api/health-gates/status"), context, std::move(callback),
        JsonMapping::parseHealthGates);
}

void OpsClient::getMetrics(QObject *context, ApiCallback<MetricsSnapshot> callback)
{
    get(QStringLiteral("/api/metrics"), context, std::move(callback),
        JsonMapping::parseMetricsSnapshot);
}

// ---- Flags ----

void OpsClient::getFlags(QObject *context, ApiCallback<FlagList> callback)
{
    get(QStringLiteral("/api/integration-flags"), context, std::move(callback),
        JsonMapping::parseFlagList);
}

PendingPost OpsClient::setFlag(const QString &name,
                               bool enabled,
                               const QString &reason,
                               QObject *context,
                               ApiCallback<IntegrationFlag> callback)
{
    const QString path
        = QStringLiteral("/api/integration-flags/%1/%2")
              .arg(segment(name), enabled ? QStringLiteral("enable") : QStringLiteral("disable"));
    return post(path, withReason(reason), context, std::move(callback),
                JsonMapping::parseFlagAnswer);
}

PendingPost OpsClient::setEmergencyMode(bool active,
                                        const QString &reason,
                                        QObject *context,
                                        ApiCallback<EmergencyMode> callback)
{
    const QString path = active ? QStringLiteral("/api/integration-flags/emergency/enable")
                                : QStringLiteral("/api/integration-flags/emergency/disable");
    return post(path, withReason(reason), context, std::move(callback),
                JsonMapping::parseEmergencyAnswer);
}

// ---- Ops modes ----

void OpsClient::getOpsStatus(QObject *context, ApiCallback<OpsStatus> callback)
{
    get(QStringLiteral("/api/ops/status"), context, std::move(callback),
        JsonMapping::parseOpsStatus);
}

PendingPost OpsClient::setSafeMode(bool enabled,
                                   const QString &reason,
                                   QObject *context,
                                   ApiCallback<ModeState> callback)
{
    return post(QStringLiteral("/api/ops/safe-mode"),
                withReason(reason, {{QLatin1String("enabled"), enabled}}), context,
                std::move(callback), JsonMapping::parseSafeModeAnswer);
}

PendingPost OpsClient::setWriteDrain(bool enabled,
                                     const QString &reason,
                                     QObject *context,
                                     ApiCallback<ModeState> callback)
{
    return post(QStringLiteral("/api/ops/write-drain"),
                withReason(reason, {{QLatin1String("enabled"), enabled}}), context,
                std::move(callback), JsonMapping::parseWriteDrainAnswer);
}

PendingPost OpsClient::restartService(const QString &reason,
                                      QObject *context,
                                      ApiCallback<Acknowledgement> callback)
{
    return post(QStringLiteral("/api/ops/restart"), withReason(reason), context,
                std::move(callback), parseAcknowledgement);
}

// ---- Agents ----

void OpsClient::getAgents(QObject *context, ApiCallback<AgentList> callback)
{
    get(QStringLiteral("/api/agents"), context, std::move(callback), JsonMapping::parseAgentList);
}

PendingPost OpsClient::quarantineAgent(const QString &agentId,
                                       const QString &reason,
                                       std::optional<int> durationSeconds,
                                       QObject *context,
                                       ApiCallback<Agent> callback)
{
    QJsonObject body {{QLatin1String("agentId"), agentId}};
    if (durationSeconds)
        body.insert(QLatin1String("durationSeconds"), *durationSeconds);
    return post(QStringLiteral("/api/agents/quarantine"), withReason(reason, body), context,
                std::move(callback), JsonMapping::parseAgentAnswer);
}

PendingPost OpsClient::releaseAgent(const QString &agentId,
                                    const QString &reason,
                                    QObject *context,
                                    ApiCallback<Agent> callback)
{
    return post(QStringLiteral("/api/agents/release"),
                withReason(reason, {{QLatin1String("agentId"), agentId}}), context,
                std::move(callback), JsonMapping::parseAgentAnswer);
}

// ---- Dead-letter queue ----

void OpsClient::getDeadLetterStatus(QObject *context, ApiCallback<DeadLetterStatus> callback)
{
    get(QStringLiteral("/api/dead-letter/status"), context, std::move(callback),
        JsonMapping::parseDeadLetterStatus);
}

PendingPost OpsClient::startReplay(const ReplayRequest &request,
                                   QObject *context,
                                   ApiCallback<ReplayState> callback)
{
    QJsonObject body {{QLatin1String("rateLimit"), request.rateLimit},
                      {QLatin1String("maxMessages"), request.maxMessages}};
    if (!request.errorType.isEmpty())
        body.insert(QLatin1String("errorType"), request.errorType);
    if (!request.conduitId.isEmpty())
        body.insert(QLatin1String("conduitId"), request.conduitId);
    return post(QStringLiteral("/api/dead-letter/replay"), withReason(request.reason, body),
                context, std::move(callback), JsonMapping::parseReplayAnswer);
}

PendingPost
OpsClient::stopReplay(const QString &reason, QObject *context, ApiCallback<ReplayState> callback)
{
    return post(QStringLiteral("/api/dead-letter/replay/stop"), withReason(reason), context,
                std::move(callback), JsonMapping::parseReplayAnswer);
}

// ---- Circuit breakers ----

void OpsClient::getCircuitBreakers(QObject *context, ApiCallback<BreakerList> callback)
{
    get(QStringLiteral("/api/circuit-breakers"), context, std::move(callback),
        JsonMapping::parseBreakerList);
}

PendingPost OpsClient::tripBreaker(const QString &name,
                                   const QString &reason,
                                   QObject *context,
                                   ApiCallback<CircuitBreaker> callback)
{
    return post(QStringLiteral("/api/circuit-breakers/%1/trip").arg(segment(name)),
                withReason(reason), context, std::move(callback), JsonMapping::parseBreakerAnswer);
}

PendingPost OpsClient::resetBreaker(const QString &name,
                                    const QString &reason,
                                    QObject *context,
                                    ApiCallback<CircuitBreaker> callback)
{
    return post(QStringLiteral("/api/circuit-breakers/%1/reset").arg(segment(name)),
                withReason(reason), context, std::move(callback), JsonMapping::parseBreakerAnswer);
}

// ---- Simulator ----

void OpsClient::getSimState(QObject *context, ApiCallback<SimState> callback)
{
    get(QStringLiteral("/api/sim/state"), context, std::move(callback), JsonMapping::parseSimState);
}

PendingPost OpsClient::setSimScenario(const QString &name,
                                      std::optional<int> durationSeconds,
                                      QObject *context,
                                      ApiCallback<Acknowledgement> callback)
{
    QJsonObject body {{QLatin1String("name"), name}};
    if (durationSeconds)
        body.insert(QLatin1String("durationSeconds"), *durationSeconds);
    return post(QStringLiteral("/api/sim/scenario"), body, context, std::move(callback),
                parseAcknowledgement);
}

PendingPost OpsClient::setSimChaos(const ChaosSettings &chaos,
                                   QObject *context,
                                   ApiCallback<Acknowledgement> callback)
{
    QJsonObject body;
    if (!chaos.isOff()) {
        body = {{QLatin1String("latencyMs"), chaos.latencyMs},
                {QLatin1String("jitterMs"), chaos.jitterMs},
                {QLatin1String("errorRate"), chaos.errorRate},
                {QLatin1String("malformedRate"), chaos.malformedRate},
                {QLatin1String("dropRate"), chaos.dropRate},
                {QLatin1String("hangRate"), chaos.hangRate},
                {QLatin1String("slowBytesPerSecond"), chaos.slowBytesPerSecond}};
        if (!chaos.paths.isEmpty())
            body.insert(QLatin1String("paths"), QJsonArray::fromStringList(chaos.paths));
        if (!chaos.malformedKind.isEmpty())
            body.insert(QLatin1String("malformedKind"), chaos.malformedKind);
    }
    return post(QStringLiteral("/api/sim/chaos"), body, context, std::move(callback),
                parseAcknowledgement);
}

PendingPost
OpsClient::advanceSimClock(int seconds, QObject *context, ApiCallback<Acknowledgement> callback)
{
    return post(QStringLiteral("/api/sim/clock"), {{QLatin1String("advanceSeconds"), seconds}},
                context, std::move(callback), parseAcknowledgement);
}

// ---- Application stand-in ----

void OpsClient::listDreams(QObject *context, ApiCallback<DreamPage> callback)
{
    get(QStringLiteral("/api/dreams"), context, std::move(callback), JsonMapping::parseDreamPage);
}

PendingPost
OpsClient::createDream(const QString &title, QObject *context, ApiCallback<Dream> callback)
{
    return post(QStringLiteral("/api/dreams"), {{QLatin1String("title"), title}}, context,
                std::move(callback), JsonMapping::parseDreamAnswer);
}

// ---- Generic ----

void OpsClient::getJson(const QString &path, QObject *context, ApiCallback<QJsonObject> callback)
{
    const QList<int> answers
        = path.startsWith(QLatin1String("/health")) ? QList<int> {503} : QList<int> {};
    get(path, context, std::move(callback), parseObject, answers);
}
