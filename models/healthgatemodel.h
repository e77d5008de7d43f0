#pragma once

#include "opsdto.h"

#include <QAbstractTableModel>
#include <QList>

// The health gates of /api/health-gates/status as a table: name, ready, passes/required,
// critical, last check. Fed by the dashboard session on every poll; rows that did not change
// emit nothing, so selection and scrolling survive a refresh. "Last check" reads against the
// answer's own timestamp ("4 s ago"), so a server clock that is off still reads right.
class HealthGateModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HealthGateModel)

public:
    enum Column {
        NameColumn,
        ReadyColumn,
        PassesColumn,
        CriticalColumn,
        LastCheckColumn,
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole + 1, ///< raw value for sorting
        HealthyRole, ///< bool: the gate is ready
        CriticalRole, ///< bool
    };

    explicit HealthGateModel(QObject *parent = nullptr);

    /// `serverNow`: the answer's timestamp (invalid: times are shown as local clock times).
    void setGates(const QList<HealthGate> &gates, const QDateTime &serverNow = {});
    const QList<HealthGate> &gates() const { return m_gates; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant
    headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<HealthGate> m_gates;
    QDateTime m_serverNow;
};
