// Tearing the client down from inside its own callbacks (a session that gives up on a profile
// deletes its OpsClient when a call fails): no use-after-free, no callback after the delete.
// Meaningful under the asan preset, where a freed QNetworkReply touched afterwards aborts.
#include "clienttestutil.h"
#include "faultserver.h"

#include <gtest/gtest.h>

using namespace ClientTest;

TEST(ClientTeardown, N2_DeletingTheClientInATimeoutCallbackIsSafe)
{
    FaultServer server;
    ASSERT_TRUE(server.listen());
    server.setMode(FaultServer::Mode::Hold);
    auto *client = new OpsClient(profileFor(server.baseUrl(), 300));
    QObject context;
    int calls = 0;
    client->getLive(&context, [&](const ApiResult<LiveStatus> &result) {
        ++calls;
        EXPECT_FALSE(result.ok());
        EXPECT_EQ(result.error().kind, ApiError::Kind::Timeout);
        // We are inside QNetworkReply::abort(), called by the deadline: the reply must outlive
        // the client's QNetworkAccessManager here.
        delete client;
        client = nullptr;
    });
    ASSERT_TRUE(TestSupport::waitUntil([&] { return client == nullptr; }, 10000));
    QTest::qWait(100);
    EXPECT_EQ(calls, 1);
}

TEST(ClientTeardown, DeletingTheClientWhileCancellingIsSafe)
{
    FaultServer server;
    ASSERT_TRUE(server.listen());
    server.setMode(FaultServer::Mode::Hold);
    auto *client = new OpsClient(profileFor(server.baseUrl(), 10000));
    QObject context;
    int calls = 0;
    const auto deleteOnFirst = [&](const auto &result) {
        ++calls;
        EXPECT_FALSE(result.ok());
        delete client;
        client = nullptr;
    };
    client->getLive(&context, deleteOnFirst);
    client->getReady(&context, deleteOnFirst);
    client->getHealth(&context, deleteOnFirst);
    QTest::qWait(100); // the requests are on the wire
    // cancelAll() aborts the first call, whose callback deletes the client: the loop over the
    // other calls must stop there instead of aborting replies that no longer exist.
    client->cancelAll();
    EXPECT_EQ(client, nullptr);
    QTest::qWait(100);
    EXPECT_EQ(calls, 1) << "no callback after the client is gone";
}
