// Contract: bad input on mutations (size, media type, JSON, types, reason, idempotency key,
// unknown names, guard limits) is refused with the right code and changes nothing.
#include "contractfixture.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace {

class ContractInput : public ContractFixture
{
protected:
    static void SetUpTestSuite() { startSharedSimulator(); }
    static void TearDownTestSuite() { stopSharedSimulator(); }

    void SetUp() override
    {
        ContractFixture::SetUp();
        ASSERT_TRUE(sim() && sim()->isReady());
        m_before = controlState();
    }
    void TearDown() override
    {
        EXPECT_EQ(controlState(), m_before) << "a refused request changed the state";
        ContractFixture::TearDown();
    }

    QByteArray
    head(const QByteArray &verb, const QByteArray &path, const QByteArray &extra = {}) const
    {
        return verb + ' ' + path
            + " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(sim()->port())
            + "\r\nAuthorization: Bearer " + sim()->token().toUtf8() + "\r\n" + extra + "\r\n";
    }

    HttpResult postBytes(const QString &path,
                         const QByteArray &body,
                         const QByteArray &type = QByteArrayLiteral("application/json")) const
    {
        return call("POST", path, Auth::Operator, body, {{"Idempotency-Key", newKey().toUtf8()}},
                    type);
    }

private:
    QJsonObject m_before;
};

TEST_F(ContractInput, V3_BodyOver1MiBIs413)
{
    const qint64 size = 2 * 1024 * 1024;
    const RawResult result = raw(head("POST", "/api/ops/safe-mode",
                                      "Content-Type: application/json\r\nIdempotency-Key: big-1\r\n"
                                      "X-Trace-Id: guard-413\r\n"
                                      "Content-Length: "
                                          + QByteArray::number(size) + "\r\n"),
                                 size);
    EXPECT_TRUE(isError(result, 413, "body_too_large"));
    EXPECT_EQ(result.header("X-Trace-Id"), "guard-413") << "guard rejections echo X-Trace-Id too";
    EXPECT_EQ(result.header("Connection").toLower(), "close")
        << "the guard closes after a rejection";
}

TEST_F(ContractInput, V3_BodyOneByteOver1MiBIs413)
{
    const qint64 size = 1024 * 1024 + 1;
    const RawResult result = raw(head("POST", "/api/dreams",
                                      "Content-Type: application/json\r\nIdempotency-Key: big-2\r\n"
                                      "Content-Length: "
                                          + QByteArray::number(size) + "\r\n"),
                                 size);
    EXPECT_TRUE(isError(result, 413, "body_too_large"));
}

TEST_F(ContractInput, NonJsonMediaTypeIs415)
{
    for (const Mutation &mutation : mutations()) {
        const QByteArray body
            = QJsonDocument(withReason(mutation.body)).toJson(QJsonDocument::Compact);
        EXPECT_TRUE(
            isError(postBytes(mutation.path, body, "text/plain"), 415, "unsupported_media_type"))
            << mutation.path.toStdString();
    }
    EXPECT_TRUE(isError(
        postBytes(QStringLiteral("/api/dreams"), "title=x", "application/x-www-form-urlencoded"),
        415, "unsupported_media_type"));
}

TEST_F(ContractInput, MalformedJsonIs400InvalidJson)
{
    const QList<QByteArray> bodies {"{", "{\"reason\":\"x\",}", "not json",
                                    "{\"reason\":\"x\"} trailing"};
    for (const Mutation &mutation : mutations()) {
        for (const QByteArray &body : bodies)
            EXPECT_TRUE(isError(postBytes(mutation.path, body), 400, "invalid_json"))
                << mutation.path.toStdString() << " body " << body.toStdString();
    }
}

TEST_F(ContractInput, HostileJsonIs400AndServerSurvives)
{
    const QByteArray deep = "{\"title\":" + QByteArray(10000, '[') + QByteArray(10000, ']') + "}";
    const QList<QByteArray> bodies {deep, "{\"title\":\"x\",\"n\":NaN}", "{\"title\":\"\xff\xfe\"}",
                                    QByteArray(1000, '{')};
    for (const QByteArray &body : bodies) {
        EXPECT_TRUE(isError(postBytes(QStringLiteral("/api/dreams"), body), 400, "invalid_json"))
            << body.left(40).toStdString();
    }
    EXPECT_EQ(get(QStringLiteral("/health/live"), Auth::None).status, 200);
}

