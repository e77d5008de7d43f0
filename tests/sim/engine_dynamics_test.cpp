// Engine-level tests of dreamnet-sim (no socket): determinism under --seed, ordered percentiles
// over a simulated day, cumulative counters and believable (never flat) traffic.
#include "enginereport.h"
#include "simclock.h"
#include "simengine.h"

#include <gtest/gtest.h>

#include <QJsonDocument>
#include <QSet>

namespace {

constexpr qint64 kStart = 1795946400000; // 2026-11-29T10:00:00Z

QByteArray snapshot(SimEngine &engine)
{
    QJsonObject all = EngineReport::metrics(engine, QStringLiteral("sim-1"), 0);
    all.insert(QStringLiteral("health"), EngineReport::health(engine));
    all.insert(QStringLiteral("dlq"), engine.deadLetters().statusJson());
    all.insert(QStringLiteral("agents"), engine.agents().toJson());
    all.insert(QStringLiteral("breakers"), engine.breakers().toJson());
    return QJsonDocument(all).toJson(QJsonDocument::Compact);
}

void script(SimEngine &engine)
{
    engine.advanceSeconds(30);
    engine.setScenario(Scenario::RateLimit, 0, QStringLiteral("test"));
    engine.advanceSeconds(90);
    engine.flags().set(QStringLiteral("ai_embeddings_enabled"), false, QStringLiteral("r"),
                       QStringLiteral("t"), engine.nowMs());
    engine.recordRequest(200, 12.0, false);
    engine.advanceSeconds(45);
    engine.deadLetters().startReplay(QStringLiteral("replay-1"), 5, 100, {}, {}, engine.nowMs());
    engine.advanceSeconds(60);
}

} // namespace

TEST(EngineDynamics, SameSeedAndCallsGiveSameState)
{
    SimEngine a(7, kStart);
    SimEngine b(7, kStart);
    script(a);
    script(b);
    EXPECT_EQ(snapshot(a), snapshot(b));
}

TEST(EngineDynamics, OtherSeedGivesOtherState)
{
    SimEngine a(7, kStart);
    SimEngine b(8, kStart);
    script(a);
    script(b);
    EXPECT_NE(snapshot(a), snapshot(b));
}

TEST(EngineDynamics, PercentilesOrderedOverADayOfTicks)
{
    SimEngine engine(1, kStart);
    const Scenario cycle[] = {Scenario::None,     Scenario::Latency,   Scenario::ErrorSpike,
                              Scenario::DbOutage, Scenario::RateLimit, Scenario::MemoryLeak};
    QSet<qint64> distinctRates;
    quint64 lastTotal = 0;
    quint64 lastUser = 0;
    for (int second = 1; second <= 24 * 3600; ++second) {
        if (second % 7200 == 0)
            engine.setScenario(cycle[(second / 7200) % 6], 0, QStringLiteral("test"));
        engine.advanceSeconds(1);
        if (second % 5 != 0)
            continue;
        const TrafficModel &t = engine.traffic();
        const double p50 = t.percentileMs(0.50);
        const double p95 = t.percentileMs(0.95);
        const double p99 = t.percentileMs(0.99);
        ASSERT_GT(p50, 0.0) << "second " << second;
        ASSERT_LE(p50, p95) << "second " << second;
        ASSERT_LE(p95, p99) << "second " << second;
        ASSERT_GE(t.requestsTotal(), lastTotal);
        ASSERT_GE(engine.process().cpuUserUs, lastUser);
        ASSERT_GE(t.errorRate(), 0.0);
        ASSERT_LE(t.errorRate(), 1.0);
        lastTotal = t.requestsTotal();
        lastUser = engine.process().cpuUserUs;
        distinctRates.insert(qint64(t.requestsPerSecond() * 10));
    }
    EXPECT_GT(distinctRates.size(), 50) << "traffic looks flat";
}

TEST(EngineDynamics, BaselineTrafficIsAroundFortyRequestsPerSecond)
{
    SimEngine engine(3, kStart);
    double sum = 0;
    double min = 1e9;
    double max = 0;
    for (int i = 0; i < 600; ++i) {
        engine.advanceSeconds(1);
        const double rps = engine.traffic().requestsPerSecond();
        sum += rps;
        min = std::min(min, rps);
        max = std::max(max, rps);
    }
    EXPECT_NEAR(sum / 600, 40.0, 6.0);
    EXPECT_GT(max - min, 3.0);
    EXPECT_LT(engine.traffic().errorRate(), 0.03);
    EXPECT_TRUE(EngineReport::isReady(engine));
    EXPECT_TRUE(EngineReport::isHealthy(engine));
}

TEST(EngineDynamics, RealRequestsCountInGoldenSignals)
{
    SimEngine engine(4, kStart);
    engine.advanceSeconds(5);
    const quint64 before = engine.traffic().requestsTotal();
    const quint64 before5xx = engine.traffic().status5xx();
    for (int i = 0; i < 100; ++i)
        engine.recordRequest(500, 3.0, true);
    EXPECT_EQ(engine.traffic().requestsTotal(), before + 100);
    EXPECT_EQ(engine.traffic().status5xx(), before5xx + 100);
    engine.advanceSeconds(1);
    EXPECT_GT(engine.traffic().errorRate(), 0.03);
}

TEST(EngineDynamics, ClockStepRunsWholeSeconds)
{
    SimEngine engine(5, kStart);
    engine.advanceTo(kStart + 2500);
    EXPECT_EQ(engine.nowMs(), kStart + 2500);
    const quint64 total = engine.traffic().requestsTotal();
    engine.advanceTo(kStart + 2900); // same whole second: no step
    EXPECT_EQ(engine.traffic().requestsTotal(), total);
    engine.advanceTo(kStart + 3000);
    EXPECT_GT(engine.traffic().requestsTotal(), total);
}

TEST(EngineClock, StepsAndFormatsSimulatedTime)
{
    SimClock clock(kStart, 50.0);
    EXPECT_EQ(clock.nowMs(), kStart) << "a stopped clock does not move";
    qint64 announced = 0;
    QObject::connect(&clock, &SimClock::advanced, &clock,
                     [&announced](qint64 now) { announced = now; });
    clock.advance(90 * 1000);
    EXPECT_EQ(clock.nowMs(), kStart + 90 * 1000);
    EXPECT_EQ(announced, clock.nowMs());
    EXPECT_EQ(SimClock::toIso(kStart + 123), QStringLiteral("2026-11-29T10:00:00.123Z"));
}
