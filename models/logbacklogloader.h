#pragma once

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

class LogFileIndex;
class LogMux;
class LogTableModel;
class QThread;

// Loads the existing content of every file source added to a LogMux the fast way: the file is
// mapped and indexed by LogFileIndex::build() on a worker thread (QThread::create), the index is
// handed to the model on this (the GUI) thread with appendIndex(), and only then does the mux
// start the source's follower, at the index's end offset, so no line is lost or read twice.
// The backlog therefore lands in file order, as one block, before that source's live lines.
// A file that cannot be mapped (a FIFO, permissions, not there yet) is left to the follower's
// chunked reads from the source's own start offset, with nothing different to see.
class LogBacklogLoader final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogBacklogLoader)

public:
    /// Neither is owned; turns the mux's backlog loading on for the loader's lifetime.
    LogBacklogLoader(LogMux *mux, LogTableModel *model, QObject *parent = nullptr);
    /// Waits for index builds still running, then lets the mux start what it still holds.
    ~LogBacklogLoader() override;

    /// Index builds running now.
    int pendingCount() const { return int(m_threads.size()); }

Q_SIGNALS:
    /// The backlog of `sourceId` is in the model: `lines` lines up to byte `endOffset`, where
    /// its follower went on. Not emitted when the file was left to the chunked path.
    void backlogLoaded(int sourceId, qint64 lines, qint64 endOffset);

private:
    void load(int sourceId, const QString &path, qint64 from);
    void finish(QThread *thread, int sourceId, qint64 from, LogFileIndex &index);

    QPointer<LogMux> m_mux;
    QPointer<LogTableModel> m_model;
    QList<QThread *> m_threads;
};
