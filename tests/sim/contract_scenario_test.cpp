// Contract: the db-outage, latency and memory-leak scenarios move the signals their row of the
// scenario table names and end as it says. Simulated time is stepped with POST /api/sim/clock.
#include "contractfixture.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace {

// Simulated time barely moves on its own: the tests step the clock.
constexpr double kSlow = 0.05;

class ContractScenario : public ContractFixture
{
protected:
    void SetUp() override
    {
        ContractFixture::SetUp();
        ASSERT_TRUE(startFresh({}, kSlow));
    }

    QString scenarioName() const
    {
        const QJsonValue scenario
            = getJson(QStringLiteral("/api/sim/state")).value(QLatin1String("scenario"));
        return scenario.isObject() ? scenario[QLatin1String("name")].toString()
                                   : scenario.toString();
    }
    QJsonObject databaseGate() const
    {
        const QJsonObject gates = getJson(QStringLiteral("/api/health-gates/status"));
        for (const QJsonValue &gate : gates.value(QLatin1String("gates")).toArray()) {
            if (gate[QLatin1String("serviceId")].toString() == QLatin1String("database"))
                return gate.toObject();
        }
        ADD_FAILURE() << "no database health gate";
        return {};
    }
    HttpResult writeDream() const
    {
        return post(QStringLiteral("/api/dreams"),
                    {{QStringLiteral("title"), QStringLiteral("during")}});
    }
    void expectDatabaseHealthy() const
    {
        const HttpResult ready = get(QStringLiteral("/health/ready"), Auth::None);
        EXPECT_EQ(ready.status, 200) << ready.body.toStdString();
        EXPECT_EQ(at(ready.json(), QStringLiteral("checks.database")), QJsonValue(true));
        const HttpResult health = get(QStringLiteral("/health"), Auth::None);
        EXPECT_EQ(health.status, 200);
        EXPECT_EQ(health.json().value(QLatin1String("database")).toString(),
                  QLatin1String("healthy"));
        EXPECT_EQ(writeDream().status, 201);
        const QJsonObject gate = databaseGate();
        EXPECT_TRUE(gate.value(QLatin1String("ready")).toBool());
        EXPECT_EQ(gate.value(QLatin1String("consecutivePasses")),
                  gate.value(QLatin1String("requiredPasses")));
    }
};

TEST_F(ContractScenario, DbOutageShowsEverywhereAndEndsOnNone)
{
    expectDatabaseHealthy();
    setScenario(QStringLiteral("db-outage"), 3600);
    EXPECT_EQ(scenarioName(), QLatin1String("db-outage"));
    advance(5);

    const HttpResult ready = get(QStringLiteral("/health/ready"), Auth::None);
    EXPECT_EQ(ready.status, 503);
    EXPECT_FALSE(ready.header("Retry-After").isEmpty()) << "503 without Retry-After";
    EXPECT_EQ(ready.json().value(QLatin1String("ready")), QJsonValue(false));
    EXPECT_EQ(at(ready.json(), QStringLiteral("checks.database")), QJsonValue(false));
    const HttpResult health = get(QStringLiteral("/health"), Auth::None);
    EXPECT_EQ(health.status, 503);
    EXPECT_FALSE(health.header("Retry-After").isEmpty()) << "503 without Retry-After";
    EXPECT_EQ(health.json().value(QLatin1String("ok")), QJsonValue(false));
    EXPECT_EQ(health.json().value(QLatin1String("database")).toString(),
              QLatin1String("unhealthy"));
    EXPECT_TRUE(isError(writeDream(), 500, "database_unavailable"));
    const QJsonObject database = breaker(QStringLiteral("database"));
    EXPECT_EQ(database.value(QLatin1String("state")).toString(), QLatin1String("open"));
    EXPECT_GE(database.value(QLatin1String("failureCount")).toInt(), 5);
    EXPECT_TRUE(isIsoTime(database.value(QLatin1String("lastFailureAt"))));
    EXPECT_TRUE(isIsoTime(database.value(QLatin1String("nextAttemptAt"))));
    EXPECT_FALSE(databaseGate().value(QLatin1String("ready")).toBool());
    EXPECT_EQ(databaseGate().value(QLatin1String("consecutivePasses")).toInt(), 0);
    EXPECT_EQ(getJson(QStringLiteral("/api/health-gates/status")).value(QLatin1String("ready")),
              QJsonValue(false));
    static const QRegularExpression refused(
        QStringLiteral(
            R"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z ERROR \[database\] connect ECONNREFUSED )"
            R"(\S+:\d+ traceId=\S+ route=/\S* status=5\d\d ms=\d+$)"),
        QRegularExpression::MultilineOption);
    EXPECT_TRUE(refused.match(QString::fromUtf8(serverLog())).hasMatch())
        << "no ECONNREFUSED line in the contract's format";
    EXPECT_GT(metric(QStringLiteral("goldenSignals.errors.status5xx")), 0);

    // Write drain turns the 500s into clean 503s.
    postOk(QStringLiteral("/api/ops/write-drain"), withReason({{QStringLiteral("enabled"), true}}));
    const HttpResult drained = writeDream();
    EXPECT_TRUE(isError(drained, 503, "write_drain"));
    EXPECT_FALSE(drained.header("Retry-After").isEmpty());
    postOk(QStringLiteral("/api/ops/write-drain"),
           withReason({{QStringLiteral("enabled"), false}}));
    EXPECT_TRUE(isError(writeDream(), 500, "database_unavailable"));

    setScenario(QStringLiteral("none"));
    EXPECT_EQ(scenarioName(), QLatin1String("none"));
    advance(60);
    expectDatabaseHealthy();
    EXPECT_NE(breaker(QStringLiteral("database")).value(QLatin1String("state")).toString(),
              QLatin1String("open"));
}

