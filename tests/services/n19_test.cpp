// Row N19: "6 open log tails + health poll -> health poll still within deadline (own QNAM)".
// QNetworkAccessManager runs at most 6 requests per host:port; FaultServer holds six slow GETs
// through the shared OpsClient and the health poll must still be answered while they are held:
// a health call queued behind them would answer only after their 8 s deadline.
#include "clienttestutil.h"
#include "dashboardpoller.h"
#include "faultserver.h"
#include "jsonsamples.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>

using namespace ClientTest;

namespace {

constexpr int kHeldDeadlineMs = 8000; // the held calls end in a timeout only after the checks

// Six GETs of six paths (single-flight joins equal paths) that FaultServer never answers, sent
// through the shared manager of an OpsClient; `heldFinished` counts the ones that ended.
class LogTail : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(server.listen());
        client = std::make_unique<OpsClient>(profileFor(server.baseUrl(), kHeldDeadlineMs));
        server.setMode(FaultServer::Mode::Hold);
        const auto ended = [this](const auto &) {
            ++heldFinished;
        };
        client->getMetrics(&context, ended);
        client->getFlags(&context, ended);
        client->getOpsStatus(&context, ended);
        client->getAgents(&context, ended);
        client->getDeadLetterStatus(&context, ended);
        client->getCircuitBreakers(&context, ended);
        ASSERT_TRUE(TestSupport::waitUntil([this] { return server.inFlight() == 6; }, 5000))
            << "in flight on the server: " << server.inFlight();
        // From now on whatever reaches the server is answered.
        server.setResponse(200, JsonSamples::health);
        server.setMode(FaultServer::Mode::Respond);
    }

    FaultServer server;
    QObject context;
    std::unique_ptr<OpsClient> client;
    int heldFinished = 0;
};

bool reachedServer(const FaultServer &server, const QByteArray &path)
{
    const auto &requests = server.requests();
    return std::any_of(requests.cbegin(), requests.cend(),
                       [&path](const FaultServer::Request &r) { return r.path == path; });
}

} // namespace

TEST_F(LogTail, N19_HealthPollNotStarvedBySixTails)
{
    // A seventh ordinary GET queues behind the six inside the shared QNAM: the setup does
    // saturate the host, so a health poll on the same manager would wait as long.
    bool queuedDone = false;
    client->getSimState(&context, [&queuedDone](const auto &) { queuedDone = true; });

    const auto health
        = await<HealthStatus>([&](QObject *ctx, auto cb) { client->getHealth(ctx, cb); });
    ASSERT_TRUE(health.result) << "no health answer at all";
    EXPECT_TRUE(health.ok()) << health.error().userMessage().toStdString();
    EXPECT_EQ(heldFinished, 0) << "the health answer came after the held calls ended";
    EXPECT_TRUE(reachedServer(server, "/health"));
    EXPECT_FALSE(reachedServer(server, "/api/sim/state"))
        << "the seventh ordinary GET was not queued: the host was not saturated";
    EXPECT_FALSE(queuedDone);
    EXPECT_GE(server.maxInFlight(), 7);
}

TEST_F(LogTail, N19_DashboardHealthPollKeepsItsIntervalWhileSixAreHeld)
{
    DashboardPoller poller(client.get());
    DashboardPoller::Intervals intervals;
    intervals.metricsMs = 200;
    intervals.healthMs = 200;
    intervals.slowMs = 200;
    poller.setIntervals(intervals);
    // How many held calls had ended at each health update: none, for the poll to keep going.
    QList<int> heldEndedAtUpdate;
    QObject::connect(&poller, &DashboardPoller::healthUpdated, &context,
                     [this, &heldEndedAtUpdate](const HealthStatus &) {
                         heldEndedAtUpdate.append(heldFinished);
                     });
    poller.start();
    ASSERT_TRUE(TestSupport::waitUntil(
        [&heldEndedAtUpdate] { return heldEndedAtUpdate.size() >= 4; }, kHeldDeadlineMs + 5000))
        << "health updates: " << heldEndedAtUpdate.size();
    EXPECT_EQ(heldEndedAtUpdate.mid(0, 4), QList<int>(4, 0))
        << "health updates waited for the held calls to end";
    EXPECT_TRUE(poller.health().has_value());
    poller.stop();
}
