// Chaos at the socket level (POST /api/sim/chaos): hang, drop, trickle, malformed, injected 500
// and latency, carried out by the guard on the real socket; plus the idempotency guarantees
// they exist to test (N9 dropped POST executes once, N10 in-flight duplicate gets 409).
#include "guard_support.h"
#include "testsupport.h"

#include <gtest/gtest.h>

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>

using namespace GuardSupport;

namespace {

class GuardChaos : public ::testing::Test
{
protected:
    void SetUp() override
    {
        m_sim = TestSupport::startSimulator();
        ASSERT_TRUE(m_sim && m_sim->baseUrl().port() > 0);
    }
    quint16 port() const { return quint16(m_sim->baseUrl().port()); }
    QByteArray auth() const { return "Authorization: Bearer " + m_sim->token().toUtf8() + "\r\n"; }
    void chaos(const QJsonObject &settings) const
    {
        const auto result = TestSupport::request(
            "POST", m_sim->baseUrl().resolved(QUrl(QStringLiteral("/api/sim/chaos"))),
            {{"Authorization", "Bearer " + m_sim->token().toUtf8()},
             {"Content-Type", "application/json"}},
            QJsonDocument(settings).toJson());
        ASSERT_EQ(result.status, 200) << result.body.toStdString();
    }
    QJsonObject http() const
    {
        const auto result = TestSupport::request(
            "GET", m_sim->baseUrl().resolved(QUrl(QStringLiteral("/api/sim/state"))),
            {{"Authorization", "Bearer " + m_sim->token().toUtf8()}});
        return result.json().value(QStringLiteral("http")).toObject();
    }
    int stat(const char *map, const char *path) const
    {
        return http().value(QLatin1String(map)).toObject().value(QLatin1String(path)).toInt();
    }
    QByteArray post(const char *path, const QByteArray &body, const QByteArray &key) const
    {
        return QByteArray("POST ") + path
            + " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port()) + "\r\n" + auth()
            + "Content-Type: application/json\r\nIdempotency-Key: " + key
            + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    }
    QByteArray getAuthed(const char *path) const { return get(port(), path, auth()); }

    std::unique_ptr<SimulatorProcess> m_sim;
};

} // namespace

TEST_F(GuardChaos, HangNeverAnswersAndCountsInFlight)
{
    chaos({{QStringLiteral("hangRate"), 1},
           {QStringLiteral("paths"), QJsonArray {QStringLiteral("/api/metrics")}}});
    {
        QTcpSocket socket;
        socket.connectToHost(QStringLiteral("127.0.0.1"), port());
        ASSERT_TRUE(socket.waitForConnected(3000));
        socket.write(getAuthed("/api/metrics"));
        const RawAnswer answer = readAnswer(socket, 1500);
        EXPECT_EQ(answer.status, 0) << "a hung request gets no answer";
        EXPECT_EQ(socket.state(), QAbstractSocket::ConnectedState);
        EXPECT_EQ(stat("inFlightByPath", "/api/metrics"), 1);
        EXPECT_EQ(exchange(port(), getAuthed("/api/ops/status")).status, 200)
            << "other paths are served";
    }
    EXPECT_TRUE(TestSupport::waitUntil(
        [this] { return stat("inFlightByPath", "/api/metrics") == 0; }, 5000))
        << "the client's close ends the hung request";
    EXPECT_EQ(stat("maxInFlightByPath", "/api/metrics"), 1);
    chaos({});
    EXPECT_EQ(exchange(port(), getAuthed("/api/metrics")).status, 200);
}

TEST_F(GuardChaos, N9_DroppedPostExecutesOnceAndReplays)
{
    chaos({{QStringLiteral("dropRate"), 1},
           {QStringLiteral("paths"), QJsonArray {QStringLiteral("/api/ops/safe-mode")}}});
    const QByteArray request
        = post("/api/ops/safe-mode", R"({"enabled":true,"reason":"drill"})", "n9-key");
    const RawAnswer dropped = exchange(port(), request);
    EXPECT_EQ(dropped.status, 0);
    EXPECT_TRUE(dropped.closedByServer);
    EXPECT_EQ(stat("executedMutations", "/api/ops/safe-mode"), 1) << "read, executed, then cut";
    chaos({});
    const RawAnswer resent = exchange(port(), request);
    EXPECT_EQ(resent.status, 200);
    EXPECT_EQ(resent.header("idempotent-replayed"), QByteArray("true"));
    EXPECT_EQ(stat("executedMutations", "/api/ops/safe-mode"), 1) << "no second effect";
}

