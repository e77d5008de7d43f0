#include "opsroutes.h"

#include "enginereport.h"
#include "jsonbody.h"
#include "simclock.h"
#include "simengine.h"

namespace {
using L1 = QLatin1String;

HttpReply ok(const QJsonObject &object, int status = 200)
{
    QJsonObject body {{L1("ok"), true}};
    for (auto it = object.begin(); it != object.end(); ++it)
        body.insert(it.key(), it.value());
    return HttpReply::json(status, body);
}
} // namespace

OpsRoutes::OpsRoutes(SimServices services)
    : m_s(services)
{ }

QList<ApiRoute> OpsRoutes::routes()
{
    const QByteArray get = QByteArrayLiteral("GET");
    const QByteArray post = QByteArrayLiteral("POST");
    const auto bind = [this](HttpReply (OpsRoutes::*fn)(RouteContext &)) {
        return [this, fn](RouteContext &ctx) {
            return (this->*fn)(ctx);
        };
    };
    const auto bindFlag = [this](HttpReply (OpsRoutes::*fn)(RouteContext &, bool), bool value) {
        return [this, fn, value](RouteContext &ctx) {
            return (this->*fn)(ctx, value);
        };
    };
    return {
        {get, QStringLiteral("/api/integration-flags"), bind(&OpsRoutes::flags)},
        {post, QStringLiteral("/api/integration-flags/emergency/enable"),
         bindFlag(&OpsRoutes::setEmergency, true)},
        {post, QStringLiteral("/api/integration-flags/emergency/disable"),
         bindFlag(&OpsRoutes::setEmergency, false)},
        {post, QStringLiteral("/api/integration-flags/{name}/enable"),
         bindFlag(&OpsRoutes::setFlag, true)},
        {post, QStringLiteral("/api/integration-flags/{name}/disable"),
         bindFlag(&OpsRoutes::setFlag, false)},
        {get, QStringLiteral("/api/ops/status"), bind(&OpsRoutes::status)},
        {post, QStringLiteral("/api/ops/safe-mode"), bindFlag(&OpsRoutes::setMode, true)},
        {post, QStringLiteral("/api/ops/write-drain"), bindFlag(&OpsRoutes::setMode, false)},
        {post, QStringLiteral("/api/ops/restart"), bind(&OpsRoutes::restart)},
        {get, QStringLiteral("/api/agents"), bind(&OpsRoutes::agents)},
        {post, QStringLiteral("/api/agents/quarantine"), bindFlag(&OpsRoutes::quarantine, true)},
        {post, QStringLiteral("/api/agents/release"), bindFlag(&OpsRoutes::quarantine, false)},
        {get, QStringLiteral("/api/dead-letter/status"), bind(&OpsRoutes::deadLetters)},
        {post, QStringLiteral("/api/dead-letter/replay"), bind(&OpsRoutes::replay)},
        {post, QStringLiteral("/api/dead-letter/replay/stop"), bind(&OpsRoutes::stopReplay)},
        {get, QStringLiteral("/api/circuit-breakers"), bind(&OpsRoutes::breakers)},
        {post, QStringLiteral("/api/circuit-breakers/{name}/trip"),
         bindFlag(&OpsRoutes::breakerAction, true)},
        {post, QStringLiteral("/api/circuit-breakers/{name}/reset"),
         bindFlag(&OpsRoutes::breakerAction, false)},
    };
}

void OpsRoutes::logMutation(const RouteContext &ctx,
                            const QString &what,
                            const QString &by,
                            const QString &reason,
                            int status)
{
    m_s.engine.log(ServerLog::Level::Warn, QStringLiteral("ops"),
                   QStringLiteral("%1 by %2 reason=\"%3\" traceId=%4 route=%5 status=%6 ms=1")
                       .arg(what, by, reason, ctx.traceId, ctx.path)
                       .arg(status));
}

HttpReply OpsRoutes::flags(RouteContext &)
{
    return ok({{L1("flags"), m_s.engine.flags().toJson()},
               {L1("emergencyMode"), m_s.engine.flags().emergencyJson()}});
}

