#pragma once

#include "opsdto.h"

#include <QAbstractTableModel>
#include <QList>

// The dead-letter queue broken down by error type and by conduit (byErrorType / byConduit of
// /api/dead-letter/status): one row per key with its count and share of the depth, error types
// first. Fed by ControlsPoller through the dead-letter page; its keys fill the replay filters.
class DeadLetterBreakdownModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeadLetterBreakdownModel)

public:
    enum Column { KeyColumn, DimensionColumn, CountColumn, ShareColumn, ColumnCount };
    enum class Dimension { ErrorType, Conduit };
    enum Role {
        SortRole = Qt::UserRole + 1, ///< raw value for sorting
        DimensionRole, ///< int(Dimension)
        KeyRole, ///< the error type or conduit id, whatever the column
    };

    explicit DeadLetterBreakdownModel(QObject *parent = nullptr);

    void setStatus(const DeadLetterStatus &status);
    /// Keys of one dimension in row order.
    QStringList keys(Dimension dimension) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant
    headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        Dimension dimension = Dimension::ErrorType;
        QString key;
        qint64 count = 0;
    };

    QList<Row> m_rows;
    qint64 m_depth = 0;
};
