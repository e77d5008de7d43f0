#include "gateboard.h"

#include "simclock.h"

#include <QJsonObject>

#include <algorithm>

GateBoard::GateBoard()
{
    const auto add = [this](const char *id, const char *name, bool critical) {
        m_gates.append(Gate {QString::fromLatin1(id), QString::fromLatin1(name), critical});
    };
    add("database", "PostgreSQL database", true);
    add("auth", "Auth service", true);
    add("cache", "Redis cache", false);
    add("openai", "OpenAI API", false);
    add("stripe", "Stripe payments", false);
}

void GateBoard::check(const QString &serviceId, bool passing, qint64 nowMs)
{
    for (Gate &gate : m_gates) {
        if (gate.serviceId != serviceId)
            continue;
        gate.consecutivePasses = passing ? std::min(gate.consecutivePasses + 1, 1000) : 0;
        gate.lastCheckMs = nowMs;
    }
}

void GateBoard::resetAll()
{
    for (Gate &gate : m_gates)
        gate.consecutivePasses = 0;
}

bool GateBoard::ready() const
{
    return std::all_of(m_gates.cbegin(), m_gates.cend(), [](const Gate &g) { return g.ready(); });
}

bool GateBoard::criticalReady() const
{
    return std::all_of(m_gates.cbegin(), m_gates.cend(),
                       [](const Gate &g) { return !g.critical || g.ready(); });
}

QJsonArray GateBoard::toJson() const
{
    using L1 = QLatin1String;
    QJsonArray array;
    for (const Gate &g : m_gates) {
        array.append(
            QJsonObject {{L1("serviceId"), g.serviceId},
                         {L1("name"), g.name},
                         {L1("ready"), g.ready()},
                         {L1("consecutivePasses"), std::min(g.consecutivePasses, g.requiredPasses)},
                         {L1("requiredPasses"), g.requiredPasses},
                         {L1("critical"), g.critical},
                         {L1("lastCheck"),
                          g.lastCheckMs > 0 ? QJsonValue(SimClock::toIso(g.lastCheckMs))
                                            : QJsonValue(QJsonValue::Null)}});
    }
    return array;
}
