#pragma once

#include "incident.h"

#include <QAbstractTableModel>
#include <QPointer>
#include <QSet>

class IncidentStore;
class TimeCursor;

/// The time-ordered timeline of one incident: columns Time (UTC, HH:MM:SS), Kind, Text, Author.
/// A correction is shown right under the entry it corrects (its Time column shows the
/// correction's own time); the corrected entry stays, with SupersededRole = true and a
/// struck-through font. Follows the shared TimeCursor: cursorRow() is the row nearest to it.
class TimelineModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimelineModel)

public:
    enum Column { TimeColumn, KindColumn, TextColumn, AuthorColumn, ColumnCount };
    enum Role {
        SeqRole = Qt::UserRole + 1,
        KindRole, ///< int(TimelineEntry::Kind)
        EpochMsRole,
        SupersededRole, ///< a later correction replaces this entry's wording
        CorrectsSeqRole, ///< corrections: the corrected entry's seq (0 otherwise)
        SourceRefRole, ///< actions: the journal's actionId
        CursorRole ///< true on the row nearest the time cursor
    };

    explicit TimelineModel(QObject *parent = nullptr);

    /// Shows one incident of `store` and follows its appends (store not owned; may be null).
    void setStore(IncidentStore *store, const QString &incidentId);
    void setEntries(const QList<TimelineEntry> &entries);
    void appendEntry(const TimelineEntry &entry);
    void setTimeCursor(TimeCursor *cursor);

    const TimelineEntry &entryAt(int row) const { return m_rows.at(row); }
    /// The row whose time is nearest epochMs (-1 when empty); on a tie, the earlier row.
    int rowNearest(qint64 epochMs) const;
    int cursorRow() const { return m_cursorRow; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant
    headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void cursorRowChanged(int row);

private:
    int insertionRow(const TimelineEntry &entry) const;
    void setCursorRow(int row);

    QList<TimelineEntry> m_rows;
    QSet<qint64> m_superseded;
    QPointer<IncidentStore> m_store;
    QString m_incidentId;
    QPointer<TimeCursor> m_cursor;
    int m_cursorRow = -1;
};
