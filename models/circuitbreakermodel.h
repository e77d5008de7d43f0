#pragma once

#include "opsdto.h"

#include <QAbstractTableModel>
#include <QList>

// The circuit breakers of /api/circuit-breakers as a table: name, state (with "forced"),
// failures, last failure, next attempt. Fed by the dashboard session on every poll; the health
// panel's trip/reset actions read the selected breaker's name from it. Times read against the
// answer's own timestamp ("12 s ago", "in 20 s"), so a server clock that is off still reads right.
class CircuitBreakerModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CircuitBreakerModel)

public:
    enum Column {
        NameColumn,
        StateColumn,
        FailuresColumn,
        LastFailureColumn,
        NextAttemptColumn,
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole + 1, ///< raw value for sorting
        StateRole, ///< int(BreakerState)
        ForcedRole, ///< bool
        NameRole, ///< the breaker's name, whatever the column
    };

    explicit CircuitBreakerModel(QObject *parent = nullptr);

    /// `serverNow`: the answer's timestamp (invalid: times are shown as local clock times).
    void setBreakers(const QList<CircuitBreaker> &breakers, const QDateTime &serverNow = {});
    const QList<CircuitBreaker> &breakers() const { return m_breakers; }

    static QString stateText(BreakerState state); ///< "closed", "OPEN", "half-open"

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant
    headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString timeText(const QDateTime &time) const;

    QList<CircuitBreaker> m_breakers;
    QDateTime m_serverNow;
};
