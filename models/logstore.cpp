#include "logstore.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <new>
#include <utility>

#ifdef Q_OS_UNIX
#include <sys/mman.h>
#endif

namespace {

constexpr qsizetype DefaultBlockBytes = 4 << 20;

// Block bytes come straight from mmap, not malloc: malloc may hand out heap memory an earlier
// buffer already touched, so a block's unused tail would be resident (P16 measured ~15 B/line
// more); fresh anonymous pages cost nothing until written, and munmap returns them at once.
char *allocateBytes(qsizetype size)
{
#ifdef Q_OS_UNIX
    void *p = mmap(nullptr, std::size_t(size), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                   -1, 0);
    if (p == MAP_FAILED)
        throw std::bad_alloc();
    return static_cast<char *>(p);
#else
    return LogFileIndex::allocateArray<char>(size);
#endif
}

void freeBytes(char *data, qsizetype size)
{
#ifdef Q_OS_UNIX
    munmap(data, std::size_t(size));
#else
    Q_UNUSED(size);
    freeBytes(data, qMax<qsizetype>(byteCapacity, 1));
#endif
}

} // namespace

LogStore::Block::Block(qint64 first, qsizetype byteCap, int lineCap)
    : firstLine(first)
    , byteCapacity(byteCap)
    , lineCapacity(lineCap)
    , data(allocateBytes(qMax<qsizetype>(byteCap, 1)))
    , offsets(LogFileIndex::allocateArray<quint32>(lineCap))
    , lengths(LogFileIndex::allocateArray<quint32>(lineCap))
    , meta(LogFileIndex::allocateArray<quint8>(lineCap))
{ }

LogStore::Block::Block(qint64 first, LogFileIndex::Segment &&segment, std::shared_ptr<QFile> file)
    : firstLine(first)
    , byteCapacity(segment.bytes)
    , lineCapacity(segment.lines)
    , data(const_cast<char *>(segment.data)) // read-only: a full block is never written
    , offsets(std::exchange(segment.offsets, nullptr))
    , lengths(std::exchange(segment.lengths, nullptr))
    , meta(std::exchange(segment.levels, nullptr))
    , bytes(segment.bytes)
    , lines(segment.lines)
    , mapping(std::move(file))
{ }

LogStore::Block::~Block()
{
    if (!mapping)
        freeBytes(data, qMax<qsizetype>(byteCapacity, 1));
    std::free(offsets);
    std::free(lengths);
    std::free(meta);
}

LogStore::LogStore(qint64 capacity)
    : m_capacity(qMax<qint64>(capacity, 1))
{
    // About 1/32 of the ring per block: eviction drops ~3 % at once, amortised.
    m_linesPerBlock = int(qBound<qint64>(qint64(1), m_capacity / 32, qint64(32768)));
}

LogStore::Block &LogStore::writableBlock(qsizetype lineBytes)
{
    if (!m_blocks.empty()) {
        Block &last = *m_blocks.back();
        if (!last.mapping && last.lines < last.lineCapacity
            && last.bytes + lineBytes <= last.byteCapacity)
            return last;
    }
    m_blocks.push_back(
        std::make_shared<Block>(m_endLine, qMax(DefaultBlockBytes, lineBytes), m_linesPerBlock));
    return *m_blocks.back();
}

int LogStore::slotOf(int sourceId)
{
    const auto it = m_slots.constFind(sourceId);
    if (it != m_slots.cend())
        return it.value();
    // More than 32 sources share the last slot (their lines then show its source name).
    const int slot = int(qMin<qsizetype>(m_slots.size(), MaxSourceSlots - 1));
    m_slots.insert(sourceId, slot);
    if (!m_slotIds.contains(slot))
        m_slotIds.insert(slot, sourceId);
    return slot;
}

qint64 LogStore::append(int sourceId, QByteArrayView bytes)
{
    const quint8 slotBits = quint8(slotOf(sourceId) << 3);
    const char *p = bytes.data();
    const char *const end = p + bytes.size();
    qint64 added = 0;
    while (p < end) {
        const char *nl = static_cast<const char *>(std::memchr(p, '\n', std::size_t(end - p)));
        const char *lineEnd = nl ? nl : end;
        const auto length = qsizetype(lineEnd - p);
        Block &block = writableBlock(length + 1);
        char *dst = block.data + block.bytes;
        std::memcpy(dst, p, std::size_t(length));
        dst[length] = '\n';
        const int i = block.lines;
        block.offsets[i] = quint32(block.bytes);
        block.lengths[i] = quint32(length);
        block.meta[i] = quint8(quint8(LogLineParser::level(QByteArrayView(p, length))) | slotBits);
        block.bytes += length + 1;
        block.lines = i + 1;
        m_bytes += length + 1;
        ++added;
        ++m_endLine; // before the next writableBlock(), which numbers new blocks by it
        p = lineEnd + 1;
    }
    return added;
}

