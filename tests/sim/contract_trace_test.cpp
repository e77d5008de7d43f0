// Contract: X-Trace-Id on every response (echoed or generated), unknown paths and methods.
#include "contractfixture.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QSet>

namespace {

class ContractTrace : public ContractFixture
{
protected:
    static void SetUpTestSuite() { startSharedSimulator(); }
    static void TearDownTestSuite() { stopSharedSimulator(); }
};

class ContractRouting : public ContractFixture
{
protected:
    static void SetUpTestSuite() { startSharedSimulator(); }
    static void TearDownTestSuite() { stopSharedSimulator(); }
};

bool saneTraceId(const QByteArray &id)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9._-]{1,128}$"));
    return pattern.match(QString::fromLatin1(id)).hasMatch();
}

TEST_F(ContractTrace, EchoedOnSuccessAndErrors)
{
    struct Case
    {
        QByteArray verb;
        QString path;
        Auth auth;
        QByteArray body;
    };
    const QList<Case> cases {
        {"GET", QStringLiteral("/health"), Auth::None, {}},
        {"GET", QStringLiteral("/health/live"), Auth::None, {}},
        {"GET", QStringLiteral("/health/ready"), Auth::None, {}},
        {"GET", QStringLiteral("/metrics"), Auth::None, {}},
        {"GET", QStringLiteral("/api/ops/status"), Auth::Operator, {}},
        {"GET", QStringLiteral("/api/ops/status"), Auth::None, {}}, // 401
        {"POST", QStringLiteral("/api/ops/safe-mode"), Auth::Viewer, "{}"}, // 403
        {"GET", QStringLiteral("/api/no-such-thing"), Auth::Operator, {}}, // 404
        {"POST", QStringLiteral("/api/ops/safe-mode"), Auth::Operator, "{"}, // 400
    };
    int n = 0;
    for (const Case &c : cases) {
        const QByteArray traceId = "contract-trace." + QByteArray::number(++n);
        const HttpResult result
            = call(c.verb, c.path, c.auth, c.body,
                   {{"X-Trace-Id", traceId}, {"Idempotency-Key", newKey().toUtf8()}});
        EXPECT_NE(result.status, 0) << c.path.toStdString();
        EXPECT_EQ(result.header("X-Trace-Id"), traceId)
            << c.verb.toStdString() << " " << c.path.toStdString();
        if (result.status >= 400 && c.path.startsWith(QLatin1String("/api"))) {
            EXPECT_EQ(result.json().value(QLatin1String("traceId")).toString().toUtf8(), traceId);
        }
    }
}

TEST_F(ContractTrace, RequestIdEchoedWhenNoTraceId)
{
    const HttpResult ok
        = get(QStringLiteral("/api/agents"), Auth::Operator, {{"X-Request-Id", "req-42.a_b"}});
    EXPECT_EQ(ok.header("X-Trace-Id"), "req-42.a_b");
    const HttpResult denied
        = get(QStringLiteral("/api/agents"), Auth::None, {{"X-Request-Id", "req-43"}});
    EXPECT_TRUE(isError(denied, 401, "unauthorized"));
    EXPECT_EQ(denied.header("X-Trace-Id"), "req-43");
}

TEST_F(ContractTrace, GeneratedWhenAbsentOnEveryResponse)
{
    QSet<QByteArray> seen;
    QStringList paths = apiGets();
    paths << QStringLiteral("/health") << QStringLiteral("/health/live")
          << QStringLiteral("/health/ready") << QStringLiteral("/metrics")
          << QStringLiteral("/nowhere");
    for (const QString &path : std::as_const(paths)) {
        for (Auth auth : {Auth::Operator, Auth::None}) {
            const HttpResult result = get(path, auth);
            const QByteArray id = result.header("X-Trace-Id");
            EXPECT_TRUE(saneTraceId(id))
                << path.toStdString() << " X-Trace-Id '" << id.toStdString() << "'";
            EXPECT_FALSE(seen.contains(id)) << "trace id reused: " << id.toStdString();
            seen.insert(id);
            if (result.status >= 400 && result.status != 503) {
                EXPECT_EQ(result.json().value(QLatin1String("traceId")).toString().toUtf8(), id)
                    << path.toStdString();
            }
        }
    }
}

