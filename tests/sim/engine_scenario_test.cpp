// Engine-level tests of every scenario row of the contract and each listed mitigation, on
// simulated time (no sleeping): what shows within seconds, what brings it back.
#include "enginereport.h"
#include "simengine.h"

#include <gtest/gtest.h>

#include <QFile>
#include <QTemporaryDir>

namespace {

constexpr qint64 kStart = 1795946400000; // 2026-11-29T10:00:00Z

class EngineScenario : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        m_log = std::make_unique<ServerLog>(m_dir.path(), 64 * 1024 * 1024);
        m_engine = std::make_unique<SimEngine>(11, kStart, m_log.get());
        m_engine->advanceSeconds(60);
    }
    SimEngine &engine() { return *m_engine; }
    QByteArray logText()
    {
        m_log->flush();
        QFile file(m_dir.filePath(QStringLiteral("server.log")));
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }
    double errorRate() const { return m_engine->traffic().errorRate(); }
    double depth(const char *agent) const
    {
        return m_engine->agents().find(QLatin1String(agent))->queueDepth;
    }
    BreakerBoard::State breaker(const char *name) const
    {
        return m_engine->breakers().find(QLatin1String(name))->state;
    }
    void setFlag(const char *name, bool on)
    {
        m_engine->flags().set(QLatin1String(name), on, QStringLiteral("test"),
                              QStringLiteral("tester"), m_engine->nowMs());
    }

    QTemporaryDir m_dir;
    std::unique_ptr<ServerLog> m_log;
    std::unique_ptr<SimEngine> m_engine;
};

} // namespace

TEST_F(EngineScenario, DbOutageShowsAndDrainCleansUp)
{
    engine().setScenario(Scenario::DbOutage, 0, QStringLiteral("test"));
    engine().advanceSeconds(6);
    EXPECT_FALSE(EngineReport::isReady(engine()));
    EXPECT_FALSE(EngineReport::isHealthy(engine()));
    const QJsonObject ready = EngineReport::ready(engine());
    EXPECT_FALSE(ready.value(QStringLiteral("checks"))
                     .toObject()
                     .value(QStringLiteral("database"))
                     .toBool());
    EXPECT_EQ(EngineReport::health(engine()).value(QStringLiteral("database")).toString(),
              QStringLiteral("unhealthy"));
    EXPECT_EQ(breaker("database"), BreakerBoard::State::Open);
    EXPECT_TRUE(logText().contains("ERROR [database] connect ECONNREFUSED 10.0.0.5:5432"));
    engine().advanceSeconds(30);
    EXPECT_GT(errorRate(), 0.15);

    engine().setWriteDrain(true, QStringLiteral("db down"), QStringLiteral("tester"));
    engine().advanceSeconds(65);
    EXPECT_LT(errorRate(), 0.05) << "write drain turns 5xx into clean 503s";

    engine().setScenario(Scenario::None, 0, QStringLiteral("test"));
    engine().advanceSeconds(3);
    EXPECT_TRUE(EngineReport::isReady(engine()));
    engine().advanceSeconds(25);
    EXPECT_EQ(breaker("database"), BreakerBoard::State::Closed);
}

TEST_F(EngineScenario, DbOutageEndsAfterItsDuration)
{
    engine().setScenario(Scenario::DbOutage, 20, QStringLiteral("test"));
    engine().advanceSeconds(5);
    EXPECT_FALSE(engine().databaseHealthy());
    engine().advanceSeconds(20);
    EXPECT_EQ(engine().scenario(), Scenario::None);
    EXPECT_TRUE(engine().databaseHealthy());
}

TEST_F(EngineScenario, RateLimitShowsAndFlagThenReplayMitigate)
{
    const quint64 dlqBefore = engine().deadLetters().totalMessages();
    engine().setScenario(Scenario::RateLimit, 0, QStringLiteral("test"));
    engine().advanceSeconds(8);
    EXPECT_EQ(breaker("openai"), BreakerBoard::State::Open);
    EXPECT_GT(engine().process().aiP99Ms, 5000);
    EXPECT_TRUE(logText().contains("WARN [openai] OpenAI 429 Too Many Requests"));
    engine().advanceSeconds(52);
    EXPECT_GT(errorRate(), 0.05);
    EXPECT_GT(engine().deadLetters().totalMessages(), dlqBefore + 40);

    setFlag("ai_embeddings_enabled", false);
    engine().advanceSeconds(2);
    const quint64 total = engine().deadLetters().totalMessages();
    engine().advanceSeconds(30);
    EXPECT_LE(engine().deadLetters().totalMessages(), total + 3) << "DLQ stops growing";
    EXPECT_NE(breaker("openai"), BreakerBoard::State::Open);
    engine().advanceSeconds(35);
    EXPECT_LT(errorRate(), 0.05);

    const qsizetype depth = engine().deadLetters().depth();
    ASSERT_TRUE(engine().deadLetters().startReplay(QStringLiteral("r1"), 20, 100000, {}, {},
                                                   engine().nowMs()));
    EXPECT_FALSE(
        engine().deadLetters().startReplay(QStringLiteral("r2"), 20, 10, {}, {}, engine().nowMs()))
        << "409 replay_in_progress";
    engine().advanceSeconds(depth / 20 + 5);
    EXPECT_FALSE(engine().deadLetters().replayRunning());
    EXPECT_LT(engine().deadLetters().depth(), depth / 5 + 5);
}

