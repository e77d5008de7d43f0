#include "deadletterrecordmodel.h"

#include "consolesession.h"
#include "snapshotdiff.h"

DeadLetterRecordModel::DeadLetterRecordModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

namespace {

bool sameContent(const DeadLetterRecord &a, const DeadLetterRecord &b)
{
    return a.attempts == b.attempts && a.error == b.error && a.errorType == b.errorType
        && a.timestamp == b.timestamp && a.conduitId == b.conduitId && a.traceId == b.traceId
        && a.toolId == b.toolId;
}

// How many new records `next` has on top of `shown` when it is `shown` (possibly cut at the
// tail) under new ones, the usual poll of a newest-first list; -1 when it is not.
qsizetype newOnTop(const QList<DeadLetterRecord> &shown, const QList<DeadLetterRecord> &next)
{
    if (shown.isEmpty())
        return -1;
    for (qsizetype top = 0; top < next.size(); ++top) {
        if (next.at(top).id != shown.first().id)
            continue;
        for (qsizetype i = top; i < next.size(); ++i) {
            const qsizetype old = i - top;
            if (old >= shown.size() || next.at(i).id != shown.at(old).id)
                return -1;
        }
        return top;
    }
    return -1;
}

} // namespace

void DeadLetterRecordModel::setRecords(const QList<DeadLetterRecord> &records)
{
    // New records on top and old ones falling off the end keep the rest of the table (its
    // selection and scroll position) in place; anything else is a reset.
    const qsizetype added = newOnTop(m_records, records);
    if (added < 0) {
        const auto changes = SnapshotDiff::compare(
            m_records, records,
            [](const DeadLetterRecord &a, const DeadLetterRecord &b) { return a.id == b.id; },
            sameContent);
        if (changes.reset) {
            beginResetModel();
            m_records = records;
            endResetModel();
            return;
        }
        for (int row : changes.changedRows) {
            m_records[row] = records.at(row);
            Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        }
        return;
    }
    const qsizetype kept = records.size() - added;
    if (kept < m_records.size()) {
        beginRemoveRows({}, int(kept), int(m_records.size() - 1));
        m_records.resize(kept);
        endRemoveRows();
    }
    if (added > 0) {
        beginInsertRows({}, 0, int(added - 1));
        m_records = records.mid(0, added) + m_records;
        endInsertRows();
    }
    for (qsizetype row = added; row < records.size(); ++row) {
        if (!sameContent(m_records.at(row), records.at(row))) {
            m_records[row] = records.at(row);
            Q_EMIT dataChanged(index(int(row), 0), index(int(row), ColumnCount - 1));
        }
    }
}

int DeadLetterRecordModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_records.size());
}

int DeadLetterRecordModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DeadLetterRecordModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const DeadLetterRecord &record = m_records.at(index.row());
    switch (role) {
    case IdRole:
        return record.id;
    case TraceIdRole:
        return record.traceId;
    case Qt::DisplayRole:
        return value(record, index.column(), false);
    case SortRole:
        return value(record, index.column(), true);
    case Qt::ToolTipRole:
        return index.column() == ErrorColumn ? QVariant(record.error) : QVariant();
    case Qt::TextAlignmentRole:
        return index.column() == AttemptsColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                                                : QVariant();
    }
    return {};
}

QVariant DeadLetterRecordModel::value(const DeadLetterRecord &record, int column, bool raw) const
{
    switch (column) {
    case IdColumn:
        return record.id;
    case TimeColumn:
        return raw ? QVariant(record.timestamp)
                   : QVariant(ConsoleSession::formatTime(record.timestamp));
    case ConduitColumn:
        return record.conduitId;
    case ToolColumn:
        return record.toolId;
    case ErrorTypeColumn:
        return record.errorType;
    case ErrorColumn:
        return record.error;
    case AttemptsColumn:
        return record.attempts;
    case TraceIdColumn:
        return record.traceId;
    }
    return {};
}

QVariant DeadLetterRecordModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case IdColumn:
        return tr("Record");
    case TimeColumn:
        return tr("Time");
    case ConduitColumn:
        return tr("Conduit");
    case ToolColumn:
        return tr("Tool");
    case ErrorTypeColumn:
        return tr("Error type");
    case ErrorColumn:
        return tr("Error");
    case AttemptsColumn:
        return tr("Attempts");
    case TraceIdColumn:
        return tr("Trace id");
    }
    return {};
}
