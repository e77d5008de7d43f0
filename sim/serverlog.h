#pragma once

#include <QFile>
#include <QString>

// Writes <log-dir>/server.log in the service's line format with simulated timestamps and rotates
// it by size to server.log.1. Fed by SimEngine (synthetic lines) and SimHttpServer (mutations).
class ServerLog final
{
    Q_DISABLE_COPY_MOVE(ServerLog)

public:
    enum class Level { Trace, Debug, Info, Warn, Error, Fatal };

    ServerLog() = default; ///< disabled: lines are counted but not written
    ServerLog(const QString &directory, qint64 maxBytes);

    bool isOpen() const { return m_file.isOpen(); }
    QString path() const { return m_file.fileName(); }
    qint64 linesWritten() const { return m_lines; }

    void write(qint64 epochMs, Level level, const QString &component, const QString &message);
    void flush();

    static QString levelName(Level level);
    /// One line without the newline; control characters in `message` become spaces.
    static QByteArray
    format(qint64 epochMs, Level level, const QString &component, const QString &message);

private:
    void rotate();

    QFile m_file;
    qint64 m_maxBytes = 0;
    qint64 m_size = 0;
    qint64 m_lines = 0;
};
