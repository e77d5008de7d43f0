// The simulator's chaos at the HTTP layer: every mode ends in a typed error within the
// deadline (N2, N3, N5, 500, non-JSON 200, truncated JSON), and polling under 800 +/- 200 ms
// latency never has more than one request in flight (N2, N4).
#include "clienttestutil.h"

#include <QTimer>

#include <gtest/gtest.h>

#include <iostream>

using namespace ClientTest;

namespace {

constexpr int kDeadlineMs = 900;
constexpr int kSlackMs = 2500;

class ClientChaos : public ::testing::Test
{
protected:
    static void SetUpTestSuite() { s_sim = TestSupport::startSimulator({}, 1.0).release(); }
    static void TearDownTestSuite()
    {
        delete s_sim;
        s_sim = nullptr;
    }
    void SetUp() override
    {
        ASSERT_TRUE(s_sim && s_sim->isReady());
        m_client = std::make_unique<OpsClient>(
            profileFor(s_sim->baseUrl(), kDeadlineMs, s_sim->token()));
    }
    void TearDown() override
    {
        if (s_sim && m_client)
            chaos(ChaosSettings {});
    }

    void chaos(const ChaosSettings &settings)
    {
        const auto out = await<Acknowledgement>(
            [&](QObject *c, auto cb) { m_client->setSimChaos(settings, c, cb); });
        ASSERT_TRUE(out.ok()) << out.error().userMessage().toStdString();
    }
    static ChaosSettings onMetrics()
    {
        ChaosSettings s;
        s.paths = {QStringLiteral("/api/metrics")};
        return s;
    }
    Outcome<MetricsSnapshot> metrics()
    {
        return await<MetricsSnapshot>([&](QObject *c, auto cb) { m_client->getMetrics(c, cb); });
    }

    static SimulatorProcess *s_sim;
    std::unique_ptr<OpsClient> m_client;
};

SimulatorProcess *ClientChaos::s_sim = nullptr;

TEST_F(ClientChaos, BaselineWithoutChaosSucceeds)
{
    const auto out = metrics();
    ASSERT_TRUE(out.ok()) << out.error().userMessage().toStdString();
}

TEST_F(ClientChaos, N2_HungResponseHitsDeadline)
{
    ChaosSettings s = onMetrics();
    s.hangRate = 1;
    chaos(s);
    const auto out = metrics();
    ASSERT_TRUE(out.result);
    EXPECT_EQ(out.kind(), ApiError::Kind::Timeout);
    EXPECT_GE(out.elapsedMs, kDeadlineMs - 50);
    EXPECT_LT(out.elapsedMs, kDeadlineMs + kSlackMs);
    // Other endpoints are unaffected.
    const auto ops = await<OpsStatus>([&](QObject *c, auto cb) { m_client->getOpsStatus(c, cb); });
    EXPECT_TRUE(ops.ok());
}

TEST_F(ClientChaos, N3_TrickleHitsDeadline)
{
    ChaosSettings s = onMetrics();
    s.slowBytesPerSecond = 1;
    chaos(s);
    const auto out = metrics();
    ASSERT_TRUE(out.result);
    EXPECT_EQ(out.kind(), ApiError::Kind::Timeout);
    EXPECT_LT(out.elapsedMs, kDeadlineMs + kSlackMs);
}

TEST_F(ClientChaos, N5_DroppedConnectionIsNetworkError)
{
    ChaosSettings s = onMetrics();
    s.dropRate = 1;
    chaos(s);
    const auto out = metrics();
    ASSERT_TRUE(out.result);
    EXPECT_EQ(out.kind(), ApiError::Kind::Network) << out.error().userMessage().toStdString();
    EXPECT_LT(out.elapsedMs, kDeadlineMs + kSlackMs);
}

TEST_F(ClientChaos, ServerErrorIsHttp500)
{
    ChaosSettings s = onMetrics();
    s.errorRate = 1;
    chaos(s);
    const auto out = metrics();
    ASSERT_TRUE(out.result);
    EXPECT_EQ(out.kind(), ApiError::Kind::Http);
    EXPECT_EQ(out.error().httpStatus, 500);
    EXPECT_FALSE(out.error().traceId.isEmpty());
}

TEST_F(ClientChaos, N20_HtmlPageIsNotJson)
{
    ChaosSettings s = onMetrics();
    s.malformedRate = 1;
    s.malformedKind = QStringLiteral("html");
    chaos(s);
    const auto out = metrics();
    ASSERT_TRUE(out.result);
    EXPECT_EQ(out.kind(), ApiError::Kind::NotJson) << out.error().userMessage().toStdString();
    EXPECT_TRUE(out.error().userMessage().contains(QLatin1String("not JSON")));
}

TEST_F(ClientChaos, N20_TruncatedJsonIsInvalidJson)
{
    ChaosSettings s = onMetrics();
    s.malformedRate = 1;
    s.malformedKind = QStringLiteral("truncated");
    chaos(s);
    const auto out = metrics();
    ASSERT_TRUE(out.result);
    EXPECT_EQ(out.kind(), ApiError::Kind::InvalidJson) << out.error().userMessage().toStdString();
}

TEST(ClientChaosPolling, N4_PollingUnderLatencyNeverOverlaps)
{
    auto sim = TestSupport::startSimulator({}, 1.0);
    ASSERT_TRUE(sim && sim->isReady());
    OpsClient client(profileFor(sim->baseUrl(), 2000, sim->token()));
    ChaosSettings s;
    s.paths = {QStringLiteral("/api/metrics")};
    s.latencyMs = 800;
    s.jitterMs = 200;
    ASSERT_TRUE(
        (await<Acknowledgement>([&](QObject *c, auto cb) { client.setSimChaos(s, c, cb); }).ok()));

    const QString path = QStringLiteral("/api/metrics");
    int ok = 0;
    int failed = 0;
    int maxInFlight = 0;
    QObject ctx;
    // One exchange = one request on the wire; joined polls share it.
    QObject::connect(
        &client, &OpsClient::requestFinished, &ctx,
        [&](const QString &, const QString &p, int, qint64, const QString &, bool good) {
            if (p == path)
                good ? ++ok : ++failed;
        });
    QTimer poll;
    poll.setInterval(50);
    QObject::connect(&poll, &QTimer::timeout, &ctx, [&] {
        client.getMetrics(&ctx, [](const ApiResult<MetricsSnapshot> &) {});
        maxInFlight = qMax(maxInFlight, client.inFlightCount(path));
    });
    poll.start();
    QTest::qWait(4500);
    poll.stop();
    TestSupport::waitUntil([&] { return client.inFlightTotal() == 0; }, 5000);

    std::cout << "[info] polls under latency: " << ok << " ok, " << failed << " failed\n";
    EXPECT_EQ(maxInFlight, 1);
    EXPECT_GE(ok + failed, 3) << "polls hardly completed";
    EXPECT_GE(ok * 10, (ok + failed) * 8) << ok << " of " << ok + failed << " polls succeeded";

    s = ChaosSettings {};
    ASSERT_TRUE(
        (await<Acknowledgement>([&](QObject *c, auto cb) { client.setSimChaos(s, c, cb); }).ok()));
    const auto state = await<SimState>([&](QObject *c, auto cb) { client.getSimState(c, cb); });
    ASSERT_TRUE(state.ok()) << state.error().userMessage().toStdString();
    EXPECT_EQ(state.result->value().maxInFlight(path), 1) << "the simulator saw overlapping polls";
    EXPECT_GE(state.result->value().requests(path), 3);
}

} // namespace
