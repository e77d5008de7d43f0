#include "pollscheduler.h"

#include "logging.h"

#include <QTimer>

#include <spdlog/spdlog.h>

struct PollScheduler::Source
{
    SourceStatus status;
    Fetch fetch;
    BackoffPolicy backoff;
    std::unique_ptr<QTimer> timer;
    qint64 startedMs = 0; ///< scheduler clock when the poll in flight began
};

PollScheduler::PollScheduler(QObject *parent)
    : QObject(parent)
    , m_context(std::make_unique<QObject>())
{
    m_clock.start();
}

PollScheduler::~PollScheduler() = default;

void PollScheduler::addSource(const QString &name,
                              int intervalMs,
                              Fetch fetch,
                              const BackoffPolicy::Options &backoff)
{
    auto source = std::make_shared<Source>();
    source->status.name = name;
    source->status.intervalMs = std::max(50, intervalMs);
    source->fetch = std::move(fetch);
    source->backoff = BackoffPolicy(backoff);
    source->timer = std::make_unique<QTimer>();
    source->timer->setSingleShot(true);
    connect(source->timer.get(), &QTimer::timeout, this, [this, name] { poll(name); });
    m_sources.insert(name, source);
    if (m_running)
        schedule(*source, 0);
}

void PollScheduler::setInterval(const QString &name, int intervalMs)
{
    if (auto source = m_sources.value(name))
        source->status.intervalMs = std::max(50, intervalMs);
}

void PollScheduler::start()
{
    if (m_running)
        return;
    m_running = true;
    for (const auto &source : std::as_const(m_sources))
        schedule(*source, 0);
}

void PollScheduler::stop()
{
    m_running = false;
    ++m_generation;
    // Answers still in flight belong to the old context: replacing it drops their
    // callbacks.
    m_context = std::make_unique<QObject>();
    for (const auto &source : std::as_const(m_sources)) {
        source->timer->stop();
        source->status.inFlight = false;
    }
}

void PollScheduler::pollNow(const QString &name)
{
    if (auto source = m_sources.value(name); source && m_running && !source->status.inFlight)
        schedule(*source, 0);
}

PollScheduler::SourceStatus PollScheduler::status(const QString &name) const
{
    const auto source = m_sources.value(name);
    return source ? source->status : SourceStatus {};
}

QStringList PollScheduler::sourceNames() const
{
    QStringList names = m_sources.keys();
    names.sort();
    return names;
}

void PollScheduler::schedule(Source &source, qint64 delayMs)
{
    source.timer->start(int(std::clamp<qint64>(delayMs, 0, std::numeric_limits<int>::max())));
}

void PollScheduler::poll(const QString &name)
{
    const auto source = m_sources.value(name);
    if (!source || !m_running || source->status.inFlight)
        return;
    source->status.inFlight = true;
    ++source->status.attempts;
    // The next poll is due one interval after this one *started*, so a slow
    // answer does not stretch the cadence; it is scheduled when the answer
    // arrives (one in flight at most).
    source->startedMs = m_clock.elapsed();
    const quint64 generation = m_generation;
    source->fetch(m_context.get(), [this, name, generation](const std::optional<ApiError> &error) {
        finish(name, generation, error);
    });
}

void PollScheduler::finish(const QString &name,
                           quint64 generation,
                           const std::optional<ApiError> &error)
{
    const auto source = m_sources.value(name);
    if (!source || generation != m_generation || !source->status.inFlight)
        return;
    SourceStatus &status = source->status;
    status.inFlight = false;
    const qint64 nowMs = m_clock.elapsed();
    const qint64 startedMs = source->startedMs;
    const bool wasStale = status.stale;

    qint64 delayMs = 0;
    if (!error) {
        status.lastSuccess = QDateTime::currentDateTimeUtc();
        status.lastError.reset();
        status.consecutiveFailures = 0;
        status.stale = false;
        source->backoff.recordSuccess();
        delayMs = status.intervalMs - (nowMs - startedMs);
    } else {
        status.lastError = error;
        ++status.consecutiveFailures;
        status.stale = true;
        const auto backoffMs = source->backoff.nextDelayMs(nowMs, error->retryAfterSeconds);
        // Never faster than the regular interval; an empty retry budget waits the
        // full cap.
        delayMs = std::max<qint64>(status.intervalMs,
                                   backoffMs.value_or(source->backoff.options().maxDelayMs));
        delayMs -= nowMs - startedMs;
        Logging::get("services")
            ->debug("poll {} failed ({}), next in {} ms", name.toStdString(),
                    ApiError::kindName(error->kind).toStdString(), delayMs);
    }
    if (m_running)
        schedule(*source, std::max<qint64>(0, delayMs));

    if (error)
        Q_EMIT sourceFailed(name, *error);
    else
        Q_EMIT sourceSucceeded(name);
    if (wasStale != status.stale)
        Q_EMIT staleChanged(name, status.stale);
}
