#include "agenttablemodel.h"

#include "consolesession.h"
#include "snapshotdiff.h"

namespace {

bool sameQuarantine(const std::optional<Quarantine> &a, const std::optional<Quarantine> &b)
{
    if (a.has_value() != b.has_value())
        return false;
    return !a
        || (a->since == b->since && a->reason == b->reason && a->by == b->by
            && a->expiresAt == b->expiresAt);
}

} // namespace

AgentTableModel::AgentTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

QString AgentTableModel::statusText(AgentStatus status)
{
    switch (status) {
    case AgentStatus::Active:
        return tr("active");
    case AgentStatus::Degraded:
        return tr("degraded");
    case AgentStatus::Quarantined:
        return tr("QUARANTINED");
    }
    return {};
}

void AgentTableModel::setAgents(const QList<Agent> &agents)
{
    const auto changes = SnapshotDiff::compare(
        m_agents, agents, [](const Agent &a, const Agent &b) { return a.id == b.id; },
        [](const Agent &a, const Agent &b) {
            return a.name == b.name && a.status == b.status && a.queueDepth == b.queueDepth
                && a.description == b.description && sameQuarantine(a.quarantine, b.quarantine);
        });
    if (changes.reset) {
        beginResetModel();
        m_agents = agents;
        endResetModel();
        return;
    }
    for (int row : changes.changedRows) {
        m_agents[row] = agents.at(row);
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
}

int AgentTableModel::rowOf(const QString &agentId) const
{
    for (int row = 0; row < m_agents.size(); ++row) {
        if (m_agents.at(row).id == agentId)
            return row;
    }
    return -1;
}

std::optional<Agent> AgentTableModel::agent(const QString &agentId) const
{
    const int row = rowOf(agentId);
    return row < 0 ? std::nullopt : std::optional<Agent>(m_agents.at(row));
}

void AgentTableModel::setPending(const QString &agentId, bool pending)
{
    const bool changed = pending ? !m_pending.contains(agentId) : m_pending.remove(agentId);
    if (pending)
        m_pending.insert(agentId);
    const int row = rowOf(agentId);
    if (changed && row >= 0)
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void AgentTableModel::setStatusIcon(AgentStatus status, const QIcon &icon)
{
    m_icons.insert(int(status), icon);
    if (!m_agents.isEmpty()) {
        Q_EMIT dataChanged(index(0, StatusColumn), index(rowCount() - 1, StatusColumn),
                           {Qt::DecorationRole});
    }
}

int AgentTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_agents.size());
}

int AgentTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AgentTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Agent &agent = m_agents.at(index.row());
    switch (role) {
    case StatusRole:
        return int(agent.status);
    case IdRole:
        return agent.id;
    case PendingRole:
        return m_pending.contains(agent.id);
    case QuarantinedRole:
        return agent.status == AgentStatus::Quarantined;
    case Qt::DisplayRole:
        return display(agent, index.column());
    case SortRole:
        return sortValue(agent, index.column());
    case Qt::DecorationRole:
        if (index.column() == StatusColumn)
            return m_icons.value(int(agent.status));
        break;
    case Qt::ToolTipRole:
        if (index.column() == IdColumn || index.column() == NameColumn)
            return agent.description.isEmpty() ? QVariant() : QVariant(agent.description);
        if (index.column() == WhyColumn && agent.quarantine)
            return agent.quarantine->reason;
        break;
    case Qt::TextAlignmentRole:
        return index.column() == QueueDepthColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                                                  : QVariant();
    }
    return {};
}

QVariant AgentTableModel::display(const Agent &agent, int column) const
{
    const std::optional<Quarantine> &q = agent.quarantine;
    switch (column) {
    case IdColumn:
        return agent.id;
    case NameColumn:
        return agent.name;
    case StatusColumn:
        return m_pending.contains(agent.id) ? tr("%1 — sending…").arg(statusText(agent.status))
                                            : statusText(agent.status);
    case QueueDepthColumn:
        return agent.queueDepth;
    case SinceColumn:
        return q ? ConsoleSession::formatTime(q->since) : QStringLiteral("—");
    case ByColumn:
        return q && !q->by.isEmpty() ? q->by : QStringLiteral("—");
    case WhyColumn:
        return q && !q->reason.isEmpty() ? q->reason : QStringLiteral("—");
    case UntilColumn:
        if (!q)
            return QStringLiteral("—");
        return q->expiresAt.isValid() ? ConsoleSession::formatTime(q->expiresAt)
                                      : tr("until released");
    }
    return {};
}

QVariant AgentTableModel::sortValue(const Agent &agent, int column) const
{
    const std::optional<Quarantine> &q = agent.quarantine;
    switch (column) {
    case IdColumn:
        return agent.id;
    case NameColumn:
        return agent.name;
    case StatusColumn:
        return int(agent.status);
    case QueueDepthColumn:
        return agent.queueDepth;
    case SinceColumn:
        return q ? q->since : QDateTime();
    case ByColumn:
        return q ? q->by : QString();
    case WhyColumn:
        return q ? q->reason : QString();
    case UntilColumn:
        return q ? q->expiresAt : QDateTime();
    }
    return {};
}

QVariant AgentTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case IdColumn:
        return tr("Agent");
    case NameColumn:
        return tr("Name");
    case StatusColumn:
        return tr("Status");
    case QueueDepthColumn:
        return tr("Queue");
    case SinceColumn:
        return tr("Quarantined since");
    case ByColumn:
        return tr("By");
    case WhyColumn:
        return tr("Why");
    case UntilColumn:
        return tr("Until");
    }
    return {};
}
