// The callback contract under churn: many overlapping calls, contexts dying at random,
// cancelAll and setProfile in the middle. Every callback whose context lives runs exactly
// once, none whose context died runs, and nothing stays in flight.
#include "clienttestutil.h"
#include "faultserver.h"
#include "jsonsamples.h"

#include <QRandomGenerator>
#include <QTimer>

#include <gtest/gtest.h>

#include <map>
#include <memory>

using namespace ClientTest;

namespace {

TEST(ClientChurn, EveryLiveCallbackRunsExactlyOnce)
{
    FaultServer server;
    ASSERT_TRUE(server.listen());
    server.setResponse(200, JsonSamples::opsStatus);
    server.setDelayMs(20);
    OpsClient client(profileFor(server.baseUrl(), 3000));
    QRandomGenerator rng(1234);

    constexpr int kCalls = 300;
    std::map<int, int> calls; // call id -> callbacks seen
    std::map<int, bool> contextDied;
    std::vector<std::unique_ptr<QObject>> contexts(kCalls);
    for (int i = 0; i < kCalls; ++i) {
        contexts[i] = std::make_unique<QObject>();
        calls[i] = 0;
        contextDied[i] = false;
        const auto cb = [&calls, i](const auto &) {
            ++calls[i];
        };
        switch (rng.bounded(4)) {
        case 0:
            client.getOpsStatus(contexts[i].get(), cb);
            break;
        case 1:
            client.getMetrics(contexts[i].get(), cb);
            break;
        case 2:
            client.setSafeMode(rng.bounded(2) == 1, QStringLiteral("churn"), contexts[i].get(), cb);
            break;
        default:
            client.getAgents(contexts[i].get(), cb);
            break;
        }
        if (rng.bounded(5) == 0) {
            contexts[i].reset();
            contextDied[i] = true;
        }
        if (i == 100)
            client.cancelAll();
        if (i == 200)
            client.setProfile(profileFor(server.baseUrl(), 3000));
        if (i % 25 == 0)
            QTest::qWait(rng.bounded(30));
    }
    ASSERT_TRUE(TestSupport::waitUntil([&] { return client.inFlightTotal() == 0; }, 20000));
    QTest::qWait(50);
    for (int i = 0; i < kCalls; ++i) {
        if (contextDied[i])
            EXPECT_EQ(calls[i], 0) << "call " << i << " ran for a dead context";
        else
            EXPECT_EQ(calls[i], 1) << "call " << i;
    }
    EXPECT_GT(server.requestCount(), 10);
}

} // namespace