HttpReply OpsRoutes::setFlag(RouteContext &ctx, bool enabled)
{
    FlagBoard &flags = m_s.engine.flags();
    const QString name = ctx.params.value(0);
    if (!flags.find(name))
        return ctx.error(404, QStringLiteral("unknown_flag"),
                         QStringLiteral("There is no integration flag named '%1'.").arg(name));
    JsonBody body(ctx.body);
    const QString reason = body.reason();
    const QString by = body.by(ctx.role);
    if (body.failed())
        return ctx.error(400, body.code(), body.message());
    flags.set(name, enabled, reason, by, m_s.engine.nowMs());
    logMutation(ctx,
                QStringLiteral("flag %1 %2").arg(name, enabled ? L1("enabled") : L1("disabled")),
                by, reason, 200);
    return ok({{L1("flag"), flags.toJson(*flags.find(name))}});
}

HttpReply OpsRoutes::setEmergency(RouteContext &ctx, bool enabled)
{
    JsonBody body(ctx.body);
    const QString reason = body.reason();
    const QString by = body.by(ctx.role);
    if (body.failed())
        return ctx.error(400, body.code(), body.message());
    m_s.engine.flags().setEmergency(enabled, reason, by, m_s.engine.nowMs());
    logMutation(ctx,
                enabled ? QStringLiteral("emergency mode activated")
                        : QStringLiteral("emergency mode deactivated"),
                by, reason, 200);
    return ok({{L1("emergencyMode"), m_s.engine.flags().emergencyJson()}});
}

HttpReply OpsRoutes::status(RouteContext &)
{
    return HttpReply::json(200, EngineReport::opsStatus(m_s.engine, m_s.instance));
}

HttpReply OpsRoutes::setMode(RouteContext &ctx, bool safeMode)
{
    JsonBody body(ctx.body);
    const std::optional<bool> enabled = body.boolean("enabled", true);
    const QString reason = body.reason();
    const QString by = body.by(ctx.role);
    if (body.failed())
        return ctx.error(400, body.code(), body.message());
    if (safeMode)
        m_s.engine.setSafeMode(*enabled, reason, by);
    else
        m_s.engine.setWriteDrain(*enabled, reason, by);
    const QString name = safeMode ? QStringLiteral("safe mode") : QStringLiteral("write drain");
    logMutation(ctx, name + (*enabled ? L1(" enabled") : L1(" disabled")), by, reason, 200);
    return safeMode ? ok({{L1("safeMode"), EngineReport::mode(m_s.engine.safeMode())}})
                    : ok({{L1("writeDrain"), EngineReport::mode(m_s.engine.writeDrain())}});
}

HttpReply OpsRoutes::restart(RouteContext &ctx)
{
    JsonBody body(ctx.body);
    const QString reason = body.reason();
    const QString by = body.by(ctx.role);
    if (body.failed())
        return ctx.error(400, body.code(), body.message());
    m_s.engine.restart(reason, by);
    logMutation(ctx, QStringLiteral("restart"), by, reason, 202);
    return ok(
        {{L1("restart"),
          QJsonObject {{L1("state"), QStringLiteral("restarting")},
                       {L1("requestedAt"), SimClock::toIso(m_s.engine.nowMs())},
                       {L1("startedAt"), SimClock::toIso(m_s.engine.process().startedAtMs)}}}},
        202);
}

HttpReply OpsRoutes::agents(RouteContext &)
{
    const QJsonArray agents = m_s.engine.agents().toJson();
    return ok({{L1("agents"), agents}, {L1("total"), agents.size()}});
}

HttpReply OpsRoutes::quarantine(RouteContext &ctx, bool quarantine)
{
    JsonBody body(ctx.body);
    const std::optional<QString> id = body.string("agentId", true, 100);
    const std::optional<double> duration
        = quarantine ? body.number("durationSeconds", false, 1, 30 * 24 * 3600) : std::nullopt;
    if (body.failed())
        return ctx.error(400, body.code(), body.message());
    AgentBoard &agents = m_s.engine.agents();
    if (!agents.find(*id))
        return ctx.error(404, QStringLiteral("unknown_agent"),
                         QStringLiteral("There is no agent with id '%1'.").arg(*id));
    const QString reason = body.reason();
    const QString by = body.by(ctx.role);
    if (body.failed())
        return ctx.error(400, body.code(), body.message());
    const bool changed = agents.isQuarantined(*id) != quarantine;
    if (quarantine)
        agents.quarantine(*id, reason, by, m_s.engine.nowMs(), qint64(duration.value_or(0)));
    else
        agents.release(*id);
    if (changed)
        logMutation(
            ctx,
            QStringLiteral("agent %1 %2").arg(*id, quarantine ? L1("quarantined") : L1("released")),
            by, reason, 200);
    return ok({{L1("agent"), AgentBoard::toJson(*agents.find(*id))}});
}

