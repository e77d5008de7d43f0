#include "slaclock.h"

namespace {

SlaClock::Countdown countdown(const QDateTime &start,
                              qint64 targetSeconds,
                              const QDateTime &metAt,
                              double nearFraction,
                              const QDateTime &now)
{
    SlaClock::Countdown c;
    c.start = start;
    c.targetSeconds = targetSeconds;
    c.deadline = start.addSecs(targetSeconds);
    c.metAt = metAt;
    const QDateTime at = metAt.isValid() ? metAt : now;
    c.remainingSeconds = at.secsTo(c.deadline);
    if (metAt.isValid())
        c.state = SlaClock::State::Met;
    else if (c.remainingSeconds <= 0)
        c.state = SlaClock::State::Missed;
    else if (double(c.remainingSeconds) <= nearFraction * double(targetSeconds))
        c.state = SlaClock::State::Near;
    return c;
}

} // namespace

SlaClock::SlaClock(QObject *parent)
    : QObject(parent)
    , m_clock([] { return QDateTime::currentDateTimeUtc(); })
{
    connect(&m_timer, &QTimer::timeout, this, &SlaClock::tick);
}

SlaClock::Status
SlaClock::compute(const Incident &incident, const SlaPolicy &policy, const QDateTime &now)
{
    Status s;
    if (incident.id.isEmpty() || incident.severityHistory.isEmpty())
        return s;
    s.valid = true;
    s.severity = incident.severity;
    s.period = int(incident.severityHistory.size()) - 1;
    QDateTime start = incident.detectedAt;
    if (s.period > 0) {
        const SeverityPeriod &last = incident.severityHistory.constLast();
        start = last.since;
        s.restartedAt = last.since;
        s.restartReason = last.reason;
    }
    const SlaPolicy::Targets targets = policy.targets(incident.severity);
    QDateTime restored = incident.milestone(Milestone::ServiceRestored);
    if (!restored.isValid())
        restored = incident.resolvedAt;
    s.response
        = countdown(start, targets.responseSeconds, incident.milestone(Milestone::ResponseStarted),
                    policy.nearFraction, now);
    s.resolution = countdown(start, targets.resolutionSeconds, restored, policy.nearFraction, now);
    return s;
}

QString SlaClock::describe(const Countdown &c)
{
    const auto clock = [](qint64 seconds) {
        const qint64 h = seconds / 3600;
        const qint64 m = (seconds % 3600) / 60;
        const qint64 sec = seconds % 60;
        return h > 0 ? QStringLiteral("%1:%2:%3")
                           .arg(h)
                           .arg(m, 2, 10, QLatin1Char('0'))
                           .arg(sec, 2, 10, QLatin1Char('0'))
                     : QStringLiteral("%1:%2").arg(m).arg(sec, 2, 10, QLatin1Char('0'));
    };
    if (c.state == State::Met)
        return c.remainingSeconds >= 0
            ? QStringLiteral("met")
            : QStringLiteral("met late (%1 over)").arg(clock(-c.remainingSeconds));
    if (c.remainingSeconds <= 0)
        return QStringLiteral("overdue %1").arg(clock(-c.remainingSeconds));
    return QStringLiteral("%1 left").arg(clock(c.remainingSeconds));
}

QString SlaClock::whichName(Which which)
{
    return which == Which::Response ? QStringLiteral("response") : QStringLiteral("resolution");
}

void SlaClock::setPolicy(const SlaPolicy &policy)
{
    m_policy = policy;
    tick();
}

void SlaClock::setClock(Clock clock)
{
    m_clock = std::move(clock);
}

void SlaClock::setIncident(const Incident &incident)
{
    m_incident = incident;
    tick();
}

void SlaClock::clearIncident()
{
    m_incident.reset();
    Q_EMIT updated(Status {});
}

SlaClock::Status SlaClock::status() const
{
    return m_incident ? compute(*m_incident, m_policy, m_clock().toUTC()) : Status {};
}

void SlaClock::tick()
{
    const Status s = status();
    if (!s.valid)
        return;
    Q_EMIT updated(s);
    notify(Which::Response, s);
    notify(Which::Resolution, s);
}

void SlaClock::notify(Which which, const Status &s)
{
    const State state = which == Which::Response ? s.response.state : s.resolution.state;
    if (state != State::Near && state != State::Missed)
        return;
    const QString key = QStringLiteral("%1/%2/%3/%4")
                            .arg(m_incident->id)
                            .arg(s.period)
                            .arg(int(which))
                            .arg(int(state));
    if (m_notified.contains(key))
        return;
    m_notified.insert(key);
    if (state == State::Near)
        Q_EMIT nearing(which, s);
    else
        Q_EMIT missed(which, s);
}

void SlaClock::start(int intervalMs)
{
    m_timer.start(intervalMs);
    tick();
}

void SlaClock::stop()
{
    m_timer.stop();
}
