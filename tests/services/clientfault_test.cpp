// The client against a misbehaving loopback server (FaultServer): every fault ends in a typed
// error within the deadline, with bounded memory. Rows N1, N2, N3, N5, N12, N13, N14.
#include "clienttestutil.h"
#include "faultserver.h"

#include <QTcpServer>

#include <gtest/gtest.h>

using namespace ClientTest;

namespace {

constexpr int kDeadlineMs = 900;
constexpr int kSlackMs = 2500; // shared, noisy machine: generous, never tight

TEST(ClientFault, N1_ConnectionRefusedIsNetworkError)
{
    quint16 port = 0;
    {
        QTcpServer probe;
        ASSERT_TRUE(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    } // closed: connections to it are refused
    QUrl url(QStringLiteral("http://127.0.0.1"));
    url.setPort(port);
    OpsClient client(profileFor(url, kDeadlineMs));
    const auto out = await<LiveStatus>([&](QObject *ctx, auto cb) { client.getLive(ctx, cb); });
    ASSERT_TRUE(out.result);
    EXPECT_EQ(out.kind(), ApiError::Kind::Network);
    EXPECT_TRUE(out.error().userMessage().contains(QLatin1String("connection refused")))
        << out.error().userMessage().toStdString();
    EXPECT_TRUE(out.error().userMessage().contains(QString::number(port)));
    EXPECT_LT(out.elapsedMs, kDeadlineMs + kSlackMs);
}

TEST(ClientFault, N2_HeldRequestHitsDeadlineAndStaysSingleFlight)
{
    FaultServer server;
    ASSERT_TRUE(server.listen());
    server.setMode(FaultServer::Mode::Hold);
    OpsClient client(profileFor(server.baseUrl(), kDeadlineMs));

    // Five pollers ask for metrics at once: one request on the wire, five typed timeouts.
    int done = 0;
    int timeouts = 0;
    QObject ctx;
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < 5; ++i) {
        client.getMetrics(&ctx, [&](const ApiResult<MetricsSnapshot> &r) {
            ++done;
            if (!r.ok() && r.error().kind == ApiError::Kind::Timeout)
                ++timeouts;
        });
    }
    EXPECT_EQ(client.inFlightCount(QStringLiteral("/api/metrics")), 1);
    ASSERT_TRUE(TestSupport::waitUntil([&] { return done == 5; }, kDeadlineMs + kSlackMs + 5000));
    const qint64 elapsed = timer.elapsed();
    EXPECT_EQ(timeouts, 5);
    EXPECT_GE(elapsed, kDeadlineMs - 50);
    EXPECT_LT(elapsed, kDeadlineMs + kSlackMs);
    EXPECT_EQ(server.requestCount(), 1);
    EXPECT_EQ(server.maxInFlight(), 1);
    EXPECT_EQ(client.inFlightCount(QStringLiteral("/api/metrics")), 0);
    // The aborted socket is closed on our side: the server sees nothing left in flight.
    EXPECT_TRUE(TestSupport::waitUntil([&] { return server.inFlight() == 0; }, 3000));
}

TEST(ClientFault, N3_TrickleHitsTotalDeadline)
{
    FaultServer server;
    ASSERT_TRUE(server.listen());
    server.setMode(FaultServer::Mode::Drip);
    server.setDripIntervalMs(200); // 5 B/s: keeps Qt's transfer timeout happy forever
    server.setResponse(200,
                       QByteArray(R"({"status":"alive","uptime":1,"pid":1,"padding":")")
                           + QByteArray(200, 'x') + QByteArray("\"}"));
    OpsClient client(profileFor(server.baseUrl(), kDeadlineMs));
    const auto out = await<LiveStatus>([&](QObject *c, auto cb) { client.getLive(c, cb); });
    ASSERT_TRUE(out.result);
    EXPECT_EQ(out.kind(), ApiError::Kind::Timeout);
    EXPECT_LT(out.elapsedMs, kDeadlineMs + kSlackMs);
    EXPECT_GT(server.bytesSent(), 0) << "the drip never started: the test proves nothing";
    EXPECT_TRUE(out.error().userMessage().contains(QLatin1String("did not answer")));
}

TEST(ClientFault, N5_ResetMidBodyIsNetworkError)
{
    FaultServer server;
    ASSERT_TRUE(server.listen());
    server.setMode(FaultServer::Mode::ResetAfterBytes);
    server.setResetAfterBytes(20);
    server.setResponse(200, QByteArray(R"({"status":"alive","timestamp":"2026-11-29T10:00:00Z"})"));
    OpsClient client(profileFor(server.baseUrl(), 3000));
    const auto out = await<LiveStatus>([&](QObject *c, auto cb) { client.getLive(c, cb); });
    ASSERT_TRUE(out.result);
    EXPECT_EQ(out.kind(), ApiError::Kind::Network) << out.error().userMessage().toStdString();
    EXPECT_LT(out.elapsedMs, 3000);
}

TEST(ClientFault, N12_BigBodyAbortsAtTheCap)
{
    FaultServer server;
    ASSERT_TRUE(server.listen());
    server.setMode(FaultServer::Mode::BigBody);
    server.setBigBodyBytes(50LL * 1024 * 1024);
    ConnectionProfile p = profileFor(server.baseUrl(), 10000);
    p.maxResponseBytes = 1024 * 1024;
    OpsClient client(p);
    const qint64 rssBefore = rssKiB();
    const auto out = await<MetricsSnapshot>([&](QObject *c, auto cb) { client.getMetrics(c, cb); });
    ASSERT_TRUE(out.result);
    EXPECT_EQ(out.kind(), ApiError::Kind::TooLarge);
    EXPECT_TRUE(out.error().userMessage().contains(QLatin1String("too large")));
    EXPECT_LT(rssKiB() - rssBefore, 40 * 1024) << "RSS grew by more than 40 MiB";
}

TEST(ClientFault, N12_StreamedBodyWithoutDeclaredSizeAbortsAtTheCap)
{
    FaultServer server;
    ASSERT_TRUE(server.listen());
    server.setMode(FaultServer::Mode::EndlessNoLength);
    ConnectionProfile p = profileFor(server.baseUrl(), 10000);
    p.maxResponseBytes = 1024 * 1024;
    OpsClient client(p);
    const auto out = await<MetricsSnapshot>([&](QObject *c, auto cb) { client.getMetrics(c, cb); });
    ASSERT_TRUE(out.result);
    EXPECT_EQ(out.kind(), ApiError::Kind::TooLarge);
    EXPECT_GT(server.bytesSent(), 1024 * 1024) << "the cap was never reached by the stream";
    EXPECT_LT(server.bytesSent(), 64LL * 1024 * 1024);
}

TEST(ClientFault, N13_EndlessChunkedHitsTheCap)
{
    FaultServer server;
    ASSERT_TRUE(server.listen());
    server.setMode(FaultServer::Mode::EndlessChunked);
    ConnectionProfile p = profileFor(server.baseUrl(), 10000);
    p.maxResponseBytes = 512 * 1024;
    OpsClient client(p);
    const auto out = await<MetricsSnapshot>([&](QObject *c, auto cb) { client.getMetrics(c, cb); });
    ASSERT_TRUE(out.result);
    EXPECT_EQ(out.kind(), ApiError::Kind::TooLarge);
    EXPECT_LT(out.elapsedMs, 10000);
}

TEST(ClientFault, N13_LyingContentLengthIsCutAndRejected)
{
    FaultServer server;
    ASSERT_TRUE(server.listen());
    server.setMode(FaultServer::Mode::LyingLength); // says 64 bytes, sends forever
    OpsClient client(profileFor(server.baseUrl(), 3000));
    const auto out = await<MetricsSnapshot>([&](QObject *c, auto cb) { client.getMetrics(c, cb); });
    ASSERT_TRUE(out.result);
    EXPECT_FALSE(out.ok());
    EXPECT_EQ(out.kind(), ApiError::Kind::InvalidJson) << out.error().userMessage().toStdString();
    EXPECT_LT(out.elapsedMs, 3000);
}

TEST(ClientFault, N14_GzipBombIsStopped)
{
    FaultServer server;
    ASSERT_TRUE(server.listen());
    server.setMode(FaultServer::Mode::GzipBomb);
    server.setGzipBombBytes(256LL * 1024 * 1024);
    ASSERT_LT(FaultServer::gzipOfZeros(256LL * 1024 * 1024).size(), 1024 * 1024);
    OpsClient client(profileFor(server.baseUrl(), 10000)); // default cap: 4 MiB
    const qint64 rssBefore = rssKiB();
    const auto out = await<MetricsSnapshot>([&](QObject *c, auto cb) { client.getMetrics(c, cb); });
    ASSERT_TRUE(out.result);
    EXPECT_EQ(out.kind(), ApiError::Kind::TooLarge) << out.error().userMessage().toStdString();
    EXPECT_LT(rssKiB() - rssBefore, 64 * 1024) << "RSS grew by more than 64 MiB";
}

TEST(ClientFault, N14_BenignGzipAnswerIsDecompressed)
{
    FaultServer server;
    ASSERT_TRUE(server.listen());
    server.setMode(FaultServer::Mode::Gzip);
    server.setResponse(
        200, R"({"status":"alive","timestamp":"2026-11-29T10:00:00Z","uptime":3,"pid":9})");
    OpsClient client(profileFor(server.baseUrl()));
    const auto out = await<LiveStatus>([&](QObject *c, auto cb) { client.getLive(c, cb); });
    ASSERT_TRUE(out.ok()) << out.error().userMessage().toStdString();
    EXPECT_EQ(out.result->value().pid, 9);
    EXPECT_EQ(server.requests().value(0).header("Accept-Encoding").contains("gzip"), true);
}

} // namespace
