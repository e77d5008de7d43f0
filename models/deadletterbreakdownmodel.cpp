#include "deadletterbreakdownmodel.h"

#include "snapshotdiff.h"

DeadLetterBreakdownModel::DeadLetterBreakdownModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void DeadLetterBreakdownModel::setStatus(const DeadLetterStatus &status)
{
    QList<Row> rows;
    for (auto it = status.byErrorType.cbegin(); it != status.byErrorType.cend(); ++it)
        rows.append({Dimension::ErrorType, it.key(), it.value()});
    for (auto it = status.byConduit.cbegin(); it != status.byConduit.cend(); ++it)
        rows.append({Dimension::Conduit, it.key(), it.value()});

    const auto changes = SnapshotDiff::compare(
        m_rows, rows,
        [](const Row &a, const Row &b) { return a.dimension == b.dimension && a.key == b.key; },
        [](const Row &a, const Row &b) { return a.count == b.count; });
    const bool depthChanged = m_depth != status.depth; // every share changes with it
    if (changes.reset) {
        beginResetModel();
        m_rows = rows;
        m_depth = status.depth;
        endResetModel();
        return;
    }
    m_depth = status.depth;
    if (depthChanged && !m_rows.isEmpty()) {
        m_rows = rows;
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        return;
    }
    for (int row : changes.changedRows) {
        m_rows[row] = rows.at(row);
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
}

QStringList DeadLetterBreakdownModel::keys(Dimension dimension) const
{
    QStringList keys;
    for (const Row &row : m_rows) {
        if (row.dimension == dimension)
            keys.append(row.key);
    }
    return keys;
}

int DeadLetterBreakdownModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int DeadLetterBreakdownModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DeadLetterBreakdownModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    const double share = m_depth > 0 ? double(row.count) / double(m_depth) : 0.0;
    switch (role) {
    case DimensionRole:
        return int(row.dimension);
    case KeyRole:
        return row.key;
    case Qt::DisplayRole:
        switch (index.column()) {
        case DimensionColumn:
            return row.dimension == Dimension::ErrorType ? tr("error type") : tr("conduit");
        case KeyColumn:
            return row.key;
        case CountColumn:
            return row.count;
        case ShareColumn:
            return tr("%1 %").arg(share * 100.0, 0, 'f', 1);
        }
        break;
    case SortRole:
        switch (index.column()) {
        case DimensionColumn:
            return int(row.dimension);
        case KeyColumn:
            return row.key;
        case CountColumn:
            return row.count;
        case ShareColumn:
            return share;
        }
        break;
    case Qt::TextAlignmentRole:
        return index.column() >= CountColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                                             : QVariant();
    }
    return {};
}

QVariant
DeadLetterBreakdownModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case KeyColumn:
        return tr("Error type / conduit");
    case DimensionColumn:
        return tr("By");
    case CountColumn:
        return tr("Messages");
    case ShareColumn:
        return tr("Share");
    }
    return {};
}
