#pragma once

#include "logsource.h"

#include <QByteArray>
#include <QString>
#include <QTimer>

#include <sys/stat.h>
#include <sys/types.h>

class QSocketNotifier;

/// How a LogFileSource follows its file (LogFileSource::Options).
struct LogFileSourceOptions
{
    bool fromStart = true; ///< false: start at the current end, like `tail -n 0 -F`
    /// With fromStart: the byte where following begins in the file found at start() (lines
    /// before it were read otherwise, e.g. indexed by LogBacklogLoader). A file shorter than
    /// this (truncated), or not the file startDevice/startInode name (rotated meanwhile), is
    /// read from 0; a later rotation or truncation reads the new content from 0 as always.
    qint64 startOffset = 0;
    quint64 startDevice = 0; ///< 0: any file at the path is the one startOffset belongs to
    quint64 startInode = 0;
    /// LogMux hands the existing content to its backlog loader (mapped and indexed in one go)
    /// and starts this source at the loader's end offset; false: always read in chunks.
    bool indexBacklog = true;
    int pollMs = 100; ///< stat() interval on the path
    qint64 maxChunkBytes = 4 << 20; ///< bytes read per event-loop turn
};

/// Follows a local file the way `tail -F` does: it may appear later, be renamed away by
/// rotation (the old file is drained, then the new one read from 0), be truncated in place
/// (copy-truncate: read again from 0), be deleted and recreated. Polls stat() on the path and
/// watches the DIRECTORY with inotify for low latency (a QFileSystemWatcher on the file itself
/// loses a file renamed by rotation, performance.md). Reads at most maxChunkBytes per event-loop
/// turn so a huge backlog never blocks the loop; keeps a partial last line until its newline
/// arrives.
class LogFileSource final : public LogSource
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogFileSource)

public:
    // Outside the class so that `= {}` works as a default argument (GCC needs the member
    // initializers complete before the class is).
    using Options = LogFileSourceOptions;

    LogFileSource(int id,
                  const QString &path,
                  const Options &options = {},
                  QObject *parent = nullptr);
    ~LogFileSource() override;

    QString path() const { return m_path; }
    const Options &options() const { return m_options; }
    /// Before start(): where following begins (see LogFileSourceOptions::startOffset).
    void setStartPoint(qint64 offset, quint64 device, quint64 inode);
    /// Before start(), while another party reads the existing lines: says so in the state.
    void markIndexing();

    void start() override;
    void stop() override;

private:
    void check();
    void pathGone();
    /// Opens the path at `offset` (-1: at its current end, > 0: initialOffset()); false when it
    /// cannot be opened.
    bool openPath(qint64 offset);
    /// The offset start() opens at: startOffset unless the file is shorter or another one.
    qint64 initialOffset(const struct stat &st);
    void closeFile();
    /// Reads up to maxChunkBytes from the open fd; true when more may be waiting.
    bool readSome();
    void scheduleRead();
    void watchDirectory();
    void unwatchDirectory();
    void onDirectoryEvents();

    QString m_path;
    Options m_options;
    int m_fd = -1;
    dev_t m_device = 0;
    ino_t m_inode = 0;
    qint64 m_offset = 0;
    QByteArray m_partial;
    bool m_running = false;
    bool m_seenOnce = false; ///< the path existed at some point since start()
    QTimer m_pollTimer;
    QTimer m_readTimer; ///< zero-interval: continues a backlog on the next loop turn
    // inotify on the directory: unlike QFileSystemWatcher's directory watch it also reports
    // IN_MODIFY of the files inside, so appends are seen without waiting for the next poll.
    int m_inotifyFd = -1;
    int m_watchDescriptor = -1;
    QSocketNotifier *m_notifier = nullptr;
};