qint64 LogStore::adopt(int sourceId, LogFileIndex &&index)
{
    const quint8 slotBits = quint8(slotOf(sourceId) << 3);
    const std::shared_ptr<QFile> mapping = index.mapping();
    qint64 added = 0;
    for (LogFileIndex::Segment &segment : index.segments()) {
        if (segment.lines == 0)
            continue;
        if (slotBits != 0) {
            for (int i = 0; i < segment.lines; ++i)
                segment.levels[i] |= slotBits;
        }
        const qsizetype segmentBytes = segment.bytes;
        const int segmentLines = segment.lines;
        m_blocks.push_back(std::make_shared<Block>(m_endLine, std::move(segment), mapping));
        m_endLine += segmentLines;
        m_bytes += segmentBytes;
        added += segmentLines;
    }
    return added;
}

qint64 LogStore::evictableLines() const
{
    qint64 dropped = 0;
    for (const auto &block : m_blocks) {
        if (size() - dropped <= m_capacity)
            break;
        dropped += block->lines;
    }
    return dropped;
}

void LogStore::evict()
{
    while (!m_blocks.empty() && size() > m_capacity) {
        const Block &head = *m_blocks.front();
        m_firstLine += head.lines;
        m_bytes -= head.bytes;
        m_blocks.pop_front();
    }
    m_lastBlock = 0;
}

void LogStore::clear()
{
    m_blocks.clear();
    m_firstLine = m_endLine;
    m_bytes = 0;
    m_lastBlock = 0;
}

const LogStore::Block &LogStore::blockOf(qint64 index, int *lineInBlock) const
{
    Q_ASSERT(index >= m_firstLine && index < m_endLine);
    // Visible rows are looked up in runs: try the last block first.
    if (m_lastBlock < m_blocks.size()) {
        const Block &b = *m_blocks[m_lastBlock];
        if (index >= b.firstLine && index < b.firstLine + b.lines) {
            *lineInBlock = int(index - b.firstLine);
            return b;
        }
    }
    const auto it = std::upper_bound(
        m_blocks.begin(), m_blocks.end(), index,
        [](qint64 value, const std::shared_ptr<Block> &b) { return value < b->firstLine; });
    const auto found = std::prev(it);
    m_lastBlock = std::size_t(found - m_blocks.begin());
    *lineInBlock = int(index - (*found)->firstLine);
    return **found;
}

QByteArrayView LogStore::line(qint64 index) const
{
    int i = 0;
    const Block &b = blockOf(index, &i);
    return QByteArrayView(b.data + b.offsets[i], b.lengths[i]);
}

LogLevel LogStore::level(qint64 index) const
{
    int i = 0;
    const Block &b = blockOf(index, &i);
    return LogLevel(b.meta[i] & 7);
}

int LogStore::sourceId(qint64 index) const
{
    int i = 0;
    const Block &b = blockOf(index, &i);
    return sourceIdOfSlot(b.meta[i] >> 3);
}

QString LogStore::sourceName(int sourceId) const
{
    return m_sourceNames.value(sourceId, QString::number(sourceId));
}

LogStore::Snapshot LogStore::snapshot(qint64 fromLine) const
{
    Snapshot views;
    for (const auto &block : m_blocks) {
        if (block->firstLine + block->lines <= fromLine || block->lines == 0)
            continue;
        views.push_back({block, block->firstLine, block->lines, block->bytes});
    }
    return views;
}

qint64 LogStore::lowerBoundTime(qint64 epochMs) const
{
    // A probe without a timestamp borrows the nearest stamped line after it (within 64 lines).
    // A continuation line belongs to the stamped line before it.
    const auto stampAt = [this](qint64 i) -> qint64 {
        for (qint64 j = i; j >= qMax(m_firstLine, i - 64); --j) {
            const qint64 t = timestampMs(j);
            if (t >= 0)
                return t;
        }
        for (qint64 j = i + 1; j < qMin(m_endLine, i + 64); ++j) {
            const qint64 t = timestampMs(j);
            if (t >= 0)
                return t;
        }
        return -1;
    };
    qint64 lo = m_firstLine;
    qint64 hi = m_endLine;
    while (lo < hi) {
        const qint64 mid = lo + (hi - lo) / 2;
        const qint64 t = stampAt(mid);
        if (t >= 0 && t < epochMs)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}
