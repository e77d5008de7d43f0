#include "agentboard.h"

#include "simclock.h"

#include <algorithm>
#include <cmath>

namespace {
using L1 = QLatin1String;
}

AgentBoard::AgentBoard()
{
    const auto add
        = [this](const char *id, const char *name, const char *description, double target) {
              m_agents.append(Agent {QString::fromLatin1(id), QString::fromLatin1(name),
                                     QString::fromLatin1(description), target, target});
          };
    add("citadel", "Citadel", "Security scanning and policy enforcement for dreams.", 9);
    add("drone-dome", "Drone Dome", "Perimeter scans of the network edge.", 8);
    add("dreamkeeper", "DreamKeeper", "Embeds and indexes new dreams (uses OpenAI).", 5);
    add("deploykeeper", "DeployKeeper", "Watches deployments and rollbacks.", 2);
    add("relaybot", "RelayBot", "Relays events between conduits.", 4);
    add("envkeeper", "EnvKeeper", "Checks environment configuration drift.", 1);
}

AgentBoard::Agent *AgentBoard::find(const QString &id)
{
    for (Agent &agent : m_agents) {
        if (agent.id == id)
            return &agent;
    }
    return nullptr;
}

const AgentBoard::Agent *AgentBoard::find(const QString &id) const
{
    return const_cast<AgentBoard *>(this)->find(id);
}

bool AgentBoard::isQuarantined(const QString &id) const
{
    const Agent *agent = find(id);
    return agent && agent->quarantined;
}

int AgentBoard::quarantinedCount() const
{
    return int(std::count_if(m_agents.cbegin(), m_agents.cend(),
                             [](const Agent &a) { return a.quarantined; }));
}

double AgentBoard::totalDepth() const
{
    double total = 0;
    for (const Agent &agent : m_agents)
        total += std::round(agent.queueDepth);
    return total;
}

bool AgentBoard::quarantine(const QString &id,
                            const QString &reason,
                            const QString &by,
                            qint64 nowMs,
                            qint64 durationSeconds)
{
    Agent *agent = find(id);
    if (!agent)
        return false;
    if (agent->quarantined)
        return true;
    agent->quarantined = true;
    agent->sinceMs = nowMs;
    agent->reason = reason;
    agent->by = by;
    agent->expiresAtMs = durationSeconds > 0 ? nowMs + durationSeconds * 1000 : 0;
    return true;
}

bool AgentBoard::release(const QString &id)
{
    Agent *agent = find(id);
    if (!agent)
        return false;
    agent->quarantined = false;
    agent->sinceMs = 0;
    agent->reason.clear();
    agent->by.clear();
    agent->expiresAtMs = 0;
    return true;
}

QJsonObject AgentBoard::toJson(const Agent &a)
{
    QJsonValue quarantine(QJsonValue::Null);
    if (a.quarantined) {
        quarantine = QJsonObject {{L1("since"), SimClock::toIso(a.sinceMs)},
                                  {L1("reason"), a.reason},
                                  {L1("by"), a.by},
                                  {L1("expiresAt"),
                                   a.expiresAtMs > 0 ? QJsonValue(SimClock::toIso(a.expiresAtMs))
                                                     : QJsonValue(QJsonValue::Null)}};
    }
    const QString status = a.quarantined ? QStringLiteral("quarantined")
        : a.degraded                     ? QStringLiteral("degraded")
                                         : QStringLiteral("active");
    return QJsonObject {{L1("id"), a.id},
                        {L1("name"), a.name},
                        {L1("description"), a.description},
                        {L1("status"), status},
                        {L1("queueDepth"), qint64(std::round(a.queueDepth))},
                        {L1("quarantine"), quarantine}};
}

QJsonArray AgentBoard::toJson() const
{
    QJsonArray array;
    for (const Agent &agent : m_agents)
        array.append(toJson(agent));
    return array;
}