HttpReply OpsRoutes::deadLetters(RouteContext &)
{
    return HttpReply::json(200, m_s.engine.deadLetters().statusJson());
}

HttpReply OpsRoutes::replay(RouteContext &ctx)
{
    JsonBody body(ctx.body);
    const std::optional<double> rate = body.number("rateLimit", true, 1, 1000);
    const std::optional<double> max = body.number("maxMessages", true, 1, 100000);
    const std::optional<QString> errorType = body.string("errorType", false, 16);
    const std::optional<QString> conduit = body.string("conduitId", false, 200);
    if (errorType
        && !QStringList {QStringLiteral("TIMEOUT"), QStringLiteral("FAILURE"),
                         QStringLiteral("ERROR")}
                .contains(*errorType))
        return ctx.error(400, QStringLiteral("invalid_body"),
                         QStringLiteral("Field 'errorType' must be TIMEOUT, FAILURE or ERROR."));
    const QString reason = body.reason();
    const QString by = body.by(ctx.role);
    if (body.failed())
        return ctx.error(400, body.code(), body.message());
    DeadLetterQueue &dlq = m_s.engine.deadLetters();
    if (!dlq.startReplay(m_s.engine.nextId("replay"), int(*rate), int(*max),
                         errorType.value_or(QString()), conduit.value_or(QString()),
                         m_s.engine.nowMs()))
        return ctx.error(409, QStringLiteral("replay_in_progress"),
                         QStringLiteral("A dead-letter replay is already running; stop it first."));
    logMutation(ctx, QStringLiteral("dlq replay started rate=%1/s max=%2").arg(*rate).arg(*max), by,
                reason, 202);
    return ok({{L1("replay"), dlq.replayJson()}}, 202);
}

HttpReply OpsRoutes::stopReplay(RouteContext &ctx)
{
    JsonBody body(ctx.body);
    const QString reason = body.reason();
    const QString by = body.by(ctx.role);
    if (body.failed())
        return ctx.error(400, body.code(), body.message());
    DeadLetterQueue &dlq = m_s.engine.deadLetters();
    if (!dlq.stopReplay())
        return ctx.error(404, QStringLiteral("no_replay"),
                         QStringLiteral("No dead-letter replay has been started."));
    logMutation(ctx, QStringLiteral("dlq replay stopped"), by, reason, 200);
    return ok({{L1("replay"), dlq.replayJson()}});
}

HttpReply OpsRoutes::breakers(RouteContext &)
{
    return ok({{L1("breakers"), m_s.engine.breakers().toJson()},
               {L1("timestamp"), SimClock::toIso(m_s.engine.nowMs())}});
}

HttpReply OpsRoutes::breakerAction(RouteContext &ctx, bool trip)
{
    BreakerBoard &breakers = m_s.engine.breakers();
    const QString name = ctx.params.value(0);
    if (!breakers.find(name))
        return ctx.error(404, QStringLiteral("unknown_breaker"),
                         QStringLiteral("There is no circuit breaker named '%1'.").arg(name));
    JsonBody body(ctx.body);
    const QString reason = body.reason();
    const QString by = body.by(ctx.role);
    if (body.failed())
        return ctx.error(400, body.code(), body.message());
    if (trip)
        breakers.trip(name, m_s.engine.nowMs());
    else
        breakers.reset(name);
    logMutation(ctx, QStringLiteral("breaker %1 %2").arg(name, trip ? L1("tripped") : L1("reset")),
                by, reason, 200);
    return ok({{L1("breaker"), BreakerBoard::toJson(*breakers.find(name))}});
}
