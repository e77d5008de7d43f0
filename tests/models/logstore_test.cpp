// LogStore: offsets, levels, bulk append and the ring's eviction of whole blocks.
#include "logstore.h"

#include <gtest/gtest.h>

namespace {

QByteArray contractLine(int i, const char *level = "INFO")
{
    return QByteArrayLiteral("2026-11-29T10:00:") + QByteArray::number(10 + i % 50) + ".000Z "
        + level + " [api] request " + QByteArray::number(i) + "\n";
}

} // namespace

TEST(LogStore, KeepsLinesLevelsAndSources)
{
    LogStore store(100);
    EXPECT_EQ(store.append(
                  7, QByteArray(contractLine(0, "ERROR") + "raw text\n" + contractLine(2, "WARN"))),
              3);
    EXPECT_EQ(store.append(9, "no newline at the end"), 1);
    EXPECT_EQ(store.append(9, ""), 0);
    EXPECT_EQ(store.append(9, "\n"), 1); // an empty line is a line
    ASSERT_EQ(store.size(), 5);
    EXPECT_EQ(store.line(0), contractLine(0, "ERROR").chopped(1));
    EXPECT_EQ(store.line(1), QByteArrayView("raw text"));
    EXPECT_EQ(store.line(3), QByteArrayView("no newline at the end"));
    EXPECT_TRUE(store.line(4).isEmpty());
    EXPECT_EQ(store.level(0), LogLevel::Error);
    EXPECT_EQ(store.level(1), LogLevel::Unknown);
    EXPECT_EQ(store.level(2), LogLevel::Warn);
    EXPECT_EQ(store.sourceId(0), 7);
    EXPECT_EQ(store.sourceId(3), 9);
    store.setSourceName(7, QStringLiteral("server.log"));
    EXPECT_EQ(store.sourceName(7), QStringLiteral("server.log"));
    EXPECT_EQ(store.timestampMs(1), -1);
    EXPECT_GT(store.timestampMs(0), 0);
}

TEST(LogStore, BulkAppendOfManyLinesKeepsOffsets)
{
    LogStore store(2'000'000);
    QByteArray bytes;
    for (int i = 0; i < 200'000; ++i)
        bytes += contractLine(i, i % 10 == 0 ? "ERROR" : "INFO");
    EXPECT_EQ(store.append(1, bytes), 200'000);
    EXPECT_EQ(store.byteSize(), bytes.size());
    for (int i : {0, 1, 4095, 4096, 65535, 65536, 123'457, 199'999}) {
        EXPECT_EQ(store.line(i), contractLine(i, i % 10 == 0 ? "ERROR" : "INFO").chopped(1)) << i;
        EXPECT_EQ(store.level(i), i % 10 == 0 ? LogLevel::Error : LogLevel::Info);
    }
    // A line larger than a block gets a block of its own.
    const QByteArray big(9 << 20, 'y');
    store.append(1, big);
    EXPECT_EQ(store.line(store.endLine() - 1).size(), big.size());
}

TEST(LogStore, RingEvictsWholeOldestBlocks)
{
    LogStore store(320); // 10 lines a block
    for (int i = 0; i < 1000; ++i) {
        store.append(1, contractLine(i));
        const qint64 evictable = store.evictableLines();
        if (store.size() <= 320) {
            EXPECT_EQ(evictable, 0);
        } else {
            EXPECT_GE(store.size() - evictable, 310);
        }
        store.evict();
        ASSERT_LE(store.size(), 320);
    }
    EXPECT_EQ(store.endLine(), 1000);
    EXPECT_GE(store.size(), 310);
    EXPECT_EQ(store.firstLine(), 1000 - store.size());
    for (qint64 i = store.firstLine(); i < store.endLine(); ++i)
        ASSERT_EQ(store.line(i), contractLine(int(i)).chopped(1));
}

TEST(LogStore, SnapshotSurvivesEvictionAndLaterAppends)
{
    LogStore store(64); // 2 lines a block
    store.append(1, QByteArray(contractLine(0) + contractLine(1) + contractLine(2)));
    const LogStore::Snapshot snapshot = store.snapshot();
    ASSERT_EQ(snapshot.size(), 2u);
    for (int i = 3; i < 200; ++i)
        store.append(1, contractLine(i));
    store.evict();
    EXPECT_GT(store.firstLine(), 2);
    // The snapshot still sees exactly the three lines it was taken with.
    EXPECT_EQ(snapshot.back().lines, 1);
    const LogStore::Block &b = *snapshot.front().block;
    EXPECT_EQ(QByteArrayView(b.data + b.offsets[1], b.lengths[1]), contractLine(1).chopped(1));
}

TEST(LogStore, LowerBoundTimeFindsTheNearestLine)
{
    LogStore store(1000);
    QByteArray bytes;
    for (int s = 0; s < 50; ++s) {
        bytes += "2026-11-29T10:00:" + QByteArray::number(10 + s) + ".000Z INFO tick\n";
        if (s % 7 == 0)
            bytes += "a continuation line without a timestamp\n";
    }
    store.append(1, bytes);
    const qint64 t20 = LogLineParser::timestampMs("2026-11-29T10:00:20.000Z");
    const qint64 at = store.lowerBoundTime(t20);
    EXPECT_EQ(store.timestampMs(at), t20);
    EXPECT_EQ(store.lowerBoundTime(t20 + 500), at + 1 + (store.timestampMs(at + 1) < 0 ? 1 : 0));
    EXPECT_EQ(store.lowerBoundTime(0), 0);
    EXPECT_EQ(store.lowerBoundTime(t20 * 2), store.endLine());
}
