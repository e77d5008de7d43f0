#include "logfilesource.h"

#include <QFile>
#include <QFileInfo>
#include <QSocketNotifier>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>

#include <fcntl.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {

QString errnoText(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

} // namespace

LogFileSource::LogFileSource(int id, const QString &path, const Options &options, QObject *parent)
    : LogSource(id, QFileInfo(path).fileName(), parent)
    , m_path(QFileInfo(path).absoluteFilePath())
    , m_options(options)
{
    m_options.pollMs = std::max(10, m_options.pollMs);
    m_options.maxChunkBytes = std::max<qint64>(64 << 10, m_options.maxChunkBytes);
    m_pollTimer.setInterval(m_options.pollMs);
    connect(&m_pollTimer, &QTimer::timeout, this, &LogFileSource::scheduleRead);
    m_readTimer.setSingleShot(true);
    m_readTimer.setInterval(0);
    connect(&m_readTimer, &QTimer::timeout, this, &LogFileSource::check);
}

LogFileSource::~LogFileSource()
{
    m_running = false;
    closeFile();
    unwatchDirectory();
}

void LogFileSource::setStartPoint(qint64 offset, quint64 device, quint64 inode)
{
    m_options.fromStart = true;
    m_options.startOffset = std::max<qint64>(0, offset);
    m_options.startDevice = device;
    m_options.startInode = inode;
}

void LogFileSource::markIndexing()
{
    if (!m_running)
        setState(State::Starting, QStringLiteral("Reading the existing lines of %1").arg(m_path));
}

void LogFileSource::start()
{
    if (m_running)
        return;
    m_running = true;
    m_seenOnce = false;
    m_partial.clear();
    setState(State::Starting, QStringLiteral("Opening %1").arg(m_path));
    watchDirectory();
    if (openPath(m_options.fromStart ? m_options.startOffset : -1))
        setState(State::Following, QStringLiteral("Following %1").arg(m_path));
    m_pollTimer.start();
    scheduleRead();
}

void LogFileSource::stop()
{
    if (!m_running)
        return;
    m_running = false;
    m_pollTimer.stop();
    m_readTimer.stop();
    flushPartial(m_partial);
    closeFile();
    unwatchDirectory();
    setState(State::Stopped, QStringLiteral("Stopped following %1").arg(m_path));
}

qint64 LogFileSource::initialOffset(const struct stat &st)
{
    if (m_options.startOffset <= 0)
        return 0;
    if (m_options.startDevice != 0
        && (quint64(st.st_dev) != m_options.startDevice
            || quint64(st.st_ino) != m_options.startInode)) {
        Q_EMIT diagnostic(QStringLiteral("File rotated — following the new file"));
        return 0;
    }
    if (qint64(st.st_size) < m_options.startOffset) {
        Q_EMIT diagnostic(QStringLiteral("File truncated — reading from the start"));
        return 0;
    }
    return m_options.startOffset;
}