TEST_F(ContractInput, WrongTypesAndMissingFieldsNameTheField)
{
    struct Case
    {
        const char *path;
        const char *body;
        const char *field;
    };
    const QList<Case> cases {
        {"/api/ops/safe-mode", R"({"enabled":"yes","reason":"r"})", "enabled"},
        {"/api/ops/safe-mode", R"({"reason":"r"})", "enabled"},
        {"/api/ops/safe-mode", R"({"enabled":true,"reason":"r","operator":5})", "operator"},
        {"/api/ops/write-drain", R"({"enabled":1,"reason":"r"})", "enabled"},
        {"/api/agents/quarantine", R"({"agentId":7,"reason":"r"})", "agentId"},
        {"/api/agents/quarantine", R"({"reason":"r"})", "agentId"},
        {"/api/agents/quarantine", R"({"agentId":"citadel","reason":"r","durationSeconds":"long"})",
         "durationSeconds"},
        {"/api/agents/release", R"({"agentId":null,"reason":"r"})", "agentId"},
        {"/api/dead-letter/replay", R"({"rateLimit":"fast","maxMessages":10,"reason":"r"})",
         "rateLimit"},
        {"/api/dead-letter/replay", R"({"rateLimit":10,"maxMessages":[1],"reason":"r"})",
         "maxMessages"},
        {"/api/dead-letter/replay", R"({"maxMessages":10,"reason":"r"})", "rateLimit"},
        {"/api/dead-letter/replay",
         R"({"rateLimit":10,"maxMessages":10,"reason":"r","errorType":3})", "errorType"},
        {"/api/dreams", R"({"title":5})", "title"},
        {"/api/dreams", R"({})", "title"},
        {"/api/sim/scenario", R"({"name":3})", "name"},
        {"/api/sim/scenario", R"({"name":"latency","durationSeconds":"x"})", "durationSeconds"},
        {"/api/sim/clock", R"({"advanceSeconds":"10"})", "advanceSeconds"},
        {"/api/sim/chaos", R"({"errorRate":"high"})", "errorRate"},
        {"/api/sim/chaos", R"({"errorRate":1.5})", "errorRate"},
        {"/api/sim/chaos", R"({"dropRate":-0.1})", "dropRate"},
    };
    for (const Case &c : cases) {
        const HttpResult result = postBytes(QLatin1String(c.path), c.body);
        EXPECT_TRUE(isError(result, 400, "invalid_body")) << c.path << " " << c.body;
        EXPECT_TRUE(result.json()
                        .value(QLatin1String("message"))
                        .toString()
                        .contains(QLatin1String(c.field)))
            << c.path << " " << c.body << ": message does not name '" << c.field
            << "': " << result.body.toStdString();
    }
}

TEST_F(ContractInput, NonObjectBodiesAre400InvalidBody)
{
    // Valid JSON that is not an object is a wrong type, not malformed JSON.
    for (const QByteArray &body :
         {QByteArray("[]"), QByteArray("null"), QByteArray("5"), QByteArray("\"reason\"")}) {
        EXPECT_TRUE(
            isError(postBytes(QStringLiteral("/api/ops/safe-mode"), body), 400, "invalid_body"))
            << body.toStdString();
    }
}

TEST_F(ContractInput, EmptyBodyWithoutTypeIsNot415)
{
    // An empty body without Content-Type is no media-type problem: the missing fields are.
    for (const Mutation &mutation : mutations()) {
        if (mutation.path == QLatin1String("/api/sim/chaos"))
            continue; // no field required there: empty = chaos off
        const HttpResult result = call("POST", mutation.path, Auth::Operator, {},
                                       {{"Idempotency-Key", newKey().toUtf8()}}, {});
        EXPECT_EQ(result.status, 400)
            << mutation.path.toStdString() << " " << result.body.toStdString();
        EXPECT_TRUE(isError(result, 400, "invalid_body") || isError(result, 400, "reason_required"))
            << mutation.path.toStdString();
    }
}

TEST_F(ContractInput, MissingOrBadReasonIs400)
{
    for (const Mutation &mutation : mutations()) {
        if (!mutation.takesReason)
            continue;
        const std::string path = mutation.path.toStdString();
        EXPECT_TRUE(isError(post(mutation.path, mutation.body), 400, "reason_required")) << path;
        QJsonObject empty = mutation.body;
        empty.insert(QStringLiteral("reason"), QString());
        EXPECT_TRUE(isError(post(mutation.path, empty), 400, "reason_required")) << path;
        QJsonObject tooLong = mutation.body;
        tooLong.insert(QStringLiteral("reason"), QString(501, QLatin1Char('r')));
        const HttpResult longResult = post(mutation.path, tooLong);
        EXPECT_EQ(longResult.status, 400) << path << " with a 501-char reason";
        EXPECT_EQ(longResult.json().value(QLatin1String("ok")), QJsonValue(false)) << path;
        QJsonObject wrongType = mutation.body;
        wrongType.insert(QStringLiteral("reason"), 42);
        const HttpResult typed = post(mutation.path, wrongType);
        EXPECT_TRUE(isError(typed, 400, "invalid_body") || isError(typed, 400, "reason_required"))
            << path;
    }
}