TEST_F(ContractTrace, InsaneTraceIdReplaced)
{
    const QList<QByteArray> insane {QByteArray(129, 'a'), "has space", "semi;colon", "<script>"};
    for (const QByteArray &bad : insane) {
        const HttpResult result
            = get(QStringLiteral("/api/ops/status"), Auth::Operator, {{"X-Trace-Id", bad}});
        EXPECT_EQ(result.status, 200);
        const QByteArray id = result.header("X-Trace-Id");
        EXPECT_NE(id, bad);
        EXPECT_TRUE(saneTraceId(id)) << id.toStdString();
    }
    const QByteArray longest(128, 'b');
    EXPECT_EQ(get(QStringLiteral("/api/ops/status"), Auth::Operator, {{"X-Trace-Id", longest}})
                  .header("X-Trace-Id"),
              longest);
}

TEST_F(ContractRouting, UnknownPathIs404Envelope)
{
    EXPECT_TRUE(isError(get(QStringLiteral("/api/nope")), 404, "not_found"));
    EXPECT_TRUE(isError(get(QStringLiteral("/api/ops/status/extra")), 404, "not_found"));
    EXPECT_TRUE(isError(get(QStringLiteral("/nope"), Auth::None), 404, "not_found"));
    EXPECT_TRUE(isError(post(QStringLiteral("/api/ops/nope"), withReason({})), 404, "not_found"));
}

TEST_F(ContractRouting, WrongMethodIs405)
{
    const QJsonObject before = controlState();
    const HttpResult notAllowed = get(QStringLiteral("/api/ops/safe-mode"));
    EXPECT_TRUE(isError(notAllowed, 405, "method_not_allowed"));
    EXPECT_EQ(notAllowed.header("Allow"), "POST") << "RFC 9110: a 405 lists the allowed methods";
    EXPECT_TRUE(isError(post(QStringLiteral("/api/ops/status"), withReason({})), 405,
                        "method_not_allowed"));
    EXPECT_TRUE(isError(call("DELETE", QStringLiteral("/api/integration-flags"), Auth::Operator),
                        405, "method_not_allowed"));
    EXPECT_TRUE(isError(call("PUT", QStringLiteral("/api/ops/write-drain"), Auth::Operator,
                             R"({"enabled":true,"reason":"x"})"),
                        405, "method_not_allowed"));
    EXPECT_EQ(controlState(), before);
}

TEST_F(ContractRouting, SuccessBodiesAreJsonWithOkTrue)
{
    for (const QString &path : apiGets()) {
        const HttpResult result = get(path);
        EXPECT_EQ(result.status, 200) << path.toStdString();
        EXPECT_TRUE(result.header("Content-Type").startsWith("application/json"))
            << path.toStdString() << " " << result.header("Content-Type").toStdString();
        EXPECT_EQ(result.json().value(QLatin1String("ok")), QJsonValue(true)) << path.toStdString();
    }
}

TEST_F(ContractRouting, KeepAliveConnectionServesMixedAnswers)
{
    // One manager reuses one connection: an error answer must not spoil the next request.
    QNetworkAccessManager manager;
    const auto send
        = [&](const QByteArray &verb, const QString &path, const QByteArray &body, bool withToken) {
              QNetworkRequest request(url(path));
              request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
              if (withToken)
                  request.setRawHeader("Authorization", "Bearer " + sim()->token().toUtf8());
              request.setRawHeader("Content-Type", "application/json");
              request.setRawHeader("Idempotency-Key", newKey().toUtf8());
              QNetworkReply *reply = manager.sendCustomRequest(request, verb, body);
              TestSupport::waitUntil([reply] { return reply->isFinished(); }, 10000);
              const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
              reply->deleteLater();
              return status;
          };
    EXPECT_EQ(send("GET", QStringLiteral("/api/ops/status"), {}, true), 200);
    EXPECT_EQ(send("GET", QStringLiteral("/api/nope"), {}, true), 404);
    EXPECT_EQ(send("POST", QStringLiteral("/api/ops/safe-mode"), "{", true), 400);
    EXPECT_EQ(send("GET", QStringLiteral("/api/ops/status"), {}, false), 401);
    EXPECT_EQ(
        send("POST", QStringLiteral("/api/ops/safe-mode"), R"({"enabled":1,"reason":"x"})", true),
        400);
    EXPECT_EQ(send("GET", QStringLiteral("/api/agents"), {}, true), 200);
    EXPECT_EQ(send("GET", QStringLiteral("/health/live"), {}, false), 200);
}

} // namespace
