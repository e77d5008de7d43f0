// LogFileSource follows a file like `tail -F`: a file that appears later, rotation by rename,
// copy-truncate, delete + recreate, truncate then regrow, partial lines, megabyte lines, bytes
// passed through untouched, and a large backlog read in bounded slices (issue 5).
#include "logcollector.h"
#include "logfilesource.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTimer>

#include <gtest/gtest.h>

#include <memory>

using TestSupport::waitUntil;

namespace {

void append(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly | QIODevice::Append)) << qPrintable(path);
    ASSERT_EQ(file.write(bytes), bytes.size());
}

void truncateTo0(const QString &path)
{
    QFile file(path);
    ASSERT_TRUE(file.resize(0));
}

class LogFileSourceTest : public testing::Test
{
protected:
    void SetUp() override { ASSERT_TRUE(m_dir.isValid()); }

    QString path(const QString &name = QStringLiteral("server.log")) const
    {
        return m_dir.filePath(name);
    }

    std::unique_ptr<LogFileSource> follow(const LogFileSource::Options &options = {})
    {
        auto source = std::make_unique<LogFileSource>(1, path(), options);
        m_collector = std::make_unique<LogCollector>(source.get());
        source->start();
        return source;
    }

    bool waitForBytes(const QByteArray &expected, int timeoutMs = 5000)
    {
        return waitUntil([&] { return m_collector->bytes == expected; }, timeoutMs);
    }

    QTemporaryDir m_dir;
    std::unique_ptr<LogCollector> m_collector;
};

TEST_F(LogFileSourceTest, FileThatDoesNotExistYet)
{
    auto source = follow();
    EXPECT_EQ(source->state(), LogSource::State::Waiting);
    EXPECT_EQ(source->statusText(), QStringLiteral("Waiting for %1 to appear").arg(path()));
    EXPECT_EQ(source->name(), QStringLiteral("server.log"));
    settle(150);
    EXPECT_TRUE(m_collector->bytes.isEmpty());

    append(path(), "first\nsecond\n");
    EXPECT_TRUE(waitForBytes("first\nsecond\n")) << m_collector->bytes.constData();
    EXPECT_EQ(source->state(), LogSource::State::Following);
    EXPECT_EQ(source->statusText(), QStringLiteral("Following %1").arg(path()));
}

TEST_F(LogFileSourceTest, PartialLastLineCompletedLater)
{
    append(path(), "whole\nhalf a li");
    auto source = follow();
    ASSERT_TRUE(waitForBytes("whole\n"));
    settle();
    EXPECT_EQ(m_collector->bytes, QByteArray("whole\n")) << "a partial line must be held back";

    append(path(), "ne\nnext\n");
    EXPECT_TRUE(waitForBytes("whole\nhalf a line\nnext\n")) << m_collector->bytes.constData();
}

TEST_F(LogFileSourceTest, RotationByRenameDrainsTheOldFileThenReadsTheNew)
{
    QFile writer(path());
    ASSERT_TRUE(writer.open(QIODevice::WriteOnly | QIODevice::Append));
    writer.write("1 before rotation\n2 before rotation\n");
    writer.flush();
    auto source = follow();
    ASSERT_TRUE(waitForBytes("1 before rotation\n2 before rotation\n"));

    // logrotate renames; the writer keeps appending to its open file until told to reopen.
    ASSERT_TRUE(QFile::rename(path(), path(QStringLiteral("server.log.1"))));
    writer.write("3 into the renamed file\n");
    writer.flush();
    settle(250);
    EXPECT_EQ(source->state(), LogSource::State::Waiting);
    writer.close();
    append(path(), "4 new file\n");

    EXPECT_TRUE(waitForBytes("1 before rotation\n2 before rotation\n3 into the renamed file\n"
                             "4 new file\n"))
        << m_collector->bytes.constData();
    EXPECT_TRUE(m_collector->diagnosticContains(QStringLiteral("rotated")))
        << qPrintable(m_collector->diagnostics.join(QLatin1Char('|')));
    EXPECT_EQ(source->state(), LogSource::State::Following);

    append(path(), "5 appended\n");
    EXPECT_TRUE(waitForBytes("1 before rotation\n2 before rotation\n3 into the renamed file\n"
                             "4 new file\n5 appended\n"));
}

