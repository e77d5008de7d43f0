// LogMux merges the lines of several sources by timestamp and hands them out in batches, at
// most 30 a second (issue 5).
#include "logcollector.h"
#include "logcommandsource.h"
#include "logfilesource.h"
#include "logmux.h"
#include "testsupport.h"

#include <QElapsedTimer>
#include <QFile>
#include <QPointer>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using TestSupport::waitUntil;

namespace {

QByteArray line(int second, const char *text)
{
    return QByteArray("2026-11-29T10:00:") + QByteArray::number(second).rightJustified(2, '0')
        + ".000Z INFO [api] " + text + '\n';
}

QByteArray joined(const QList<LogChunk> &chunks)
{
    QByteArray all;
    for (const LogChunk &chunk : chunks)
        all += chunk.lines;
    return all;
}

TEST(LogMux, MergeInterleavesTwoSourcesByTimestamp)
{
    const QList<LogChunk> perSource = {
        {1, line(1, "a1") + line(3, "a3") + "  at stack frame of a3\n" + line(5, "a5")},
        {2, line(2, "b2") + line(4, "b4") + line(6, "b6")},
    };
    const QList<LogChunk> merged = LogMux::merge(perSource);
    EXPECT_EQ(joined(merged),
              line(1, "a1") + line(2, "b2") + line(3, "a3") + "  at stack frame of a3\n"
                  + line(4, "b4") + line(5, "a5") + line(6, "b6"));
    ASSERT_EQ(merged.size(), 6);
    const QList<int> ids = {1, 2, 1, 2, 1, 2};
    for (int i = 0; i < merged.size(); ++i)
        EXPECT_EQ(merged[i].sourceId, ids[i]) << i;
    EXPECT_EQ(merged[2].lines, line(3, "a3") + "  at stack frame of a3\n")
        << "an unparsable line stays after its predecessor";
}

TEST(LogMux, MergeKeepsEachSourcesOrderAndGroupsRuns)
{
    // Source 1 is out of order on its own: its order is kept; runs of one source stay one chunk.
    const QList<LogChunk> perSource = {
        {1, line(5, "a5") + line(1, "a1")},
        {2, line(2, "b2") + line(3, "b3") + line(9, "b9")},
    };
    const QList<LogChunk> merged = LogMux::merge(perSource);
    EXPECT_EQ(joined(merged),
              line(2, "b2") + line(3, "b3") + line(5, "a5") + line(1, "a1") + line(9, "b9"));
    ASSERT_EQ(merged.size(), 3);
    EXPECT_EQ(merged[0].sourceId, 2);
    EXPECT_EQ(merged[1].sourceId, 1);
}

TEST(LogMux, TwoFollowedFilesArriveInterleaved)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString a = dir.filePath(QStringLiteral("a.log"));
    const QString b = dir.filePath(QStringLiteral("b.log"));
    const QList<std::pair<QString, QByteArray>> files = {
        {a, line(1, "a1") + line(3, "a3")},
        {b, line(2, "b2") + line(4, "b4")},
    };
    for (const auto &[path, bytes] : files) {
        QFile file(path);
        ASSERT_TRUE(file.open(QIODevice::WriteOnly));
        file.write(bytes);
    }
    LogMux mux;
    QList<QList<LogChunk>> batches;
    QObject::connect(&mux, &LogMux::batchReady, &mux,
                     [&batches](const QList<LogChunk> &chunks) { batches.append(chunks); });
    // Both read in the same loop turn, so both land in the first batch.
    mux.addSource(new LogFileSource(1, a));
    mux.addSource(new LogFileSource(2, b));
    ASSERT_EQ(mux.sources().size(), 2);
    ASSERT_TRUE(waitUntil([&] { return !batches.isEmpty(); }));
    EXPECT_EQ(joined(batches.first()),
              line(1, "a1") + line(2, "b2") + line(3, "a3") + line(4, "b4"));
    EXPECT_EQ(batches.first().size(), 4);
}