TEST_F(GuardChaos, N10_DuplicateWhileInFlightGets409ThenReplay)
{
    chaos({{QStringLiteral("latencyMs"), 1500},
           {QStringLiteral("paths"), QJsonArray {QStringLiteral("/api/ops/write-drain")}}});
    const QByteArray request
        = post("/api/ops/write-drain", R"({"enabled":true,"reason":"drill"})", "n10-key");
    QTcpSocket first;
    first.connectToHost(QStringLiteral("127.0.0.1"), port());
    ASSERT_TRUE(first.waitForConnected(3000));
    first.write(request);
    first.flush();
    TestSupport::waitUntil([] { return false; }, 200);
    const RawAnswer duplicate = exchange(port(), request, 0, 5000);
    EXPECT_EQ(duplicate.status, 409);
    EXPECT_TRUE(duplicate.body.contains("idempotency_key_in_flight"));
    const RawAnswer original = readAnswer(first, 5000);
    EXPECT_EQ(original.status, 200);
    chaos({});
    const RawAnswer replay = exchange(port(), request);
    EXPECT_EQ(replay.status, 200);
    EXPECT_EQ(replay.header("idempotent-replayed"), QByteArray("true"));
    EXPECT_EQ(replay.body, original.body);
    EXPECT_EQ(stat("executedMutations", "/api/ops/write-drain"), 1);
}

TEST_F(GuardChaos, SlowBytesTrickleTheRealAnswer)
{
    chaos({{QStringLiteral("slowBytesPerSecond"), 400},
           {QStringLiteral("paths"), QJsonArray {QStringLiteral("/health/live")}}});
    QElapsedTimer timer;
    timer.start();
    const RawAnswer answer = exchange(port(), get(port(), "/health/live"), 0, 10000);
    EXPECT_EQ(answer.status, 200);
    EXPECT_EQ(QJsonDocument::fromJson(answer.body).object().value(QStringLiteral("status")),
              QStringLiteral("alive"));
    EXPECT_GT(timer.elapsed(), 300) << "about 300 bytes at 400 B/s";
}

TEST_F(GuardChaos, MalformedAndInjectedErrors)
{
    chaos({{QStringLiteral("malformedRate"), 1},
           {QStringLiteral("malformedKind"), QStringLiteral("html")}});
    const RawAnswer html = exchange(port(), getAuthed("/api/metrics"));
    EXPECT_EQ(html.status, 200);
    EXPECT_TRUE(html.header("content-type").startsWith("text/html"));
    EXPECT_TRUE(html.body.contains("<html>"));

    chaos({{QStringLiteral("malformedRate"), 1},
           {QStringLiteral("malformedKind"), QStringLiteral("truncated")}});
    const RawAnswer truncated = exchange(port(), getAuthed("/api/metrics"));
    EXPECT_EQ(truncated.status, 200);
    QJsonParseError error;
    QJsonDocument::fromJson(truncated.body, &error);
    EXPECT_NE(error.error, QJsonParseError::NoError) << "the JSON body is cut";

    chaos({{QStringLiteral("errorRate"), 1}});
    const RawAnswer failed
        = exchange(port(), post("/api/ops/safe-mode", R"({"enabled":true,"reason":"x"})", "e-1"));
    EXPECT_EQ(failed.status, 500);
    EXPECT_TRUE(failed.body.contains("\"internal_error\""));
    EXPECT_EQ(stat("executedMutations", "/api/ops/safe-mode"), 0) << "an injected 500 does nothing";
}

TEST_F(GuardChaos, ChaosRejectsOutOfRangeValuesAndNeverTouchesSimPaths)
{
    const auto bad = TestSupport::request(
        "POST", m_sim->baseUrl().resolved(QUrl(QStringLiteral("/api/sim/chaos"))),
        {{"Authorization", "Bearer " + m_sim->token().toUtf8()},
         {"Content-Type", "application/json"}},
        R"({"hangRate":1.5})");
    EXPECT_EQ(bad.status, 400);
    EXPECT_EQ(bad.json().value(QStringLiteral("error")).toString(), QStringLiteral("invalid_body"));
    chaos({{QStringLiteral("hangRate"), 1}});
    EXPECT_EQ(http().value(QStringLiteral("openConnections")).toInt() >= 0, true);
    chaos({}); // still reachable: chaos never applies to /api/sim/*
    EXPECT_EQ(exchange(port(), get(port(), "/health")).status, 200);
}