TEST_F(LogFileSourceTest, RotationByRenameWithTheNewFileAlreadyThere)
{
    append(path(), "old 1\n");
    auto source = follow();
    ASSERT_TRUE(waitForBytes("old 1\n"));
    // Both steps before the source looks: the old inode must still be drained first.
    append(path(), "old 2\n");
    ASSERT_TRUE(QFile::rename(path(), path(QStringLiteral("server.log.1"))));
    append(path(), "new 1\n");
    EXPECT_TRUE(waitForBytes("old 1\nold 2\nnew 1\n")) << m_collector->bytes.constData();
}

TEST_F(LogFileSourceTest, CopyTruncateReadsFromTheStart)
{
    append(path(), "a 1\na 2\n");
    auto source = follow();
    ASSERT_TRUE(waitForBytes("a 1\na 2\n"));
    ASSERT_TRUE(QFile::copy(path(), path(QStringLiteral("server.log.1"))));
    truncateTo0(path());
    ASSERT_TRUE(
        waitUntil([&] { return m_collector->diagnosticContains(QStringLiteral("truncated")); }));
    append(path(), "b 1\n");
    EXPECT_TRUE(waitForBytes("a 1\na 2\nb 1\n")) << m_collector->bytes.constData();
    EXPECT_EQ(source->state(), LogSource::State::Following);
}

TEST_F(LogFileSourceTest, TruncateThenRegrow)
{
    append(path(), "0123456789 first generation\n");
    auto source = follow();
    ASSERT_TRUE(waitForBytes("0123456789 first generation\n"));
    truncateTo0(path());
    ASSERT_TRUE(
        waitUntil([&] { return m_collector->diagnosticContains(QStringLiteral("truncated")); }));
    // Regrows past the old length: every new byte still arrives, from offset 0.
    const QByteArray regrown = "second generation, longer than the first one was\nand more\n";
    append(path(), regrown);
    EXPECT_TRUE(waitForBytes("0123456789 first generation\n" + regrown))
        << m_collector->bytes.constData();
}

TEST_F(LogFileSourceTest, DeletedWhileFollowedThenRecreated)
{
    append(path(), "before delete\n");
    auto source = follow();
    ASSERT_TRUE(waitForBytes("before delete\n"));
    ASSERT_TRUE(QFile::remove(path()));
    ASSERT_TRUE(waitUntil([&] { return source->state() == LogSource::State::Waiting; }));
    EXPECT_EQ(source->statusText(),
              QStringLiteral("%1 was deleted; waiting for it to come back").arg(path()));
    EXPECT_TRUE(m_collector->diagnosticContains(QStringLiteral("deleted")));

    append(path(), "after recreate\n");
    EXPECT_TRUE(waitForBytes("before delete\nafter recreate\n")) << m_collector->bytes.constData();
    EXPECT_EQ(source->state(), LogSource::State::Following);
    EXPECT_TRUE(m_collector->diagnosticContains(QStringLiteral("recreated")));
}

TEST_F(LogFileSourceTest, DeleteAndRecreateBetweenTwoLooksIsARotation)
{
    append(path(), "gen 1\n");
    auto source = follow();
    ASSERT_TRUE(waitForBytes("gen 1\n"));
    ASSERT_TRUE(QFile::remove(path()));
    append(path(), "gen 2\n");
    EXPECT_TRUE(waitForBytes("gen 1\ngen 2\n")) << m_collector->bytes.constData();
}

TEST_F(LogFileSourceTest, OneMiBLineArrivesWhole)
{
    QByteArray big(1 << 20, 'x');
    big.prepend("2026-11-29T10:00:00.000Z INFO [api] ");
    big.append('\n');
    // Written in pieces, as a slow writer would.
    auto source = follow();
    for (int i = 0; i < big.size(); i += 300000)
        append(path(), big.mid(i, 300000));
    append(path(), "next\n");
    EXPECT_TRUE(waitForBytes(big + "next\n")) << m_collector->bytes.size();
}

