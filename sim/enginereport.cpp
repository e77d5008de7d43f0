#include "enginereport.h"

#include "simclock.h"

#include <QJsonArray>

#include <cmath>

namespace {
using L1 = QLatin1String;

double round1(double value)
{
    return std::round(value * 10.0) / 10.0;
}

double round4(double value)
{
    return std::round(value * 10000.0) / 10000.0;
}
} // namespace

QJsonObject EngineReport::mode(const SimEngine::Mode &m)
{
    return QJsonObject {
        {L1("enabled"), m.enabled},
        {L1("reason"), m.reason.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(m.reason)},
        {L1("since"),
         m.sinceMs > 0 ? QJsonValue(SimClock::toIso(m.sinceMs)) : QJsonValue(QJsonValue::Null)},
        {L1("by"), m.by.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(m.by)}};
}

bool EngineReport::isReady(const SimEngine &engine)
{
    return engine.databaseHealthy() && !engine.warmingUp() && engine.gates().criticalReady();
}

bool EngineReport::isHealthy(const SimEngine &engine)
{
    return engine.databaseHealthy() && !engine.warmingUp();
}

QJsonObject EngineReport::live(const SimEngine &engine, qint64 pid)
{
    return QJsonObject {{L1("status"), QStringLiteral("alive")},
                        {L1("timestamp"), SimClock::toIso(engine.nowMs())},
                        {L1("uptime"), round1(engine.uptimeSeconds())},
                        {L1("pid"), pid}};
}

QJsonObject EngineReport::ready(const SimEngine &engine)
{
    const GateBoard &gates = engine.gates();
    QJsonObject checks {{L1("database"), engine.databaseHealthy()},
                        {L1("environment"), true},
                        {L1("disk"), true},
                        {L1("healthGates"),
                         QJsonObject {{L1("ready"), gates.ready()},
                                      {L1("gates"), gates.toJson()},
                                      {L1("criticalReady"), gates.criticalReady()}}}};
    if (!engine.databaseHealthy())
        checks.insert(L1("database_error"), QStringLiteral("connect ECONNREFUSED 10.0.0.5:5432"));
    return QJsonObject {{L1("ready"), isReady(engine)},
                        {L1("checks"), checks},
                        {L1("timestamp"), SimClock::toIso(engine.nowMs())}};
}

QJsonObject EngineReport::health(const SimEngine &engine)
{
    const TrafficModel &t = engine.traffic();
    const double rssMb = engine.process().rssBytes / (1024.0 * 1024.0);
    const QString database = engine.databaseHealthy()
        ? (engine.warmingUp() ? QStringLiteral("checking") : QStringLiteral("healthy"))
        : QStringLiteral("unhealthy");
    return QJsonObject {
        {L1("ok"), isHealthy(engine)},
        {L1("service"), QStringLiteral("dreamnet-api")},
        {L1("timestamp"), SimClock::toIso(engine.nowMs())},
        {L1("uptime"), round1(engine.uptimeSeconds())},
        {L1("database"), database},
        {L1("metrics"),
         QJsonObject {
             {L1("requestsPerSecond"), round1(t.requestsPerSecond())},
             {L1("errorRate"), round4(t.errorRate())},
             {L1("latency"),
              QJsonObject {{L1("p50"), round1(t.percentileMs(0.50))},
                           {L1("p95"), round1(t.percentileMs(0.95))},
                           {L1("p99"), round1(t.percentileMs(0.99))}}},
             {L1("memory"), QJsonObject {{L1("used"), std::round(rssMb)}, {L1("total"), 2048}}}}}};
}

QJsonObject EngineReport::gates(const SimEngine &engine)
{
    const GateBoard &gates = engine.gates();
    return QJsonObject {{L1("ok"), true},
                        {L1("ready"), gates.ready()},
                        {L1("criticalReady"), gates.criticalReady()},
                        {L1("gates"), gates.toJson()},
                        {L1("timestamp"), SimClock::toIso(engine.nowMs())}};
}

