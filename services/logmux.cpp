#include "logmux.h"

#include "logfilesource.h"

#include <algorithm>
#include <limits>
#include <utility>
#include <vector>

namespace {

// One source's block of lines, walked line by line during the merge.
struct Cursor
{
    int sourceId = 0;
    const QByteArray *bytes = nullptr;
    qsizetype pos = 0; ///< start of the head line
    qsizetype end = 0; ///< one past the head line's '\n'
    qint64 key = std::numeric_limits<qint64>::min(); ///< the head line's timestamp

    bool done() const { return pos >= bytes->size(); }

    // Finds the head line and its key; a line without a timestamp keeps its predecessor's.
    void load()
    {
        if (done())
            return;
        const qsizetype newline = bytes->indexOf('\n', pos);
        end = newline < 0 ? bytes->size() : newline + 1;
        const qint64 ts
            = LogLineParser::timestampMs(QByteArrayView(bytes->constData() + pos, end - pos));
        if (ts >= 0)
            key = ts;
    }
};

} // namespace

LogMux::LogMux(QObject *parent)
    : QObject(parent)
{
    m_batchTimer.setSingleShot(true);
    m_batchTimer.setInterval(33);
    m_batchTimer.setTimerType(Qt::PreciseTimer); // coarse timers may fire 5 % early
    connect(&m_batchTimer, &QTimer::timeout, this, &LogMux::emitBatch);
}

LogMux::~LogMux()
{
    // Sources are children; stop them before QObject deletes them so none reports into a
    // half-destroyed mux.
    for (LogSource *source : std::as_const(m_sources))
        source->disconnect(this);
    qDeleteAll(m_sources);
}

void LogMux::addSource(LogSource *source)
{
    if (!source || m_sources.contains(source))
        return;
    source->setParent(this);
    m_sources.append(source);
    const int id = source->id();
    connect(source, &LogSource::chunkRead, this, &LogMux::onChunk);
    connect(source, &LogSource::stateChanged, this,
            [this, id](LogSource::State state, const QString &text) {
                Q_EMIT sourceStateChanged(id, state, text);
            });
    connect(source, &LogSource::diagnostic, this,
            [this, id](const QString &text) { Q_EMIT sourceDiagnostic(id, text); });
    auto *file = qobject_cast<LogFileSource *>(source);
    if (m_backlogLoading && file && file->options().fromStart && file->options().indexBacklog) {
        m_held.insert(id);
        file->markIndexing();
        Q_EMIT backlogRequested(id, file->path(), file->options().startOffset);
        return;
    }
    source->start();
}

void LogMux::setBacklogLoading(bool on)
{
    m_backlogLoading = on;
    if (on)
        return;
    const QSet<int> held = std::exchange(m_held, {});
    for (LogSource *source : std::as_const(m_sources)) {
        if (held.contains(source->id()))
            source->start();
    }
}

void LogMux::followFrom(int sourceId, qint64 offset, quint64 device, quint64 inode)
{
    if (!m_held.remove(sourceId))
        return;
    auto *file = qobject_cast<LogFileSource *>(source(sourceId));
    if (!file)
        return;
    file->setStartPoint(offset, device, inode);
    file->start();
}

void LogMux::removeSource(int sourceId)
{
    LogSource *found = source(sourceId);
    if (!found)
        return;
    found->disconnect(this);
    found->stop();
    m_sources.removeOne(found);
    m_pending.remove(sourceId);
    m_pendingOrder.removeOne(sourceId);
    m_held.remove(sourceId);
    delete found;
}

LogSource *LogMux::source(int sourceId) const
{
    const auto it = std::find_if(m_sources.cbegin(), m_sources.cend(),
                                 [sourceId](const LogSource *s) { return s->id() == sourceId; });
    return it == m_sources.cend() ? nullptr : *it;
}

void LogMux::setBatchIntervalMs(int ms)
{
    m_batchTimer.setInterval(std::max(0, ms));
}

void LogMux::onChunk(const LogChunk &chunk)
{
    if (chunk.lines.isEmpty())
        return;
    QByteArray &pending = m_pending[chunk.sourceId];
    if (pending.isEmpty()) {
        m_pendingOrder.append(chunk.sourceId);
        pending = chunk.lines; // shared, no copy
    } else {
        pending += chunk.lines;
    }
    if (!m_batchTimer.isActive())
        m_batchTimer.start();
}

void LogMux::emitBatch()
{
    if (m_pendingOrder.isEmpty())
        return;
    QList<LogChunk> perSource;
    perSource.reserve(m_pendingOrder.size());
    for (int id : std::as_const(m_pendingOrder))
        perSource.append(LogChunk {id, m_pending.take(id)});
    m_pendingOrder.clear();
    // One active source: its chunk passes through without being split into lines.
    Q_EMIT batchReady(perSource.size() == 1 ? perSource : merge(perSource));
}

QList<LogChunk> LogMux::merge(const QList<LogChunk> &perSource)
{
    std::vector<Cursor> cursors;
    cursors.reserve(size_t(perSource.size()));
    for (const LogChunk &chunk : perSource) {
        if (chunk.lines.isEmpty())
            continue;
        Cursor cursor;
        cursor.sourceId = chunk.sourceId;
        cursor.bytes = &chunk.lines;
        cursor.load();
        cursors.push_back(cursor);
    }
    QList<LogChunk> merged;
    if (cursors.size() == 1) {
        merged.append(LogChunk {cursors.front().sourceId, *cursors.front().bytes});
        return merged;
    }
    for (;;) {
        // The source whose head line is earliest (ties: the source listed first).
        Cursor *best = nullptr;
        qint64 othersMin = std::numeric_limits<qint64>::max();
        for (Cursor &cursor : cursors) {
            if (cursor.done())
                continue;
            if (!best || cursor.key < best->key) {
                if (best)
                    othersMin = std::min(othersMin, best->key);
                best = &cursor;
            } else {
                othersMin = std::min(othersMin, cursor.key);
            }
        }
        if (!best)
            break;
        // Take its run of lines up to the next source's head, in one slice.
        const qsizetype runStart = best->pos;
        do {
            best->pos = best->end;
            best->load();
        } while (!best->done() && best->key <= othersMin);
        const QByteArrayView run(best->bytes->constData() + runStart, best->pos - runStart);
        if (!merged.isEmpty() && merged.last().sourceId == best->sourceId)
            merged.last().lines.append(run);
        else
            merged.append(LogChunk {best->sourceId, run.toByteArray()});
    }
    return merged;
}
