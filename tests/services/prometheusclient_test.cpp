// PrometheusClient against a misbehaving loopback server (FaultServer): the request it sends
// (URL encoding, auth headers) and every fault as a typed error within the deadline.
#include "faultserver.h"
#include "logging.h"
#include "prometheusclient.h"
#include "testsupport.h"

#include <QElapsedTimer>
#include <QFile>
#include <QLoggingCategory>
#include <QTemporaryDir>
#include <QUrlQuery>

#include <spdlog/spdlog.h>

#include <gtest/gtest.h>

namespace {

constexpr int kDeadlineMs = 900;
constexpr int kSlackMs = 2500; // shared, noisy machine: generous, never tight

PrometheusEndpoint endpointFor(const QUrl &url)
{
    PrometheusEndpoint e;
    e.profileName = QStringLiteral("prod");
    e.baseUrl = url;
    e.deadlineMs = kDeadlineMs;
    return e;
}

PromReply run(PrometheusClient &client, const QString &promql = QStringLiteral("up"))
{
    std::optional<PromReply> out;
    QObject context;
    client.query(promql, 0, &context, [&](const PromReply &r) { out = r; });
    EXPECT_FALSE(out.has_value()) << "never synchronous";
    EXPECT_TRUE(TestSupport::waitUntil([&] { return out.has_value(); }, kDeadlineMs + kSlackMs));
    return out.value_or(PromReply {});
}

const QByteArray kVector = R"({"status":"success","data":{"resultType":"vector","result":[]}})";

} // namespace

TEST(PrometheusClient, QueryRangeEncodesPromQlAndSendsBearer)
{
    FaultServer server;
    ASSERT_TRUE(server.listen());
    server.setResponse(200, R"({"status":"success","data":{"resultType":"matrix","result":[]}})");
    PrometheusEndpoint e = endpointFor(server.baseUrl().resolved(QUrl(QStringLiteral("/prom/"))));
    e.auth = PrometheusEndpoint::Auth::Bearer;
    e.token = QStringLiteral("prom-secret-token");
    PrometheusClient client(e);
    bool ok = false;
    QObject context;
    const QString promql = QStringLiteral("sum(rate(x{job=\"a b\",le=\"+Inf\"}[1m])) / 2");
    client.queryRange(promql, 1000, 1900, 15, &context, [&](const PromReply &r) { ok = r.ok(); });
    ASSERT_TRUE(TestSupport::waitUntil([&] { return ok; }, kDeadlineMs + kSlackMs));
    ASSERT_EQ(server.requests().size(), 1);
    const FaultServer::Request &req = server.requests().first();
    EXPECT_EQ(req.method, QByteArray("GET"));
    const QUrl sent(QString::fromLatin1(req.path));
    EXPECT_EQ(sent.path(), QStringLiteral("/prom/api/v1/query_range"));
    const QUrlQuery query(sent);
    EXPECT_EQ(query.queryItemValue(QStringLiteral("query"), QUrl::FullyDecoded), promql);
    EXPECT_EQ(query.queryItemValue(QStringLiteral("start")), QStringLiteral("1000.000"));
    EXPECT_EQ(query.queryItemValue(QStringLiteral("step")), QStringLiteral("15.000"));
    EXPECT_EQ(req.header("Authorization"), QByteArray("Bearer prom-secret-token"));
    EXPECT_FALSE(req.header("X-Trace-Id").isEmpty());
}

TEST(PrometheusClient, BasicAuthAndNoAuth)
{
    FaultServer server;
    ASSERT_TRUE(server.listen());
    server.setResponse(200, kVector);
    PrometheusEndpoint e = endpointFor(server.baseUrl());
    e.auth = PrometheusEndpoint::Auth::Basic;
    e.user = QStringLiteral("ops");
    e.password = QStringLiteral("pa:ss");
    PrometheusClient basic(e);
    ASSERT_TRUE(run(basic).ok());
    EXPECT_EQ(server.requests().last().header("Authorization"),
              "Basic " + QByteArray("ops:pa:ss").toBase64());

    PrometheusClient none(endpointFor(server.baseUrl()));
    ASSERT_TRUE(run(none).ok());
    EXPECT_TRUE(server.requests().last().header("Authorization").isEmpty());
}

TEST(PrometheusClient, HeldAnswerHitsTheDeadline)
{
    FaultServer server;
    ASSERT_TRUE(server.listen());
    server.setMode(FaultServer::Mode::Hold);
    PrometheusClient client(endpointFor(server.baseUrl()));
    QElapsedTimer timer;
    timer.start();
    const PromReply r = run(client);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error->kind, PrometheusError::Kind::Timeout);
    EXPECT_GE(timer.elapsed(), kDeadlineMs - 50);
    EXPECT_TRUE(r.error->userMessage().contains(QStringLiteral("did not answer /api/v1/query")))
        << r.error->userMessage().toStdString();
}