TEST(LogMux, SingleSourcePassesThroughUnsplit)
{
    QTemporaryDir dir;
    const QString a = dir.filePath(QStringLiteral("a.log"));
    const QByteArray bytes = line(9, "late") + line(1, "early") + "no timestamp\n";
    {
        QFile file(a);
        ASSERT_TRUE(file.open(QIODevice::WriteOnly));
        file.write(bytes);
    }
    LogMux mux;
    QList<LogChunk> got;
    QObject::connect(&mux, &LogMux::batchReady, &mux,
                     [&got](const QList<LogChunk> &chunks) { got += chunks; });
    mux.addSource(new LogFileSource(3, a));
    ASSERT_TRUE(waitUntil([&] { return !got.isEmpty(); }));
    ASSERT_EQ(got.size(), 1);
    EXPECT_EQ(got.first().sourceId, 3);
    EXPECT_EQ(got.first().lines, bytes);
}

TEST(LogMux, AtMostThirtyBatchesASecondUnderAFlood)
{
    QTemporaryDir dir;
    const QByteArray oldPath = qgetenv("PATH");
    qputenv("PATH", QByteArray(DREAMOPS_FAKES_DIR) + ':' + oldPath);
    qputenv("FAKE_LOG_MODE", "flood");
    LogMux mux;
    int batches = 0;
    qint64 lines = 0;
    QElapsedTimer clock;
    qint64 firstAt = -1;
    qint64 lastAt = -1;
    QObject::connect(&mux, &LogMux::batchReady, &mux, [&](const QList<LogChunk> &chunks) {
        lastAt = clock.elapsed();
        if (firstAt < 0)
            firstAt = lastAt;
        ++batches;
        for (const LogChunk &chunk : chunks)
            lines += chunk.lines.count('\n');
    });
    clock.start();
    mux.addSource(new LogCommandSource(1, QStringLiteral("gcloud flood"), QStringLiteral("gcloud"),
                                       {QStringLiteral("logs")}));
    mux.addSource(new LogCommandSource(2, QStringLiteral("aws flood"), QStringLiteral("aws"),
                                       {QStringLiteral("logs")}));
    // Ten batches or more (slower on a loaded machine: the floods compete for the cores).
    const bool enough = waitUntil([&] { return batches >= 10; }, 15000);
    qputenv("PATH", oldPath);
    qunsetenv("FAKE_LOG_MODE");
    ASSERT_TRUE(enough) << batches;
    EXPECT_GT(lines, 1000);
    // Batches are at least 33 ms apart: n batches span at least (n - 1) × 33 ms.
    EXPECT_GE(lastAt - firstAt, qint64(batches - 1) * 33)
        << batches << " batches in " << (lastAt - firstAt) << " ms";
}

TEST(LogMux, ForwardsStatesAndDiagnosticsAndRemovesSources)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("later.log"));
    LogMux mux;
    QList<std::pair<int, LogSource::State>> states;
    QStringList diagnostics;
    QObject::connect(&mux, &LogMux::sourceStateChanged, &mux,
                     [&states](int id, LogSource::State state, const QString &) {
                         states.append({id, state});
                     });
    QObject::connect(&mux, &LogMux::sourceDiagnostic, &mux,
                     [&diagnostics](int, const QString &text) { diagnostics.append(text); });
    auto *source = new LogFileSource(4, path);
    QPointer<LogSource> guard(source);
    mux.addSource(source);
    EXPECT_EQ(states.last(), std::pair(4, LogSource::State::Waiting));
    {
        QFile file(path);
        ASSERT_TRUE(file.open(QIODevice::WriteOnly));
        file.write("x\n");
    }
    ASSERT_TRUE(waitUntil([&] { return states.last().second == LogSource::State::Following; }));
    EXPECT_FALSE(diagnostics.isEmpty());
    mux.removeSource(4);
    EXPECT_TRUE(mux.sources().isEmpty());
    EXPECT_TRUE(guard.isNull());
}

} // namespace
