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

TEST(LogMux, HoldsFileSourcesForTheBacklogLoaderAndFollowsFromItsOffset)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("held.log"));
    {
        QFile file(path);
        ASSERT_TRUE(file.open(QIODevice::WriteOnly));
        file.write(line(1, "indexed elsewhere") + line(2, "after the offset"));
    }
    LogMux mux;
    QByteArray received;
    QObject::connect(&mux, &LogMux::batchReady, &mux,
                     [&received](const QList<LogChunk> &chunks) { received += joined(chunks); });
    QList<std::pair<int, qint64>> requests;
    QObject::connect(&mux, &LogMux::backlogRequested, &mux,
                     [&requests](int id, const QString &, qint64 from) {
                         requests.append({id, from});
                     });
    mux.setBacklogLoading(true);
    LogFileSource::Options chunked;
    chunked.indexBacklog = false;
    mux.addSource(new LogFileSource(1, path));
    mux.addSource(new LogFileSource(2, path, chunked)); // opted out: started at once
    mux.addSource(new LogFileSource(3, path));
    EXPECT_TRUE(mux.isHeld(1));
    EXPECT_FALSE(mux.isHeld(2));
    ASSERT_EQ(requests.size(), 2);
    EXPECT_EQ(requests[0], std::make_pair(1, qint64(0)));
    EXPECT_EQ(mux.source(1)->state(), LogSource::State::Starting);
    ASSERT_TRUE(waitUntil([&] { return received.count('\n') == 2; })); // source 2 only
    settle(150);
    EXPECT_EQ(received.count('\n'), 2);

    // The loader stored the first line: the follower starts behind it.
    received.clear();
    mux.followFrom(1, line(1, "indexed elsewhere").size());
    EXPECT_FALSE(mux.isHeld(1));
    ASSERT_TRUE(waitUntil([&] { return !received.isEmpty(); }));
    settle(150);
    EXPECT_EQ(received, line(2, "after the offset"));
    mux.followFrom(1, 0); // not held any more: ignored
    settle(100);
    EXPECT_EQ(received, line(2, "after the offset"));

    // Without a loader any more, what is still held reads its file in chunks.
    received.clear();
    mux.setBacklogLoading(false);
    EXPECT_FALSE(mux.isHeld(3));
    ASSERT_TRUE(waitUntil([&] { return received.count('\n') == 2; }));
}
