#pragma once

#include "logline.h"

#include <QTableView>

class LogViewDelegate;

// One table of log rows (all lines or a filtered/trace view) with fixed row heights, plain-text
// painting and follow mode: it keeps the newest row in view until the user scrolls up, and
// follows again on resumeFollowing() or when the user scrolls back to the bottom. Used by
// LogPage for its main tab and each trace tab.
class LogView final : public QTableView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogView)

public:
    explicit LogView(QWidget *parent = nullptr);

    void setModel(QAbstractItemModel *model) override;
    LogViewDelegate *logDelegate() const { return m_delegate; }

    bool isFollowing() const { return m_following; }
    void setFollowing(bool following);

    /// The store line number of a row of the current model (LogTableModel or LogFilterModel).
    qint64 lineOfRow(int row) const;
    /// Selects the next (or previous) row at `minimum` level or above after the current row;
    /// false when there is none. Stops following.
    bool goToLevel(LogLevel minimum, bool forward);
    /// Selects and centres `row`, without following.
    void showRow(int row);
    /// The selected rows' raw lines, whole, in row order, joined with '\n'.
    QByteArray selectedRawLines() const;
    /// Puts selectedRawLines() on the clipboard; false when nothing is selected.
    bool copySelection();

Q_SIGNALS:
    void followingChanged(bool following);

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    void scrollToNewest();
    void onScrolled(int position);

    LogViewDelegate *m_delegate;
    bool m_following = true;
};
