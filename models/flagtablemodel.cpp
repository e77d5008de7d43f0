#include "flagtablemodel.h"

#include "consolesession.h"
#include "snapshotdiff.h"

namespace {

bool sameContent(const IntegrationFlag &a, const IntegrationFlag &b)
{
    return a.enabled == b.enabled && a.envVar == b.envVar && a.defaultEnabled == b.defaultEnabled
        && a.brownout == b.brownout && a.brownoutFallback == b.brownoutFallback
        && a.description == b.description && a.reason == b.reason && a.updatedAt == b.updatedAt
        && a.updatedBy == b.updatedBy;
}

bool sameEmergency(const EmergencyMode &a, const EmergencyMode &b)
{
    return a.active == b.active && a.reason == b.reason && a.activatedAt == b.activatedAt
        && a.activatedBy == b.activatedBy;
}

QString orDash(const QString &text)
{
    return text.isEmpty() ? QStringLiteral("—") : text;
}

} // namespace

FlagTableModel::FlagTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

QString FlagTableModel::stateText(DisplayState state)
{
    switch (state) {
    case DisplayState::On:
        return tr("ON");
    case DisplayState::Off:
        return tr("OFF");
    case DisplayState::EmergencyOff:
        return tr("OFF (emergency)");
    case DisplayState::TurningOn:
        return tr("turning on…");
    case DisplayState::TurningOff:
        break;
    }
    return tr("turning off…");
}

QString FlagTableModel::emergencyText() const
{
    if (!m_emergency.active)
        return {};
    QString text = tr("Emergency mode is on: every integration flag reads as disabled");
    QStringList details;
    if (m_emergency.activatedAt.isValid())
        details.append(tr("since %1").arg(ConsoleSession::formatTime(m_emergency.activatedAt)));
    if (!m_emergency.activatedBy.isEmpty())
        details.append(tr("by %1").arg(m_emergency.activatedBy));
    if (!m_emergency.reason.isEmpty())
        details.append(tr("— reason: %1").arg(m_emergency.reason));
    if (!details.isEmpty())
        text += QStringLiteral(" (") + details.join(QLatin1Char(' ')) + QLatin1Char(')');
    return text + QLatin1Char('.');
}

void FlagTableModel::setFlags(const FlagList &list)
{
    const bool emergencyChanged = !sameEmergency(m_emergency, list.emergencyMode);
    const auto changes = SnapshotDiff::compare(
        m_flags, list.flags,
        [](const IntegrationFlag &a, const IntegrationFlag &b) { return a.name == b.name; },
        sameContent);
    m_emergency = list.emergencyMode;
    if (changes.reset) {
        beginResetModel();
        m_flags = list.flags;
        // A flag that is gone has nothing left to wait for.
        for (auto it = m_pendingTarget.begin(); it != m_pendingTarget.end();) {
            if (rowOf(it.key()) < 0)
                it = m_pendingTarget.erase(it);
            else
                ++it;
        }
        endResetModel();
        return;
    }
    for (int row : changes.changedRows)
        m_flags[row] = list.flags.at(row);
    if (emergencyChanged) {
        // Every row's state, flags and tooltip depend on it.
        if (!m_flags.isEmpty())
            Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        return;
    }
    for (int row : changes.changedRows)
        rowChanged(row);
}

void FlagTableModel::updateFlag(const IntegrationFlag &flag)
{
    m_pendingTarget.remove(flag.name);
    const int row = rowOf(flag.name);
    if (row < 0)
        return;
    m_flags[row] = flag;
    rowChanged(row);
}

void FlagTableModel::setPending(const QString &name, bool pending)
{
    const int row = rowOf(name);
    if (row < 0)
        return;
    if (pending)
        m_pendingTarget.insert(name, !m_flags.at(row).enabled);
    else if (!m_pendingTarget.remove(name))
        return;
    rowChanged(row);
}

bool FlagTableModel::isPending(const QString &name) const
{
    return m_pendingTarget.contains(name);
}

