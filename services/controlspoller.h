#pragma once

#include "apierror.h"
#include "apiresult.h"
#include "opsdto.h"
#include "pollscheduler.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>

#include <functional>
#include <optional>

class OpsClient;

/// Polls what the operator controls act on: /api/integration-flags and /api/agents every 5 s,
/// /api/dead-letter/status every 2 s (every second while a replay runs). One request in flight
/// per source, backoff with jitter on failure (BackoffPolicy), each source knows when it was
/// last fresh. ConsoleSession owns one per connection; the controls pages render what it emits.
class ControlsPoller final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ControlsPoller)

public:
    enum class Source { Flags, Agents, DeadLetter };
    Q_ENUM(Source)

    struct Intervals
    {
        int flagsMs = 5000;
        int agentsMs = 5000;
        int deadLetterMs = 2000;
        int replayRunningMs = 1000; ///< dead-letter interval while a replay runs
    };

    explicit ControlsPoller(OpsClient *client, QObject *parent = nullptr);
    ControlsPoller(OpsClient *client, const Intervals &intervals, QObject *parent = nullptr);
    ~ControlsPoller() override;

    void start();
    void stop();
    bool isRunning() const;
    /// Polls a source now (after an action on it). A request in flight is left alone, but its
    /// answer (which may predate the action) is dropped and the source is polled again at once.
    void refreshNow(Source source);
    void refreshAll();

    const std::optional<FlagList> &flags() const { return m_flags; }
    const std::optional<AgentList> &agents() const { return m_agents; }
    const std::optional<DeadLetterStatus> &deadLetter() const { return m_deadLetter; }

    /// Local time of the source's last good answer (invalid if never).
    QDateTime lastSuccess(Source source) const;
    /// True once the source failed after its last good answer, or never answered.
    bool isStale(Source source) const;
    /// The client's sentence for the source's last failure (empty when fresh).
    QString staleReason(Source source) const;
    /// Freshness of one source: last good answer, last error, in flight, attempts.
    PollScheduler::SourceStatus sourceStatus(Source source) const;
    /// "integration flags", "agents", "dead-letter queue".
    static QString sourceName(Source source);

Q_SIGNALS:
    void flagsUpdated(const FlagList &flags);
    void agentsUpdated(const AgentList &agents);
    void deadLetterUpdated(const DeadLetterStatus &status);
    void sourceFailed(ControlsPoller::Source source, const ApiError &error);
    /// Fresh -> stale on the first failed attempt, stale -> fresh on the next success.
    void staleChanged(ControlsPoller::Source source, bool stale);

private:
    template<typename T>
    void addSource(Source source,
                   void (OpsClient::*call)(QObject *, std::function<void(const ApiResult<T> &)>),
                   void (ControlsPoller::*apply)(const T &));
    void applyFlags(const FlagList &flags);
    void applyAgents(const AgentList &agents);
    void applyDeadLetter(const DeadLetterStatus &status);
    int intervalOf(Source source) const;

    QPointer<OpsClient> m_client;
    Intervals m_intervals;
    PollScheduler m_scheduler;
    std::optional<FlagList> m_flags;
    std::optional<AgentList> m_agents;
    std::optional<DeadLetterStatus> m_deadLetter;
    /// Per source: refreshNow() came while a poll was in flight, so its answer is superseded.
    bool m_superseded[3] = {false, false, false};
};
