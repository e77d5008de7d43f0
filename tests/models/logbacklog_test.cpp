// The app's path for a local file source (issue 5): LogMux holds a new LogFileSource,
// LogBacklogLoader maps and indexes the existing content on a worker thread, hands it to the
// model with appendIndex() and only then starts the follower at the index's end offset.
// Against real files in a temporary directory: row count equal to `wc -l`, lines appended
// later (also while indexing) followed exactly once, rotation after the index, and the
// chunked fallback for files that cannot be mapped.
#include "logbacklogloader.h"
#include "logfilesource.h"
#include "logmux.h"
#include "logtablemodel.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

#include <sys/stat.h>

namespace {

QByteArray numberedLine(const char *tag, int i)
{
    return QByteArrayLiteral("2026-11-29T10:00:00.000Z INFO [api] ") + tag + ' '
        + QByteArray::number(i) + " padding to make the line about one hundred bytes long ....\n";
}

bool appendTo(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Append) && file.write(bytes) == bytes.size()
        && file.flush();
}

QByteArray numberedLines(const char *tag, int count)
{
    QByteArray bytes;
    for (int i = 0; i < count; ++i)
        bytes += numberedLine(tag, i);
    return bytes;
}

qint64 wcLines(const QString &path)
{
    QProcess wc;
    wc.start(QStringLiteral("wc"), {QStringLiteral("-l"), path});
    if (!wc.waitForFinished(30000))
        return -1;
    return wc.readAllStandardOutput().split(' ').first().toLongLong();
}

QString text(const LogTableModel &model, int row)
{
    return QString::fromUtf8(model.index(row, 0).data(LogTableModel::RawLineRole).toByteArray());
}

// A mux, a model fed by it and the loader, wired as LogPage wires them.
struct Tail
{
    LogMux mux;
    LogTableModel model {10'000'000};
    LogBacklogLoader loader {&mux, &model};
    QSignalSpy loaded {&loader, &LogBacklogLoader::backlogLoaded};

    Tail()
    {
        mux.setBatchIntervalMs(5);
        QObject::connect(&mux, &LogMux::batchReady, &model, &LogTableModel::appendChunks);
    }
    LogFileSource *add(int id, const QString &path)
    {
        LogFileSource::Options options;
        options.pollMs = 20;
        auto *source = new LogFileSource(id, path, options);
        mux.addSource(source);
        return source;
    }
    bool following(int id) const
    {
        return !mux.isHeld(id) && mux.source(id)
            && mux.source(id)->state() == LogSource::State::Following;
    }
};

} // namespace

