#pragma once

#include <QPointer>
#include <QTableView>

class IncidentStore;
class TimeCursor;
class TimelineModel;

// One incident's timeline (TimelineModel) in a table with fixed row heights; corrections sit under
// the entry they correct. Shares the TimeCursor: clicking a row moves the cursor to that entry's
// time, and a cursor moved elsewhere (a chart, the log view) selects the nearest row.
class TimelineView final : public QTableView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimelineView)

public:
    explicit TimelineView(QWidget *parent = nullptr);

    TimelineModel *timelineModel() const { return m_model; }
    void setIncident(IncidentStore *store, const QString &incidentId);
    void setTimeCursor(TimeCursor *cursor);

    /// The selected row's entry seq (0 when nothing is selected).
    qint64 selectedSeq() const;
    int selectedRow() const;

Q_SIGNALS:
    void selectedEntryChanged(qint64 seq);

private:
    void followCursorRow(int row);
    void onRowChosen(int row);

    TimelineModel *m_model;
    QPointer<TimeCursor> m_cursor;
    bool m_syncing = false; ///< a row and the cursor are being matched; ignore the echo
};
