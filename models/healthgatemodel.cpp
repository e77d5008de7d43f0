#include "healthgatemodel.h"

#include "snapshotdiff.h"
#include "stalenessformatter.h"

#include <QLocale>

HealthGateModel::HealthGateModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void HealthGateModel::setGates(const QList<HealthGate> &gates, const QDateTime &serverNow)
{
    const bool clockMoved = serverNow != m_serverNow;
    m_serverNow = serverNow;
    const auto changes = SnapshotDiff::compare(
        m_gates, gates, [](const HealthGate &a, const HealthGate &b) { return a.name == b.name; },
        [](const HealthGate &a, const HealthGate &b) {
            return a.ready == b.ready && a.consecutivePasses == b.consecutivePasses
                && a.requiredPasses == b.requiredPasses && a.critical == b.critical
                && a.lastCheck == b.lastCheck && a.serviceId == b.serviceId;
        });
    if (changes.reset) {
        beginResetModel();
        m_gates = gates;
        endResetModel();
        return;
    }
    for (int row : changes.changedRows) {
        m_gates[row] = gates.at(row);
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
    if (clockMoved && !m_gates.isEmpty())
        Q_EMIT dataChanged(index(0, LastCheckColumn), index(rowCount() - 1, LastCheckColumn));
}

int HealthGateModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_gates.size());
}

int HealthGateModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HealthGateModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const HealthGate &gate = m_gates.at(index.row());
    switch (role) {
    case HealthyRole:
        return gate.ready;
    case CriticalRole:
        return gate.critical;
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return gate.name;
        case ReadyColumn:
            return gate.ready ? tr("ready") : tr("NOT READY");
        case PassesColumn:
            return QStringLiteral("%1/%2").arg(gate.consecutivePasses).arg(gate.requiredPasses);
        case CriticalColumn:
            return gate.critical ? tr("critical") : tr("optional");
        case LastCheckColumn:
            return gate.lastCheck.isValid()
                ? StalenessFormatter::relative(gate.lastCheck, m_serverNow)
                : tr("never");
        }
        break;
    case SortRole:
        switch (index.column()) {
        case NameColumn:
            return gate.name;
        case ReadyColumn:
            return gate.ready;
        case PassesColumn:
            return gate.consecutivePasses;
        case CriticalColumn:
            return gate.critical;
        case LastCheckColumn:
            return gate.lastCheck;
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == LastCheckColumn && gate.lastCheck.isValid())
            return StalenessFormatter::onServerClock(gate.lastCheck);
        return gate.serviceId.isEmpty() ? QVariant() : tr("Service %1").arg(gate.serviceId);
    case Qt::TextAlignmentRole:
        return index.column() == PassesColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                                              : QVariant();
    }
    return {};
}

QVariant HealthGateModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Gate");
    case ReadyColumn:
        return tr("State");
    case PassesColumn:
        return tr("Passes");
    case CriticalColumn:
        return tr("Critical");
    case LastCheckColumn:
        return tr("Last check");
    }
    return {};
}
