#include "logfilterworker.h"

#include <QMetaObject>

LogFilterWorker::LogFilterWorker(QObject *parent)
    : QObject(parent)
    , m_thread([this] { run(); })
{ }

LogFilterWorker::~LogFilterWorker()
{
    {
        std::lock_guard lock(m_mutex);
        m_quit = true;
        m_pending.reset();
        if (m_runningCancel)
            m_runningCancel->store(true);
    }
    m_wake.notify_all();
    m_thread.join();
}

quint64 LogFilterWorker::start(const LogFilter::Spec &spec,
                               LogStore::Snapshot snapshot,
                               qint64 from,
                               qint64 to)
{
    const quint64 generation = ++m_generation;
    m_busy = true;
    {
        std::lock_guard lock(m_mutex);
        if (m_runningCancel)
            m_runningCancel->store(true);
        m_pending = Job {generation, spec, std::move(snapshot),
                         from,       to,   std::make_shared<std::atomic_bool>(false)};
    }
    m_wake.notify_all();
    return generation;
}

void LogFilterWorker::cancel()
{
    ++m_generation;
    m_busy = false;
    std::lock_guard lock(m_mutex);
    m_pending.reset();
    if (m_runningCancel)
        m_runningCancel->store(true);
}

void LogFilterWorker::run()
{
    for (;;) {
        Job job;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_quit || m_pending; });
            if (m_quit)
                return;
            job = std::move(*m_pending);
            m_pending.reset();
            m_runningCancel = job.cancel;
        }
        // Compiled here, not shared: this thread owns its QRegularExpression.
        const LogFilter filter(job.spec);
        std::vector<qint64> lines;
        const bool complete = filter.match(job.snapshot, job.from, job.to, lines, job.cancel.get());
        job.snapshot.clear(); // release evicted blocks here, not on the GUI thread
        {
            std::lock_guard lock(m_mutex);
            m_runningCancel.reset();
        }
        if (!complete)
            continue;
        QMetaObject::invokeMethod(
            this,
            [this, generation = job.generation, lines = std::move(lines), to = job.to]() mutable {
                deliver(generation, std::move(lines), to);
            },
            Qt::QueuedConnection);
    }
}

void LogFilterWorker::deliver(quint64 generation, std::vector<qint64> lines, qint64 endLine)
{
    if (generation != m_generation)
        return; // stale: a newer filter was started meanwhile
    m_busy = false;
    Q_EMIT finished(generation, lines, endLine);
}
