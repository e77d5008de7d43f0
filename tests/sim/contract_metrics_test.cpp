// Contract: /metrics is valid Prometheus text carrying the same counters as /api/metrics, and
// logs/server.log has the contract's line format and rotates by size.
#include "contractfixture.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QProcess>
#include <QRegularExpression>

#include <algorithm>

namespace {

constexpr double kSlow = 0.05;
const QString kPromtool = QStringLiteral("/usr/bin/promtool");

class ContractPrometheus : public ContractFixture
{
protected:
    static void SetUpTestSuite() { startSharedSimulator({}, kSlow); }
    static void TearDownTestSuite() { stopSharedSimulator(); }

    // name{labels} -> value for every sample line.
    static QHash<QString, double> samples(const QByteArray &text)
    {
        static const QRegularExpression line(
            QStringLiteral(R"(^([a-zA-Z_:][a-zA-Z0-9_:]*(\{[^}]*\})?)\s+(\S+))"));
        QHash<QString, double> result;
        for (const QByteArray &raw : text.split('\n')) {
            if (raw.isEmpty() || raw.startsWith('#'))
                continue;
            const auto match = line.match(QString::fromUtf8(raw));
            if (match.hasMatch())
                result.insert(match.captured(1), match.captured(3).toDouble());
        }
        return result;
    }
    static double sumOf(const QHash<QString, double> &all, const QString &family)
    {
        double sum = 0;
        for (auto it = all.constBegin(); it != all.constEnd(); ++it) {
            if (it.key() == family || it.key().startsWith(family + QLatin1Char('{')))
                sum += it.value();
        }
        return sum;
    }
};

class ContractLogs : public ContractFixture
{
};

TEST_F(ContractPrometheus, PassesPromtoolCheck)
{
    if (!QFileInfo(kPromtool).isExecutable())
        GTEST_SKIP() << "promtool not installed";
    advance(30);
    const HttpResult result = get(QStringLiteral("/metrics"), Auth::None);
    ASSERT_EQ(result.status, 200);
    EXPECT_TRUE(result.header("Content-Type").startsWith("text/plain"))
        << result.header("Content-Type").toStdString();
    EXPECT_TRUE(result.header("Content-Type").contains("version=0.0.4"));
    QProcess promtool;
    promtool.start(kPromtool, {QStringLiteral("check"), QStringLiteral("metrics")});
    ASSERT_TRUE(promtool.waitForStarted(5000));
    promtool.write(result.body);
    promtool.closeWriteChannel();
    ASSERT_TRUE(promtool.waitForFinished(20000));
    EXPECT_EQ(promtool.exitCode(), 0) << promtool.readAllStandardOutput().toStdString()
                                      << promtool.readAllStandardError().toStdString();
}

TEST_F(ContractPrometheus, SameCountersAsApiMetrics)
{
    advance(20);
    const double before = metric(QStringLiteral("goldenSignals.traffic.requestsTotal"));
    const QByteArray text = get(QStringLiteral("/metrics"), Auth::None).body;
    const double after = metric(QStringLiteral("goldenSignals.traffic.requestsTotal"));
    const QHash<QString, double> all = samples(text);

    QString family;
    for (const QString &key : all.keys()) {
        const QString name = key.section(QLatin1Char('{'), 0, 0);
        if (name.endsWith(QLatin1String("_requests_total"))
            && (family.isEmpty() || name == QLatin1String("dreamnet_http_requests_total")))
            family = name;
    }
    ASSERT_FALSE(family.isEmpty()) << "no *_requests_total counter in /metrics";
    const double exported = sumOf(all, family);
    EXPECT_GE(exported, before) << family.toStdString();
    EXPECT_LE(exported, after) << family.toStdString();

    const QString histogram = QStringLiteral("dreamnet_http_request_duration_seconds");
    const double count = sumOf(all, histogram + QStringLiteral("_count"));
    EXPECT_GE(count, before);
    EXPECT_LE(count, after);
    EXPECT_TRUE(all.contains(histogram + QStringLiteral("_sum"))
                || sumOf(all, histogram + QStringLiteral("_sum")) > 0);
    double infBucket = -1;
    for (auto it = all.constBegin(); it != all.constEnd(); ++it) {
        if (it.key().startsWith(histogram + QStringLiteral("_bucket"))
            && it.key().contains(QLatin1String("le=\"+Inf\"")))
            infBucket = qMax(infBucket, 0.0) + it.value();
    }
    EXPECT_EQ(infBucket, count) << "+Inf bucket differs from _count";

    bool perAgent = false;
    for (const QString &key : all.keys())
        perAgent = perAgent || key.contains(QLatin1String("agent=\"citadel\""));
    EXPECT_TRUE(perAgent) << "no per-agent gauge with label agent=\"citadel\"";
}

TEST_F(ContractPrometheus, GaugesFollowTheState)
{
    ASSERT_TRUE(startFresh({}, kSlow));
    const auto find = [](const QHash<QString, double> &all, const QStringList &parts) {
        for (auto it = all.constBegin(); it != all.constEnd(); ++it) {
            const bool hit = std::all_of(parts.cbegin(), parts.cend(), [&](const QString &part) {
                return it.key().contains(part);
            });
            if (hit)
                return it.value();
        }
        ADD_FAILURE() << "no sample with " << parts.join(QLatin1Char(' ')).toStdString();
        return -1.0;
    };
    const QStringList safe {QStringLiteral("mode"), QStringLiteral("safe")};
    const QStringList googleOpen {QStringLiteral("=\"google\""), QStringLiteral("=\"open\"")};
    const QHash<QString, double> before = samples(get(QStringLiteral("/metrics"), Auth::None).body);
    const QJsonObject api = getJson(QStringLiteral("/api/metrics"));
    EXPECT_EQ(find(before, {QStringLiteral("queue"), QStringLiteral("agent=\"citadel\"")}),
              at(api, QStringLiteral("watchdogs.queueDepth.perAgent.citadel")).toDouble());
    EXPECT_EQ(find(before, {QStringLiteral("=\"4xx\"")}),
              at(api, QStringLiteral("goldenSignals.errors.status4xx")).toDouble());
    EXPECT_EQ(find(before, {QStringLiteral("=\"5xx\"")}),
              at(api, QStringLiteral("goldenSignals.errors.status5xx")).toDouble());
    EXPECT_NEAR(find(before, {QStringLiteral("cpu_user")}) * 1e6,
                at(api, QStringLiteral("goldenSignals.saturation.cpu.user")).toDouble(), 1.0);
    EXPECT_EQ(find(before, {QStringLiteral("resident_memory")}),
              at(api, QStringLiteral("goldenSignals.saturation.memory.rss")).toDouble());
    EXPECT_EQ(find(before, safe), 0);
    EXPECT_EQ(find(before, googleOpen), 0);

    postOk(QStringLiteral("/api/ops/safe-mode"), withReason({{QStringLiteral("enabled"), true}}));
    postOk(QStringLiteral("/api/circuit-breakers/google/trip"), withReason({}));
    const QHash<QString, double> after = samples(get(QStringLiteral("/metrics"), Auth::None).body);
    EXPECT_EQ(find(after, safe), 1);
    EXPECT_EQ(find(after, googleOpen), 1);
}

TEST_F(ContractLogs, LinesFollowTheFormatAndRotate)
{
    ASSERT_TRUE(startFresh({QStringLiteral("--log-max-bytes"), QStringLiteral("20000")}, kSlow));
    postOk(QStringLiteral("/api/ops/safe-mode"),
           withReason({{QStringLiteral("enabled"), true}}, QStringLiteral("reason-canary-7781")));
    advance(1); // lines reach the file at the next simulated tick
    EXPECT_TRUE(serverLog().contains("reason-canary-7781"))
        << "the mutation was not logged with its reason";
    const QString dir = sim()->logDir();
    for (int i = 0; i < 20 && !QFileInfo::exists(dir + QStringLiteral("/server.log.1")); ++i)
        advance(60);
    ASSERT_TRUE(QFileInfo::exists(dir + QStringLiteral("/server.log.1")))
        << "no rotation after 20 simulated minutes";
    const qint64 size = QFileInfo(dir + QStringLiteral("/server.log")).size();
    EXPECT_LE(size, 20000 + 4096);
    EXPECT_LE(QFileInfo(dir + QStringLiteral("/server.log.1")).size(), 20000 + 4096);
    EXPECT_GE(QFileInfo(dir + QStringLiteral("/server.log.1")).size(), 10000);

    static const QRegularExpression format(QStringLiteral(
        R"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (TRACE|DEBUG|INFO|WARN|ERROR|FATAL) \[[^\]\s]+\] \S.*$)"));
    for (const QString &name : {QStringLiteral("server.log"), QStringLiteral("server.log.1")}) {
        QFile file(dir + QLatin1Char('/') + name);
        ASSERT_TRUE(file.open(QIODevice::ReadOnly));
        const QByteArray all = file.readAll();
        EXPECT_TRUE(all.endsWith('\n')) << name.toStdString() << " ends with a partial line";
        QString previous;
        int lines = 0;
        for (const QByteArray &raw : all.split('\n')) {
            if (raw.isEmpty())
                continue;
            ++lines;
            const QString text = QString::fromUtf8(raw);
            EXPECT_TRUE(format.match(text).hasMatch())
                << name.toStdString() << ": " << raw.toStdString();
            EXPECT_GE(text.left(24), previous) << "timestamps go back in " << name.toStdString();
            previous = text.left(24);
        }
        EXPECT_GT(lines, 10) << name.toStdString();
        EXPECT_FALSE(all.contains(sim()->token().toUtf8()))
            << "operator token in " << name.toStdString();
        EXPECT_FALSE(all.contains(sim()->viewerToken().toUtf8()))
            << "viewer token in " << name.toStdString();
    }
}

TEST_F(ContractLogs, MutationLineCarriesReasonTraceAndRoute)
{
    ASSERT_TRUE(startFresh({}, kSlow));
    const HttpResult result = post(
        QStringLiteral("/api/ops/write-drain"),
        withReason({{QStringLiteral("enabled"), true}}, QStringLiteral("canary-reason-4242")),
        Auth::Operator, {{"X-Trace-Id", "log-trace-31337"}});
    EXPECT_EQ(result.status, 200);
    advance(1); // lines reach the file at the next simulated tick
    const QByteArray log = serverLog();
    const qsizetype found = log.indexOf("canary-reason-4242");
    ASSERT_GE(found, 0) << "the mutation's reason is not in server.log";
    const qsizetype begin = log.lastIndexOf('\n', found) + 1;
    const QByteArray line = log.mid(begin, log.indexOf('\n', found) - begin);
    EXPECT_TRUE(line.contains("traceId=log-trace-31337")) << line.toStdString();
    EXPECT_TRUE(line.contains("route=/api/ops/write-drain")) << line.toStdString();
}

} // namespace