bool LogFileSource::openPath(qint64 offset)
{
    const QByteArray encoded = QFile::encodeName(m_path);
    const int fd = ::open(encoded.constData(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    struct stat st = {};
    if (fd < 0 || ::fstat(fd, &st) != 0) {
        const int error = errno;
        if (fd >= 0)
            ::close(fd);
        if (error == ENOENT || error == ENOTDIR) {
            setState(State::Waiting,
                     m_seenOnce
                         ? QStringLiteral("%1 was deleted; waiting for it to come back").arg(m_path)
                         : QStringLiteral("Waiting for %1 to appear").arg(m_path));
        } else {
            setState(State::Waiting,
                     QStringLiteral("Cannot read %1: %2; retrying").arg(m_path, errnoText(error)));
        }
        return false;
    }
    m_fd = fd;
    m_device = st.st_dev;
    m_inode = st.st_ino;
    // Only start() asks for a start offset: a file found later is read whole.
    m_offset = offset < 0 ? qint64(st.st_size) : offset == 0 ? 0 : initialOffset(st);
    m_seenOnce = true;
    return true;
}

void LogFileSource::closeFile()
{
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
    m_offset = 0;
}

bool LogFileSource::readSome()
{
    struct stat st = {};
    if (m_fd < 0 || ::fstat(m_fd, &st) != 0)
        return false;
    const qint64 available = qint64(st.st_size) - m_offset;
    if (available <= 0)
        return false;
    const qint64 wanted = std::min(available, m_options.maxChunkBytes);
    // Read straight behind the held partial line: one buffer, no copy of the chunk.
    QByteArray data = std::exchange(m_partial, QByteArray());
    const qsizetype kept = data.size();
    data.resize(kept + qsizetype(wanted));
    qint64 got = 0;
    while (got < wanted) {
        const ssize_t n
            = ::pread(m_fd, data.data() + kept + got, size_t(wanted - got), off_t(m_offset + got));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        got += n;
    }
    data.truncate(kept + qsizetype(got));
    m_offset += got;
    emitWholeLines(m_partial, std::move(data));
    return got > 0 && available > got;
}

void LogFileSource::check()
{
    if (!m_running)
        return;
    if (m_watchDescriptor < 0)
        watchDirectory();
    if (readSome()) {
        scheduleRead();
        return;
    }
    if (m_fd >= 0) {
        // Caught up with the open file: was it truncated in place (copy-truncate)?
        struct stat fdStat = {};
        if (::fstat(m_fd, &fdStat) == 0 && qint64(fdStat.st_size) < m_offset) {
            flushPartial(m_partial);
            m_offset = 0;
            Q_EMIT diagnostic(QStringLiteral("File truncated — reading from the start"));
            scheduleRead();
            return;
        }
    }
    // Is the open file still the one at the path?
    struct stat pathStat = {};
    const QByteArray encoded = QFile::encodeName(m_path);
    const bool exists = ::stat(encoded.constData(), &pathStat) == 0;
    if (exists && m_fd >= 0 && pathStat.st_dev == m_device && pathStat.st_ino == m_inode)
        return;
    if (!exists) {
        pathGone();
        return;
    }
    // A new file at the path: drain the old one (renamed by rotation, or deleted) to its end.
    if (readSome()) {
        scheduleRead();
        return;
    }
    const QString what = m_fd >= 0 ? QStringLiteral("File rotated — following the new file")
        : m_seenOnce ? QStringLiteral("File recreated — following it from the start")
                     : QStringLiteral("File appeared — following it");
    flushPartial(m_partial);
    closeFile();
    if (!openPath(0))
        return;
    Q_EMIT diagnostic(what);
    setState(State::Following, QStringLiteral("Following %1").arg(m_path));
    scheduleRead();
}

void LogFileSource::pathGone()
{
    bool renamedAway = false;
    if (m_fd >= 0) {
        struct stat fdStat = {};
        renamedAway = ::fstat(m_fd, &fdStat) == 0 && fdStat.st_nlink > 0;
        // Renamed away: keep the descriptor and read what the writer still appends to it until
        // a new file appears at the path. Deleted: nothing more can come; let its space go.
        if (!renamedAway) {
            flushPartial(m_partial);
            closeFile();
        }
    }
    if (state() == State::Waiting)
        return; // already said
    if (renamedAway) {
        Q_EMIT diagnostic(QStringLiteral("File renamed away — waiting for a new file"));
        setState(State::Waiting,
                 QStringLiteral("%1 was moved away; waiting for a new file").arg(m_path));
    } else {
        Q_EMIT diagnostic(QStringLiteral("File deleted — waiting for it to come back"));
        setState(State::Waiting,
                 QStringLiteral("%1 was deleted; waiting for it to come back").arg(m_path));
    }
}

void LogFileSource::scheduleRead()
{
    if (m_running && !m_readTimer.isActive())
        m_readTimer.start();
}

void LogFileSource::watchDirectory()
{
    if (m_inotifyFd < 0) {
        m_inotifyFd = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
        if (m_inotifyFd < 0)
            return; // polling alone still follows the file
        m_notifier = new QSocketNotifier(qintptr(m_inotifyFd), QSocketNotifier::Read, this);
        connect(m_notifier, &QSocketNotifier::activated, this, &LogFileSource::onDirectoryEvents);
    }
    if (m_watchDescriptor >= 0)
        return;
    const QByteArray directory = QFile::encodeName(QFileInfo(m_path).absolutePath());
    m_watchDescriptor
        = ::inotify_add_watch(m_inotifyFd, directory.constData(),
                              IN_MODIFY | IN_ATTRIB | IN_CLOSE_WRITE | IN_CREATE | IN_DELETE
                                  | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF | IN_MOVE_SELF);
}

void LogFileSource::unwatchDirectory()
{
    delete m_notifier;
    m_notifier = nullptr;
    if (m_inotifyFd >= 0)
        ::close(m_inotifyFd); // also removes the watch
    m_inotifyFd = -1;
    m_watchDescriptor = -1;
}

void LogFileSource::onDirectoryEvents()
{
    const QByteArray fileName = QFile::encodeName(QFileInfo(m_path).fileName());
    alignas(struct inotify_event) char buffer[16384];
    bool relevant = false;
    for (;;) {
        const ssize_t n = ::read(m_inotifyFd, buffer, sizeof buffer);
        if (n <= 0)
            break;
        for (ssize_t at = 0; at + ssize_t(sizeof(struct inotify_event)) <= n;) {
            const auto *event = reinterpret_cast<const struct inotify_event *>(buffer + at);
            if (event->mask & IN_IGNORED)
                m_watchDescriptor = -1; // the directory went away; the poll adds it again
            if (event->mask & (IN_Q_OVERFLOW | IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED))
                relevant = true;
            else if (event->len > 0
                     && fileName == QByteArrayView(static_cast<const char *>(event->name)))
                relevant = true;
            at += ssize_t(sizeof(struct inotify_event)) + ssize_t(event->len);
        }
    }
    if (relevant)
        scheduleRead();
}
