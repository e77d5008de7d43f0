// The names and sentences of ActionRequest (declared in actioncontroller.h): journal action
// names, the one-line summary a dialog shows, and the runbook's words for what an action does.
#include "actioncontroller.h"

namespace {

QString onOff(bool enable, const char *what)
{
    return (enable ? QStringLiteral("Turn on ") : QStringLiteral("Turn off "))
        + QLatin1String(what);
}

QString flagLabel(const QString &flag)
{
    if (flag == QLatin1String("citadel_enabled"))
        return QStringLiteral("Citadel");
    if (flag == QLatin1String("drone_dome_scan_enabled"))
        return QStringLiteral("DroneDome scanning");
    if (flag == QLatin1String("ai_embeddings_enabled"))
        return QStringLiteral("AI embeddings");
    if (flag == QLatin1String("latent_collaboration_enabled"))
        return QStringLiteral("latent collaboration");
    if (flag == QLatin1String("dreamkeeper_enabled"))
        return QStringLiteral("DreamKeeper");
    return flag;
}

QString flagEffect(const QString &flag, bool enable)
{
    if (flag == QLatin1String("ai_embeddings_enabled"))
        return enable ? QStringLiteral("AI embeddings are computed by the AI service again.")
                      : QStringLiteral("AI embeddings stop; the service uses the hash-based "
                                       "fallback.");
    return enable ? QStringLiteral("Turns %1 back on.").arg(flagLabel(flag))
                  : QStringLiteral("Turns %1 off (kill switch).").arg(flagLabel(flag));
}

} // namespace

QString ActionRequest::actionName() const
{
    const QString toggle = enable ? QStringLiteral(".enable") : QStringLiteral(".disable");
    switch (kind) {
    case Kind::SafeMode:
        return QStringLiteral("safe-mode") + toggle;
    case Kind::WriteDrain:
        return QStringLiteral("write-drain") + toggle;
    case Kind::EmergencyMode:
        return QStringLiteral("emergency-mode") + toggle;
    case Kind::Flag:
        return QStringLiteral("flag") + toggle;
    case Kind::QuarantineAgent:
        return QStringLiteral("agent.quarantine");
    case Kind::ReleaseAgent:
        return QStringLiteral("agent.release");
    case Kind::StartReplay:
        return QStringLiteral("dlq.replay.start");
    case Kind::StopReplay:
        return QStringLiteral("dlq.replay.stop");
    case Kind::TripBreaker:
        return QStringLiteral("breaker.trip");
    case Kind::ResetBreaker:
        return QStringLiteral("breaker.reset");
    case Kind::RestartService:
        return QStringLiteral("service.restart");
    }
    return {};
}

QString ActionRequest::summary() const
{
    switch (kind) {
    case Kind::SafeMode:
        return onOff(enable, "safe mode");
    case Kind::WriteDrain:
        return onOff(enable, "write drain");
    case Kind::EmergencyMode:
        return onOff(enable, "emergency mode");
    case Kind::Flag:
        return (enable ? QStringLiteral("Enable flag ") : QStringLiteral("Disable flag ")) + target;
    case Kind::QuarantineAgent:
        return durationSeconds
            ? QStringLiteral("Quarantine agent %1 for %2 s").arg(target).arg(*durationSeconds)
            : QStringLiteral("Quarantine agent %1").arg(target);
    case Kind::ReleaseAgent:
        return QStringLiteral("Release agent %1").arg(target);
    case Kind::StartReplay:
        return QStringLiteral("Replay up to %1 dead letters at %2/s")
            .arg(replay.maxMessages)
            .arg(replay.rateLimit);
    case Kind::StopReplay:
        return QStringLiteral("Stop the dead-letter replay");
    case Kind::TripBreaker:
        return QStringLiteral("Trip breaker %1").arg(target);
    case Kind::ResetBreaker:
        return QStringLiteral("Reset breaker %1").arg(target);
    case Kind::RestartService:
        return QStringLiteral("Restart the service");
    }
    return {};
}

QString ActionRequest::effect() const
{
    switch (kind) {
    case Kind::SafeMode:
        return enable ? QStringLiteral("Disables tool use and external calls (AI calls take the "
                                       "fallback path).")
                      : QStringLiteral("Tool use and external calls resume.");
    case Kind::WriteDrain:
        return enable ? QStringLiteral("Rejects new writes with 503; reads keep working.")
                      : QStringLiteral("New writes are accepted again.");
    case Kind::EmergencyMode:
        return enable ? QStringLiteral("Every integration flag reads as disabled until it is "
                                       "turned off.")
                      : QStringLiteral("Every integration flag reads its own state again.");
    case Kind::Flag:
        return flagEffect(target, enable);
    case Kind::QuarantineAgent: {
        QString text = QStringLiteral("The agent takes no new work; its queue stops growing.");
        if (durationSeconds)
            text += QStringLiteral(" It is released on its own after %1 s.").arg(*durationSeconds);
        return text;
    }
    case Kind::ReleaseAgent:
        return QStringLiteral("The agent takes new work again.");
    case Kind::StartReplay: {
        QString text = QStringLiteral("Moves up to %1 messages back to their conduits at %2/s; "
                                      "a message that fails again returns to the queue.")
                           .arg(replay.maxMessages)
                           .arg(replay.rateLimit);
        if (!replay.errorType.isEmpty())
            text += QStringLiteral(" Only %1 errors.").arg(replay.errorType);
        if (!replay.conduitId.isEmpty())
            text += QStringLiteral(" Only conduit %1.").arg(replay.conduitId);
        return text;
    }
    case Kind::StopReplay:
        return QStringLiteral("Stops moving dead letters; the rest stay in the queue.");
    case Kind::TripBreaker:
        return QStringLiteral("Forces the breaker open: calls through it fail fast until it is "
                              "reset.");
    case Kind::ResetBreaker:
        return QStringLiteral("Closes the breaker and clears its failure count.");
    case Kind::RestartService:
        return QStringLiteral("Restarts the service gracefully: memory and uptime reset, modes "
                              "are kept; ready answers 503 for a few seconds.");
    }
    return {};
}

std::optional<QString> ActionRequest::problem() const
{
    const bool needsTarget = kind == Kind::Flag || kind == Kind::QuarantineAgent
        || kind == Kind::ReleaseAgent || kind == Kind::TripBreaker || kind == Kind::ResetBreaker;
    if (needsTarget && target.trimmed().isEmpty()) {
        if (kind == Kind::Flag)
            return QStringLiteral("Name the flag to change.");
        if (kind == Kind::QuarantineAgent || kind == Kind::ReleaseAgent)
            return QStringLiteral("Name the agent.");
        return QStringLiteral("Name the circuit breaker.");
    }
    if (reason.trimmed().isEmpty())
        return QStringLiteral("A reason is required.");
    if (reason.size() > ActionController::kMaxReasonLength)
        return QStringLiteral("The reason is %1 characters long; at most %2 are allowed.")
            .arg(reason.size())
            .arg(ActionController::kMaxReasonLength);
    if (kind == Kind::QuarantineAgent && durationSeconds
        && (*durationSeconds < 1 || *durationSeconds > 86400))
        return QStringLiteral("Duration must be 1-86400 seconds.");
    if (kind == Kind::StartReplay) {
        if (replay.rateLimit < 1 || replay.rateLimit > 1000)
            return QStringLiteral("Rate cap must be 1-1000 messages/s.");
        if (replay.maxMessages < 1 || replay.maxMessages > 100000)
            return QStringLiteral("Maximum must be 1-100000 messages.");
    }
    return std::nullopt;
}
