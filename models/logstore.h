#pragma once

#include "logfileindex.h"
#include "logline.h"

#include <QByteArrayView>
#include <QHash>
#include <QString>

#include <deque>
#include <memory>
#include <vector>

// The log tail's memory: raw bytes in large blocks plus 8 bytes of offsets and 1 byte of
// level/source per line, a ring of at most capacity() lines that drops whole blocks at its
// head. Live lines are copied into blocks of their own; a file opened from disk is not copied
// at all: its LogFileIndex segments become read-only blocks over the file's mapping (adopt()).
// Fed by LogTableModel on the GUI thread; snapshots let the filter worker read committed lines
// on another thread while new lines keep arriving.
class LogStore final
{
public:
    /// One immutable-address block: bytes and per-line records never move once allocated, so a
    /// snapshot may read its committed part while the GUI thread appends after it.
    struct Block
    {
        Block(qint64 firstLine, qsizetype byteCapacity, int lineCapacity);
        /// A full, read-only block over a segment of a mapped file (LogStore::adopt()): takes
        /// over the segment's arrays; `mapping` keeps the bytes alive.
        Block(qint64 firstLine, LogFileIndex::Segment &&segment, std::shared_ptr<QFile> mapping);
        ~Block();
        Block(const Block &) = delete;
        Block &operator=(const Block &) = delete;

        const qint64 firstLine;
        const qsizetype byteCapacity;
        const int lineCapacity;
        char *const data;
        quint32 *const offsets; ///< start of each line in data
        quint32 *const lengths; ///< without the '\n' (which is stored)
        quint8 *const meta; ///< level (low 3 bits) | source slot << 3
        qsizetype bytes = 0;
        int lines = 0;
        const std::shared_ptr<QFile> mapping; ///< set: data points into it, never written
    };
    /// The committed part of one block, as seen when the snapshot was taken.
    struct BlockView
    {
        std::shared_ptr<const Block> block;
        qint64 firstLine = 0;
        int lines = 0;
        qsizetype bytes = 0;
    };
    using Snapshot = std::vector<BlockView>;

    static constexpr int MaxSourceSlots = 32;

    explicit LogStore(qint64 capacity = 1'000'000);

    qint64 capacity() const { return m_capacity; }
    qint64 firstLine() const { return m_firstLine; } ///< absolute number of the oldest line
    qint64 endLine() const { return m_endLine; } ///< one past the newest line
    qint64 size() const { return m_endLine - m_firstLine; }
    qsizetype byteSize() const { return m_bytes; }

    /// Appends whole lines (a missing final '\n' is added); returns the number of lines added.
    /// Never evicts: call evictableLines()/evict() afterwards (the model wraps each in its
    /// begin/end calls).
    qint64 append(int sourceId, QByteArrayView bytes);
    /// Appends the lines of a file index without copying them (its segments become blocks
    /// that point into the mapping); returns the number of lines added. Never evicts.
    qint64 adopt(int sourceId, LogFileIndex &&index);
    /// Lines per block: what LogFileIndex::build() should use for files adopted here.
    int linesPerBlock() const { return m_linesPerBlock; }
    /// How many lines evict() would drop now: whole blocks at the head until size() fits.
    qint64 evictableLines() const;
    void evict();
    void clear();

    QByteArrayView line(qint64 index) const; ///< without '\n'; index in [firstLine, endLine)
    LogLevel level(qint64 index) const;
    int sourceId(qint64 index) const;
    qint64 timestampMs(qint64 index) const { return LogLineParser::timestampMs(line(index)); }

    void setSourceName(int sourceId, const QString &name) { m_sourceNames.insert(sourceId, name); }
    QString sourceName(int sourceId) const;
    int sourceIdOfSlot(int slot) const { return m_slotIds.value(slot, -1); }

    Snapshot snapshot(qint64 fromLine = 0) const;

    /// Index of the first line at or after `epochMs`;
    /// a line without one counts with the stamped line before it (a continuation). Assumes
    /// mostly ordered timestamps; with disorder it still returns a line near the time.
    qint64 lowerBoundTime(qint64 epochMs) const;

private:
    const Block &blockOf(qint64 index, int *lineInBlock) const;
    Block &writableBlock(qsizetype lineBytes);
    int slotOf(int sourceId);

    qint64 m_capacity;
    int m_linesPerBlock;
    std::deque<std::shared_ptr<Block>> m_blocks;
    qint64 m_firstLine = 0;
    qint64 m_endLine = 0;
    qsizetype m_bytes = 0;
    QHash<int, int> m_slots; // source id -> slot
    QHash<int, int> m_slotIds; // slot -> source id
    QHash<int, QString> m_sourceNames;
    mutable std::size_t m_lastBlock = 0;
};
