#include "timelinemodel.h"

#include "incidentstore.h"
#include "timecursor.h"

#include <QFont>

TimelineModel::TimelineModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void TimelineModel::setStore(IncidentStore *store, const QString &incidentId)
{
    if (m_store)
        disconnect(m_store, nullptr, this, nullptr);
    m_store = store;
    m_incidentId = incidentId;
    setEntries(store ? store->entries(incidentId) : QList<TimelineEntry> {});
    if (store) {
        connect(store, &IncidentStore::appended, this, [this](const TimelineEntry &entry) {
            if (entry.incidentId == m_incidentId)
                appendEntry(entry);
        });
    }
}

void TimelineModel::setEntries(const QList<TimelineEntry> &entries)
{
    beginResetModel();
    m_rows.clear();
    m_superseded.clear();
    m_cursorRow = -1;
    endResetModel();
    for (const TimelineEntry &e : entries)
        appendEntry(e);
}

// Non-corrections by (time, seq); a correction after the last row of its original's group.
int TimelineModel::insertionRow(const TimelineEntry &entry) const
{
    if (entry.kind == TimelineEntry::Kind::Correction) {
        for (int row = 0; row < m_rows.size(); ++row) {
            if (m_rows.at(row).seq != entry.correctsSeq)
                continue;
            int end = row + 1;
            while (end < m_rows.size() && m_rows.at(end).kind == TimelineEntry::Kind::Correction
                   && m_rows.at(end).correctsSeq == entry.correctsSeq)
                ++end;
            return end;
        }
        return int(m_rows.size());
    }
    // Walk back group by group (an entry with the corrections under it) and stop after the
    // last group whose original comes before the new entry.
    int row = int(m_rows.size());
    while (row > 0) {
        int start = row - 1;
        while (start > 0 && m_rows.at(start).kind == TimelineEntry::Kind::Correction)
            --start; // a correction moves with its original
        const TimelineEntry &prev = m_rows.at(start);
        if (prev.time < entry.time || (prev.time == entry.time && prev.seq < entry.seq))
            break;
        row = start;
    }
    return row;
}

void TimelineModel::appendEntry(const TimelineEntry &entry)
{
    for (const TimelineEntry &e : std::as_const(m_rows)) {
        if (e.seq == entry.seq)
            return; // already shown
    }
    const int row = insertionRow(entry);
    beginInsertRows({}, row, row);
    m_rows.insert(row, entry);
    endInsertRows();
    if (entry.kind == TimelineEntry::Kind::Correction) {
        for (int r = 0; r < m_rows.size(); ++r) {
            if (m_rows.at(r).seq == entry.correctsSeq) {
                m_superseded.insert(entry.correctsSeq);
                Q_EMIT dataChanged(index(r, 0), index(r, ColumnCount - 1));
                break;
            }
        }
    }
    if (m_cursor && m_cursor->position())
        setCursorRow(rowNearest(*m_cursor->position()));
}

void TimelineModel::setTimeCursor(TimeCursor *cursor)
{
    if (m_cursor)
        disconnect(m_cursor, nullptr, this, nullptr);
    m_cursor = cursor;
    if (!cursor)
        return;
    connect(cursor, &TimeCursor::moved, this, [this](qint64 ms) { setCursorRow(rowNearest(ms)); });
    connect(cursor, &TimeCursor::cleared, this, [this] { setCursorRow(-1); });
    setCursorRow(cursor->position() ? rowNearest(*cursor->position()) : -1);
}

void TimelineModel::setCursorRow(int row)
{
    if (row == m_cursorRow)
        return;
    const int old = m_cursorRow;
    m_cursorRow = row;
    for (const int r : {old, row}) {
        if (r >= 0 && r < m_rows.size())
            Q_EMIT dataChanged(index(r, 0), index(r, ColumnCount - 1), {CursorRole});
    }
    Q_EMIT cursorRowChanged(row);
}

int TimelineModel::rowNearest(qint64 epochMs) const
{
    int best = -1;
    qint64 bestDistance = 0;
    for (int row = 0; row < m_rows.size(); ++row) {
        const qint64 distance = qAbs(m_rows.at(row).time.toMSecsSinceEpoch() - epochMs);
        if (best < 0 || distance < bestDistance) {
            best = row;
            bestDistance = distance;
        }
    }
    return best;
}

int TimelineModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int TimelineModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TimelineModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TimelineEntry &e = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        switch (index.column()) {
        case TimeColumn:
            return e.time.toUTC().toString(QStringLiteral("HH:mm:ss"));
        case KindColumn:
            return timelineKindText(e.kind);
        case TextColumn:
            return e.kind == TimelineEntry::Kind::Correction
                ? QStringLiteral("Correction of #%1: %2").arg(e.correctsSeq).arg(e.text)
                : e.text;
        default:
            return e.author;
        }
    case Qt::FontRole:
        if (m_superseded.contains(e.seq)) {
            QFont font;
            font.setStrikeOut(true);
            return font;
        }
        return {};
    case SeqRole:
        return e.seq;
    case KindRole:
        return int(e.kind);
    case EpochMsRole:
        return e.time.toMSecsSinceEpoch();
    case SupersededRole:
        return m_superseded.contains(e.seq);
    case CorrectsSeqRole:
        return e.correctsSeq;
    case SourceRefRole:
        return e.sourceRef;
    case CursorRole:
        return index.row() == m_cursorRow;
    default:
        return {};
    }
}

QVariant TimelineModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return QStringLiteral("Time (UTC)");
    case KindColumn:
        return QStringLiteral("Kind");
    case TextColumn:
        return QStringLiteral("Entry");
    case AuthorColumn:
        return QStringLiteral("Author");
    default:
        return {};
    }
}
