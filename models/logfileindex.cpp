#include "logfileindex.h"

#include <QFile>
#include <QThread>

#include <cstdlib>
#include <cstring>
#include <exception>
#include <thread>
#include <utility>

#include <sys/mman.h>
#include <sys/stat.h>

namespace {

// A segment's offsets are 32-bit: keep each well below 4 GiB even with megabyte lines.
constexpr qsizetype MaxSegmentBytes = qsizetype(1) << 30;
// Below this a second thread costs more than it saves.
constexpr qsizetype ParallelFromBytes = 16 << 20;

template<typename T>
T *shrink(T *p, qsizetype count)
{
    void *q = std::realloc(p, std::size_t(qMax<qsizetype>(count, 1)) * sizeof(T));
    return q ? static_cast<T *>(q) : p;
}

LogFileIndex::Segment newSegment(const char *data, int capacity)
{
    LogFileIndex::Segment s;
    s.data = data;
    s.offsets = LogFileIndex::allocateArray<quint32>(capacity);
    s.lengths = LogFileIndex::allocateArray<quint32>(capacity);
    s.levels = LogFileIndex::allocateArray<quint8>(capacity);
    return s;
}

void trim(LogFileIndex::Segment &s)
{
    s.offsets = shrink(s.offsets, s.lines);
    s.lengths = shrink(s.lengths, s.lines);
    s.levels = shrink(s.levels, s.lines);
}

// Indexes the whole lines of [begin, end) (end is just after a '\n') into segments.
std::vector<LogFileIndex::Segment> indexRange(const char *begin, const char *end, int perSegment)
{
    std::vector<LogFileIndex::Segment> out;
    const char *p = begin;
    while (p < end) {
        LogFileIndex::Segment s = newSegment(p, perSegment);
        const char *const base = p;
        while (p < end && s.lines < perSegment && p - base < MaxSegmentBytes) {
            const auto *nl = static_cast<const char *>(std::memchr(p, '\n', std::size_t(end - p)));
            Q_ASSERT(nl); // end is just after a '\n'
            const int i = s.lines;
            s.offsets[i] = quint32(p - base);
            s.lengths[i] = quint32(nl - p);
            s.levels[i] = quint8(LogLineParser::level(QByteArrayView(p, nl - p)));
            s.lines = i + 1;
            p = nl + 1;
        }
        s.bytes = qsizetype(p - base);
        if (s.lines < perSegment)
            trim(s);
        out.push_back(std::move(s));
    }
    return out;
}

} // namespace

LogFileIndex::Segment::Segment(Segment &&other) noexcept
    : data(std::exchange(other.data, nullptr))
    , bytes(std::exchange(other.bytes, 0))
    , lines(std::exchange(other.lines, 0))
    , offsets(std::exchange(other.offsets, nullptr))
    , lengths(std::exchange(other.lengths, nullptr))
    , levels(std::exchange(other.levels, nullptr))
{ }

LogFileIndex::Segment &LogFileIndex::Segment::operator=(Segment &&other) noexcept
{
    if (this != &other) {
        Segment old(std::move(*this));
        data = std::exchange(other.data, nullptr);
        bytes = std::exchange(other.bytes, 0);
        lines = std::exchange(other.lines, 0);
        offsets = std::exchange(other.offsets, nullptr);
        lengths = std::exchange(other.lengths, nullptr);
        levels = std::exchange(other.levels, nullptr);
    }
    return *this;
}

LogFileIndex::Segment::~Segment()
{
    std::free(offsets);
    std::free(lengths);
    std::free(levels);
}

LogFileIndex::~LogFileIndex() = default;

LogFileIndex LogFileIndex::build(const QString &path, qint64 from, int linesPerSegment)
{
    LogFileIndex index;
    index.m_endOffset = from;
    struct stat st = {};
    if (::stat(QFile::encodeName(path).constData(), &st) == 0 && !S_ISREG(st.st_mode)) {
        index.m_error = QStringLiteral("not a regular file");
        return index;
    }
    auto file = std::make_shared<QFile>(path);
    if (!file->open(QIODevice::ReadOnly)) {
        index.m_error = file->errorString();
        return index;
    }
    if (::fstat(file->handle(), &st) == 0) {
        index.m_device = quint64(st.st_dev);
        index.m_inode = quint64(st.st_ino);
    }
    const qint64 size = file->size();
    if (size <= from)
        return index;
    uchar *mapped = file->map(from, size - from);
    if (!mapped) {
        index.m_error = file->errorString();
        return index;
    }
    const auto *begin = reinterpret_cast<const char *>(mapped);
    const char *end = begin + (size - from);
    madvise(mapped, std::size_t(size - from), MADV_SEQUENTIAL);
    // Whole lines only: stop after the last '\n'.
    while (end > begin && end[-1] != '\n')
        --end;
    if (end == begin)
        return index;
    const int perSegment = qMax(1, linesPerSegment);
    if (end - begin >= ParallelFromBytes && QThread::idealThreadCount() >= 2) {
        // Two halves split at a line start; the second one on its own thread.
        const char *middle = begin + (end - begin) / 2;
        middle
            = static_cast<const char *>(std::memchr(middle, '\n', std::size_t(end - middle))) + 1;
        std::vector<Segment> second;
        std::exception_ptr failure; // bad_alloc on the worker is rethrown here, not terminate()
        std::thread worker([&second, &failure, middle, end, perSegment] {
            try {
                second = indexRange(middle, end, perSegment);
            } catch (...) {
                failure = std::current_exception();
            }
        });
        try {
            index.m_segments = indexRange(begin, middle, perSegment);
        } catch (...) {
            worker.join();
            throw;
        }
        worker.join();
        if (failure)
            std::rethrow_exception(failure);
        for (Segment &s : second)
            index.m_segments.push_back(std::move(s));
    } else {
        index.m_segments = indexRange(begin, end, perSegment);
    }
    for (const Segment &s : index.m_segments)
        index.m_lines += s.lines;
    index.m_endOffset = from + qint64(end - begin);
    index.m_file = std::move(file);
    return index;
}
