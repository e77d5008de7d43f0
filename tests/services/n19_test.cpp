// Row N19: "6 open log tails + health poll -> health poll still within deadline (own QNAM)".
// QNetworkAccessManager runs at most 6 requests per host:port; FaultServer holds six slow GETs
// through the shared OpsClient and the health poll must still be answered at once.
#include "clienttestutil.h"
#include "dashboardpoller.h"
#include "faultserver.h"
#include "jsonsamples.h"

#include <gtest/gtest.h>

#include <algorithm>

using namespace ClientTest;

namespace {

constexpr int kHeldDeadlineMs = 8000; // the held calls end in a timeout only after the checks
constexpr int kHealthLimitMs = 2500; // generous: an answer on loopback takes a few ms

// Six GETs of six paths (single-flight joins equal paths) that FaultServer never answers.
void holdSixConnections(FaultServer &server, OpsClient &client, QObject *context)
{
    server.setMode(FaultServer::Mode::Hold);
    client.getMetrics(context, [](const auto &) {});
    client.getFlags(context, [](const auto &) {});
    client.getOpsStatus(context, [](const auto &) {});
    client.getAgents(context, [](const auto &) {});
    client.getDeadLetterStatus(context, [](const auto &) {});
    client.getCircuitBreakers(context, [](const auto &) {});
    ASSERT_TRUE(TestSupport::waitUntil([&] { return server.inFlight() == 6; }, 5000))
        << "in flight on the server: " << server.inFlight();
    // From now on whatever reaches the server is answered.
    server.setResponse(200, JsonSamples::health);
    server.setMode(FaultServer::Mode::Respond);
}

bool reachedServer(const FaultServer &server, const QByteArray &path)
{
    const auto &requests = server.requests();
    return std::any_of(requests.cbegin(), requests.cend(),
                       [&path](const FaultServer::Request &r) { return r.path == path; });
}

} // namespace

TEST(LogTail, N19_HealthPollNotStarvedBySixTails)
{
    FaultServer server;
    ASSERT_TRUE(server.listen());
    OpsClient client(profileFor(server.baseUrl(), kHeldDeadlineMs));
    QObject context;
    holdSixConnections(server, client, &context);
    ASSERT_FALSE(HasFatalFailure());

    // A seventh ordinary GET queues behind the six inside the shared QNAM: the setup does
    // saturate the host, so a health poll on the same manager would wait as long.
    bool queuedDone = false;
    client.getSimState(&context, [&queuedDone](const auto &) { queuedDone = true; });

    const auto health
        = await<HealthStatus>([&](QObject *ctx, auto cb) { client.getHealth(ctx, cb); });
    ASSERT_TRUE(health.result) << "no health answer at all";
    EXPECT_TRUE(health.ok()) << health.error().userMessage().toStdString();
    EXPECT_LT(health.elapsedMs, kHealthLimitMs);
    EXPECT_TRUE(reachedServer(server, "/health"));
    EXPECT_FALSE(reachedServer(server, "/api/sim/state"))
        << "the seventh ordinary GET was not queued: the host was not saturated";
    EXPECT_FALSE(queuedDone);
    EXPECT_GE(server.maxInFlight(), 7);
}

TEST(LogTail, N19_DashboardHealthPollKeepsItsIntervalWhileSixAreHeld)
{
    FaultServer server;
    ASSERT_TRUE(server.listen());
    OpsClient client(profileFor(server.baseUrl(), kHeldDeadlineMs));
    QObject context;
    holdSixConnections(server, client, &context);
    ASSERT_FALSE(HasFatalFailure());

    DashboardPoller poller(&client);
    DashboardPoller::Intervals intervals;
    intervals.metricsMs = 200;
    intervals.healthMs = 200;
    intervals.slowMs = 200;
    poller.setIntervals(intervals);
    QList<qint64> updates;
    QElapsedTimer timer;
    timer.start();
    QObject::connect(&poller, &DashboardPoller::healthUpdated, &context,
                     [&updates, &timer](const HealthStatus &) { updates.append(timer.elapsed()); });
    poller.start();
    ASSERT_TRUE(TestSupport::waitUntil([&updates] { return updates.size() >= 4; }, 5000))
        << "health updates while six GETs are held: " << updates.size();
    EXPECT_LT(updates.first(), kHealthLimitMs);
    qint64 longestGap = 0;
    for (qsizetype i = 1; i < updates.size(); ++i)
        longestGap = qMax(longestGap, updates[i] - updates[i - 1]);
    EXPECT_LT(longestGap, kHealthLimitMs);
    EXPECT_TRUE(poller.health().has_value());
    poller.stop();
}
