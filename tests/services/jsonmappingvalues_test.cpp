// Values come out where they belong (the N20 table only checks accept/reject), plus the
// top-level "not an object" cases.
#include "jsonmapping.h"
#include "jsonsamples.h"

#include <QJsonArray>

#include <gtest/gtest.h>

namespace {

QJsonObject obj(const char *text)
{
    const auto r = JsonMapping::parseObject(QByteArray(text));
    EXPECT_TRUE(r.ok());
    return r.ok() ? r.value() : QJsonObject();
}

TEST(JsonMapping, N20_NotAnObject)
{
    const auto array = JsonMapping::parseObject(QByteArray("[1,2,3]"));
    ASSERT_FALSE(array.ok());
    EXPECT_EQ(array.error().kind, ApiError::Kind::InvalidShape);
    // Qt 6 refuses top-level scalars at parse time: any typed error will do, no crash.
    for (const char *text : {"\"alive\"", "42", "null", "true"}) {
        const auto r = JsonMapping::parseObject(QByteArray(text));
        ASSERT_FALSE(r.ok()) << text;
        EXPECT_TRUE(r.error().kind == ApiError::Kind::InvalidShape
                    || r.error().kind == ApiError::Kind::InvalidJson)
            << text;
    }
    for (const char *text : {"", "   ", "<html><body>Not found</body></html>", "{\"a\":NaN}",
                             "{\"a\":1e999999}", "{\"a\":\"\\ud800\"", "\xff\xfe{}"}) {
        const auto r = JsonMapping::parseObject(QByteArray(text));
        EXPECT_FALSE(r.ok()) << text;
    }
}

TEST(JsonMapping, MetricsFieldsLandInTheirPlace)
{
    const auto r = JsonMapping::parseMetricsSnapshot(obj(JsonSamples::metrics));
    ASSERT_TRUE(r.ok()) << r.error().detail.toStdString();
    const MetricsSnapshot &m = r.value();
    EXPECT_EQ(m.timestamp, QDateTime(QDate(2026, 11, 29), QTime(10, 0), Qt::UTC));
    EXPECT_EQ(m.instance, QStringLiteral("sim-1"));
    EXPECT_DOUBLE_EQ(m.goldenSignals.requestsPerSecond, 41.2);
    EXPECT_EQ(m.goldenSignals.activeConnections, 12);
    EXPECT_EQ(m.goldenSignals.requestsTotal, 912345);
    EXPECT_DOUBLE_EQ(m.goldenSignals.errorRate, 0.013);
    EXPECT_EQ(m.goldenSignals.status4xx, 1201);
    EXPECT_EQ(m.goldenSignals.status5xx, 230);
    EXPECT_DOUBLE_EQ(m.goldenSignals.latencyP50, 38);
    EXPECT_DOUBLE_EQ(m.goldenSignals.latencyP95, 210);
    EXPECT_DOUBLE_EQ(m.goldenSignals.latencyP99, 640);
    EXPECT_EQ(m.goldenSignals.cpuUserMicros, 123456789);
    EXPECT_EQ(m.goldenSignals.cpuSystemMicros, 2345678);
    EXPECT_EQ(m.goldenSignals.memoryRss, 190000000);
    EXPECT_EQ(m.goldenSignals.queueDepth, 17);
    EXPECT_DOUBLE_EQ(m.watchdogs.eventLoopDelayMs, 3.1);
    EXPECT_EQ(m.watchdogs.heartbeatMs, 1764410000000);
    EXPECT_EQ(m.watchdogs.queueDepthPerAgent.value(QStringLiteral("drone-dome")), 8);
    EXPECT_EQ(m.watchdogs.queueDepthTotal, 17);
    EXPECT_EQ(m.watchdogs.dlqTotalMessages, 42);
    EXPECT_DOUBLE_EQ(m.watchdogs.aiCallLatencyP99, 900);
    EXPECT_EQ(m.watchdogs.aiTotalCalls, 5120);
}

TEST(JsonMapping, OpsStatusModesAndNulls)
{
    const auto r = JsonMapping::parseOpsStatus(obj(JsonSamples::opsStatus));
    ASSERT_TRUE(r.ok()) << r.error().detail.toStdString();
    EXPECT_TRUE(r.value().safeMode.enabled);
    EXPECT_EQ(r.value().safeMode.by, QStringLiteral("alice"));
    EXPECT_EQ(r.value().safeMode.since.timeSpec(), Qt::UTC);
    EXPECT_FALSE(r.value().writeDrain.enabled);
    EXPECT_FALSE(r.value().writeDrain.since.isValid());
    EXPECT_FALSE(r.value().emergencyMode.active);
    EXPECT_EQ(r.value().quarantinedAgents, 1);
    EXPECT_EQ(r.value().version, QStringLiteral("1.4.2"));

    // emergencyMode spelled like the other modes is understood too.
    QJsonObject o = obj(JsonSamples::opsStatus);
    o.insert(QStringLiteral("emergencyMode"), obj(R"({"enabled":true,"reason":"r","by":"bob",
        "since":"2026-11-29T10:00:00+01:00"})"));
    const auto r2 = JsonMapping::parseOpsStatus(o);
    ASSERT_TRUE(r2.ok()) << r2.error().detail.toStdString();
    EXPECT_TRUE(r2.value().emergencyMode.active);
    EXPECT_EQ(r2.value().emergencyMode.activatedBy, QStringLiteral("bob"));
    EXPECT_EQ(r2.value().emergencyMode.activatedAt,
              QDateTime(QDate(2026, 11, 29), QTime(9, 0), Qt::UTC));
}

TEST(JsonMapping, AgentsQuarantineOptional)
{
    const auto r = JsonMapping::parseAgentList(obj(JsonSamples::agents));
    ASSERT_TRUE(r.ok()) << r.error().detail.toStdString();
    ASSERT_EQ(r.value().agents.size(), 2);
    EXPECT_EQ(r.value().agents[0].status, AgentStatus::Quarantined);
    ASSERT_TRUE(r.value().agents[0].quarantine.has_value());
    EXPECT_EQ(r.value().agents[0].quarantine->reason, QStringLiteral("error spike"));
    EXPECT_FALSE(r.value().agents[0].quarantine->expiresAt.isValid());
    EXPECT_FALSE(r.value().agents[1].quarantine.has_value());
    EXPECT_EQ(r.value().total, 2);
}

TEST(JsonMapping, UnknownEnumValuesAreShapeErrors)
{
    QJsonObject o = obj(JsonSamples::breakers);
    QJsonArray list = o.value(QStringLiteral("breakers")).toArray();
    QJsonObject b = list.at(0).toObject();
    b.insert(QStringLiteral("state"), QStringLiteral("melted"));
    list[0] = b;
    o.insert(QStringLiteral("breakers"), list);
    const auto r = JsonMapping::parseBreakerList(o);
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(r.error().detail.contains(QLatin1String("breakers[0].state")));
    EXPECT_TRUE(r.error().detail.contains(QLatin1String("melted")));
}

TEST(JsonMapping, DeadLetterReplayAndRecords)
{
    const auto r = JsonMapping::parseDeadLetterStatus(obj(JsonSamples::deadLetter));
    ASSERT_TRUE(r.ok()) << r.error().detail.toStdString();
    EXPECT_EQ(r.value().depth, 42);
    EXPECT_EQ(r.value().byErrorType.value(QStringLiteral("FAILURE")), 20);
    ASSERT_TRUE(r.value().replay.has_value());
    EXPECT_EQ(r.value().replay->state, ReplayPhase::Running);
    EXPECT_EQ(r.value().replay->remaining, 94);
    ASSERT_EQ(r.value().recent.size(), 1);
    EXPECT_EQ(r.value().recent[0].attempts, 2);

    QJsonObject o = obj(JsonSamples::deadLetter);
    o.insert(QStringLiteral("replay"), QJsonValue::Null);
    o.insert(QStringLiteral("oldestAt"), QJsonValue::Null);
    const auto r2 = JsonMapping::parseDeadLetterStatus(o);
    ASSERT_TRUE(r2.ok()) << r2.error().detail.toStdString();
    EXPECT_FALSE(r2.value().replay.has_value());
    EXPECT_FALSE(r2.value().oldestAt.isValid());
}

TEST(JsonMapping, ReadyGatesAsArrayAndDatabaseBool)
{
    const auto r = JsonMapping::parseReadyStatus(obj(R"({"ready":true,"checks":{"database":false,
        "environment":true,"disk":true,"healthGates":{"ready":false,"criticalReady":true,
        "gates":[{"serviceId":"a"},{"serviceId":"b"},{"serviceId":"c"}]}}})"));
    ASSERT_TRUE(r.ok()) << r.error().detail.toStdString();
    EXPECT_EQ(r.value().checks.database, DatabaseCheck::Failed);
    EXPECT_EQ(r.value().checks.gateCount, 3);
    EXPECT_FALSE(r.value().checks.gatesReady);
    const auto bad
        = JsonMapping::parseReadyStatus(obj(R"({"ready":true,"checks":{"database":"yes"}})"));
    ASSERT_FALSE(bad.ok());
    EXPECT_TRUE(bad.error().detail.contains(QLatin1String("checks.database")));
}

