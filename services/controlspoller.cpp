#include "controlspoller.h"

#include "logging.h"
#include "opsclient.h"
#include "stalenessformatter.h"

#include <spdlog/spdlog.h>

#include <array>
#include <type_traits>
#include <utility>

namespace {

using Source = ControlsPoller::Source;

constexpr std::array kSources {Source::Flags, Source::Agents, Source::DeadLetter};

std::optional<Source> sourceFromName(const QString &name)
{
    for (Source source : kSources) {
        if (ControlsPoller::sourceName(source) == name)
            return source;
    }
    return std::nullopt;
}

bool replayRunning(const DeadLetterStatus &status)
{
    return status.replay && status.replay->state == ReplayPhase::Running;
}

} // namespace

ControlsPoller::ControlsPoller(OpsClient *client, QObject *parent)
    : ControlsPoller(client, Intervals {}, parent)
{ }

ControlsPoller::ControlsPoller(OpsClient *client, const Intervals &intervals, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_intervals(intervals)
{
    addSource(Source::Flags, &OpsClient::getFlags, &ControlsPoller::applyFlags);
    addSource(Source::Agents, &OpsClient::getAgents, &ControlsPoller::applyAgents);
    addSource(Source::DeadLetter, &OpsClient::getDeadLetterStatus,
              &ControlsPoller::applyDeadLetter);

    connect(&m_scheduler, &PollScheduler::sourceFailed, this,
            [this](const QString &name, const ApiError &error) {
                const auto source = sourceFromName(name);
                if (!source)
                    return;
                Logging::get("services")
                    ->debug("{} poll failed: {}", name.toStdString(),
                            error.userMessage().toStdString());
                Q_EMIT sourceFailed(*source, error);
            });
    connect(&m_scheduler, &PollScheduler::staleChanged, this,
            [this](const QString &name, bool stale) {
                if (const auto source = sourceFromName(name))
                    Q_EMIT staleChanged(*source, stale);
            });
}

ControlsPoller::~ControlsPoller()
{
    m_scheduler.stop();
}

template<typename T>
void ControlsPoller::addSource(Source source,
                               void (OpsClient::*call)(QObject *,
                                                       std::function<void(const ApiResult<T> &)>),
                               void (ControlsPoller::*apply)(const T &))
{
    m_scheduler.addSource(
        sourceName(source), intervalOf(source),
        [this, source, call, apply](QObject *context, PollScheduler::Done done) {
            if (!m_client) {
                ApiError gone;
                gone.kind = ApiError::Kind::Cancelled;
                gone.detail = QStringLiteral("the connection was closed");
                return done(gone);
            }
            m_superseded[int(source)] = false;
            (m_client.data()->*call)(
                context, [this, source, apply, done](const ApiResult<T> &result) {
                    if constexpr (std::is_same_v<T, DeadLetterStatus>) {
                        // Before done(): the scheduler plans the next poll with this interval.
                        if (result.ok())
                            m_scheduler.setInterval(sourceName(source),
                                                    replayRunning(result.value())
                                                        ? m_intervals.replayRunningMs
                                                        : m_intervals.deadLetterMs);
                    }
                    done(result.ok() ? std::nullopt : std::optional<ApiError>(result.error()));
                    if (!result.ok())
                        return;
                    if (std::exchange(m_superseded[int(source)], false)) {
                        // Started before an action on this source: ask again rather than show the
                        // state from before the action.
                        m_scheduler.pollNow(sourceName(source));
                        return;
                    }
                    (this->*apply)(result.value());
                });
        });
}

int ControlsPoller::intervalOf(Source source) const
{
    switch (source) {
    case Source::Flags:
        return m_intervals.flagsMs;
    case Source::Agents:
        return m_intervals.agentsMs;
    case Source::DeadLetter:
        break;
    }
    return m_deadLetter && replayRunning(*m_deadLetter) ? m_intervals.replayRunningMs
                                                        : m_intervals.deadLetterMs;
}

void ControlsPoller::start()
{
    m_scheduler.start();
}

void ControlsPoller::stop()
{
    m_scheduler.stop();
}

bool ControlsPoller::isRunning() const
{
    return m_scheduler.isRunning();
}

void ControlsPoller::refreshNow(Source source)
{
    const QString name = sourceName(source);
    if (m_scheduler.status(name).inFlight)
        m_superseded[int(source)] = true;
    else
        m_scheduler.pollNow(name);
}

void ControlsPoller::refreshAll()
{
    for (Source source : kSources)
        refreshNow(source);
}

QDateTime ControlsPoller::lastSuccess(Source source) const
{
    const auto last = sourceStatus(source).lastSuccess;
    return last ? last->toLocalTime() : QDateTime();
}

bool ControlsPoller::isStale(Source source) const
{
    return sourceStatus(source).stale;
}

QString ControlsPoller::staleReason(Source source) const
{
    return StalenessFormatter::describe(sourceStatus(source), QDateTime::currentDateTimeUtc());
}

PollScheduler::SourceStatus ControlsPoller::sourceStatus(Source source) const
{
    return m_scheduler.status(sourceName(source));
}

QString ControlsPoller::sourceName(Source source)
{
    switch (source) {
    case Source::Flags:
        return QStringLiteral("integration flags");
    case Source::Agents:
        return QStringLiteral("agents");
    case Source::DeadLetter:
        break;
    }
    return QStringLiteral("dead-letter queue");
}

void ControlsPoller::applyFlags(const FlagList &flags)
{
    m_flags = flags;
    Q_EMIT flagsUpdated(flags);
}

void ControlsPoller::applyAgents(const AgentList &agents)
{
    m_agents = agents;
    Q_EMIT agentsUpdated(agents);
}

void ControlsPoller::applyDeadLetter(const DeadLetterStatus &status)
{
    m_deadLetter = status;
    Q_EMIT deadLetterUpdated(status);
}
