#pragma once

#include "logfilter.h"
#include "logline.h"

#include <QList>
#include <QPointer>
#include <QWidget>

class LogBacklogLoader;
class LogFilterModel;
class LogMux;
class LogSourceControls;
class LogTableModel;
class LogView;
class LogViewFilterBar;
class LogViewSourceList;
class QCheckBox;
class QLabel;
class QPushButton;
class QTabWidget;
class TimeCursor;

// The live log tail: every line LogMux merges from its sources, filtered (off the GUI thread),
// highlighted, followed or paused, with next/previous error, copy of whole raw lines, a tab per
// opened trace, and the sources' states. A file source's existing lines are loaded in one go
// (LogBacklogLoader), in file order, ahead of that source's live lines. Clicking a line moves the
// shared TimeCursor; moving the cursor elsewhere scrolls to the nearest line.
class LogPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogPage)

public:
    /// `mux` and `cursor` are not owned and may be null; `capacity` is the ring's line count.
    LogPage(LogMux *mux,
            TimeCursor *cursor,
            QWidget *parent = nullptr,
            qint64 capacity = 1'000'000);
    ~LogPage() override;

    LogTableModel *model() const { return m_model; }
    /// The filter model of the main tab, null while no filter is set.
    LogFilterModel *filterModel() const { return m_filterModel; }
    LogView *mainView() const { return m_mainView; }
    /// The view of the current tab (main or a trace).
    LogView *currentView() const;
    LogViewFilterBar *filterBar() const { return m_filterBar; }
    LogViewSourceList *sourceList() const { return m_sources; }
    /// Indexes the existing lines of each file source added to the mux (null without a mux).
    LogBacklogLoader *backlogLoader() const { return m_backlog; }
    /// The "Add source…" / "Remove source" row above the source list.
    LogSourceControls *sourceControls() const { return m_sourceControls; }
    QTabWidget *tabs() const { return m_tabs; }
    QPushButton *resumeButton() const { return m_resume; }

    /// Same as a LogMux batch (tests, replays).
    void appendChunks(const QList<LogChunk> &chunks);
    void applyFilter(const LogFilterSpec &spec);
    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }
    bool nextError();
    bool previousError();
    bool copySelection();
    /// Opens (or shows) a tab with the lines of the current row's traceId; false without one.
    bool showTraceOfCurrentRow();
    bool showTrace(const QString &traceId);
    /// Rereads LogMux::sources() (names, colours, states); call after adding a source.
    void refreshSources();

private:
    void buildActions();
    void onBatch(const QList<LogChunk> &chunks);
    void onRowClicked(const QModelIndex &index);
    void onCursorMoved(qint64 epochMs);
    void updateCounts();
    void updateFollowUi();
    LogView *addView(QWidget *tabParent);

    QPointer<LogMux> m_mux;
    QPointer<TimeCursor> m_cursor;
    LogTableModel *m_model;
    LogBacklogLoader *m_backlog = nullptr;
    LogFilterModel *m_filterModel = nullptr;
    LogViewFilterBar *m_filterBar;
    LogViewSourceList *m_sources;
    LogSourceControls *m_sourceControls;
    QTabWidget *m_tabs;
    LogView *m_mainView;
    QCheckBox *m_followBox;
    QPushButton *m_resume;
    QCheckBox *m_pauseBox;
    QLabel *m_status;
    QList<LogChunk> m_pending; // batches held while paused
    qint64 m_pendingLines = 0;
    bool m_paused = false;
    bool m_settingCursor = false;
};
