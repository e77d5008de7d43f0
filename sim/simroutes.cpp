#include "simroutes.h"

#include "chaospolicy.h"
#include "enginereport.h"
#include "httpstats.h"
#include "jsonbody.h"
#include "prometheusexporter.h"
#include "simclock.h"
#include "simengine.h"

#include <QCoreApplication>
#include <QJsonDocument>

namespace {
using L1 = QLatin1String;
constexpr qsizetype kMaxDreams = 1000;

HttpReply withRetry(HttpReply reply)
{
    if (reply.status == 503)
        reply.setHeader(QByteArrayLiteral("Retry-After"), QByteArrayLiteral("5"));
    return reply;
}
} // namespace

SimRoutes::SimRoutes(SimServices services)
    : m_s(services)
{ }

QList<ApiRoute> SimRoutes::routes()
{
    const QByteArray get = QByteArrayLiteral("GET");
    const QByteArray post = QByteArrayLiteral("POST");
    const auto bind = [this](HttpReply (SimRoutes::*fn)(RouteContext &)) {
        return [this, fn](RouteContext &ctx) {
            return (this->*fn)(ctx);
        };
    };
    return {
        {get, QStringLiteral("/health"), bind(&SimRoutes::health)},
        {get, QStringLiteral("/health/live"), bind(&SimRoutes::live)},
        {get, QStringLiteral("/health/ready"), bind(&SimRoutes::ready)},
        {get, QStringLiteral("/metrics"), bind(&SimRoutes::prometheus)},
        {get, QStringLiteral("/api/health-gates/status"), bind(&SimRoutes::gates)},
        {get, QStringLiteral("/api/metrics"), bind(&SimRoutes::metrics)},
        {get, QStringLiteral("/api/dreams"), bind(&SimRoutes::dreams)},
        {post, QStringLiteral("/api/dreams"), bind(&SimRoutes::createDream)},
        {get, QStringLiteral("/api/sim/state"), bind(&SimRoutes::state)},
        {post, QStringLiteral("/api/sim/scenario"), bind(&SimRoutes::scenario)},
        {post, QStringLiteral("/api/sim/chaos"), bind(&SimRoutes::chaos)},
        {post, QStringLiteral("/api/sim/clock"), bind(&SimRoutes::clock)},
    };
}

HttpReply SimRoutes::health(RouteContext &)
{
    const bool healthy = EngineReport::isHealthy(m_s.engine);
    return withRetry(HttpReply::json(healthy ? 200 : 503, EngineReport::health(m_s.engine)));
}

HttpReply SimRoutes::live(RouteContext &)
{
    return HttpReply::json(200, EngineReport::live(m_s.engine, QCoreApplication::applicationPid()));
}

HttpReply SimRoutes::ready(RouteContext &)
{
    const bool ready = EngineReport::isReady(m_s.engine);
    return withRetry(HttpReply::json(ready ? 200 : 503, EngineReport::ready(m_s.engine)));
}

HttpReply SimRoutes::gates(RouteContext &)
{
    return HttpReply::json(200, EngineReport::gates(m_s.engine));
}

HttpReply SimRoutes::prometheus(RouteContext &)
{
    HttpReply reply;
    reply.contentType = QByteArrayLiteral("text/plain; version=0.0.4; charset=utf-8");
    reply.body = PrometheusExporter::render(m_s.engine, m_s.stats.openConnections());
    return reply;
}

HttpReply SimRoutes::metrics(RouteContext &)
{
    const int open = m_s.stats.openConnections();
    return HttpReply::json(200, EngineReport::metrics(m_s.engine, m_s.instance, open));
}

HttpReply SimRoutes::dreams(RouteContext &)
{
    QJsonArray page;
    for (qsizetype i = m_dreams.size() - 1; i >= 0 && page.size() < 50; --i)
        page.append(m_dreams.at(i));
    return HttpReply::json(200,
                           QJsonObject {{L1("ok"), true},
                                        {L1("dreams"), page},
                                        {L1("total"), m_dreams.size()},
                                        {L1("page"), 1}});
}