TEST(PrometheusClient, BigAnswerIsCutAtTheCap)
{
    FaultServer server;
    ASSERT_TRUE(server.listen());
    server.setMode(FaultServer::Mode::BigBody);
    server.setBigBodyBytes(8LL * 1024 * 1024);
    PrometheusEndpoint e = endpointFor(server.baseUrl());
    e.maxResponseBytes = 256 * 1024;
    e.deadlineMs = 5000;
    PrometheusClient client(e);
    const PromReply r = run(client);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error->kind, PrometheusError::Kind::TooLarge);
    EXPECT_TRUE(r.error->userMessage().contains(QStringLiteral("256 KiB")));
}

TEST(PrometheusClient, LoginPageIsNotJsonAndRedirectIsNotFollowed)
{
    FaultServer server;
    ASSERT_TRUE(server.listen());
    server.setResponse(200, "<html><body>Sign in</body></html>", {}, "text/html; charset=utf-8");
    PrometheusClient client(endpointFor(server.baseUrl()));
    const PromReply html = run(client);
    ASSERT_FALSE(html.ok());
    EXPECT_EQ(html.error->kind, PrometheusError::Kind::NotJson);
    EXPECT_TRUE(html.error->userMessage().contains(QStringLiteral("pointing at a Prometheus")));

    FaultServer other;
    ASSERT_TRUE(other.listen());
    other.setResponse(200, kVector);
    server.addRedirect("/api/v1/query?query=up", other.baseUrl());
    const PromReply redirected = run(client);
    ASSERT_FALSE(redirected.ok());
    EXPECT_EQ(redirected.error->kind, PrometheusError::Kind::Http);
    EXPECT_EQ(redirected.error->httpStatus, 302);
    EXPECT_EQ(other.requestCount(), 0);
}

TEST(PrometheusClient, CancelAllAndDeletedContext)
{
    FaultServer server;
    ASSERT_TRUE(server.listen());
    server.setMode(FaultServer::Mode::Hold);
    PrometheusEndpoint e = endpointFor(server.baseUrl());
    e.deadlineMs = 20000;
    PrometheusClient client(e);
    std::optional<PromReply> cancelled;
    int goneCalls = 0;
    QObject context;
    auto gone = std::make_unique<QObject>();
    client.query(QStringLiteral("up"), 0, &context, [&](const PromReply &r) { cancelled = r; });
    client.query(QStringLiteral("up"), 0, gone.get(), [&](const PromReply &) { ++goneCalls; });
    ASSERT_TRUE(TestSupport::waitUntil([&] { return server.requestCount() == 2; }, 5000));
    gone.reset();
    client.cancelAll();
    ASSERT_TRUE(cancelled.has_value());
    EXPECT_EQ(cancelled->error->kind, PrometheusError::Kind::Cancelled);
    EXPECT_EQ(goneCalls, 0);
    EXPECT_EQ(client.inFlight(), 0);
}

TEST(PrometheusClient, S1_CredentialsNeverLogged)
{
    QTemporaryDir dir;
    const QString logFile = dir.filePath(QStringLiteral("dreamops.log"));
    Logging::init({.logFile = logFile, .verbose = true, .console = false});
    QLoggingCategory::setFilterRules(QStringLiteral("*.debug=true"));
    FaultServer server;
    ASSERT_TRUE(server.listen());
    PrometheusEndpoint bearer = endpointFor(server.baseUrl());
    bearer.auth = PrometheusEndpoint::Auth::Bearer;
    bearer.token = QStringLiteral("canary-prom-token-7f3a");
    PrometheusEndpoint basic = endpointFor(server.baseUrl());
    basic.auth = PrometheusEndpoint::Auth::Basic;
    basic.user = QStringLiteral("ops");
    basic.password = QStringLiteral("canary-prom-password-91c");
    QStringList sentences;
    for (const PrometheusEndpoint &e : {bearer, basic}) {
        PrometheusClient client(e);
        server.setMode(FaultServer::Mode::Respond);
        server.setResponse(200, kVector);
        EXPECT_TRUE(run(client).ok());
        server.setResponse(401, "unauthorized", {}, "text/plain");
        const PromReply denied = run(client);
        ASSERT_FALSE(denied.ok());
        sentences << denied.error->userMessage() << denied.error->detail;
    }
    Logging::get("services")->flush();
    QFile f(logFile);
    ASSERT_TRUE(f.open(QIODevice::ReadOnly));
    const QByteArray logged = f.readAll();
    QLoggingCategory::setFilterRules(QString());
    Logging::init({});
    EXPECT_TRUE(logged.contains("prometheus GET /api/v1/query")) << logged.constData();
    const QByteArray basicHeader = QByteArray("ops:canary-prom-password-91c").toBase64();
    for (const QByteArray &canary : {QByteArray("canary-prom-token-7f3a"),
                                     QByteArray("canary-prom-password-91c"), basicHeader}) {
        EXPECT_FALSE(logged.contains(canary)) << canary.constData();
        EXPECT_FALSE(sentences.join(QLatin1Char(' ')).toUtf8().contains(canary));
    }
}
