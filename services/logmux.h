#pragma once

#include "logsource.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>
#include <QTimer>

/// Owns the log sources and merges what they read: lines collected since the last batch are
/// ordered by timestamp across sources and handed out at most once per interval (default 33 ms,
/// 30 batches a second), so a log storm never floods the event loop of the view that stores them.
class LogMux final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogMux)

public:
    explicit LogMux(QObject *parent = nullptr);
    ~LogMux() override;

    /// Takes ownership and starts the source. With backlog loading on, a LogFileSource (whose
    /// options allow it) is held instead: backlogRequested() asks the loader to index the
    /// file's existing lines; the loader stores them and calls followFrom().
    void addSource(LogSource *source);
    /// On while a backlog loader (LogBacklogLoader) listens to backlogRequested(); turning it
    /// off starts the sources still held, at their own start offset (the chunked path).
    void setBacklogLoading(bool on);
    bool backlogLoading() const { return m_backlogLoading; }
    /// True while `sourceId` waits for its backlog (added, not started).
    bool isHeld(int sourceId) const { return m_held.contains(sourceId); }
    /// Starts a held file source at `offset` of the file device/inode (the end of its indexed
    /// backlog; 0/0/0 and the source's own start offset: not indexed, read in chunks). No-op
    /// for a source not held (removed meanwhile).
    void followFrom(int sourceId, qint64 offset, quint64 device = 0, quint64 inode = 0);
    /// Stops and deletes the source; its lines not yet handed out are dropped.
    void removeSource(int sourceId);
    QList<LogSource *> sources() const { return m_sources; }
    LogSource *source(int sourceId) const;
    /// Default 33 (at most 30 batches a second).
    void setBatchIntervalMs(int ms);
    int batchIntervalMs() const { return m_batchTimer.interval(); }

    /// Merges per-source line blocks by timestamp: lines of one source keep their order, a line
    /// without a timestamp stays right after its predecessor; consecutive lines of one source
    /// are grouped into one chunk. Public for tests and benchmarks.
    static QList<LogChunk> merge(const QList<LogChunk> &perSource);

Q_SIGNALS:
    /// Lines of all sources since the last batch, in timestamp order across sources (lines of
    /// one source keep their order; unparsable lines stay after their predecessor). At most one
    /// emission per interval, none when nothing arrived.
    void batchReady(const QList<LogChunk> &chunks);
    void sourceStateChanged(int sourceId, LogSource::State state, const QString &statusText);
    void sourceDiagnostic(int sourceId, const QString &text);
    /// A held file source: index `path` from byte `from` and call followFrom().
    void backlogRequested(int sourceId, const QString &path, qint64 from);

private:
    void onChunk(const LogChunk &chunk);
    void emitBatch();

    QList<LogSource *> m_sources;
    QList<int> m_pendingOrder; ///< source ids in order of their first pending chunk
    QHash<int, QByteArray> m_pending;
    QSet<int> m_held; ///< file sources waiting for their backlog
    bool m_backlogLoading = false;
    QTimer m_batchTimer;
};
