// Contract: the rate-limit and error-spike scenarios show what their table row says, and each
// listed mitigation brings the signals back (ops-api.md, /api/sim/* scenario table).
#include "contractfixture.h"

#include <QRegularExpression>

#include <functional>

namespace {

// Simulated time barely moves on its own: the tests step the clock.
constexpr double kSlow = 0.05;

class ContractMitigation : public ContractFixture
{
protected:
    void SetUp() override
    {
        ContractFixture::SetUp();
        ASSERT_TRUE(startFresh({}, kSlow));
    }

    bool logHas(const QString &pattern) const
    {
        const QRegularExpression re(pattern, QRegularExpression::MultilineOption);
        return re.match(QString::fromUtf8(serverLog())).hasMatch();
    }
    double errorRate() const { return metric(QStringLiteral("goldenSignals.errors.errorRate")); }
    int dlqDepth() const
    {
        return getJson(QStringLiteral("/api/dead-letter/status"))
            .value(QLatin1String("depth"))
            .toInt();
    }
    int citadelQueue() const
    {
        return agent(QStringLiteral("citadel")).value(QLatin1String("queueDepth")).toInt();
    }

    // Starts rate-limit, checks its signals, applies `mitigate`, checks the errors stop and that
    // a replay then drains the dead-letter queue.
    void rateLimitMitigatedBy(const std::function<void()> &mitigate)
    {
        EXPECT_EQ(breaker(QStringLiteral("openai")).value(QLatin1String("state")).toString(),
                  QLatin1String("closed"));
        const double aiP99 = metric(QStringLiteral("watchdogs.aiCallLatency.p99"));
        const double errors0 = errorRate();
        const int depth0 = dlqDepth();

        setScenario(QStringLiteral("rate-limit"));
        advance(10); // "within a few simulated seconds"
        EXPECT_EQ(breaker(QStringLiteral("openai")).value(QLatin1String("state")).toString(),
                  QLatin1String("open"));
        EXPECT_TRUE(logHas(QStringLiteral(R"(^\S+ (WARN|ERROR) \[openai\] .*\b429\b)")))
            << "no OpenAI 429 lines in the log within 10 s";
        advance(60);
        EXPECT_GT(metric(QStringLiteral("watchdogs.aiCallLatency.p99")), aiP99);
        const double errorsDuring = errorRate();
        EXPECT_GT(errorsDuring, errors0 + 0.02) << "errors did not rise in rate-limit";
        EXPECT_GT(dlqDepth(), depth0) << "DLQ did not grow in rate-limit";
        EXPECT_TRUE(logHas(QStringLiteral(R"(^\S+ (WARN|ERROR) \[openai\] .*\b429\b)")))
            << "no OpenAI 429 lines in the log";

        mitigate();
        advance(90); // errorRate covers the last 60 simulated seconds
        const double errorsAfter = errorRate();
        EXPECT_LT(errorsAfter, 0.05);
        EXPECT_LT(errorsAfter, errorsDuring);
        const int settled = dlqDepth();
        advance(60);
        EXPECT_LE(dlqDepth(), settled + 3) << "DLQ keeps growing after the mitigation";

        const int beforeReplay = dlqDepth();
        ASSERT_GT(beforeReplay, 0);
        ASSERT_EQ(post(QStringLiteral("/api/dead-letter/replay"),
                       withReason({{QStringLiteral("rateLimit"), 100},
                                   {QStringLiteral("maxMessages"), 100000}}))
                      .status,
                  202);
        advance(60);
        EXPECT_LT(dlqDepth(), beforeReplay / 2 + 1) << "the replay did not drain the DLQ";

        setScenario(QStringLiteral("none"));
        advance(180);
        EXPECT_NE(breaker(QStringLiteral("openai")).value(QLatin1String("state")).toString(),
                  QLatin1String("open"))
            << "openai breaker still open 3 simulated minutes after the scenario ended";
    }

    void errorSpikeMitigatedBy(const std::function<void()> &mitigate)
    {
        setScenario(QStringLiteral("error-spike"));
        advance(70);
        EXPECT_GE(errorRate(), 0.5);
        const int queue1 = citadelQueue();
        advance(30);
        const int queue2 = citadelQueue();
        EXPECT_GT(queue2, queue1) << "citadel's queue does not grow in error-spike";
        EXPECT_TRUE(logHas(QStringLiteral(R"(^\S+ ERROR \[citadel\] )")))
            << "no citadel errors in the log";

        mitigate();
        advance(90); // errorRate covers the last 60 simulated seconds
        EXPECT_LT(errorRate(), 0.05);
    }
};

TEST_F(ContractMitigation, RateLimitStoppedByDisablingEmbeddings)
{
    rateLimitMitigatedBy([this] {
        postOk(QStringLiteral("/api/integration-flags/ai_embeddings_enabled/disable"),
               withReason({}, QStringLiteral("hash fallback")));
    });
}

TEST_F(ContractMitigation, RateLimitStoppedBySafeMode)
{
    rateLimitMitigatedBy([this] {
        postOk(QStringLiteral("/api/ops/safe-mode"),
               withReason({{QStringLiteral("enabled"), true}}));
    });
}

TEST_F(ContractMitigation, SafeModeStopsOutboundAiCalls)
{
    advance(10);
    const double before = metric(QStringLiteral("watchdogs.aiCallLatency.totalCalls"));
    advance(30);
    const double later = metric(QStringLiteral("watchdogs.aiCallLatency.totalCalls"));
    EXPECT_GT(later, before) << "no AI calls counted in normal operation";
    postOk(QStringLiteral("/api/ops/safe-mode"), withReason({{QStringLiteral("enabled"), true}}));
    advance(1);
    const double inSafeMode = metric(QStringLiteral("watchdogs.aiCallLatency.totalCalls"));
    advance(30);
    EXPECT_EQ(metric(QStringLiteral("watchdogs.aiCallLatency.totalCalls")), inSafeMode)
        << "outbound AI calls counted in safe mode";
}

TEST_F(ContractMitigation, ErrorSpikeStoppedByQuarantine)
{
    errorSpikeMitigatedBy([this] {
        postOk(QStringLiteral("/api/agents/quarantine"),
               withReason({{QStringLiteral("agentId"), QStringLiteral("citadel")}}));
    });
    const int queue = citadelQueue();
    advance(30);
    EXPECT_LE(citadelQueue(), queue) << "a quarantined agent's queue keeps growing";
}

TEST_F(ContractMitigation, ErrorSpikeStoppedByDisablingCitadelFlag)
{
    errorSpikeMitigatedBy([this] {
        postOk(QStringLiteral("/api/integration-flags/citadel_enabled/disable"), withReason({}));
    });
}

TEST_F(ContractMitigation, ErrorSpikeStoppedBySafeMode)
{
    errorSpikeMitigatedBy([this] {
        postOk(QStringLiteral("/api/ops/safe-mode"),
               withReason({{QStringLiteral("enabled"), true}}));
    });
}

TEST_F(ContractMitigation, ErrorSpikeStoppedByEmergencyMode)
{
    // Emergency mode reads every flag as disabled, citadel_enabled included.
    errorSpikeMitigatedBy([this] {
        postOk(QStringLiteral("/api/integration-flags/emergency/enable"), withReason({}));
    });
}

} // namespace
