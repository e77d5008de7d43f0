#include "actionanswer.h"

namespace {

QJsonValue time(const QDateTime &t)
{
    return t.isValid() ? QJsonValue(t.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue();
}

QJsonValue text(const QString &s)
{
    return s.isNull() ? QJsonValue() : QJsonValue(s);
}

QJsonObject wrap(const char *key, const QJsonObject &value)
{
    return {{QLatin1String("ok"), true}, {QLatin1String(key), value}};
}

QJsonObject mode(const ModeState &m)
{
    return {{QLatin1String("enabled"), m.enabled},
            {QLatin1String("reason"), text(m.reason)},
            {QLatin1String("since"), time(m.since)},
            {QLatin1String("by"), text(m.by)}};
}

QString agentStatus(AgentStatus s)
{
    switch (s) {
    case AgentStatus::Active:
        return QStringLiteral("active");
    case AgentStatus::Degraded:
        return QStringLiteral("degraded");
    case AgentStatus::Quarantined:
        return QStringLiteral("quarantined");
    }
    return {};
}

QString replayPhase(ReplayPhase p)
{
    switch (p) {
    case ReplayPhase::Running:
        return QStringLiteral("running");
    case ReplayPhase::Paused:
        return QStringLiteral("paused");
    case ReplayPhase::Done:
        return QStringLiteral("done");
    case ReplayPhase::Stopped:
        return QStringLiteral("stopped");
    }
    return {};
}

QString breakerState(BreakerState s)
{
    switch (s) {
    case BreakerState::Closed:
        return QStringLiteral("closed");
    case BreakerState::Open:
        return QStringLiteral("open");
    case BreakerState::HalfOpen:
        return QStringLiteral("half-open");
    }
    return {};
}

} // namespace

namespace ActionAnswer {

QJsonObject safeMode(const ModeState &m)
{
    return wrap("safeMode", mode(m));
}

QJsonObject writeDrain(const ModeState &m)
{
    return wrap("writeDrain", mode(m));
}

QJsonObject emergencyMode(const EmergencyMode &m)
{
    return wrap("emergencyMode",
                {{QLatin1String("active"), m.active},
                 {QLatin1String("reason"), text(m.reason)},
                 {QLatin1String("activatedAt"), time(m.activatedAt)},
                 {QLatin1String("activatedBy"), text(m.activatedBy)}});
}

QJsonObject flag(const IntegrationFlag &f)
{
    return wrap("flag",
                {{QLatin1String("name"), f.name},
                 {QLatin1String("enabled"), f.enabled},
                 {QLatin1String("envVar"), f.envVar},
                 {QLatin1String("default"), f.defaultEnabled},
                 {QLatin1String("brownout"), f.brownout},
                 {QLatin1String("brownoutFallback"), text(f.brownoutFallback)},
                 {QLatin1String("description"), f.description},
                 {QLatin1String("reason"), text(f.reason)},
                 {QLatin1String("updatedAt"), time(f.updatedAt)},
                 {QLatin1String("updatedBy"), text(f.updatedBy)}});
}

QJsonObject agent(const Agent &a)
{
    QJsonValue quarantine;
    if (a.quarantine)
        quarantine = QJsonObject {{QLatin1String("since"), time(a.quarantine->since)},
                                  {QLatin1String("reason"), text(a.quarantine->reason)},
                                  {QLatin1String("by"), text(a.quarantine->by)},
                                  {QLatin1String("expiresAt"), time(a.quarantine->expiresAt)}};
    return wrap("agent",
                {{QLatin1String("id"), a.id},
                 {QLatin1String("name"), a.name},
                 {QLatin1String("description"), a.description},
                 {QLatin1String("status"), agentStatus(a.status)},
                 {QLatin1String("queueDepth"), a.queueDepth},
                 {QLatin1String("quarantine"), quarantine}});
}

QJsonObject replay(const ReplayState &r)
{
    return wrap("replay",
                {{QLatin1String("id"), r.id},
                 {QLatin1String("state"), replayPhase(r.state)},
                 {QLatin1String("rateLimit"), r.rateLimit},
                 {QLatin1String("maxMessages"), r.maxMessages},
                 {QLatin1String("replayed"), r.replayed},
                 {QLatin1String("failed"), r.failed},
                 {QLatin1String("remaining"), r.remaining},
                 {QLatin1String("startedAt"), time(r.startedAt)}});
}

QJsonObject breaker(const CircuitBreaker &b)
{
    return wrap("breaker",
                {{QLatin1String("name"), b.name},
                 {QLatin1String("state"), breakerState(b.state)},
                 {QLatin1String("failureCount"), b.failureCount},
                 {QLatin1String("lastFailureAt"), time(b.lastFailureAt)},
                 {QLatin1String("nextAttemptAt"), time(b.nextAttemptAt)},
                 {QLatin1String("forced"), b.forced}});
}

QJsonObject acknowledgement(const Acknowledgement &ack)
{
    return ack.body;
}

} // namespace ActionAnswer
