// LogFileIndex + LogStore::adopt(): a file opened from disk is indexed in place (mapped, not
// copied), line for line the same as the copying path, hostile bytes included (row F2).
#include "logfileindex.h"
#include "logstore.h"
#include "logtablemodel.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>

#include <gtest/gtest.h>

namespace {

QByteArray contractLine(int i, const char *level = "INFO")
{
    return QByteArrayLiteral("2026-11-29T10:00:") + QByteArray::number(10 + i % 50) + ".000Z "
        + level + " [api] request " + QByteArray::number(i) + "\n";
}

QString writeFile(const QTemporaryDir &dir, const QByteArray &bytes)
{
    const QString path = dir.filePath(QStringLiteral("opened.log"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes) != bytes.size())
        return {};
    return path;
}

// Lines of F2: invalid UTF-8, NUL, an ANSI escape, a right-to-left override, a 1 MiB line.
QByteArray hostileLines()
{
    QByteArray bytes = contractLine(0, "ERROR");
    bytes += "bad utf8 \xC3\x28 \xFF\xFE end\n";
    bytes += QByteArray("nul \0 inside\n", 13);
    bytes += "2026-11-29T10:00:01.000Z WARN [x] \x1B[31mred\x1B[0m \x1B]0;title\x07\n";
    bytes += "rlo \xE2\x80\xAE gnp.exe\n";
    bytes += QByteArray(1 << 20, 'm') + "\n";
    bytes += "\n"; // an empty line is a line
    return bytes;
}

} // namespace

TEST(LogFileIndex, IndexesHostileLinesInPlaceLikeTheCopyingPath)
{
    QTemporaryDir dir;
    const QByteArray bytes = hostileLines() + "a partial last line";
    const QString path = writeFile(dir, bytes);
    ASSERT_FALSE(path.isEmpty());

    LogStore copied(1000);
    copied.append(3, bytes.first(bytes.lastIndexOf('\n') + 1));
    LogStore mapped(1000);
    LogFileIndex index = LogFileIndex::build(path, 0, mapped.linesPerBlock());
    ASSERT_TRUE(index.errorString().isEmpty()) << index.errorString().toStdString();
    EXPECT_EQ(index.lineCount(), 7);
    EXPECT_EQ(index.endOffset(), bytes.lastIndexOf('\n') + 1); // the partial line is left out
    EXPECT_EQ(mapped.adopt(3, std::move(index)), 7);
    ASSERT_EQ(mapped.size(), copied.size());
    EXPECT_EQ(mapped.byteSize(), copied.byteSize());
    for (qint64 i = 0; i < mapped.size(); ++i) {
        EXPECT_EQ(mapped.line(i), copied.line(i)) << i;
        EXPECT_EQ(mapped.level(i), copied.level(i)) << i;
        EXPECT_EQ(mapped.sourceId(i), 3);
    }
    EXPECT_EQ(mapped.line(5).size(), 1 << 20); // kept whole
    EXPECT_EQ(mapped.level(0), LogLevel::Error);
    EXPECT_EQ(mapped.level(3), LogLevel::Warn);
    // Shown as plain text, never interpreted.
    const QString shown = LogLineParser::displayText(mapped.line(3));
    EXPECT_TRUE(shown.contains(QLatin1String("^[[31m"))) << shown.toStdString();
    EXPECT_TRUE(LogLineParser::displayText(mapped.line(4)).contains(QLatin1String("[U+202E]")));

    // Lines appended by the copying path after an adopted file go to a block of their own.
    mapped.append(4, "after the file\n");
    EXPECT_EQ(mapped.line(7), QByteArrayView("after the file"));
    EXPECT_EQ(mapped.line(6), QByteArrayView(""));
}

TEST(LogFileIndex, ParallelHalvesAndSegmentsKeepEveryLineInOrder)
{
    QTemporaryDir dir;
    QByteArray bytes;
    int lines = 0;
    while (bytes.size() < (18 << 20)) // above the two-thread threshold
        bytes += contractLine(lines, lines % 9 == 0 ? "ERROR" : "DEBUG"), ++lines;
    const QString path = writeFile(dir, bytes);
    ASSERT_FALSE(path.isEmpty());
    LogStore store(100'000'000);
    LogFileIndex index = LogFileIndex::build(path, 0, 1000);
    EXPECT_GT(index.segments().size(), 2u);
    EXPECT_EQ(index.endOffset(), bytes.size());
    ASSERT_EQ(store.adopt(1, std::move(index)), lines);
    EXPECT_EQ(store.byteSize(), bytes.size());
    for (int i = 0; i < lines; i += 997) {
        ASSERT_EQ(store.line(i),
                  contractLine(i).replace("INFO", i % 9 == 0 ? "ERROR" : "DEBUG").chopped(1))
            << i;
        ASSERT_EQ(store.level(i), i % 9 == 0 ? LogLevel::Error : LogLevel::Debug) << i;
    }
    EXPECT_EQ(store.line(lines - 1),
              contractLine(lines - 1, (lines - 1) % 9 == 0 ? "ERROR" : "DEBUG").chopped(1));
    // The filter's snapshot sees the adopted blocks like any others.
    qint64 seen = 0;
    for (const LogStore::BlockView &view : store.snapshot())
        seen += view.lines;
    EXPECT_EQ(seen, lines);
}

TEST(LogFileIndex, RingEvictsAdoptedBlocksAndSnapshotsKeepTheMapping)
{
    QTemporaryDir dir;
    QByteArray bytes;
    for (int i = 0; i < 1000; ++i)
        bytes += contractLine(i);
    const QString path = writeFile(dir, bytes);
    LogStore store(320); // 10 lines a block
    store.adopt(1, LogFileIndex::build(path, 0, store.linesPerBlock()));
    const LogStore::Snapshot before = store.snapshot();
    EXPECT_EQ(store.evictableLines(), 680);
    store.evict();
    EXPECT_EQ(store.size(), 320);
    EXPECT_EQ(store.line(store.firstLine()), contractLine(680).chopped(1));
    ASSERT_TRUE(QFile::remove(path)); // the mapping outlives the path
    const LogStore::Block &first = *before.front().block;
    EXPECT_EQ(QByteArrayView(first.data + first.offsets[0], first.lengths[0]),
              contractLine(0).chopped(1));
}

TEST(LogFileIndex, ModelAppendsAFileAsOneInsertAndContinuesFromItsEnd)
{
    QTemporaryDir dir;
    const QString path = writeFile(dir, contractLine(0) + contractLine(1) + "half");
    LogTableModel model(100);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    const qint64 end = model.appendFile(5, path);
    EXPECT_EQ(end, contractLine(0).size() + contractLine(1).size());
    EXPECT_EQ(model.rowCount(), 2);
    EXPECT_EQ(inserted.count(), 1);
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::Append));
    file.write(" done\n" + contractLine(3));
    file.close();
    EXPECT_EQ(model.appendFile(5, path, end), QFileInfo(path).size());
    ASSERT_EQ(model.rowCount(), 4);
    EXPECT_EQ(model.store().line(2), QByteArrayView("half done"));
    EXPECT_EQ(model.appendFile(5, dir.filePath(QStringLiteral("missing.log"))), -1);
    EXPECT_EQ(model.rowCount(), 4);
}
