#pragma once

#include "opsdto.h"

#include <QAbstractTableModel>
#include <QList>

// The dead-letter queue's recent records (the `recent` list of /api/dead-letter/status, at most
// 50) as a table: id, time, conduit, tool, error type, error, attempts, trace id. Fed by
// ControlsPoller through the dead-letter page.
class DeadLetterRecordModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeadLetterRecordModel)

public:
    enum Column {
        IdColumn,
        TimeColumn,
        ConduitColumn,
        ToolColumn,
        ErrorTypeColumn,
        ErrorColumn,
        AttemptsColumn,
        TraceIdColumn,
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole + 1, ///< raw value for sorting
        IdRole, ///< the record's id, whatever the column
        TraceIdRole, ///< the record's trace id (to search the logs for it)
    };

    explicit DeadLetterRecordModel(QObject *parent = nullptr);

    void setRecords(const QList<DeadLetterRecord> &records);
    const QList<DeadLetterRecord> &records() const { return m_records; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant
    headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant value(const DeadLetterRecord &record, int column, bool raw) const;

    QList<DeadLetterRecord> m_records;
};