TEST_F(ContractInput, V5_IdempotencyKeyLengthChecked)
{
    const QJsonObject body = withReason({{QStringLiteral("enabled"), true}});
    const HttpResult tooLong = post(QStringLiteral("/api/ops/safe-mode"), body, Auth::Operator,
                                    {{"Idempotency-Key", QByteArray(129, 'k')}});
    EXPECT_TRUE(isError(tooLong, 400, "invalid_idempotency_key"));
    const QByteArray json = QJsonDocument(body).toJson(QJsonDocument::Compact);
    const RawResult empty = raw(head("POST", "/api/ops/safe-mode",
                                     "Content-Type: application/json\r\nIdempotency-Key: \r\n"
                                     "Content-Length: "
                                         + QByteArray::number(json.size()) + "\r\n")
                                + json);
    EXPECT_TRUE(isError(empty, 400, "invalid_idempotency_key"));
}

TEST_F(ContractInput, UnknownNamesAre404)
{
    const QJsonObject reason = withReason({});
    for (const char *verb : {"enable", "disable"}) {
        EXPECT_TRUE(isError(
            post(QStringLiteral("/api/integration-flags/no_such_flag/") + QLatin1String(verb),
                 reason),
            404, "unknown_flag"));
    }
    EXPECT_EQ(getJson(QStringLiteral("/api/integration-flags"))
                  .value(QLatin1String("flags"))
                  .toArray()
                  .size(),
              5)
        << "an unknown flag must not be created";
    for (const char *path : {"/api/agents/quarantine", "/api/agents/release"}) {
        EXPECT_TRUE(isError(
            post(QLatin1String(path),
                 withReason({{QStringLiteral("agentId"), QStringLiteral("no-such-agent")}})),
            404, "unknown_agent"))
            << path;
    }
    for (const char *verb : {"trip", "reset"}) {
        EXPECT_TRUE(isError(
            post(QStringLiteral("/api/circuit-breakers/no-such/") + QLatin1String(verb), reason),
            404, "unknown_breaker"));
    }
    EXPECT_TRUE(isError(post(QStringLiteral("/api/sim/scenario"),
                             {{QStringLiteral("name"), QStringLiteral("meteor")}}),
                        404, "unknown_scenario"));
}

TEST_F(ContractInput, ChunkedRequestIs411)
{
    const RawResult result
        = raw(head("POST", "/api/ops/safe-mode",
                   "Content-Type: application/json\r\nIdempotency-Key: te-1\r\n"
                   "Transfer-Encoding: chunked\r\nX-Request-Id: guard-411\r\n")
              + "2a\r\n{\"enabled\":true,\"reason\":\"chunked body!!\"}\r\n0\r\n\r\n");
    EXPECT_TRUE(isError(result, 411, "length_required"));
    EXPECT_EQ(result.header("X-Trace-Id"), "guard-411");
}

TEST_F(ContractInput, V3_HeadersOver16KiBAre431)
{
    const RawResult result
        = raw(head("GET", "/api/ops/status",
                   "X-Trace-Id: guard-431\r\nX-Filler: " + QByteArray(20 * 1024, 'f') + "\r\n"));
    EXPECT_TRUE(isError(result, 431, "headers_too_large"));
    EXPECT_EQ(result.header("X-Trace-Id"), "guard-431");
}

TEST_F(ContractInput, V4_ForeignHostIs400)
{
    const QByteArray request
        = "GET /api/ops/status HTTP/1.1\r\nHost: evil.example\r\nX-Trace-Id: guard-host\r\n"
          "Authorization: Bearer "
        + sim()->token().toUtf8() + "\r\n\r\n";
    const RawResult refused = raw(request);
    EXPECT_TRUE(isError(refused, 400, "invalid_host"));
    EXPECT_EQ(refused.header("X-Trace-Id"), "guard-host");
    const QByteArray localhost = "GET /health/live HTTP/1.1\r\nHost: localhost:"
        + QByteArray::number(sim()->port()) + "\r\n\r\n";
    EXPECT_EQ(raw(localhost).status, 200);
    const QByteArray port = QByteArray::number(sim()->port());
    EXPECT_EQ(raw("GET /health/live HTTP/1.1\r\nHost: [::1]:" + port + "\r\n\r\n").status, 200);
    // DNS rebinding: another port, another name or no Host at all is refused.
    for (const QByteArray &host :
         {QByteArray("127.0.0.1:1"), QByteArray("127.0.0.1:" + port + ".evil.example"),
          QByteArray("127.0.0.2:" + port)}) {
        EXPECT_TRUE(isError(raw("GET /health/live HTTP/1.1\r\nHost: " + host + "\r\n\r\n"), 400,
                            "invalid_host"))
            << host.toStdString();
    }
    EXPECT_TRUE(isError(raw("GET /health/live HTTP/1.1\r\n\r\n"), 400, "invalid_host"));
}

} // namespace
