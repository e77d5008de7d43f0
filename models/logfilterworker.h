#pragma once

#include "logfilter.h"

#include <QObject>

#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

// Runs LogFilter over a LogStore snapshot on its own thread, so a filter change over a million
// lines never blocks the GUI. Each start() makes a new generation: the running job is
// cancelled at its next slice, and any result that is not the newest generation is dropped.
// Owned by LogFilterModel.
class LogFilterWorker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogFilterWorker)

public:
    explicit LogFilterWorker(QObject *parent = nullptr);
    ~LogFilterWorker() override;

    /// Filters lines [from, to) of `snapshot`; returns the job's generation.
    quint64 start(const LogFilter::Spec &spec, LogStore::Snapshot snapshot, qint64 from, qint64 to);
    /// Cancels the running job (its result will not be reported).
    void cancel();
    quint64 generation() const { return m_generation; }
    bool isBusy() const { return m_busy; }

Q_SIGNALS:
    /// The newest job's matching lines (ascending) of [from, endLine). Emitted on this
    /// object's (the GUI) thread.
    void finished(quint64 generation, const std::vector<qint64> &lines, qint64 endLine);

private:
    struct Job
    {
        quint64 generation = 0;
        LogFilter::Spec spec;
        LogStore::Snapshot snapshot;
        qint64 from = 0;
        qint64 to = 0;
        std::shared_ptr<std::atomic_bool> cancel;
    };
    void run();
    void deliver(quint64 generation, std::vector<qint64> lines, qint64 endLine);

    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::optional<Job> m_pending; // guarded by m_mutex
    std::shared_ptr<std::atomic_bool> m_runningCancel; // guarded by m_mutex
    bool m_quit = false; // guarded by m_mutex
    quint64 m_generation = 0; // GUI thread only
    bool m_busy = false; // GUI thread only
    std::thread m_thread;
};
