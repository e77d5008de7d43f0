#pragma once

#include <QGroupBox>

class QAbstractItemModel;
class QHBoxLayout;
class QTableView;
class StateBadge;

// A titled table fed by one polled source, with the same freshness line as SectionBox:
// "Updated 10:31:02", or "Stale: …" with the rows dimmed (still readable: they are the last
// known truth). The health panel shows the gates and breakers tables in it.
class TableSection final : public QGroupBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TableSection)

public:
    TableSection(const QString &title, QAbstractItemModel *model, QWidget *parent = nullptr);

    QTableView *view() const { return m_view; }
    /// A row under the table for the section's actions (e.g. Trip…/Reset…).
    QHBoxLayout *actionRow() const { return m_actions; }

    void setFresh(const QDateTime &updated);
    /// `reason` is DashboardPoller::staleReason; lastGood invalid = no data yet.
    void setStale(const QDateTime &lastGood, const QString &reason);
    bool isStale() const { return m_stale; }
    QString freshnessText() const;

private:
    void setDimmed(bool dimmed);
    void fitHeightToRows();

    QString m_title;
    StateBadge *m_freshness;
    QTableView *m_view;
    QHBoxLayout *m_actions;
    bool m_stale = true;
};