TEST(LogBacklog, MultiMegabyteFileIsIndexedThenFollowedAndRotated)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("app.log"));
    const QByteArray bytes = numberedLines("old", 180'000); // ~18 MB: two halves, two threads
    ASSERT_TRUE(appendTo(path, bytes));
    const qint64 expected = wcLines(path);
    ASSERT_EQ(expected, 180'000);

    Tail tail;
    tail.add(7, path);
    EXPECT_TRUE(tail.mux.isHeld(7)); // not started before its backlog is stored
    ASSERT_TRUE(TestSupport::waitUntil([&] { return tail.following(7); }, 20000));
    ASSERT_EQ(tail.loaded.size(), 1);
    EXPECT_EQ(tail.loaded.first().at(1).toLongLong(), expected); // all of it through the index
    EXPECT_EQ(tail.loaded.first().at(2).toLongLong(), bytes.size());
    EXPECT_EQ(tail.model.rowCount(), expected);
    EXPECT_EQ(tail.model.store().sourceId(tail.model.lineAt(0)), 7);
    EXPECT_TRUE(text(tail.model, 0).contains(QLatin1String(" old 0 ")));
    EXPECT_TRUE(text(tail.model, int(expected) - 1).contains(QLatin1String(" old 179999 ")));

    // Appended after the index: followed, once.
    ASSERT_TRUE(appendTo(path, numberedLines("new", 10)));
    ASSERT_TRUE(
        TestSupport::waitUntil([&] { return tail.model.rowCount() >= expected + 10; }, 10000));
    EXPECT_EQ(tail.model.rowCount(), wcLines(path));
    EXPECT_TRUE(text(tail.model, int(expected)).contains(QLatin1String(" new 0 ")));

    // Rotation after the index: the old file renamed away, a new one read from 0.
    ASSERT_TRUE(QFile::rename(path, path + QStringLiteral(".1")));
    ASSERT_TRUE(appendTo(path, numberedLines("rotated", 5)));
    ASSERT_TRUE(
        TestSupport::waitUntil([&] { return tail.model.rowCount() >= expected + 15; }, 10000));
    QTest::qWait(150); // nothing more may come (no line read twice)
    ASSERT_EQ(tail.model.rowCount(), expected + 15);
    for (int i = 0; i < 5; ++i)
        EXPECT_TRUE(text(tail.model, int(expected) + 10 + i)
                        .contains(QStringLiteral(" rotated %1 ").arg(i)));
}

TEST(LogBacklog, LinesWrittenWhileIndexingAndAPartialLastLineAreNeitherLostNorDoubled)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("busy.log"));
    ASSERT_TRUE(appendTo(path, numberedLines("line", 40'000) + "line 40000 is partial"));

    Tail tail;
    tail.add(3, path);
    // The worker is indexing now (or has just finished): complete the partial line and add more.
    ASSERT_TRUE(appendTo(path, " and now complete\n"));
    QByteArray later;
    for (int i = 40'001; i < 40'500; ++i)
        later += numberedLine("line", i);
    ASSERT_TRUE(appendTo(path, later));

    ASSERT_TRUE(TestSupport::waitUntil([&] { return tail.model.rowCount() >= 40'500; }, 20000));
    QTest::qWait(150);
    ASSERT_EQ(tail.model.rowCount(), wcLines(path));
    ASSERT_EQ(tail.loaded.size(), 1);
    EXPECT_EQ(text(tail.model, 40'000), QStringLiteral("line 40000 is partial and now complete"));
    for (int row = 0; row < tail.model.rowCount(); ++row) {
        if (row == 40'000)
            continue;
        ASSERT_TRUE(text(tail.model, row).contains(QStringLiteral(" line %1 ").arg(row)))
            << row << ": " << text(tail.model, row).toStdString();
    }
}

TEST(LogBacklog, FilesThatCannotBeMappedFallBackToTheChunkedFollower)
{
    QTemporaryDir dir;
    Tail tail;

    // Not there yet: nothing to index, the follower waits for it and reads it when it appears.
    const QString later = dir.filePath(QStringLiteral("later.log"));
    tail.add(1, later);
    ASSERT_TRUE(TestSupport::waitUntil(
        [&] { return !tail.mux.isHeld(1) && tail.loader.pendingCount() == 0; }, 10000));
    EXPECT_EQ(tail.mux.source(1)->state(), LogSource::State::Waiting);
    ASSERT_TRUE(appendTo(later, numberedLine("appeared", 0) + numberedLine("appeared", 1)));
    ASSERT_TRUE(TestSupport::waitUntil([&] { return tail.model.rowCount() == 2; }, 10000));

    // A FIFO is never opened for mapping (that would block the worker until a writer comes):
    // the follower gets it at once, exactly as without the loader.
    const QString fifo = dir.filePath(QStringLiteral("pipe.log"));
    ASSERT_EQ(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
    tail.add(2, fifo);
    ASSERT_TRUE(TestSupport::waitUntil([&] { return tail.following(2); }, 10000));
    EXPECT_EQ(tail.loaded.size(), 0);
    EXPECT_EQ(tail.loader.pendingCount(), 0);

    // An empty file: no index, followed from 0.
    const QString empty = dir.filePath(QStringLiteral("empty.log"));
    ASSERT_TRUE(appendTo(empty, {}));
    tail.add(4, empty);
    ASSERT_TRUE(TestSupport::waitUntil([&] { return tail.following(4); }, 10000));
    ASSERT_TRUE(appendTo(empty, numberedLine("first", 0)));
    ASSERT_TRUE(TestSupport::waitUntil([&] { return tail.model.rowCount() == 3; }, 10000));
    EXPECT_TRUE(text(tail.model, 2).contains(QLatin1String(" first 0 ")));
}

TEST(LogBacklog, SourceRemovedWhileIndexingStoresNothing)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("gone.log"));
    ASSERT_TRUE(appendTo(path, numberedLines("x", 20'000)));
    Tail tail;
    tail.add(5, path);
    tail.mux.removeSource(5);
    ASSERT_TRUE(TestSupport::waitUntil([&] { return tail.loader.pendingCount() == 0; }, 20000));
    EXPECT_EQ(tail.model.rowCount(), 0);
    EXPECT_EQ(tail.loaded.size(), 0);
}

TEST(LogBacklog, StartOffsetBeyondATruncatedOrReplacedFileReadsItFromZero)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("short.log"));
    ASSERT_TRUE(appendTo(path, numberedLine("a", 0) + numberedLine("a", 1)));
    struct stat st = {};
    ASSERT_EQ(::stat(QFile::encodeName(path).constData(), &st), 0);

    LogMux mux;
    mux.setBatchIntervalMs(5);
    LogTableModel model;
    QObject::connect(&mux, &LogMux::batchReady, &model, &LogTableModel::appendChunks);
    // Follow from past the end of a file that is shorter (truncated): from 0.
    LogFileSource::Options options;
    options.startOffset = 1'000'000;
    mux.addSource(new LogFileSource(1, path, options));
    ASSERT_TRUE(TestSupport::waitUntil([&] { return model.rowCount() == 2; }, 10000));
    // Follow from byte N of the same file: only what follows N.
    const qint64 second = numberedLine("a", 0).size();
    options.startOffset = second;
    options.startDevice = quint64(st.st_dev);
    options.startInode = quint64(st.st_ino);
    mux.addSource(new LogFileSource(2, path, options));
    ASSERT_TRUE(TestSupport::waitUntil([&] { return model.rowCount() == 3; }, 10000));
    EXPECT_TRUE(text(model, 2).contains(QLatin1String(" a 1 ")));
    // The same offset for another file (rotated meanwhile): from 0.
    options.startInode = quint64(st.st_ino) + 1;
    mux.addSource(new LogFileSource(3, path, options));
    ASSERT_TRUE(TestSupport::waitUntil([&] { return model.rowCount() == 5; }, 10000));
    QTest::qWait(100);
    EXPECT_EQ(model.rowCount(), 5);
}
