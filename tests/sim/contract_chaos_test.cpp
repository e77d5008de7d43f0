// Contract: POST /api/sim/chaos misbehaves on purpose at the HTTP layer on the chosen paths
// (500s, non-JSON bodies, drops, hangs, latency, trickle) and never on /api/sim/*.
#include "contractfixture.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>

namespace {

class ContractChaos : public ContractFixture
{
protected:
    void SetUp() override
    {
        ContractFixture::SetUp();
        ASSERT_TRUE(startFresh());
    }

    void chaos(QJsonObject settings, const QString &path = {}) const
    {
        if (!path.isEmpty())
            settings.insert(QStringLiteral("paths"), QJsonArray {path});
        postOk(QStringLiteral("/api/sim/chaos"), settings);
    }
    static bool isJson(const QByteArray &body)
    {
        QJsonParseError error;
        QJsonDocument::fromJson(body, &error);
        return error.error == QJsonParseError::NoError;
    }
};

TEST_F(ContractChaos, ErrorRateOnlyOnListedPaths)
{
    chaos({{QStringLiteral("errorRate"), 1}}, QStringLiteral("/api/agents"));
    const HttpResult failed = get(QStringLiteral("/api/agents"));
    EXPECT_EQ(failed.status, 500);
    EXPECT_EQ(failed.json().value(QLatin1String("ok")), QJsonValue(false));
    EXPECT_FALSE(failed.json().value(QLatin1String("error")).toString().isEmpty());
    EXPECT_FALSE(failed.header("X-Trace-Id").isEmpty());
    EXPECT_EQ(get(QStringLiteral("/api/ops/status")).status, 200);
    const QJsonObject state = getJson(QStringLiteral("/api/sim/state"));
    EXPECT_EQ(at(state, QStringLiteral("chaos.errorRate")).toDouble(), 1.0);
    chaos({});
    EXPECT_EQ(get(QStringLiteral("/api/agents")).status, 200);
}

TEST_F(ContractChaos, DefaultPathsSpareSimRoutes)
{
    chaos({{QStringLiteral("errorRate"), 1}});
    EXPECT_EQ(get(QStringLiteral("/api/ops/status")).status, 500);
    EXPECT_EQ(get(QStringLiteral("/api/sim/state")).status, 200);
    chaos({}); // must get through: chaos never applies to /api/sim/*
    EXPECT_EQ(get(QStringLiteral("/api/ops/status")).status, 200);
}

TEST_F(ContractChaos, MalformedBodies)
{
    chaos({{QStringLiteral("malformedRate"), 1},
           {QStringLiteral("malformedKind"), QStringLiteral("html")}},
          QStringLiteral("/api/metrics"));
    const HttpResult html = get(QStringLiteral("/api/metrics"));
    EXPECT_EQ(html.status, 200);
    EXPECT_FALSE(isJson(html.body));
    EXPECT_TRUE(html.body.trimmed().startsWith('<')) << html.body.left(100).toStdString();
    EXPECT_FALSE(html.header("X-Trace-Id").isEmpty());
    chaos({{QStringLiteral("malformedRate"), 1},
           {QStringLiteral("malformedKind"), QStringLiteral("truncated")}},
          QStringLiteral("/api/metrics"));
    const HttpResult truncated = get(QStringLiteral("/api/metrics"));
    EXPECT_EQ(truncated.status, 200);
    EXPECT_FALSE(truncated.body.isEmpty());
    EXPECT_FALSE(isJson(truncated.body)) << truncated.body.left(200).toStdString();
}

TEST_F(ContractChaos, DropAndHang)
{
    chaos({{QStringLiteral("dropRate"), 1}}, QStringLiteral("/api/agents"));
    const HttpResult dropped = get(QStringLiteral("/api/agents"));
    EXPECT_EQ(dropped.status, 0);
    EXPECT_NE(dropped.error, QNetworkReply::NoError);
    chaos({{QStringLiteral("hangRate"), 1}}, QStringLiteral("/api/agents"));
    const HttpResult hung
        = call("GET", QStringLiteral("/api/agents"), Auth::Operator, {}, {}, {}, 1500);
    EXPECT_EQ(hung.status, 0) << "a hung request got an answer";
    chaos({});
    EXPECT_EQ(get(QStringLiteral("/api/agents")).status, 200) << "the server recovers";
}

TEST_F(ContractChaos, LatencyAndTrickle)
{
    chaos({{QStringLiteral("latencyMs"), 800}}, QStringLiteral("/api/agents"));
    QElapsedTimer timer;
    timer.start();
    const HttpResult slow = get(QStringLiteral("/api/agents"));
    EXPECT_EQ(slow.status, 200);
    EXPECT_GE(timer.elapsed(), 700) << "latencyMs 800 answered too early";
    EXPECT_TRUE(isJson(slow.body));

    chaos({{QStringLiteral("slowBytesPerSecond"), 200}}, QStringLiteral("/health/live"));
    timer.restart();
    const HttpResult trickled = get(QStringLiteral("/health/live"), Auth::None);
    EXPECT_EQ(trickled.status, 200);
    EXPECT_TRUE(isJson(trickled.body)) << "trickled body is incomplete";
    // At least the body itself must have taken body/200 seconds (lower bound only).
    EXPECT_GE(timer.elapsed(), trickled.body.size() * 1000 / 200 * 8 / 10);
}

} // namespace