void FlagTableModel::setStateIcon(DisplayState state, const QIcon &icon)
{
    m_icons.insert(int(state), icon);
    if (!m_flags.isEmpty())
        Q_EMIT dataChanged(index(0, StateColumn), index(rowCount() - 1, StateColumn),
                           {Qt::DecorationRole});
}

int FlagTableModel::rowOf(const QString &name) const
{
    for (int row = 0; row < m_flags.size(); ++row) {
        if (m_flags.at(row).name == name)
            return row;
    }
    return -1;
}

FlagTableModel::DisplayState FlagTableModel::displayState(int row) const
{
    const IntegrationFlag &flag = m_flags.at(row);
    if (const auto pending = m_pendingTarget.constFind(flag.name);
        pending != m_pendingTarget.cend())
        return *pending ? DisplayState::TurningOn : DisplayState::TurningOff;
    if (m_emergency.active)
        return DisplayState::EmergencyOff;
    return flag.enabled ? DisplayState::On : DisplayState::Off;
}

void FlagTableModel::rowChanged(int row)
{
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

int FlagTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_flags.size());
}

int FlagTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FlagTableModel::display(const IntegrationFlag &flag, int row, int column) const
{
    switch (column) {
    case NameColumn:
        return flag.name;
    case StateColumn:
        return stateText(displayState(row));
    case EnvVarColumn:
        return orDash(flag.envVar);
    case DefaultColumn:
        return flag.defaultEnabled ? tr("on") : tr("off");
    case FallbackColumn:
        return flag.brownoutFallback.isEmpty() ? tr("none") : flag.brownoutFallback;
    case ChangedAtColumn:
        return flag.updatedAt.isValid() ? ConsoleSession::formatTime(flag.updatedAt)
                                        : QStringLiteral("—");
    case ChangedByColumn:
        return orDash(flag.updatedBy);
    case ReasonColumn:
        return orDash(flag.reason);
    }
    return {};
}

QVariant FlagTableModel::sortValue(const IntegrationFlag &flag, int row, int column) const
{
    switch (column) {
    case StateColumn:
        return int(displayState(row));
    case DefaultColumn:
        return flag.defaultEnabled;
    case ChangedAtColumn:
        return flag.updatedAt;
    case NameColumn:
    case EnvVarColumn:
    case FallbackColumn:
    case ChangedByColumn:
    case ReasonColumn:
        break;
    }
    return display(flag, row, column);
}

QVariant FlagTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row();
    const IntegrationFlag &flag = m_flags.at(row);
    switch (role) {
    case Qt::DisplayRole:
        return display(flag, row, index.column());
    case SortRole:
        return sortValue(flag, row, index.column());
    case NameRole:
        return flag.name;
    case DisplayStateRole:
        return int(displayState(row));
    case EnabledRole:
        return flag.enabled;
    case PendingRole:
        return m_pendingTarget.contains(flag.name);
    case Qt::DecorationRole:
        if (index.column() == StateColumn) {
            const QIcon icon = m_icons.value(int(displayState(row)));
            return icon.isNull() ? QVariant() : QVariant(icon);
        }
        break;
    case Qt::ToolTipRole:
        if (m_emergency.active)
            return emergencyText();
        if (index.column() == ReasonColumn && !flag.reason.isEmpty())
            return flag.reason;
        return flag.description.isEmpty() ? QVariant() : QVariant(flag.description);
    case Qt::AccessibleTextRole:
        if (index.column() == StateColumn)
            return tr("%1: %2").arg(flag.name, stateText(displayState(row)));
        break;
    }
    return {};
}

Qt::ItemFlags FlagTableModel::flags(const QModelIndex &index) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return Qt::NoItemFlags;
    // Under emergency mode no flag can be meaningfully toggled: the rows are shown, greyed.
    return m_emergency.active ? Qt::ItemNeverHasChildren
                              : Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

QVariant FlagTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Flag");
    case StateColumn:
        return tr("State");
    case EnvVarColumn:
        return tr("Env var");
    case DefaultColumn:
        return tr("Default");
    case FallbackColumn:
        return tr("Brownout fallback");
    case ChangedAtColumn:
        return tr("Changed");
    case ChangedByColumn:
        return tr("By");
    case ReasonColumn:
        return tr("Why");
    }
    return {};
}