HttpReply SimRoutes::createDream(RouteContext &ctx)
{
    if (m_s.engine.writeDrain().enabled) {
        HttpReply reply = ctx.error(503, QStringLiteral("write_drain"),
                                    QStringLiteral("Writes are drained during maintenance; "
                                                   "retry later."));
        reply.setHeader(QByteArrayLiteral("Retry-After"), QByteArrayLiteral("5"));
        return reply;
    }
    JsonBody body(ctx.body);
    const std::optional<QString> title = body.string("title", true, 200);
    if (body.failed())
        return ctx.error(400, body.code(), body.message());
    if (!m_s.engine.databaseHealthy()) {
        m_s.engine.log(ServerLog::Level::Error, QStringLiteral("database"),
                       QStringLiteral("connect ECONNREFUSED 10.0.0.5:5432 traceId=%1 "
                                      "route=/api/dreams status=500 ms=1043")
                           .arg(ctx.traceId));
        return ctx.error(500, QStringLiteral("database_unavailable"),
                         QStringLiteral("The database is unavailable; the dream was not saved."));
    }
    const QJsonObject dream {{L1("id"), m_s.engine.nextId("dream")},
                             {L1("title"), *title},
                             {L1("createdAt"), SimClock::toIso(m_s.engine.nowMs())}};
    m_dreams.append(dream);
    while (m_dreams.size() > kMaxDreams)
        m_dreams.removeFirst();
    return HttpReply::json(201, QJsonObject {{L1("ok"), true}, {L1("dream"), dream}});
}

QJsonObject SimRoutes::scenarioJson() const
{
    const SimEngine &e = m_s.engine;
    return QJsonObject {{L1("name"), ScenarioTable::name(e.scenario())},
                        {L1("description"), ScenarioTable::description(e.scenario())},
                        {L1("mitigation"), ScenarioTable::mitigation(e.scenario())},
                        {L1("startedAt"),
                         e.scenarioStartedMs() > 0
                             ? QJsonValue(SimClock::toIso(e.scenarioStartedMs()))
                             : QJsonValue(QJsonValue::Null)},
                        {L1("endsAt"),
                         e.scenarioEndsMs() > 0 ? QJsonValue(SimClock::toIso(e.scenarioEndsMs()))
                                                : QJsonValue(QJsonValue::Null)}};
}

QJsonObject SimRoutes::clockJson() const
{
    return QJsonObject {{L1("now"), SimClock::toIso(m_s.engine.nowMs())},
                        {L1("nowMs"), m_s.engine.nowMs()},
                        {L1("startedAt"), SimClock::toIso(m_s.clock.startMs())},
                        {L1("speed"), m_s.clock.speed()},
                        {L1("seed"), qint64(m_s.engine.seed())}};
}

HttpReply SimRoutes::state(RouteContext &)
{
    return HttpReply::json(200,
                           QJsonObject {{L1("ok"), true},
                                        {L1("scenario"), scenarioJson()},
                                        {L1("clock"), clockJson()},
                                        {L1("chaos"), m_s.chaos.toJson()},
                                        {L1("http"), m_s.stats.toJson()}});
}

HttpReply SimRoutes::scenario(RouteContext &ctx)
{
    JsonBody body(ctx.body);
    const std::optional<QString> name = body.string("name", true, 64);
    const std::optional<double> duration = body.number("durationSeconds", false, 1, 7 * 86400);
    if (body.failed())
        return ctx.error(400, body.code(), body.message());
    if (!ScenarioTable::isKnown(*name))
        return ctx.error(404, QStringLiteral("unknown_scenario"),
                         QStringLiteral("Unknown scenario '%1'; known: %2.")
                             .arg(*name, ScenarioTable::names().join(QStringLiteral(", "))));
    m_s.engine.setScenario(ScenarioTable::fromName(*name), qint64(duration.value_or(0)), ctx.role);
    return HttpReply::json(200, QJsonObject {{L1("ok"), true}, {L1("scenario"), scenarioJson()}});
}

HttpReply SimRoutes::chaos(RouteContext &ctx)
{
    ChaosPolicy::Settings settings;
    QString error;
    if (!ChaosPolicy::parse(ctx.body, &settings, &error))
        return ctx.error(400, QStringLiteral("invalid_body"), error);
    m_s.chaos.setSettings(settings);
    m_s.engine.log(ServerLog::Level::Warn, QStringLiteral("sim"),
                   QStringLiteral("chaos set: %1")
                       .arg(QString::fromUtf8(
                           QJsonDocument(m_s.chaos.toJson()).toJson(QJsonDocument::Compact))));
    return HttpReply::json(200, QJsonObject {{L1("ok"), true}, {L1("chaos"), m_s.chaos.toJson()}});
}

HttpReply SimRoutes::clock(RouteContext &ctx)
{
    JsonBody body(ctx.body);
    const std::optional<double> seconds = body.number("advanceSeconds", true, 1, 86400);
    if (body.failed())
        return ctx.error(400, body.code(), body.message());
    m_s.clock.advance(qint64(*seconds) * 1000);
    m_s.engine.advanceTo(m_s.clock.nowMs());
    return HttpReply::json(200, QJsonObject {{L1("ok"), true}, {L1("clock"), clockJson()}});
}