TEST_F(LogFileSourceTest, BytesPassThroughUntouched)
{
    QByteArray hostile("invalid utf-8 \xff\xfe\xc3( end\n");
    hostile += QByteArray("nul \0 inside\n", 13);
    hostile += "escape \x1b[31mred\x1b[0m \x1b]8;;http://x\x07link\n";
    hostile += "bidi \xe2\x80\xae override \xe2\x81\xa6 isolate\n";
    hostile += "cr only\r\n";
    append(path(), hostile);
    auto source = follow();
    EXPECT_TRUE(waitForBytes(hostile));
}

TEST_F(LogFileSourceTest, LargeBacklogIsReadAcrossManyLoopTurns)
{
    // ~50 MB of contract-format lines.
    QByteArray block;
    for (int i = 0; i < 10000; ++i)
        block += "2026-11-29T10:00:00.000Z INFO [api] GET /orders status=200 ms=12 line\n";
    const qint64 total = 50LL << 20;
    {
        QFile file(path());
        ASSERT_TRUE(file.open(QIODevice::WriteOnly));
        for (qint64 written = 0; written < total; written += block.size())
            ASSERT_EQ(file.write(block), block.size());
    }
    const qint64 size = QFileInfo(path()).size();

    // A zero-interval timer ticks once per loop turn; every chunk must see it tick.
    int ticks = 0;
    QTimer turn;
    turn.setInterval(0);
    QObject::connect(&turn, &QTimer::timeout, &turn, [&ticks] { ++ticks; });
    QList<int> ticksAtChunk;
    auto source = std::make_unique<LogFileSource>(1, path());
    m_collector = std::make_unique<LogCollector>(source.get());
    m_collector->keepBytes = false;
    QObject::connect(source.get(), &LogSource::chunkRead, &turn,
                     [&ticksAtChunk, &ticks](const LogChunk &) { ticksAtChunk.append(ticks); });
    turn.start();
    source->start();
    ASSERT_TRUE(waitUntil([&] { return m_collector->received == size; }, 20000))
        << m_collector->received << " of " << size;

    const qint64 maxChunk = LogFileSource::Options {}.maxChunkBytes;
    EXPECT_GE(m_collector->chunks, int(size / maxChunk));
    EXPECT_LE(m_collector->largestChunk, maxChunk + 100) << "a chunk plus a held partial line";
    int turnsBetweenChunks = 0;
    for (int i = 1; i < ticksAtChunk.size(); ++i)
        turnsBetweenChunks += ticksAtChunk[i] > ticksAtChunk[i - 1] ? 1 : 0;
    EXPECT_EQ(turnsBetweenChunks, ticksAtChunk.size() - 1)
        << "the loop must turn between two chunks of a backlog";
    EXPECT_EQ(m_collector->lines, size / (block.size() / 10000));
}

TEST_F(LogFileSourceTest, FromEndSkipsTheBacklog)
{
    append(path(), "old line\n");
    LogFileSource::Options options;
    options.fromStart = false;
    auto source = follow(options);
    EXPECT_EQ(source->state(), LogSource::State::Following);
    append(path(), "new line\n");
    EXPECT_TRUE(waitForBytes("new line\n")) << m_collector->bytes.constData();
}

TEST_F(LogFileSourceTest, StopEndsFollowingAndFlushesAPartialLine)
{
    append(path(), "line\npartial");
    auto source = follow();
    ASSERT_TRUE(waitForBytes("line\n"));
    source->stop();
    EXPECT_EQ(source->state(), LogSource::State::Stopped);
    EXPECT_EQ(m_collector->bytes, QByteArray("line\npartial\n"));
    append(path(), "after stop\n");
    settle(250);
    EXPECT_EQ(m_collector->bytes, QByteArray("line\npartial\n"));
}

TEST_F(LogFileSourceTest, DirectoryThatDoesNotExistYet)
{
    const QString nested = m_dir.filePath(QStringLiteral("later/server.log"));
    LogFileSource source(1, nested);
    LogCollector collector(&source);
    source.start();
    EXPECT_EQ(source.state(), LogSource::State::Waiting);
    ASSERT_TRUE(QDir(m_dir.path()).mkdir(QStringLiteral("later")));
    append(nested, "hello\n");
    EXPECT_TRUE(waitUntil([&] { return collector.bytes == "hello\n"; }));
}

} // namespace
