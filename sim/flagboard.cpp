#include "flagboard.h"

#include "simclock.h"

namespace {
using L1 = QLatin1String;

QJsonValue stringOrNull(const QString &value)
{
    return value.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(value);
}

QJsonValue timeOrNull(qint64 ms)
{
    return ms > 0 ? QJsonValue(SimClock::toIso(ms)) : QJsonValue(QJsonValue::Null);
}
} // namespace

FlagBoard::FlagBoard()
{
    const auto add = [this](const char *name, const char *env, bool on, const char *fallback,
                            const char *description) {
        Flag flag;
        flag.name = QString::fromLatin1(name);
        flag.envVar = QString::fromLatin1(env);
        flag.defaultOn = on;
        flag.enabled = on;
        flag.brownoutFallback = QString::fromLatin1(fallback);
        flag.description = QString::fromLatin1(description);
        m_flags.append(flag);
    };
    add("citadel_enabled", "CITADEL_ENABLED", true, "", "Citadel security agent takes work.");
    add("drone_dome_scan_enabled", "DOME_SCAN_ENABLED", true, "", "Drone Dome perimeter scans.");
    add("ai_embeddings_enabled", "AI_EMBEDDINGS_ENABLED", true, "hash-based embeddings",
        "OpenAI embeddings for new dreams.");
    add("latent_collaboration_enabled", "USE_LATENT_COLLABORATION", false, "",
        "Latent collaboration between agents.");
    add("dreamkeeper_enabled", "DREAMKEEPER_ENABLED", true, "", "DreamKeeper indexing agent.");
}

const FlagBoard::Flag *FlagBoard::find(const QString &name) const
{
    for (const Flag &flag : m_flags) {
        if (flag.name == name)
            return &flag;
    }
    return nullptr;
}

bool FlagBoard::set(
    const QString &name, bool enabled, const QString &reason, const QString &by, qint64 nowMs)
{
    for (Flag &flag : m_flags) {
        if (flag.name != name)
            continue;
        flag.enabled = enabled;
        flag.reason = reason;
        flag.updatedBy = by;
        flag.updatedAtMs = nowMs;
        return true;
    }
    return false;
}

bool FlagBoard::effective(const QString &name) const
{
    const Flag *flag = find(name);
    return flag && flag->enabled && !m_emergency.active;
}

void FlagBoard::setEmergency(bool active, const QString &reason, const QString &by, qint64 nowMs)
{
    m_emergency.active = active;
    m_emergency.reason = reason;
    m_emergency.activatedBy = by;
    m_emergency.activatedAtMs = nowMs;
}

QJsonObject FlagBoard::toJson(const Flag &flag) const
{
    const bool on = effective(flag.name);
    return QJsonObject {{L1("name"), flag.name},
                        {L1("enabled"), on},
                        {L1("envVar"), flag.envVar},
                        {L1("default"), flag.defaultOn},
                        {L1("brownout"), !flag.brownoutFallback.isEmpty()}, // has a fallback
                        {L1("brownoutFallback"), stringOrNull(flag.brownoutFallback)},
                        {L1("description"), flag.description},
                        {L1("reason"), stringOrNull(flag.reason)},
                        {L1("updatedAt"), timeOrNull(flag.updatedAtMs)},
                        {L1("updatedBy"), stringOrNull(flag.updatedBy)}};
}

QJsonArray FlagBoard::toJson() const
{
    QJsonArray array;
    for (const Flag &flag : m_flags)
        array.append(toJson(flag));
    return array;
}

QJsonObject FlagBoard::emergencyJson() const
{
    return QJsonObject {{L1("active"), m_emergency.active},
                        {L1("reason"), stringOrNull(m_emergency.reason)},
                        {L1("activatedAt"), timeOrNull(m_emergency.activatedAtMs)},
                        {L1("activatedBy"), stringOrNull(m_emergency.activatedBy)}};
}
