#pragma once

#include "freshnessbox.h"

class QAbstractItemModel;
class QHBoxLayout;
class QTableView;

// A titled table fed by one polled source, under FreshnessBox's freshness line; stale rows dim.
// The health panel shows the gates and breakers tables in it.
class TableSection final : public FreshnessBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TableSection)

public:
    TableSection(const QString &title, QAbstractItemModel *model, QWidget *parent = nullptr);

    QTableView *view() const { return m_view; }
    /// The column that takes what is left of the width (default 0, the name). A table with a
    /// free-text column (a reason) gives it that room, so the short columns stay side by side.
    void setStretchColumn(int column);
    /// A row under the table for the section's actions (e.g. Trip…/Reset…).
    QHBoxLayout *actionRow() const { return m_actions; }

protected:
    /// `reason` is DashboardPoller::staleReason, which already says when data was last good.
    QString staleText(const QDateTime &lastGood, const QString &reason) const override;
    void setDimmed(bool dimmed) override;

private:
    void fitHeightToRows();

    QTableView *m_view;
    QHBoxLayout *m_actions;
};
