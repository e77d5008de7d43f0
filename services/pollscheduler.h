#pragma once

#include "apierror.h"
#include "backoffpolicy.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

class QTimer;

// Polls each registered source on its own interval: never more than one request
// in flight per source, a failure backs off with jitter up to a cap
// (BackoffPolicy, honouring Retry-After), and each source knows when it was
// last fresh. The dashboard session registers the ops endpoints (metrics 1 s,
// health 2 s, gates/breakers/status 5 s) and receives typed values in the
// callbacks it registered; the scheduler only sees success or an ApiError.
class PollScheduler final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PollScheduler)

public:
    /// Reports the outcome of one poll: std::nullopt on success, else the error.
    using Done = std::function<void(const std::optional<ApiError> &)>;
    /// Starts one poll; must call `done` exactly once (a client callback does).
    /// `context` dies with the scheduler, so a late answer after stop() or
    /// destruction is dropped.
    using Fetch = std::function<void(QObject *context, Done done)>;

    struct SourceStatus
    {
        QString name;
        int intervalMs = 0;
        bool inFlight = false;
        bool stale = true; ///< never succeeded, or the last attempt failed
        std::optional<QDateTime> lastSuccess; ///< wall time of the last good answer
        std::optional<ApiError> lastError; ///< error of the last attempt, cleared on success
        int consecutiveFailures = 0;
        qint64 attempts = 0;
    };

    explicit PollScheduler(QObject *parent = nullptr);
    ~PollScheduler() override;

    /// Registers a source (before or after start()). Names are unique; re-adding
    /// replaces.
    void addSource(const QString &name,
                   int intervalMs,
                   Fetch fetch,
                   const BackoffPolicy::Options &backoff = {});
    void setInterval(const QString &name, int intervalMs);

    void start(); ///< polls every source now, then on its interval
    void stop(); ///< no new polls; answers still in flight are dropped
    bool isRunning() const { return m_running; }

    /// Polls the source now unless it is in flight (a user's "refresh").
    void pollNow(const QString &name);

    SourceStatus status(const QString &name) const;
    QStringList sourceNames() const;

Q_SIGNALS:
    void sourceSucceeded(const QString &name);
    void sourceFailed(const QString &name, const ApiError &error);
    /// Fresh -> stale on the first failed attempt, stale -> fresh on the next
    /// success.
    void staleChanged(const QString &name, bool stale);

private:
    struct Source;
    void schedule(Source &source, qint64 delayMs);
    void poll(const QString &name);
    void finish(const QString &name, quint64 generation, const std::optional<ApiError> &error);

    QHash<QString, std::shared_ptr<Source>> m_sources;
    std::unique_ptr<QObject> m_context; ///< parent of in-flight callbacks; replaced on stop()
    QElapsedTimer m_clock;
    quint64 m_generation = 0;
    bool m_running = false;
};