TEST_F(ContractScenario, DbOutageEndsAfterItsDuration)
{
    setScenario(QStringLiteral("db-outage"), 30);
    advance(10);
    EXPECT_EQ(get(QStringLiteral("/health/ready"), Auth::None).status, 503);
    advance(90);
    EXPECT_EQ(scenarioName(), QLatin1String("none"));
    expectDatabaseHealthy();
}

TEST_F(ContractScenario, LatencyAboveFiveSecondsUntilItEnds)
{
    const QJsonObject before = getJson(QStringLiteral("/api/metrics"));
    EXPECT_LT(at(before, QStringLiteral("goldenSignals.latency.p99")).toDouble(), 5000);
    setScenario(QStringLiteral("latency"), 120);
    advance(15); // "within a few simulated seconds"
    EXPECT_GT(metric(QStringLiteral("goldenSignals.latency.p99")), 5000);
    advance(55);
    const QJsonObject during = getJson(QStringLiteral("/api/metrics"));
    EXPECT_GT(at(during, QStringLiteral("goldenSignals.latency.p95")).toDouble(), 5000);
    EXPECT_GT(at(during, QStringLiteral("goldenSignals.latency.p99")).toDouble(), 5000);
    EXPECT_LE(at(during, QStringLiteral("goldenSignals.latency.p50")).toDouble(),
              at(during, QStringLiteral("goldenSignals.latency.p95")).toDouble());
    EXPECT_GT(
        at(getJson(QStringLiteral("/health")), QStringLiteral("metrics.latency.p95")).toDouble(),
        5000)
        << "/health reports the same latency";
    advance(150);
    EXPECT_EQ(scenarioName(), QLatin1String("none"));
    const QJsonObject after = getJson(QStringLiteral("/api/metrics"));
    EXPECT_LT(at(after, QStringLiteral("goldenSignals.latency.p95")).toDouble(), 5000);
    EXPECT_LT(at(after, QStringLiteral("goldenSignals.latency.p99")).toDouble(), 5000);
}

TEST_F(ContractScenario, MemoryLeakClimbsAndRestartResets)
{
    const QString rss = QStringLiteral("goldenSignals.saturation.memory.rss");
    const QString delay = QStringLiteral("watchdogs.processHealth.eventLoopDelayMs");
    const double rss0 = metric(rss);
    const double delay0 = metric(delay);
    setScenario(QStringLiteral("memory-leak"));
    QList<double> samples;
    for (int i = 0; i < 3; ++i) {
        advance(60);
        samples << metric(rss);
    }
    EXPECT_GT(samples[0], rss0);
    EXPECT_GT(samples[1], samples[0]);
    EXPECT_GT(samples[2], samples[1]);
    const double delayPeak = metric(delay);
    EXPECT_GT(delayPeak, delay0);
    EXPECT_TRUE(serverLog().contains("heap")) << "no heap warnings in the log during a memory leak";

    ASSERT_EQ(
        post(QStringLiteral("/api/ops/restart"), withReason({}, QStringLiteral("leak"))).status,
        202);
    advance(3);
    const double rssAfter = metric(rss);
    EXPECT_LT(rssAfter, (rss0 + samples[2]) / 2) << "restart did not reset RSS";
    EXPECT_LT(metric(delay), delayPeak) << "restart did not reset the event-loop delay";
    advance(180);
    EXPECT_GT(metric(rss), rssAfter) << "the leak comes back until the scenario ends";
}

TEST_F(ContractScenario, ScenarioStateAndUnknownName)
{
    EXPECT_EQ(scenarioName(), QLatin1String("none"));
    for (const char *name :
         {"db-outage", "rate-limit", "error-spike", "memory-leak", "latency", "none"}) {
        setScenario(QLatin1String(name), 600);
        EXPECT_EQ(scenarioName(), QLatin1String(name));
    }
    EXPECT_TRUE(isError(post(QStringLiteral("/api/sim/scenario"),
                             {{QStringLiteral("name"), QStringLiteral("flood")}}),
                        404, "unknown_scenario"));
    EXPECT_EQ(scenarioName(), QLatin1String("none"));
}

TEST_F(ContractScenario, StartedWithScenarioFlag)
{
    ASSERT_TRUE(startFresh({QStringLiteral("--scenario"), QStringLiteral("db-outage")}, kSlow));
    advance(5);
    EXPECT_EQ(scenarioName(), QLatin1String("db-outage"));
    EXPECT_EQ(get(QStringLiteral("/health/ready"), Auth::None).status, 503);
}

} // namespace
