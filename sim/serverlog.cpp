#include "serverlog.h"

#include "simclock.h"

#include <QDir>

ServerLog::ServerLog(const QString &directory, qint64 maxBytes)
    : m_maxBytes(maxBytes)
{
    QDir().mkpath(directory);
    m_file.setFileName(QDir(directory).filePath(QStringLiteral("server.log")));
    if (m_file.open(QIODevice::WriteOnly | QIODevice::Append))
        m_size = m_file.size();
}

QString ServerLog::levelName(Level level)
{
    switch (level) {
    case Level::Trace:
        return QStringLiteral("TRACE");
    case Level::Debug:
        return QStringLiteral("DEBUG");
    case Level::Info:
        return QStringLiteral("INFO");
    case Level::Warn:
        return QStringLiteral("WARN");
    case Level::Error:
        return QStringLiteral("ERROR");
    case Level::Fatal:
        return QStringLiteral("FATAL");
    }
    return QStringLiteral("INFO");
}

QByteArray
ServerLog::format(qint64 epochMs, Level level, const QString &component, const QString &message)
{
    QString clean = message;
    for (QChar &c : clean) {
        if (c.category() == QChar::Other_Control || c == QChar::LineSeparator
            || c == QChar::ParagraphSeparator)
            c = QLatin1Char(' ');
    }
    return (SimClock::toIso(epochMs) + QLatin1Char(' ') + levelName(level) + QLatin1String(" [")
            + component + QLatin1String("] ") + clean)
        .toUtf8();
}

void ServerLog::write(qint64 epochMs, Level level, const QString &component, const QString &message)
{
    ++m_lines;
    if (!m_file.isOpen())
        return;
    const QByteArray line = format(epochMs, level, component, message) + '\n';
    if (m_maxBytes > 0 && m_size > 0 && m_size + line.size() > m_maxBytes)
        rotate();
    if (m_file.isOpen() && m_file.write(line) == line.size())
        m_size += line.size();
}

void ServerLog::flush()
{
    if (m_file.isOpen())
        m_file.flush();
}

void ServerLog::rotate()
{
    const QString path = m_file.fileName();
    const QString rotated = path + QLatin1String(".1");
    m_file.close();
    QFile::remove(rotated);
    QFile::rename(path, rotated);
    m_file.setFileName(path);
    m_size = 0;
    m_file.open(QIODevice::WriteOnly | QIODevice::Truncate);
}
