#pragma once

#include "opsdto.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QIcon>
#include <QList>
#include <QSet>

// The agents of /api/agents as a table: id, name, status (words plus an icon, never colour
// alone), queue depth and the quarantine's since / by / why / until. Fed by ControlsPoller on
// every poll; the agents page marks a row pending while a quarantine or release is in flight.
class AgentTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AgentTableModel)

public:
    enum Column {
        IdColumn,
        NameColumn,
        StatusColumn,
        QueueDepthColumn,
        SinceColumn,
        ByColumn,
        WhyColumn,
        UntilColumn,
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole + 1, ///< raw value for sorting
        StatusRole, ///< int(AgentStatus)
        IdRole, ///< the agent's id, whatever the column
        PendingRole, ///< bool: an action on this agent is in flight
        QuarantinedRole, ///< bool
    };

    explicit AgentTableModel(QObject *parent = nullptr);

    void setAgents(const QList<Agent> &agents);
    const QList<Agent> &agents() const { return m_agents; }
    /// Row of the agent with this id, -1 if not shown.
    int rowOf(const QString &agentId) const;
    std::optional<Agent> agent(const QString &agentId) const;

    /// Marks an agent's row as waiting for the server (kept across polls until cleared).
    void setPending(const QString &agentId, bool pending);
    bool isPending(const QString &agentId) const { return m_pending.contains(agentId); }

    /// The status column's DecorationRole (the GUI passes StateBadge's glyphs).
    void setStatusIcon(AgentStatus status, const QIcon &icon);

    static QString statusText(AgentStatus status); ///< "active", "degraded", "QUARANTINED"

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant
    headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant display(const Agent &agent, int column) const;
    QVariant sortValue(const Agent &agent, int column) const;

    QList<Agent> m_agents;
    QSet<QString> m_pending;
    QHash<int, QIcon> m_icons;
};
