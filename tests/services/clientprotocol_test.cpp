// What goes on the wire and what comes back: request factory (N18), auth schemes, redirects
// (N15), Retry-After (N6), retry budget (N7), POSTs never retried by the app (N8), Qt's own
// resend carries the same Idempotency-Key (N9), non-JSON answers (N20 over a socket),
// single-flight, cancellation and dead contexts.
#include "backoffpolicy.h"
#include "clienttestutil.h"
#include "faultserver.h"
#include "jsonsamples.h"
#include "opstransport.h"

#include <gtest/gtest.h>

#include <iostream>

using namespace ClientTest;

namespace {

const QByteArray kOpsStatus(JsonSamples::opsStatus);

TEST(ClientProtocol, N18_RequestFactoryDisablesHttp2AndRedirects)
{
    ConnectionProfile p = profileFor(QUrl(QStringLiteral("http://127.0.0.1:1/base/")));
    OpsTransport transport(p);
    const QUrl url = transport.urlFor(QStringLiteral("/api/metrics?window=60"));
    EXPECT_EQ(url.toString(), QStringLiteral("http://127.0.0.1:1/base/api/metrics?window=60"));
    const QNetworkRequest get = transport.buildRequest("GET", url, QStringLiteral("t1"));
    EXPECT_EQ(get.attribute(QNetworkRequest::Http2AllowedAttribute).toBool(), false);
    EXPECT_EQ(get.attribute(QNetworkRequest::RedirectPolicyAttribute).toInt(),
              int(QNetworkRequest::ManualRedirectPolicy));
    EXPECT_EQ(get.rawHeader("Authorization"), QByteArray("Bearer ") + kCanary);
    EXPECT_EQ(get.rawHeader("X-Trace-Id"), "t1");
    EXPECT_EQ(get.rawHeader("Accept"), "application/json");
    EXPECT_FALSE(get.hasRawHeader("Idempotency-Key"));
    const QNetworkRequest post
        = transport.buildRequest("POST", url, QStringLiteral("t2"), QStringLiteral("key-1"));
    EXPECT_EQ(post.rawHeader("Idempotency-Key"), "key-1");
    EXPECT_EQ(post.header(QNetworkRequest::ContentTypeHeader).toByteArray(), "application/json");
    EXPECT_EQ(post.attribute(QNetworkRequest::Http2AllowedAttribute).toBool(), false);

    p.auth = AuthScheme::ApiKeyHeader;
    transport.setProfile(p);
    const QNetworkRequest key = transport.buildRequest("GET", url, QStringLiteral("t3"));
    EXPECT_FALSE(key.hasRawHeader("Authorization"));
    EXPECT_EQ(key.rawHeader("x-dreamnet-api-key"), kCanary);
    EXPECT_NE(OpsTransport::newTraceId(), OpsTransport::newTraceId());

    // Escapes in paths survive; a token with a line break is never put in a header.
    EXPECT_TRUE(transport.urlFor(QStringLiteral("/api/integration-flags/a%2Fb/enable"))
                    .toEncoded()
                    .endsWith("/base/api/integration-flags/a%2Fb/enable"));
    p.auth = AuthScheme::Bearer;
    p.token = QStringLiteral("abc\r\nX-Evil: 1");
    transport.setProfile(p);
    const QNetworkRequest evil = transport.buildRequest("GET", url, QStringLiteral("t4"));
    EXPECT_FALSE(evil.hasRawHeader("Authorization"));
    EXPECT_FALSE(evil.hasRawHeader("X-Evil"));
}

TEST(ClientProtocol, N18_WireShowsHttp11AndFreshTraceIds)
{
    FaultServer server;
    ASSERT_TRUE(server.listen());
    server.setResponse(200, kOpsStatus);
    OpsClient client(profileFor(server.baseUrl()));
    for (int i = 0; i < 2; ++i) {
        const auto out = await<OpsStatus>([&](QObject *c, auto cb) { client.getOpsStatus(c, cb); });
        ASSERT_TRUE(out.ok()) << out.error().userMessage().toStdString();
        EXPECT_TRUE(out.result->value().safeMode.enabled);
    }
    ASSERT_EQ(server.requestCount(), 2);
    const auto &reqs = server.requests();
    EXPECT_NE(reqs[0].header("X-Trace-Id"), reqs[1].header("X-Trace-Id"));
    for (const auto &r : reqs) {
        EXPECT_EQ(r.path, "/api/ops/status");
        EXPECT_TRUE(r.header("Upgrade").isEmpty()) << "h2c upgrade attempted";
        EXPECT_TRUE(r.header("HTTP2-Settings").isEmpty());
        EXPECT_EQ(r.header("Authorization"), QByteArray("Bearer ") + kCanary);
    }
}

TEST(ClientProtocol, N15_CrossOriginRedirectNeverCarriesTheToken)
{
    FaultServer b;
    if (!b.listen(QHostAddress(QStringLiteral("127.0.0.2"))))
        GTEST_SKIP() << "127.0.0.2 is not available on this machine";
    b.setResponse(200, kOpsStatus);
    FaultServer a;
    ASSERT_TRUE(a.listen());
    QUrl target = b.baseUrl();
    target.setPath(QStringLiteral("/api/ops/status"));
    a.addRedirect("/api/ops/status", target);
    OpsClient client(profileFor(a.baseUrl()));
    const auto out = await<OpsStatus>([&](QObject *c, auto cb) { client.getOpsStatus(c, cb); });
    ASSERT_TRUE(out.result);
    EXPECT_EQ(out.kind(), ApiError::Kind::Redirect);
    EXPECT_EQ(out.error().httpStatus, 302);
    EXPECT_TRUE(out.error().userMessage().contains(QLatin1String("127.0.0.2")));
    QTest::qWait(200);
    EXPECT_EQ(b.requestCount(), 0) << "the request reached the other origin";
    EXPECT_EQ(b.connectionCount(), 0);
}

TEST(ClientProtocol, SameOriginRedirectIsFollowedAtMostThreeTimes)
{
    FaultServer a;
    ASSERT_TRUE(a.listen());
    a.setResponse(200, kOpsStatus);
    QUrl moved = a.baseUrl();
    moved.setPath(QStringLiteral("/v2/api/ops/status"));
    a.addRedirect("/api/ops/status", moved);
    OpsClient client(profileFor(a.baseUrl()));
    const auto out = await<OpsStatus>([&](QObject *c, auto cb) { client.getOpsStatus(c, cb); });
    ASSERT_TRUE(out.ok()) << out.error().userMessage().toStdString();
    ASSERT_EQ(a.requestCount(), 2);
    EXPECT_EQ(a.requests()[1].path, "/v2/api/ops/status");

    QUrl loop = a.baseUrl();
    loop.setPath(QStringLiteral("/loop"));
    a.addRedirect("/loop", loop);
    a.addRedirect("/api/agents", loop);
    const auto looped = await<AgentList>([&](QObject *c, auto cb) { client.getAgents(c, cb); });
    ASSERT_TRUE(looped.result);
    EXPECT_EQ(looped.kind(), ApiError::Kind::Redirect);
    EXPECT_EQ(a.requestCount(), 2 + 4); // the original + 3 followed, then refused

    // Same host and port but another scheme is another origin: refused before connecting.
    QUrl tls = a.baseUrl();
    tls.setScheme(QStringLiteral("https"));
    tls.setPath(QStringLiteral("/api/health-gates/status"));
    a.addRedirect("/api/health-gates/status", tls);
    const auto schemed
        = await<HealthGates>([&](QObject *c, auto cb) { client.getHealthGates(c, cb); });
    ASSERT_TRUE(schemed.result);
    EXPECT_EQ(schemed.kind(), ApiError::Kind::Redirect);
    EXPECT_EQ(a.requestCount(), 7);
}

TEST(ClientProtocol, N6_RetryAfterIsParsedAndHonouredByTheBackoff)
{
    FaultServer server;
    ASSERT_TRUE(server.listen());
    server.setResponse(
        503, R"({"ok":false,"error":"unavailable","message":"Restarting.","traceId":"srv-1"})",
        {{"Retry-After", "5"}, {"X-Trace-Id", "srv-1"}});
    OpsClient client(profileFor(server.baseUrl()));
    const auto out = await<MetricsSnapshot>([&](QObject *c, auto cb) { client.getMetrics(c, cb); });
    ASSERT_TRUE(out.result);
    EXPECT_EQ(out.kind(), ApiError::Kind::Http);
    EXPECT_EQ(out.error().httpStatus, 503);
    EXPECT_EQ(out.error().retryAfterSeconds, 5);
    EXPECT_EQ(out.error().code, QStringLiteral("unavailable"));
    EXPECT_EQ(out.error().traceId, QStringLiteral("srv-1"));
    EXPECT_TRUE(out.error().userMessage().contains(QLatin1String("retry in 5 s")));
    BackoffPolicy policy;
    const auto delay = policy.nextDelayMs(0, out.error().retryAfterSeconds);
    ASSERT_TRUE(delay.has_value());
    EXPECT_GE(*delay, 5000);

    server.setResponse(
        429, R"({"ok":false,"error":"rate_limited","message":"Slow down."})",
        {{"Retry-After",
          QDateTime::currentDateTimeUtc().addSecs(30).toString(Qt::RFC2822Date).toLatin1()}});
    const auto limited
        = await<MetricsSnapshot>([&](QObject *c, auto cb) { client.getMetrics(c, cb); });
    ASSERT_TRUE(limited.result);
    EXPECT_EQ(limited.error().httpStatus, 429);
    ASSERT_TRUE(limited.error().retryAfterSeconds.has_value());
    EXPECT_GE(*limited.error().retryAfterSeconds, 25);
    EXPECT_LE(*limited.error().retryAfterSeconds, 30);
}

TEST(ClientProtocol, N7_429StormEmptiesTheRetryBudget)
{
    FaultServer server;
    ASSERT_TRUE(server.listen());
    server.setResponse(429, R"({"ok":false,"error":"rate_limited","message":"Slow down."})",
                       {{"Retry-After", "1"}});
    OpsClient client(profileFor(server.baseUrl()));
    BackoffPolicy::Options o;
    o.seed = 3;
    o.budgetCapacity = 5;
    o.budgetRefillPerSecond = 0.1;
    BackoffPolicy policy(o);
    // 30 one-second poll ticks (simulated time); each tick polls once and, if the policy
    // allows, retries once more. A storm must not double the traffic.
    int failFast = 0;
    for (int tick = 0; tick < 30; ++tick) {
        const auto poll
            = await<MetricsSnapshot>([&](QObject *c, auto cb) { client.getMetrics(c, cb); });
        ASSERT_TRUE(poll.result && !poll.ok());
        if (const auto d = policy.nextDelayMs(tick * 1000, poll.error().retryAfterSeconds)) {
            EXPECT_GE(*d, 1000);
            await<MetricsSnapshot>([&](QObject *c, auto cb) { client.getMetrics(c, cb); });
        } else {
            ++failFast;
        }
    }
    EXPECT_LE(server.requestCount(), 30 + 5 + 3);
    EXPECT_GE(failFast, 20);
}

TEST(ClientProtocol, N8_FailedPostIsNotRetried)
{
    FaultServer server;
    ASSERT_TRUE(server.listen());
    server.setResponse(500, R"({"ok":false,"error":"internal","message":"Boom."})");
    OpsClient client(profileFor(server.baseUrl()));
    PendingPost sent;
    const auto out = await<ModeState>([&](QObject *c, auto cb) {
        sent = client.setSafeMode(true, QStringLiteral("incident 7"), c, cb);
    });
    ASSERT_TRUE(out.result);
    EXPECT_EQ(out.error().httpStatus, 500);
    QTest::qWait(300);
    ASSERT_EQ(server.requestCount("POST"), 1);
    const auto &r = server.requests().first();
    EXPECT_EQ(r.header("Idempotency-Key"), sent.idempotencyKey.toLatin1());
    EXPECT_EQ(r.body, sent.body);
    const QJsonObject body = QJsonDocument::fromJson(r.body).object();
    EXPECT_EQ(body.value(QLatin1String("enabled")).toBool(), true);
    EXPECT_EQ(body.value(QLatin1String("reason")).toString(), QStringLiteral("incident 7"));
    EXPECT_EQ(body.value(QLatin1String("operator")).toString(), QStringLiteral("gtest"));

    // The user's "resend with same key": same bytes, same key.
    server.setResponse(200, R"({"ok":true,"safeMode":{"enabled":true}})",
                       {{"Idempotent-Replayed", "true"}});
    const auto again = await<QJsonObject>([&](QObject *c, auto cb) { client.resend(sent, c, cb); });
    ASSERT_TRUE(again.ok());
    EXPECT_TRUE(again.result->replayed());
    ASSERT_EQ(server.requestCount("POST"), 2);
    EXPECT_EQ(server.requests()[1].header("Idempotency-Key"), sent.idempotencyKey.toLatin1());
    EXPECT_EQ(server.requests()[1].body, sent.body);
    // A new call mints a new key.
    const PendingPost fresh = client.setSafeMode(true, QStringLiteral("incident 7"), nullptr,
                                                 [](const ApiResult<ModeState> &) {});
    EXPECT_NE(fresh.idempotencyKey, sent.idempotencyKey);
    TestSupport::waitUntil([&] { return client.inFlightTotal() == 0; });
}

TEST(ClientProtocol, N9_QtResendAfterCloseCarriesTheSameKey)
{
    FaultServer server;
    ASSERT_TRUE(server.listen());
    server.setResponse(200, R"({"ok":true,"safeMode":{"enabled":true}})");
    OpsClient client(profileFor(server.baseUrl()));
    // Warm a keep-alive connection, then have the server close it after reading the POST.
    await<QJsonObject>([&](QObject *c, auto cb) {
        client.resend(PendingPost {QStringLiteral("/warm"), "{}", QStringLiteral("warm-key"), {}},
                      c, cb);
    });
    server.setMode(FaultServer::Mode::CloseAfterRequest);
    server.setCloseFirstRequests(1);
    PendingPost sent;
    const auto out = await<ModeState>([&](QObject *c, auto cb) {
        sent = client.setSafeMode(true, QStringLiteral("drill"), c, cb);
    });
    ASSERT_TRUE(out.result);
    QList<QByteArray> keys;
    for (const auto &r : server.requests()) {
        if (r.path == "/api/ops/safe-mode")
            keys.append(r.header("Idempotency-Key"));
    }
    ASSERT_GE(keys.size(), 1);
    for (const QByteArray &k : std::as_const(keys))
        EXPECT_EQ(k, sent.idempotencyKey.toLatin1());
    if (keys.size() >= 2)
        EXPECT_TRUE(out.ok()) << "Qt resent the POST but the answer was lost";
    else
        EXPECT_EQ(out.kind(), ApiError::Kind::Network);
    std::cout << "[info] POST copies seen by the server after a close: " << keys.size() << "\n";
}

TEST(ClientProtocol, N20_NonJsonAnswersAreTyped)
{
    FaultServer server;
    ASSERT_TRUE(server.listen());
    OpsClient client(profileFor(server.baseUrl()));
    const auto get = [&] {
        return await<OpsStatus>([&](QObject *c, auto cb) { client.getOpsStatus(c, cb); });
    };
    server.setResponse(200, "<!doctype html><html><body>DreamNet</body></html>", {},
                       "text/html; charset=utf-8");
    auto out = get();
    EXPECT_EQ(out.kind(), ApiError::Kind::NotJson);
    EXPECT_TRUE(out.error().userMessage().contains(QLatin1String("text/html")));
    server.setResponse(200, "<html>", {}, "");
    EXPECT_EQ(get().kind(), ApiError::Kind::NotJson);
    server.setResponse(200, kOpsStatus.left(kOpsStatus.size() / 2));
    out = get();
    EXPECT_EQ(out.kind(), ApiError::Kind::InvalidJson);
    server.setResponse(200, "[1,2]");
    EXPECT_EQ(get().kind(), ApiError::Kind::InvalidShape);
    server.setResponse(200, R"({"ok":true,"safeMode":{"enabled":"yes"}})");
    out = get();
    EXPECT_EQ(out.kind(), ApiError::Kind::InvalidShape);
    EXPECT_TRUE(out.error().detail.contains(QLatin1String("safeMode.enabled")));
    EXPECT_EQ(out.error().path, QStringLiteral("/api/ops/status"));
    server.setResponse(404, "<html>not found</html>", {}, "text/html");
    out = get();
    EXPECT_EQ(out.kind(), ApiError::Kind::Http);
    EXPECT_EQ(out.error().httpStatus, 404);
    EXPECT_TRUE(out.error().userMessage().contains(QLatin1String("ops API")));
}

TEST(ClientProtocol, SingleFlightJoinsAndDeadContextsAreSkipped)
{
    FaultServer server;
    ASSERT_TRUE(server.listen());
    server.setResponse(200, kOpsStatus, {{"X-Trace-Id", "shared-1"}});
    server.setDelayMs(300);
    OpsClient client(profileFor(server.baseUrl()));
    int called = 0;
    QStringList traces;
    QObject keep;
    auto *dies = new QObject;
    for (QObject *ctx : {&keep, dies, &keep}) {
        client.getOpsStatus(ctx, [&](const ApiResult<OpsStatus> &r) {
            ++called;
            traces << r.traceId();
        });
    }
    delete dies;
    EXPECT_EQ(client.inFlightCount(QStringLiteral("/api/ops/status")), 1);
    ASSERT_TRUE(TestSupport::waitUntil([&] { return client.inFlightTotal() == 0; }, 5000));
    QTest::qWait(50);
    EXPECT_EQ(called, 2);
    EXPECT_EQ(traces, QStringList({QStringLiteral("shared-1"), QStringLiteral("shared-1")}));
    EXPECT_EQ(server.requestCount(), 1);
}

TEST(ClientProtocol, CancelBusyAndDestructionAreClean)
{
    FaultServer server;
    ASSERT_TRUE(server.listen());
    server.setMode(FaultServer::Mode::Hold);
    OpsClient client(profileFor(server.baseUrl(), 20000));
    PendingPost sent;
    std::optional<ApiResult<ModeState>> first;
    QObject ctx;
    sent = client.setWriteDrain(true, QStringLiteral("r"), &ctx,
                                [&](const ApiResult<ModeState> &r) { first.emplace(r); });
    ASSERT_TRUE(TestSupport::waitUntil([&] { return server.requestCount() == 1; }, 3000));
    const auto busy = await<QJsonObject>([&](QObject *c, auto cb) { client.resend(sent, c, cb); });
    ASSERT_TRUE(busy.result);
    EXPECT_EQ(busy.kind(), ApiError::Kind::Busy);
    client.cancelAll();
    ASSERT_TRUE(TestSupport::waitUntil([&] { return first.has_value(); }, 2000));
    EXPECT_EQ(first->error().kind, ApiError::Kind::Cancelled);
    EXPECT_EQ(client.inFlightTotal(), 0);

    bool calledAfterDelete = false;
    auto *doomed = new OpsClient(profileFor(server.baseUrl(), 20000));
    doomed->getMetrics(nullptr,
                       [&](const ApiResult<MetricsSnapshot> &) { calledAfterDelete = true; });
    ASSERT_TRUE(TestSupport::waitUntil([&] { return server.requestCount() >= 2; }, 3000));
    delete doomed;
    QTest::qWait(100);
    EXPECT_FALSE(calledAfterDelete);
}

} // namespace
