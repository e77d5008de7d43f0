// The simulator's observability outputs: server.log line format and size rotation, and the
// Prometheus exposition validated by promtool (skipped when promtool is absent).
#include "prometheusexporter.h"
#include "serverlog.h"
#include "simengine.h"

#include <gtest/gtest.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>

namespace {
constexpr qint64 kStart = 1795946400123; // 2026-11-29T10:00:00.123Z
}

TEST(EngineLog, LineFormatIsTheServiceFormat)
{
    const QByteArray line = ServerLog::format(
        kStart, ServerLog::Level::Error, QStringLiteral("database"),
        QStringLiteral("connect ECONNREFUSED 10.0.0.5:5432 traceId=abc route=/api/x status=500 "
                       "ms=1043\nFORGED 2026 line"));
    EXPECT_EQ(line,
              QByteArray("2026-11-29T10:00:00.123Z ERROR [database] connect ECONNREFUSED "
                         "10.0.0.5:5432 traceId=abc route=/api/x status=500 ms=1043 FORGED "
                         "2026 line"));
}

TEST(EngineLog, SyntheticLinesMatchFormatAndRotateBySize)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    ServerLog log(dir.path(), 64 * 1024);
    SimEngine engine(1, kStart, &log);
    engine.setScenario(Scenario::DbOutage, 0, QStringLiteral("test"));
    engine.advanceSeconds(600);
    log.flush();
    const QString path = dir.filePath(QStringLiteral("server.log"));
    ASSERT_TRUE(QFileInfo::exists(path + QStringLiteral(".1"))) << "rotated to server.log.1";
    EXPECT_LE(QFileInfo(path).size(), 64 * 1024);
    EXPECT_LE(QFileInfo(path + QStringLiteral(".1")).size(), 64 * 1024);
    EXPECT_FALSE(QFileInfo::exists(path + QStringLiteral(".2")));
    QFile file(path + QStringLiteral(".1"));
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QRegularExpression pattern(QStringLiteral(
        R"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (TRACE|DEBUG|INFO|WARN|ERROR|FATAL) \[[a-z]+\] .+$)"));
    int lines = 0;
    int refused = 0;
    while (!file.atEnd()) {
        const QString line = QString::fromUtf8(file.readLine()).chopped(1);
        ASSERT_TRUE(pattern.match(line).hasMatch()) << line.toStdString();
        refused += line.contains(QStringLiteral("ECONNREFUSED")) ? 1 : 0;
        ++lines;
    }
    EXPECT_GT(lines, 100);
    EXPECT_GT(refused, lines / 4);
    EXPECT_GT(log.linesWritten(), 600 * 3) << "a few lines per simulated second";
}

TEST(EngineMetrics, PrometheusTextPassesPromtool)
{
    const QString promtool = QStandardPaths::findExecutable(QStringLiteral("promtool"));
    if (promtool.isEmpty())
        GTEST_SKIP() << "promtool not installed";
    SimEngine engine(1, kStart);
    engine.setScenario(Scenario::RateLimit, 0, QStringLiteral("test"));
    engine.advanceSeconds(120);
    const QByteArray text = PrometheusExporter::render(engine, 3);
    EXPECT_TRUE(text.contains("# TYPE dreamnet_http_request_duration_seconds histogram"));
    EXPECT_TRUE(text.contains("dreamnet_http_request_duration_seconds_bucket{le=\"+Inf\"}"));
    EXPECT_TRUE(text.contains("dreamnet_agent_queue_depth{agent=\"citadel\"}"));
    EXPECT_TRUE(
        text.contains("dreamnet_circuit_breaker_state{breaker=\"openai\",state=\"open\"} 1"));
    QProcess process;
    process.start(promtool, {QStringLiteral("check"), QStringLiteral("metrics")});
    ASSERT_TRUE(process.waitForStarted(5000));
    process.write(text);
    process.closeWriteChannel();
    ASSERT_TRUE(process.waitForFinished(20000));
    EXPECT_EQ(process.exitCode(), 0) << process.readAllStandardOutput().toStdString()
                                     << process.readAllStandardError().toStdString();
}
