#pragma once

#include "logline.h"

#include <QString>

#include <cstdlib>
#include <memory>
#include <new>
#include <vector>

class QFile;

/// The line index of a whole file opened from disk, built without copying its bytes: the file is
/// mapped read-only (QFile::map) and indexed with memchr, in parallel chunks on up to two
/// threads, into the same per-line records LogStore keeps (offset, length, level). LogStore::
/// adopt() then takes the segments over as blocks that point into the mapping, so an opened
/// 400 MB file costs its page cache plus 9 bytes a line, and no page is zeroed or copied.
/// build() may run on any thread; the result is handed to the GUI thread's store.
class LogFileIndex final
{
public:
    /// Consecutive lines of the mapping, at most linesPerSegment of them.
    struct Segment
    {
        Segment() = default;
        Segment(Segment &&other) noexcept;
        Segment &operator=(Segment &&other) noexcept;
        Segment(const Segment &) = delete;
        Segment &operator=(const Segment &) = delete;
        ~Segment();

        const char *data = nullptr; ///< first byte of its first line, inside the mapping
        qsizetype bytes = 0; ///< up to and including the last line's '\n'
        int lines = 0;
        quint32 *offsets = nullptr; ///< malloc'd; LogStore takes them over
        quint32 *lengths = nullptr;
        quint8 *levels = nullptr; ///< LogLevel of each line (source bits added by the store)
    };

    LogFileIndex() = default;
    LogFileIndex(LogFileIndex &&) noexcept = default;
    LogFileIndex &operator=(LogFileIndex &&) noexcept = default;
    LogFileIndex(const LogFileIndex &) = delete;
    LogFileIndex &operator=(const LogFileIndex &) = delete;
    ~LogFileIndex();

    /// Maps `path` and indexes every whole line ('\n'-terminated) from byte `from` on; a partial
    /// last line is left out (endOffset() tells where it starts, so a follower continues there).
    /// Returns an empty index with errorString() set when the file cannot be opened or mapped,
    /// or is not a regular file (a FIFO is never opened: that would block until a writer comes).
    static LogFileIndex build(const QString &path, qint64 from = 0, int linesPerSegment = 32768);

    qint64 lineCount() const { return m_lines; }
    qint64 endOffset() const { return m_endOffset; } ///< file offset after the last indexed '\n'
    QString errorString() const { return m_error; }
    /// Identity of the file indexed (st_dev, st_ino; 0 when it could not be opened): a follower
    /// that finds another file at the path (rotated meanwhile) reads that one from 0.
    quint64 device() const { return m_device; }
    quint64 inode() const { return m_inode; }
    bool isEmpty() const { return m_lines == 0; }

    std::vector<Segment> &segments() { return m_segments; }

    /// A malloc'd array of `count` T (at least one element), freed with std::free: how the
    /// per-line records of segments and store blocks are allocated (they change hands).
    template<typename T>
    static T *allocateArray(qsizetype count)
    {
        void *p = std::malloc(std::size_t(qMax<qsizetype>(count, 1)) * sizeof(T));
        if (!p)
            throw std::bad_alloc();
        return static_cast<T *>(p);
    }
    /// Keeps the mapping alive for as long as any block points into it.
    std::shared_ptr<QFile> mapping() const { return m_file; }

private:
    std::shared_ptr<QFile> m_file;
    std::vector<Segment> m_segments;
    qint64 m_lines = 0;
    qint64 m_endOffset = 0;
    quint64 m_device = 0;
    quint64 m_inode = 0;
    QString m_error;
};