TEST(JsonMapping, SimStateAndDreams)
{
    const auto s = JsonMapping::parseSimState(obj(JsonSamples::simState));
    ASSERT_TRUE(s.ok()) << s.error().detail.toStdString();
    EXPECT_EQ(s.value().scenario, QStringLiteral("error-spike"));
    EXPECT_DOUBLE_EQ(s.value().speed, 10);
    EXPECT_EQ(s.value().maxInFlight(QStringLiteral("/api/metrics")), 1);
    EXPECT_EQ(s.value().requests(QStringLiteral("/api/metrics")), 30);
    EXPECT_EQ(s.value().executedMutations(QStringLiteral("/api/dreams")), 2);
    const auto scenarioObject
        = JsonMapping::parseSimState(obj(R"({"scenario":{"name":"latency"}})"));
    ASSERT_TRUE(scenarioObject.ok());
    EXPECT_EQ(scenarioObject.value().scenario, QStringLiteral("latency"));

    const auto d = JsonMapping::parseDreamPage(obj(JsonSamples::dreams));
    ASSERT_TRUE(d.ok()) << d.error().detail.toStdString();
    ASSERT_EQ(d.value().items.size(), 2);
    EXPECT_EQ(d.value().items[1].id, QStringLiteral("7"));
    const auto items = JsonMapping::parseDreamPage(obj(R"({"items":[{"id":"x","title":"t"}]})"));
    ASSERT_TRUE(items.ok());
    EXPECT_EQ(items.value().items.size(), 1);
}

TEST(JsonMapping, BadTimestampIsNamed)
{
    QJsonObject o = obj(JsonSamples::live);
    o.insert(QStringLiteral("timestamp"), QStringLiteral("yesterday"));
    const auto r = JsonMapping::parseLiveStatus(o);
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(r.error().detail.contains(QLatin1String("'timestamp'")));
}

} // namespace
