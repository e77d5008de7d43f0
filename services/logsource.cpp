#include "logsource.h"

#include <utility>

LogSource::LogSource(int id, const QString &name, QObject *parent)
    : QObject(parent)
    , m_id(id)
    , m_name(name)
    , m_statusText(QStringLiteral("Stopped"))
{ }

LogSource::~LogSource() = default;

QString LogSource::stateName(State state)
{
    switch (state) {
    case State::Stopped:
        return QStringLiteral("stopped");
    case State::Starting:
        return QStringLiteral("starting");
    case State::Following:
        return QStringLiteral("following");
    case State::Waiting:
        return QStringLiteral("waiting");
    case State::Restarting:
        return QStringLiteral("restarting");
    case State::Failed:
        return QStringLiteral("failed");
    }
    return QStringLiteral("unknown");
}

void LogSource::setState(State state, const QString &statusText)
{
    if (state == m_state && statusText == m_statusText)
        return;
    m_state = state;
    m_statusText = statusText;
    Q_EMIT stateChanged(state, statusText);
}

void LogSource::emitLines(QByteArray lines)
{
    if (lines.isEmpty())
        return;
    Q_EMIT chunkRead(LogChunk {m_id, std::move(lines)});
}

void LogSource::emitWholeLines(QByteArray &partial, QByteArray data)
{
    const qsizetype lastNewline = data.lastIndexOf('\n');
    if (lastNewline < 0) {
        // No line ends here: grow the held line (amortised append, never a copy per read).
        partial += data;
        if (partial.size() > MaxLineBytes) {
            Q_EMIT diagnostic(QStringLiteral("A line longer than %1 MiB was split into pieces")
                                  .arg(MaxLineBytes >> 20));
            while (partial.size() > MaxLineBytes) {
                QByteArray piece = partial.left(MaxLineBytes);
                partial.remove(0, MaxLineBytes);
                flushPartial(piece);
            }
        }
        return;
    }
    QByteArray rest = data.mid(lastNewline + 1);
    data.truncate(lastNewline + 1);
    if (!partial.isEmpty())
        data.prepend(std::exchange(partial, QByteArray()));
    partial = std::move(rest);
    emitLines(std::move(data));
}

void LogSource::flushPartial(QByteArray &partial)
{
    if (partial.isEmpty())
        return;
    partial.append('\n');
    emitLines(std::move(partial));
    partial = QByteArray();
}