TEST_F(EngineScenario, RateLimitMitigatedBySafeMode)
{
    engine().setScenario(Scenario::RateLimit, 0, QStringLiteral("test"));
    engine().advanceSeconds(30);
    const quint64 calls = engine().process().aiTotalCalls;
    engine().setSafeMode(true, QStringLiteral("stop tools"), QStringLiteral("tester"));
    engine().advanceSeconds(65);
    EXPECT_EQ(engine().process().aiTotalCalls, calls) << "no outbound calls in safe mode";
    EXPECT_LT(errorRate(), 0.05);
}

TEST_F(EngineScenario, ErrorSpikeShowsAndEachMitigationWorks)
{
    for (int mitigation = 0; mitigation < 3; ++mitigation) {
        SetUp();
        engine().setScenario(Scenario::ErrorSpike, 0, QStringLiteral("test"));
        const double before = depth("citadel");
        engine().advanceSeconds(5);
        EXPECT_GT(depth("citadel"), before + 8) << "citadel queue grows within seconds";
        engine().advanceSeconds(25);
        EXPECT_GE(errorRate(), 0.5) << "mitigation " << mitigation;
        EXPECT_TRUE(logText().contains("ERROR [citadel]"));
        const QJsonObject citadel
            = AgentBoard::toJson(*engine().agents().find(QStringLiteral("citadel")));
        EXPECT_EQ(citadel.value(QStringLiteral("status")).toString(), QStringLiteral("degraded"));

        if (mitigation == 0)
            engine().agents().quarantine(QStringLiteral("citadel"), QStringLiteral("spike"),
                                         QStringLiteral("tester"), engine().nowMs(), 0);
        else if (mitigation == 1)
            setFlag("citadel_enabled", false);
        else
            engine().setSafeMode(true, QStringLiteral("spike"), QStringLiteral("tester"));
        engine().advanceSeconds(1);
        const double held = depth("citadel");
        engine().advanceSeconds(64);
        EXPECT_LT(errorRate(), 0.05) << "mitigation " << mitigation;
        EXPECT_LE(depth("citadel"), held) << "queue stops growing, mitigation " << mitigation;
    }
}

TEST_F(EngineScenario, MemoryLeakClimbsAndRestartResets)
{
    const double rss0 = engine().process().rssBytes;
    const double delay0 = engine().process().eventLoopDelayMs;
    engine().setScenario(Scenario::MemoryLeak, 0, QStringLiteral("test"));
    engine().advanceSeconds(120);
    EXPECT_GT(engine().process().rssBytes, rss0 + 150.0 * 1024 * 1024);
    EXPECT_GT(engine().process().eventLoopDelayMs, delay0 + 5);
    EXPECT_TRUE(logText().contains("WARN [process] heap usage high"));

    const qint64 startedBefore = engine().process().startedAtMs;
    engine().advanceSeconds(1);
    engine().restart(QStringLiteral("leak"), QStringLiteral("tester"));
    EXPECT_NE(engine().process().startedAtMs, startedBefore);
    EXPECT_LT(engine().uptimeSeconds(), 1.0);
    EXPECT_FALSE(EngineReport::isReady(engine())) << "not ready right after a restart";
    engine().advanceSeconds(3);
    EXPECT_TRUE(EngineReport::isReady(engine()));
    EXPECT_LT(engine().process().rssBytes, rss0 + 30.0 * 1024 * 1024);
    engine().advanceSeconds(60);
    EXPECT_GT(engine().process().rssBytes, rss0 + 60.0 * 1024 * 1024) << "the leak comes back";
}

TEST_F(EngineScenario, LatencyRaisesTailAboveFiveSeconds)
{
    engine().setScenario(Scenario::Latency, 0, QStringLiteral("test"));
    engine().advanceSeconds(6);
    EXPECT_GT(engine().traffic().percentileMs(0.95), 5000);
    EXPECT_GT(engine().traffic().percentileMs(0.99), 5000);
    engine().setScenario(Scenario::None, 0, QStringLiteral("test"));
    engine().advanceSeconds(12);
    EXPECT_LT(engine().traffic().percentileMs(0.95), 1000);
}

TEST_F(EngineScenario, QuarantineExpiresAfterItsDuration)
{
    ASSERT_TRUE(engine().agents().quarantine(QStringLiteral("relaybot"), QStringLiteral("r"),
                                             QStringLiteral("t"), engine().nowMs(), 10));
    engine().advanceSeconds(5);
    EXPECT_TRUE(engine().agents().isQuarantined(QStringLiteral("relaybot")));
    engine().advanceSeconds(6);
    EXPECT_FALSE(engine().agents().isQuarantined(QStringLiteral("relaybot")));
}

TEST_F(EngineScenario, EmergencyModeDisablesEveryFlag)
{
    engine().flags().setEmergency(true, QStringLiteral("r"), QStringLiteral("t"), engine().nowMs());
    for (const QJsonValue &flag : engine().flags().toJson())
        EXPECT_FALSE(flag.toObject().value(QStringLiteral("enabled")).toBool());
    engine().flags().setEmergency(false, QStringLiteral("r"), QStringLiteral("t"),
                                  engine().nowMs());
    EXPECT_TRUE(engine().flags().effective(QStringLiteral("citadel_enabled")));
}

TEST_F(EngineScenario, TrippedBreakerStaysOpenUntilReset)
{
    engine().breakers().trip(QStringLiteral("stripe"), engine().nowMs());
    engine().advanceSeconds(120);
    EXPECT_EQ(breaker("stripe"), BreakerBoard::State::Open);
    EXPECT_TRUE(engine().breakers().find(QStringLiteral("stripe"))->forced);
    engine().breakers().reset(QStringLiteral("stripe"));
    EXPECT_EQ(breaker("stripe"), BreakerBoard::State::Closed);
}