QJsonObject
EngineReport::metrics(const SimEngine &engine, const QString &instance, int openConnections)
{
    const TrafficModel &t = engine.traffic();
    const SimEngine::Process &p = engine.process();
    QJsonObject perAgent;
    for (const AgentBoard::Agent &agent : engine.agents().all())
        perAgent.insert(agent.id, qint64(std::round(agent.queueDepth)));
    const double queueTotal = engine.agents().totalDepth();
    const double heapTotal = std::round(p.rssBytes * 0.78);
    const QJsonObject golden {
        {L1("traffic"),
         QJsonObject {
             {L1("requestsPerSecond"), round1(t.requestsPerSecond())},
             {L1("activeConnections"), qint64(std::round(t.activeConnections())) + openConnections},
             {L1("requestsTotal"), qint64(t.requestsTotal())}}},
        {L1("errors"),
         QJsonObject {{L1("errorRate"), round4(t.errorRate())},
                      {L1("status4xx"), qint64(t.status4xx())},
                      {L1("status5xx"), qint64(t.status5xx())}}},
        {L1("latency"),
         QJsonObject {{L1("p50"), round1(t.percentileMs(0.50))},
                      {L1("p95"), round1(t.percentileMs(0.95))},
                      {L1("p99"), round1(t.percentileMs(0.99))}}},
        {L1("saturation"),
         QJsonObject {{L1("cpu"),
                       QJsonObject {{L1("user"), qint64(p.cpuUserUs)},
                                    {L1("system"), qint64(p.cpuSystemUs)}}},
                      {L1("memory"),
                       QJsonObject {{L1("rss"), qint64(p.rssBytes)},
                                    {L1("heapTotal"), heapTotal},
                                    {L1("heapUsed"), std::round(heapTotal * 0.83)},
                                    {L1("external"), 2400000},
                                    {L1("arrayBuffers"), 180000}}},
                      {L1("queueDepth"), queueTotal}}}};
    const QJsonObject watchdogs {
        {L1("processHealth"),
         QJsonObject {{L1("eventLoopDelayMs"), round1(p.eventLoopDelayMs)},
                      {L1("heartbeatMs"), engine.nowMs()},
                      {L1("uptime"), round1(engine.uptimeSeconds())}}},
        {L1("queueDepth"), QJsonObject {{L1("perAgent"), perAgent}, {L1("total"), queueTotal}}},
        {L1("dlqRate"),
         QJsonObject {{L1("messagesPerMinute"), engine.deadLetters().messagesPerMinute()},
                      {L1("totalMessages"), qint64(engine.deadLetters().totalMessages())}}},
        {L1("aiCallLatency"),
         QJsonObject {{L1("p99"), std::round(p.aiP99Ms)},
                      {L1("average"), std::round(p.aiAverageMs)},
                      {L1("totalCalls"), qint64(p.aiTotalCalls)}}}};
    return QJsonObject {{L1("ok"), true},
                        {L1("timestamp"), SimClock::toIso(engine.nowMs())},
                        {L1("instance"), instance},
                        {L1("goldenSignals"), golden},
                        {L1("watchdogs"), watchdogs}};
}

QJsonObject EngineReport::opsStatus(const SimEngine &engine, const QString &instance)
{
    QJsonObject emergency = engine.flags().emergencyJson();
    return QJsonObject {{L1("ok"), true},
                        {L1("safeMode"), mode(engine.safeMode())},
                        {L1("writeDrain"), mode(engine.writeDrain())},
                        {L1("emergencyMode"), emergency},
                        {L1("quarantinedAgents"), engine.agents().quarantinedCount()},
                        {L1("version"), QStringLiteral(DREAMOPS_VERSION "-sim")},
                        {L1("instance"), instance},
                        {L1("startedAt"), SimClock::toIso(engine.process().startedAtMs)}};
}
