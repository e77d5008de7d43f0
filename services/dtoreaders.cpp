#include "dtoreaders.h"

using P = JsonReader::Presence;

namespace DtoReaders {

ModeState readMode(JsonReader r)
{
    ModeState m;
    m.enabled = r.boolean("enabled");
    m.reason = r.string("reason", P::Optional);
    m.since = r.dateTime("since", P::Optional);
    m.by = r.string("by", P::Optional);
    return m;
}

// The contract names emergencyMode {active, reason, activatedAt, activatedBy}; /api/ops/status
// shows "{…}", so the ModeState spelling (enabled/since/by) is accepted as well.
EmergencyMode readEmergency(JsonReader r)
{
    EmergencyMode e;
    e.active = (r.has("enabled") && !r.has("active")) ? r.boolean("enabled") : r.boolean("active");
    e.reason = r.string("reason", P::Optional);
    e.activatedAt
        = r.has("activatedAt") ? r.dateTime("activatedAt") : r.dateTime("since", P::Optional);
    e.activatedBy = r.has("activatedBy") ? r.string("activatedBy") : r.string("by", P::Optional);
    return e;
}

IntegrationFlag readFlag(JsonReader r)
{
    IntegrationFlag f;
    f.name = r.string("name");
    f.enabled = r.boolean("enabled");
    f.envVar = r.string("envVar", P::Optional);
    f.defaultEnabled = r.boolean("default", P::Optional);
    f.brownout = r.boolean("brownout", P::Optional);
    f.brownoutFallback = r.string("brownoutFallback", P::Optional);
    f.description = r.string("description", P::Optional);
    f.reason = r.string("reason", P::Optional);
    f.updatedAt = r.dateTime("updatedAt", P::Optional);
    f.updatedBy = r.string("updatedBy", P::Optional);
    return f;
}

Agent readAgent(JsonReader r)
{
    Agent a;
    a.id = r.string("id");
    a.name = r.string("name", P::Optional);
    a.description = r.string("description", P::Optional);
    const QString status = r.string("status");
    if (status == QLatin1String("active"))
        a.status = AgentStatus::Active;
    else if (status == QLatin1String("degraded"))
        a.status = AgentStatus::Degraded;
    else if (status == QLatin1String("quarantined"))
        a.status = AgentStatus::Quarantined;
    else if (!r.failed())
        r.fail(QStringLiteral("status"), QStringLiteral("has an unknown value '%1'").arg(status));
    a.queueDepth = r.integer("queueDepth");
    if (r.has("quarantine")) {
        JsonReader q = r.object("quarantine");
        Quarantine qu;
        qu.since = q.dateTime("since", P::Optional);
        qu.reason = q.string("reason", P::Optional);
        qu.by = q.string("by", P::Optional);
        qu.expiresAt = q.dateTime("expiresAt", P::Optional);
        a.quarantine = qu;
    }
    return a;
}

ReplayState readReplay(JsonReader r)
{
    ReplayState s;
    s.id = r.idString("id");
    const QString state = r.string("state");
    if (state == QLatin1String("running"))
        s.state = ReplayPhase::Running;
    else if (state == QLatin1String("paused"))
        s.state = ReplayPhase::Paused;
    else if (state == QLatin1String("done"))
        s.state = ReplayPhase::Done;
    else if (state == QLatin1String("stopped"))
        s.state = ReplayPhase::Stopped;
    else if (!r.failed())
        r.fail(QStringLiteral("state"), QStringLiteral("has an unknown value '%1'").arg(state));
    s.rateLimit = r.number("rateLimit");
    s.maxMessages = r.integer("maxMessages");
    s.replayed = r.integer("replayed");
    s.failed = r.integer("failed");
    s.remaining = r.integer("remaining");
    s.startedAt = r.dateTime("startedAt", P::Optional);
    return s;
}

DeadLetterRecord readRecord(JsonReader r)
{
    DeadLetterRecord d;
    d.id = r.idString("id");
    d.conduitId = r.string("conduitId", P::Optional);
    d.traceId = r.string("traceId", P::Optional);
    d.toolId = r.string("toolId", P::Optional);
    d.portId = r.string("portId", P::Optional);
    d.clusterId = r.string("clusterId", P::Optional);
    d.error = r.string("error", P::Optional);
    d.errorType = r.string("errorType");
    d.timestamp = r.dateTime("timestamp");
    d.attempts = int(r.integer("attempts", P::Optional));
    return d;
}

CircuitBreaker readBreaker(JsonReader r)
{
    CircuitBreaker b;
    b.name = r.string("name");
    const QString state = r.string("state");
    if (state == QLatin1String("closed"))
        b.state = BreakerState::Closed;
    else if (state == QLatin1String("open"))
        b.state = BreakerState::Open;
    else if (state == QLatin1String("half-open"))
        b.state = BreakerState::HalfOpen;
    else if (!r.failed())
        r.fail(QStringLiteral("state"), QStringLiteral("has an unknown value '%1'").arg(state));
    b.failureCount = int(r.integer("failureCount"));
    b.lastFailureAt = r.dateTime("lastFailureAt", P::Optional);
    b.nextAttemptAt = r.dateTime("nextAttemptAt", P::Optional);
    b.forced = r.boolean("forced", P::Optional);
    return b;
}

HealthGate readGate(JsonReader r)
{
    HealthGate g;
    g.serviceId = r.string("serviceId");
    g.name = r.string("name", P::Optional);
    g.ready = r.boolean("ready");
    g.consecutivePasses = int(r.integer("consecutivePasses"));
    g.requiredPasses = int(r.integer("requiredPasses"));
    g.critical = r.boolean("critical", P::Optional);
    g.lastCheck = r.dateTime("lastCheck", P::Optional);
    return g;
}

Dream readDream(JsonReader r)
{
    Dream d;
    d.id = r.idString("id");
    d.title = r.string("title");
    d.createdAt = r.dateTime("createdAt", P::Optional);
    return d;
}

} // namespace DtoReaders
