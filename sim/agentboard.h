#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

// The simulated agents with their queue depths and quarantine records. SimEngine moves the queues
// every simulated second; operators quarantine and release agents.
class AgentBoard final
{
public:
    struct Agent
    {
        QString id;
        QString name;
        QString description;
        double queueDepth = 0;
        double targetDepth = 0;
        bool degraded = false;
        bool quarantined = false;
        qint64 sinceMs = 0;
        QString reason;
        QString by;
        qint64 expiresAtMs = 0; ///< 0 = until released
    };

    AgentBoard();

    Agent *find(const QString &id);
    const Agent *find(const QString &id) const;
    QList<Agent> &all() { return m_agents; }
    const QList<Agent> &all() const { return m_agents; }
    bool isQuarantined(const QString &id) const;
    int quarantinedCount() const;
    double totalDepth() const;

    /// Returns false when the agent is unknown. Quarantining a quarantined agent changes nothing.
    bool quarantine(const QString &id,
                    const QString &reason,
                    const QString &by,
                    qint64 nowMs,
                    qint64 durationSeconds);
    bool release(const QString &id);

    static QJsonObject toJson(const Agent &agent);
    QJsonArray toJson() const;

private:
    QList<Agent> m_agents;
};
