// The embedded default: following the simulator's own server.log (SimulatorProcess::logDir()),
// which the simulator rotates by size to server.log.1 while we read it (issue 5).
#include "logcollector.h"
#include "logfilesource.h"
#include "logline.h"
#include "testsupport.h"

#include <QDir>

#include <gtest/gtest.h>

using TestSupport::waitUntil;

namespace {

TEST(LogSimTail, FollowsTheSimulatorsServerLogAcrossItsRotations)
{
    auto sim
        = TestSupport::startSimulator({QStringLiteral("--log-max-bytes"), QStringLiteral("6000"),
                                       QStringLiteral("--scenario"), QStringLiteral("db-outage")},
                                      20.0);
    ASSERT_TRUE(sim && sim->isReady());
    LogFileSource source(1, QDir(sim->logDir()).filePath(QStringLiteral("server.log")));
    LogCollector collector(&source);
    source.start();
    EXPECT_EQ(source.name(), QStringLiteral("server.log"));
    ASSERT_TRUE(waitUntil(
        [&] {
            return collector.diagnostics.count(
                       QStringLiteral("File rotated — following the new file"))
                >= 2
                && collector.lines >= 50;
        },
        20000))
        << collector.lines << " lines; " << qPrintable(collector.diagnostics.join(u'|'));

    // Every line arrived whole: each one starts with the contract's timestamp.
    int parsed = 0;
    const QList<QByteArray> lines = collector.bytes.split('\n');
    for (qsizetype i = 0; i + 1 < lines.size(); ++i) {
        EXPECT_GE(LogLineParser::timestampMs(lines[i]), 0) << lines[i].constData();
        ++parsed;
    }
    EXPECT_EQ(parsed, collector.lines);
    EXPECT_TRUE(lines.last().isEmpty());
    EXPECT_EQ(source.state(), LogSource::State::Following);
}

} // namespace
