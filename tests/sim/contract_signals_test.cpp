// Contract: real requests count in the golden signals and in /api/sim/state's http counters,
// synthetic traffic is believable and deterministic under --seed, and the views agree.
#include "contractfixture.h"

#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

#include <QRegularExpression>

#include <algorithm>
#include <functional>

namespace {

constexpr double kSlow = 0.05;

class ContractSignals : public ContractFixture
{
protected:
    void SetUp() override
    {
        ContractFixture::SetUp();
        ASSERT_TRUE(startFresh({}, kSlow));
    }

    int requestsByPath(const QString &path) const
    {
        const QJsonValue counts
            = at(getJson(QStringLiteral("/api/sim/state")), QStringLiteral("http.requestsByPath"));
        return counts[path].toInt();
    }

    // The signals that the seed decides (no wall-clock or start-time dependent field).
    QJsonObject seededSignals() const
    {
        const QJsonObject metrics = getJson(QStringLiteral("/api/metrics"));
        QJsonObject picked;
        for (const char *path : {"goldenSignals.latency", "goldenSignals.errors",
                                 "goldenSignals.saturation.memory.rss", "watchdogs.queueDepth",
                                 "watchdogs.dlqRate.totalMessages", "watchdogs.aiCallLatency"})
            picked.insert(QLatin1String(path), at(metrics, QLatin1String(path)));
        return picked;
    }
    QJsonObject runSeeded(const QString &seed)
    {
        EXPECT_TRUE(startFresh({QStringLiteral("--seed"), seed}, kSlow));
        advance(120);
        setScenario(QStringLiteral("error-spike"));
        advance(90);
        return seededSignals();
    }
};

TEST_F(ContractSignals, RealRequestsCountInGoldenSignals)
{
    const double total0 = metric(QStringLiteral("goldenSignals.traffic.requestsTotal"));
    const double c4xx0 = metric(QStringLiteral("goldenSignals.errors.status4xx"));
    for (int i = 0; i < 30; ++i)
        EXPECT_EQ(get(QStringLiteral("/api/no-such-route")).status, 404);
    const double total1 = metric(QStringLiteral("goldenSignals.traffic.requestsTotal"));
    const double c4xx1 = metric(QStringLiteral("goldenSignals.errors.status4xx"));
    EXPECT_GE(total1 - total0, 31) << "30 real 404s and one /api/metrics were not counted";
    EXPECT_GE(c4xx1 - c4xx0, 30) << "real 404s were not counted as 4xx";
}

TEST_F(ContractSignals, RequestsByPathCountsExactly)
{
    const int before = requestsByPath(QStringLiteral("/api/agents"));
    for (int i = 0; i < 5; ++i)
        get(QStringLiteral("/api/agents"));
    get(QStringLiteral("/api/agents"), Auth::None); // refused requests arrive, too
    EXPECT_EQ(requestsByPath(QStringLiteral("/api/agents")), before + 6);
    EXPECT_GE(at(getJson(QStringLiteral("/api/sim/state")), QStringLiteral("http.openConnections"))
                  .toInt(),
              1);
}

TEST_F(ContractSignals, MaxInFlightByPathSeesConcurrency)
{
    const QString path = QStringLiteral("/api/agents");
    postOk(QStringLiteral("/api/sim/chaos"),
           {{QStringLiteral("latencyMs"), 1500}, {QStringLiteral("paths"), QJsonArray {path}}});
    QNetworkAccessManager manager;
    QList<QNetworkReply *> replies;
    for (int i = 0; i < 3; ++i) {
        QNetworkRequest request(url(path));
        request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
        request.setRawHeader("Authorization", "Bearer " + sim()->token().toUtf8());
        replies << manager.get(request);
    }
    EXPECT_TRUE(TestSupport::waitUntil(
        [&replies] {
            return std::all_of(replies.cbegin(), replies.cend(),
                               [](QNetworkReply *reply) { return reply->isFinished(); });
        },
        15000));
    for (QNetworkReply *reply : std::as_const(replies)) {
        EXPECT_EQ(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        delete reply;
    }
    postOk(QStringLiteral("/api/sim/chaos"), {});
    const QJsonValue maxInFlight
        = at(getJson(QStringLiteral("/api/sim/state")), QStringLiteral("http.maxInFlightByPath"));
    EXPECT_EQ(maxInFlight[path].toInt(), 3)
        << "three overlapping requests to " << path.toStdString();
}

TEST_F(ContractSignals, TrafficBelievableNeverFlat)
{
    QList<double> rates;
    for (int i = 0; i < 12; ++i) {
        advance(30);
        rates << metric(QStringLiteral("goldenSignals.traffic.requestsPerSecond"));
    }
    const auto [low, high] = std::minmax_element(rates.cbegin(), rates.cend());
    EXPECT_GE(*low, 10) << "traffic fell far below ~40 rps";
    EXPECT_LE(*high, 120) << "traffic far above ~40 rps";
    EXPECT_GT(*high - *low, 0.5) << "traffic is flat";
    double sum = 0;
    for (double rate : std::as_const(rates))
        sum += rate;
    EXPECT_NEAR(sum / rates.size(), 40, 20);
}

TEST_F(ContractSignals, DeterministicUnderSeed)
{
    const QJsonObject first = runSeeded(QStringLiteral("7"));
    const QJsonObject second = runSeeded(QStringLiteral("7"));
    const QJsonObject other = runSeeded(QStringLiteral("8"));
    EXPECT_EQ(first, second) << "same seed, same calls and clock steps, different signals";
    EXPECT_NE(first, other) << "another seed gave identical signals";
}

TEST_F(ContractSignals, ViewsAgree)
{
    const QJsonObject metrics = getJson(QStringLiteral("/api/metrics"));
    const QJsonObject health = getJson(QStringLiteral("/health"));
    const QJsonObject ops = getJson(QStringLiteral("/api/ops/status"));
    EXPECT_EQ(metrics.value(QLatin1String("instance")), ops.value(QLatin1String("instance")));
    const double rssMb
        = at(metrics, QStringLiteral("goldenSignals.saturation.memory.rss")).toDouble()
        / (1024.0 * 1024.0);
    EXPECT_NEAR(at(health, QStringLiteral("metrics.memory.used")).toDouble(), rssMb,
                rssMb * 0.05 + 1)
        << "/health memory.used (MB) disagrees with rss (bytes)";
    EXPECT_NEAR(at(health, QStringLiteral("metrics.latency.p99")).toDouble(),
                at(metrics, QStringLiteral("goldenSignals.latency.p99")).toDouble(), 1.0);
    const QJsonObject agents = getJson(QStringLiteral("/api/agents"));
    const QJsonObject perAgent
        = at(metrics, QStringLiteral("watchdogs.queueDepth.perAgent")).toObject();
    for (const QJsonValue &item : agents.value(QLatin1String("agents")).toArray()) {
        const QString id = item[QLatin1String("id")].toString();
        EXPECT_EQ(item[QLatin1String("queueDepth")], perAgent.value(id)) << id.toStdString();
    }
    // /health/ready embeds the same gates as /api/health-gates/status.
    const QJsonObject gates = getJson(QStringLiteral("/api/health-gates/status"));
    const QJsonObject ready = get(QStringLiteral("/health/ready"), Auth::None).json();
    EXPECT_EQ(at(ready, QStringLiteral("checks.healthGates.criticalReady")),
              gates.value(QLatin1String("criticalReady")));
    EXPECT_EQ(at(ready, QStringLiteral("checks.healthGates.ready")),
              gates.value(QLatin1String("ready")));
}

TEST_F(ContractSignals, ErrorRateCoversTheLast60Seconds)
{
    advance(61);
    const double baseline = metric(QStringLiteral("goldenSignals.errors.errorRate"));
    postOk(QStringLiteral("/api/sim/chaos"),
           {{QStringLiteral("errorRate"), 1},
            {QStringLiteral("paths"), QJsonArray {QStringLiteral("/api/agents")}}});
    for (int i = 0; i < 200; ++i)
        EXPECT_EQ(get(QStringLiteral("/api/agents")).status, 500);
    postOk(QStringLiteral("/api/sim/chaos"), {});
    advance(1); // rates are computed over completed simulated seconds
    const double burst = metric(QStringLiteral("goldenSignals.errors.errorRate"));
    EXPECT_GT(burst, baseline + 0.03) << "200 real 500s did not move errorRate";
    advance(29);
    EXPECT_GT(metric(QStringLiteral("goldenSignals.errors.errorRate")), baseline + 0.03)
        << "errors left the window before 60 s";
    advance(35);
    EXPECT_LT(metric(QStringLiteral("goldenSignals.errors.errorRate")), baseline + 0.02)
        << "errors older than 60 s still count";
}

TEST_F(ContractSignals, AllTimesAreIsoUtcAndDurationsSeconds)
{
    postOk(QStringLiteral("/api/ops/safe-mode"), withReason({{QStringLiteral("enabled"), true}}));
    postOk(QStringLiteral("/api/agents/quarantine"),
           withReason({{QStringLiteral("agentId"), QStringLiteral("envkeeper")},
                       {QStringLiteral("durationSeconds"), 600}}));
    postOk(QStringLiteral("/api/circuit-breakers/stripe/trip"), withReason({}));
    postOk(QStringLiteral("/api/integration-flags/emergency/enable"), withReason({}));
    setScenario(QStringLiteral("rate-limit"));
    advance(120);
    EXPECT_EQ(
        post(QStringLiteral("/api/dead-letter/replay"),
             withReason({{QStringLiteral("rateLimit"), 1}, {QStringLiteral("maxMessages"), 100}}))
            .status,
        202);
    static const QRegularExpression timeKey(
        QStringLiteral("^(timestamp|since|lastCheck|oldestAt|.*At)$"));
    int checked = 0;
    std::function<void(const QJsonValue &, const QString &)> walk
        = [&](const QJsonValue &value, const QString &where) {
              if (value.isArray()) {
                  for (const QJsonValue &item : value.toArray())
                      walk(item, where + QStringLiteral("[]"));
                  return;
              }
              const QJsonObject object = value.toObject();
              for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
                  if (timeKey.match(it.key()).hasMatch() && !it.value().isNull()) {
                      ++checked;
                      EXPECT_TRUE(isIsoTime(it.value()))
                          << where.toStdString() << "." << it.key().toStdString() << " = "
                          << it.value().toString().toStdString();
                  }
                  walk(it.value(), where + QLatin1Char('.') + it.key());
              }
          };
    QStringList paths = apiGets();
    paths << QStringLiteral("/health") << QStringLiteral("/health/live")
          << QStringLiteral("/health/ready");
    for (const QString &path : std::as_const(paths))
        walk(get(path).json(), path);
    EXPECT_GE(checked, 20) << "too few time fields set to prove anything";
    const double uptime = get(QStringLiteral("/health/live"), Auth::None)
                              .json()
                              .value(QLatin1String("uptime"))
                              .toDouble();
    EXPECT_GE(uptime, 120);
    EXPECT_LT(uptime, 1000) << "uptime is not in seconds";
}

} // namespace
