#include "circuitbreakermodel.h"

#include "snapshotdiff.h"
#include "stalenessformatter.h"

CircuitBreakerModel::CircuitBreakerModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

QString CircuitBreakerModel::stateText(BreakerState state)
{
    switch (state) {
    case BreakerState::Closed:
        return tr("closed");
    case BreakerState::Open:
        return tr("OPEN");
    case BreakerState::HalfOpen:
        return tr("half-open");
    }
    return {};
}

QString CircuitBreakerModel::timeText(const QDateTime &time) const
{
    return time.isValid() ? StalenessFormatter::relative(time, m_serverNow) : QStringLiteral("—");
}

void CircuitBreakerModel::setBreakers(const QList<CircuitBreaker> &breakers,
                                      const QDateTime &serverNow)
{
    const bool clockMoved = serverNow != m_serverNow;
    m_serverNow = serverNow;
    const auto changes = SnapshotDiff::compare(
        m_breakers, breakers,
        [](const CircuitBreaker &a, const CircuitBreaker &b) { return a.name == b.name; },
        [](const CircuitBreaker &a, const CircuitBreaker &b) {
            return a.state == b.state && a.failureCount == b.failureCount
                && a.lastFailureAt == b.lastFailureAt && a.nextAttemptAt == b.nextAttemptAt
                && a.forced == b.forced;
        });
    if (changes.reset) {
        beginResetModel();
        m_breakers = breakers;
        endResetModel();
        return;
    }
    for (int row : changes.changedRows) {
        m_breakers[row] = breakers.at(row);
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
    if (clockMoved && !m_breakers.isEmpty())
        Q_EMIT dataChanged(index(0, LastFailureColumn), index(rowCount() - 1, NextAttemptColumn));
}

int CircuitBreakerModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_breakers.size());
}

int CircuitBreakerModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CircuitBreakerModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const CircuitBreaker &breaker = m_breakers.at(index.row());
    switch (role) {
    case StateRole:
        return int(breaker.state);
    case ForcedRole:
        return breaker.forced;
    case NameRole:
        return breaker.name;
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return breaker.name;
        case StateColumn:
            return breaker.forced ? tr("%1 (forced)").arg(stateText(breaker.state))
                                  : stateText(breaker.state);
        case FailuresColumn:
            return breaker.failureCount;
        case LastFailureColumn:
            return timeText(breaker.lastFailureAt);
        case NextAttemptColumn:
            if (breaker.state == BreakerState::Closed)
                return QStringLiteral("—");
            // A probe that is already allowed is "due", not "3 s ago".
            if (m_serverNow.isValid() && breaker.nextAttemptAt.isValid()
                && breaker.nextAttemptAt <= m_serverNow)
                return tr("due");
            return timeText(breaker.nextAttemptAt);
        }
        break;
    case Qt::ToolTipRole:
        switch (index.column()) {
        case LastFailureColumn:
            return StalenessFormatter::onServerClock(breaker.lastFailureAt);
        case NextAttemptColumn:
            return breaker.state == BreakerState::Closed
                ? QString()
                : StalenessFormatter::onServerClock(breaker.nextAttemptAt);
        }
        break;
    case SortRole:
        switch (index.column()) {
        case NameColumn:
            return breaker.name;
        case StateColumn:
            return int(breaker.state);
        case FailuresColumn:
            return breaker.failureCount;
        case LastFailureColumn:
            return breaker.lastFailureAt;
        case NextAttemptColumn:
            return breaker.nextAttemptAt;
        }
        break;
    case Qt::TextAlignmentRole:
        return index.column() == FailuresColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                                                : QVariant();
    }
    return {};
}

QVariant CircuitBreakerModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Breaker");
    case StateColumn:
        return tr("State");
    case FailuresColumn:
        return tr("Failures");
    case LastFailureColumn:
        return tr("Last failure");
    case NextAttemptColumn:
        return tr("Next attempt");
    }
    return {};
}
