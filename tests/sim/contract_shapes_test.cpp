// Contract: every GET answers with every field the contract lists, with the right JSON type.
#include "contractfixture.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QSet>

namespace {

class ContractShapes : public ContractFixture
{
protected:
    static void SetUpTestSuite() { startSharedSimulator(); }
    static void TearDownTestSuite() { stopSharedSimulator(); }
};

const ContractFixture::Shape kMode {
    {QStringLiteral("enabled"), ContractFixture::Bool},
    {QStringLiteral("reason"), ContractFixture::Str | ContractFixture::Null},
    {QStringLiteral("since"), ContractFixture::Str | ContractFixture::Null},
    {QStringLiteral("by"), ContractFixture::Str | ContractFixture::Null}};
const ContractFixture::Shape kEmergency {
    {QStringLiteral("active"), ContractFixture::Bool},
    {QStringLiteral("reason"), ContractFixture::Str | ContractFixture::Null},
    {QStringLiteral("activatedAt"), ContractFixture::Str | ContractFixture::Null},
    {QStringLiteral("activatedBy"), ContractFixture::Str | ContractFixture::Null}};

TEST_F(ContractShapes, HealthLive)
{
    const HttpResult result = get(QStringLiteral("/health/live"), Auth::None);
    EXPECT_EQ(result.status, 200);
    const QJsonObject o = result.json();
    EXPECT_TRUE(hasShape(o,
                         {{QStringLiteral("status"), Str},
                          {QStringLiteral("timestamp"), Str},
                          {QStringLiteral("uptime"), Num},
                          {QStringLiteral("pid"), Num}}));
    EXPECT_EQ(o.value(QLatin1String("status")).toString(), QLatin1String("alive"));
    EXPECT_TRUE(isIsoTime(o.value(QLatin1String("timestamp"))));
    EXPECT_GE(o.value(QLatin1String("uptime")).toDouble(), 0);
    EXPECT_GT(o.value(QLatin1String("pid")).toInteger(), 0);
}

TEST_F(ContractShapes, HealthReady)
{
    const HttpResult result = get(QStringLiteral("/health/ready"), Auth::None);
    const QJsonObject o = result.json();
    EXPECT_TRUE(hasShape(o,
                         {{QStringLiteral("ready"), Bool},
                          {QStringLiteral("checks.database"), Bool | Str},
                          {QStringLiteral("checks.environment"), Bool},
                          {QStringLiteral("checks.disk"), Bool},
                          {QStringLiteral("checks.healthGates.ready"), Bool},
                          {QStringLiteral("checks.healthGates.criticalReady"), Bool},
                          {QStringLiteral("checks.healthGates.gates"), Any & ~Null},
                          {QStringLiteral("timestamp"), Str}}));
    EXPECT_EQ(result.status, o.value(QLatin1String("ready")).toBool() ? 200 : 503);
    const QJsonValue database = at(o, QStringLiteral("checks.database"));
    EXPECT_TRUE(database.isBool() || database.toString() == QLatin1String("not-configured"));
    const QJsonValue error = at(o, QStringLiteral("checks.database_error"));
    EXPECT_TRUE(error.isUndefined() || error.isString() || error.isNull());
}

TEST_F(ContractShapes, Health)
{
    const HttpResult result = get(QStringLiteral("/health"), Auth::None);
    const QJsonObject o = result.json();
    EXPECT_TRUE(hasShape(o,
                         {{QStringLiteral("ok"), Bool},
                          {QStringLiteral("service"), Str},
                          {QStringLiteral("timestamp"), Str},
                          {QStringLiteral("uptime"), Num},
                          {QStringLiteral("database"), Str},
                          {QStringLiteral("metrics.requestsPerSecond"), Num},
                          {QStringLiteral("metrics.errorRate"), Num},
                          {QStringLiteral("metrics.latency.p50"), Num},
                          {QStringLiteral("metrics.latency.p95"), Num},
                          {QStringLiteral("metrics.latency.p99"), Num},
                          {QStringLiteral("metrics.memory.used"), Num},
                          {QStringLiteral("metrics.memory.total"), Num}}));
    EXPECT_EQ(result.status, o.value(QLatin1String("ok")).toBool() ? 200 : 503);
    EXPECT_EQ(o.value(QLatin1String("service")).toString(), QLatin1String("dreamnet-api"));
    const QSet<QString> databases {QStringLiteral("healthy"), QStringLiteral("unhealthy"),
                                   QStringLiteral("not-configured"), QStringLiteral("checking")};
    EXPECT_TRUE(databases.contains(o.value(QLatin1String("database")).toString()));
    EXPECT_LE(at(o, QStringLiteral("metrics.latency.p50")).toDouble(),
              at(o, QStringLiteral("metrics.latency.p95")).toDouble());
    EXPECT_LE(at(o, QStringLiteral("metrics.latency.p95")).toDouble(),
              at(o, QStringLiteral("metrics.latency.p99")).toDouble());
    // memory in MB: a simulated process of tens to thousands of MB, never bytes.
    const double used = at(o, QStringLiteral("metrics.memory.used")).toDouble();
    EXPECT_GT(used, 1);
    EXPECT_LT(used, 100000);
    EXPECT_LE(used, at(o, QStringLiteral("metrics.memory.total")).toDouble());
}

TEST_F(ContractShapes, HealthGates)
{
    const QJsonObject o = getJson(QStringLiteral("/api/health-gates/status"));
    EXPECT_TRUE(hasShape(o,
                         {{QStringLiteral("ok"), Bool},
                          {QStringLiteral("ready"), Bool},
                          {QStringLiteral("criticalReady"), Bool},
                          {QStringLiteral("gates"), Arr},
                          {QStringLiteral("timestamp"), Str}}));
    const QJsonArray gates = o.value(QLatin1String("gates")).toArray();
    EXPECT_GE(gates.size(), 2);
    bool allCriticalReady = true;
    for (const QJsonValue &gate : gates) {
        const QJsonObject g = gate.toObject();
        EXPECT_TRUE(hasShape(g,
                             {{QStringLiteral("serviceId"), Str},
                              {QStringLiteral("name"), Str},
                              {QStringLiteral("ready"), Bool},
                              {QStringLiteral("consecutivePasses"), Num},
                              {QStringLiteral("requiredPasses"), Num},
                              {QStringLiteral("critical"), Bool},
                              {QStringLiteral("lastCheck"), Str | Null}}));
        EXPECT_LE(g.value(QLatin1String("consecutivePasses")).toInt(),
                  g.value(QLatin1String("requiredPasses")).toInt());
        if (g.value(QLatin1String("critical")).toBool()
            && !g.value(QLatin1String("ready")).toBool())
            allCriticalReady = false;
    }
    EXPECT_EQ(o.value(QLatin1String("criticalReady")).toBool(), allCriticalReady);
}

TEST_F(ContractShapes, ApiMetrics)
{
    const QJsonObject o = getJson(QStringLiteral("/api/metrics"));
    Shape shape;
    for (const char *field : {"goldenSignals.traffic.requestsPerSecond",
                              "goldenSignals.traffic.activeConnections",
                              "goldenSignals.traffic.requestsTotal",
                              "goldenSignals.errors.errorRate",
                              "goldenSignals.errors.status4xx",
                              "goldenSignals.errors.status5xx",
                              "goldenSignals.latency.p50",
                              "goldenSignals.latency.p95",
                              "goldenSignals.latency.p99",
                              "goldenSignals.saturation.cpu.user",
                              "goldenSignals.saturation.cpu.system",
                              "goldenSignals.saturation.memory.rss",
                              "goldenSignals.saturation.memory.heapTotal",
                              "goldenSignals.saturation.memory.heapUsed",
                              "goldenSignals.saturation.memory.external",
                              "goldenSignals.saturation.memory.arrayBuffers",
                              "goldenSignals.saturation.queueDepth",
                              "watchdogs.processHealth.eventLoopDelayMs",
                              "watchdogs.processHealth.heartbeatMs",
                              "watchdogs.processHealth.uptime",
                              "watchdogs.queueDepth.total",
                              "watchdogs.dlqRate.messagesPerMinute",
                              "watchdogs.dlqRate.totalMessages",
                              "watchdogs.aiCallLatency.p99",
                              "watchdogs.aiCallLatency.average",
                              "watchdogs.aiCallLatency.totalCalls"})
        shape.append({QLatin1String(field), Num});
    shape.append({QStringLiteral("ok"), Bool});
    shape.append({QStringLiteral("timestamp"), Str});
    shape.append({QStringLiteral("instance"), Str});
    shape.append({QStringLiteral("watchdogs.queueDepth.perAgent"), Obj});
    EXPECT_TRUE(hasShape(o, shape));
    EXPECT_TRUE(isIsoTime(o.value(QLatin1String("timestamp"))));
    const QJsonObject golden = o.value(QLatin1String("goldenSignals")).toObject();
    EXPECT_LE(at(golden, QStringLiteral("latency.p50")).toDouble(),
              at(golden, QStringLiteral("latency.p95")).toDouble());
    EXPECT_LE(at(golden, QStringLiteral("latency.p95")).toDouble(),
              at(golden, QStringLiteral("latency.p99")).toDouble());
    const double errorRate = at(golden, QStringLiteral("errors.errorRate")).toDouble();
    EXPECT_GE(errorRate, 0);
    EXPECT_LE(errorRate, 1);
    EXPECT_GT(at(golden, QStringLiteral("saturation.memory.rss")).toDouble(), 1e6)
        << "rss is in bytes";
    // heartbeatMs is epoch milliseconds: after 2020.
    const double heartbeat
        = at(o, QStringLiteral("watchdogs.processHealth.heartbeatMs")).toDouble();
    const double stamp = double(
        QDateTime::fromString(o.value(QLatin1String("timestamp")).toString(), Qt::ISODateWithMs)
            .toMSecsSinceEpoch());
    EXPECT_NEAR(heartbeat, stamp, 10000) << "heartbeatMs is not near the answer's timestamp";
    const QJsonObject perAgent = at(o, QStringLiteral("watchdogs.queueDepth.perAgent")).toObject();
    double sum = 0;
    for (const QJsonValue &depth : perAgent) {
        EXPECT_TRUE(depth.isDouble());
        sum += depth.toDouble();
    }
    EXPECT_TRUE(perAgent.contains(QLatin1String("citadel")));
    EXPECT_DOUBLE_EQ(sum, at(o, QStringLiteral("watchdogs.queueDepth.total")).toDouble());
    EXPECT_DOUBLE_EQ(at(golden, QStringLiteral("saturation.queueDepth")).toDouble(),
                     at(o, QStringLiteral("watchdogs.queueDepth.total")).toDouble());
}

TEST_F(ContractShapes, PercentilesOrderedAndCountersMonotonic)
{
    double lastTotal = -1;
    double lastCpu = -1;
    QHash<QString, double> counters;
    for (int i = 0; i < 12; ++i) {
        const QJsonObject golden = getJson(QStringLiteral("/api/metrics"))
                                       .value(QLatin1String("goldenSignals"))
                                       .toObject();
        const double p50 = at(golden, QStringLiteral("latency.p50")).toDouble();
        const double p95 = at(golden, QStringLiteral("latency.p95")).toDouble();
        const double p99 = at(golden, QStringLiteral("latency.p99")).toDouble();
        EXPECT_TRUE(p50 <= p95 && p95 <= p99)
            << p50 << " " << p95 << " " << p99 << " at step " << i;
        const double total = at(golden, QStringLiteral("traffic.requestsTotal")).toDouble();
        const double cpu = at(golden, QStringLiteral("saturation.cpu.user")).toDouble();
        EXPECT_GT(total, lastTotal) << "requestsTotal is a growing counter";
        EXPECT_GE(cpu, lastCpu);
        for (const char *counter :
             {"errors.status4xx", "errors.status5xx", "saturation.cpu.system"}) {
            const double value = at(golden, QLatin1String(counter)).toDouble();
            EXPECT_GE(value, counters.value(QLatin1String(counter))) << counter << " went down";
            counters.insert(QLatin1String(counter), value);
        }
        lastTotal = total;
        lastCpu = cpu;
        advance(37);
    }
}

TEST_F(ContractShapes, IntegrationFlags)
{
    const QJsonObject o = getJson(QStringLiteral("/api/integration-flags"));
    EXPECT_TRUE(
        hasShape(o, {{QStringLiteral("flags"), Arr}, {QStringLiteral("emergencyMode"), Obj}}));
    EXPECT_TRUE(hasShape(o.value(QLatin1String("emergencyMode")).toObject(), kEmergency));
    const QList<std::tuple<QString, QString, bool>> expected {
        {QStringLiteral("citadel_enabled"), QStringLiteral("CITADEL_ENABLED"), true},
        {QStringLiteral("drone_dome_scan_enabled"), QStringLiteral("DOME_SCAN_ENABLED"), true},
        {QStringLiteral("ai_embeddings_enabled"), QStringLiteral("AI_EMBEDDINGS_ENABLED"), true},
        {QStringLiteral("latent_collaboration_enabled"), QStringLiteral("USE_LATENT_COLLABORATION"),
         false},
        {QStringLiteral("dreamkeeper_enabled"), QStringLiteral("DREAMKEEPER_ENABLED"), true}};
    const QJsonArray flags = o.value(QLatin1String("flags")).toArray();
    EXPECT_EQ(flags.size(), expected.size());
    for (const auto &[name, envVar, defaultOn] : expected) {
        const QJsonObject f = flag(name);
        EXPECT_TRUE(hasShape(f,
                             {{QStringLiteral("name"), Str},
                              {QStringLiteral("enabled"), Bool},
                              {QStringLiteral("envVar"), Str},
                              {QStringLiteral("default"), Bool},
                              {QStringLiteral("brownout"), Bool},
                              {QStringLiteral("brownoutFallback"), Str | Null},
                              {QStringLiteral("description"), Str},
                              {QStringLiteral("reason"), Str | Null},
                              {QStringLiteral("updatedAt"), Str | Null},
                              {QStringLiteral("updatedBy"), Str | Null}}));
        EXPECT_EQ(f.value(QLatin1String("envVar")).toString(), envVar) << name.toStdString();
        EXPECT_EQ(f.value(QLatin1String("default")).toBool(), defaultOn) << name.toStdString();
        EXPECT_EQ(f.value(QLatin1String("enabled")).toBool(), defaultOn)
            << name.toStdString() << " at start";
    }
    EXPECT_TRUE(flag(QStringLiteral("ai_embeddings_enabled"))
                    .value(QLatin1String("brownoutFallback"))
                    .toString()
                    .contains(QLatin1String("hash"), Qt::CaseInsensitive));
    // `brownout` says the flag has a fallback (the public server's meaning), on or off.
    EXPECT_TRUE(
        flag(QStringLiteral("ai_embeddings_enabled")).value(QLatin1String("brownout")).toBool());
    EXPECT_FALSE(flag(QStringLiteral("citadel_enabled")).value(QLatin1String("brownout")).toBool());
}

TEST_F(ContractShapes, OpsStatus)
{
    const QJsonObject o = getJson(QStringLiteral("/api/ops/status"));
    EXPECT_TRUE(hasShape(o,
                         {{QStringLiteral("ok"), Bool},
                          {QStringLiteral("safeMode"), Obj},
                          {QStringLiteral("writeDrain"), Obj},
                          {QStringLiteral("emergencyMode"), Obj},
                          {QStringLiteral("quarantinedAgents"), Num},
                          {QStringLiteral("version"), Str},
                          {QStringLiteral("instance"), Str},
                          {QStringLiteral("startedAt"), Str}}));
    EXPECT_TRUE(hasShape(o.value(QLatin1String("safeMode")).toObject(), kMode));
    EXPECT_TRUE(hasShape(o.value(QLatin1String("writeDrain")).toObject(), kMode));
    EXPECT_TRUE(hasShape(o.value(QLatin1String("emergencyMode")).toObject(), kEmergency));
    EXPECT_TRUE(isIsoTime(o.value(QLatin1String("startedAt"))));
}

TEST_F(ContractShapes, Agents)
{
    const QJsonObject o = getJson(QStringLiteral("/api/agents"));
    EXPECT_TRUE(hasShape(o,
                         {{QStringLiteral("ok"), Bool},
                          {QStringLiteral("agents"), Arr},
                          {QStringLiteral("total"), Num}}));
    const QJsonArray agents = o.value(QLatin1String("agents")).toArray();
    EXPECT_EQ(o.value(QLatin1String("total")).toInt(), agents.size());
    QSet<QString> ids;
    for (const QJsonValue &item : agents) {
        const QJsonObject a = item.toObject();
        EXPECT_TRUE(hasShape(a,
                             {{QStringLiteral("id"), Str},
                              {QStringLiteral("name"), Str},
                              {QStringLiteral("description"), Str},
                              {QStringLiteral("status"), Str},
                              {QStringLiteral("queueDepth"), Num},
                              {QStringLiteral("quarantine"), Obj | Null}}));
        ids.insert(a.value(QLatin1String("id")).toString());
        const QString status = a.value(QLatin1String("status")).toString();
        EXPECT_TRUE(status == QLatin1String("active") || status == QLatin1String("degraded"))
            << status.toStdString();
    }
    for (const char *id :
         {"citadel", "drone-dome", "dreamkeeper", "deploykeeper", "relaybot", "envkeeper"})
        EXPECT_TRUE(ids.contains(QLatin1String(id))) << id;
}

TEST_F(ContractShapes, CircuitBreakers)
{
    const QJsonObject o = getJson(QStringLiteral("/api/circuit-breakers"));
    EXPECT_TRUE(hasShape(o,
                         {{QStringLiteral("ok"), Bool},
                          {QStringLiteral("breakers"), Arr},
                          {QStringLiteral("timestamp"), Str}}));
    QSet<QString> names;
    for (const QJsonValue &item : o.value(QLatin1String("breakers")).toArray()) {
        const QJsonObject b = item.toObject();
        EXPECT_TRUE(hasShape(b,
                             {{QStringLiteral("name"), Str},
                              {QStringLiteral("state"), Str},
                              {QStringLiteral("failureCount"), Num},
                              {QStringLiteral("lastFailureAt"), Str | Null},
                              {QStringLiteral("nextAttemptAt"), Str | Null},
                              {QStringLiteral("forced"), Bool}}));
        names.insert(b.value(QLatin1String("name")).toString());
        const QString state = b.value(QLatin1String("state")).toString();
        EXPECT_TRUE(state == QLatin1String("closed") || state == QLatin1String("open")
                    || state == QLatin1String("half-open"));
    }
    for (const char *name : {"database", "openai", "stripe", "google"})
        EXPECT_TRUE(names.contains(QLatin1String(name))) << name;
}

TEST_F(ContractShapes, SimStateAndDreams)
{
    getJson(QStringLiteral("/api/sim/state"));
    const QJsonObject state = getJson(QStringLiteral("/api/sim/state"));
    EXPECT_TRUE(hasShape(state,
                         {{QStringLiteral("ok"), Bool},
                          {QStringLiteral("scenario"), Any & ~Null},
                          {QStringLiteral("clock"), Obj},
                          {QStringLiteral("chaos"), Obj},
                          {QStringLiteral("http.openConnections"), Num},
                          {QStringLiteral("http.requestsByPath"), Obj},
                          {QStringLiteral("http.maxInFlightByPath"), Obj},
                          {QStringLiteral("http.executedMutations"), Obj}}));
    EXPECT_GE(at(state, QStringLiteral("http.requestsByPath./api/sim/state")).toInt(), 1)
        << "requestsByPath counts this very request's path";
    const QJsonObject dreams = getJson(QStringLiteral("/api/dreams"));
    bool hasPage = false;
    for (const QJsonValue &value : dreams)
        hasPage = hasPage || value.isArray();
    EXPECT_TRUE(hasPage) << "GET /api/dreams has no page of items";
}

} // namespace
