#pragma once

#include "incidentstore.h"

#include <QPointer>
#include <QWidget>

#include <array>

class DeclareIncidentDialog;
class IncidentListModel;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QTableView;
class TimeCursor;
class TimelineView;
class WriteupEditor;

// The incident tab: every incident of the environment, the one shown (title, severity, affected,
// commander, state), Declare / Change severity / the runbook's five milestones (Ctrl+Shift+1..5,
// recorded at once; a mistake is undone by a correction) / Resolve, its timeline on the shared
// time cursor with a note box and corrections, and the write-up. Writes go straight to the
// IncidentStore (ConsoleControls owns it); a read-only store disables every writing control and
// says why.
class IncidentPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(IncidentPage)

public:
    IncidentPage(IncidentStore *store, TimeCursor *cursor, QWidget *parent = nullptr);

    QString incidentId() const { return m_incidentId; } ///< the incident shown
    void showIncident(const QString &id);

    /// What the buttons do once their dialog is confirmed; false and problemText() on failure.
    QString declareIncident(const IncidentStore::Declaration &declaration);
    bool changeSeverity(Severity severity, const QString &reason);
    bool markMilestone(Milestone milestone);
    bool resolveIncident();
    bool addNote(); ///< appends the note box's text and empties it
    bool addCorrection(qint64 correctsSeq, const QString &text);
    /// The incident shown, as one file for sharing (IncidentFileTransfer); false + problemText().
    bool exportIncident(const QString &path);
    /// Adds the incident of an export file and shows it; "" + problemText() when refused (the
    /// record is then untouched).
    QString importIncident(const QString &path);

    /// Opens the declare dialog (non-modal to the event loop; returned for tests).
    DeclareIncidentDialog *requestDeclare();
    /// The severity banner's "Confirm": the declare dialog pre-filled with the suggestion and
    /// with when the signals first suggested an incident as the detection time.
    DeclareIncidentDialog *declareFromSuggestion(Severity severity,
                                                 const QStringList &reasons,
                                                 const QDateTime &detectedAt = {});
    void requestSeverityChange();
    void requestCorrection();
    void requestResolve();
    /// The dashboard's live suggestion. While no incident is open it is said under "No incident"
    /// and "Declare Pn…" starts from it, as the banner's Confirm does.
    void setSuggestion(const SeveritySuggestion &suggestion);
    void requestExport(); ///< a save dialog, then exportIncident()
    void requestImport(); ///< an open dialog, then importIncident()

    QString titleText() const;
    QString detailsText() const;
    QString problemText() const;
    QTableView *incidentList() const { return m_list; }
    QPushButton *declareButton() const { return m_declare; }
    QPushButton *severityButton() const { return m_severity; }
    QPushButton *resolveButton() const { return m_resolve; }
    QPushButton *exportButton() const { return m_export; }
    QPushButton *importButton() const { return m_import; }
    QPushButton *milestoneButton(Milestone m) const { return m_milestones.at(std::size_t(m)); }
    QPushButton *addNoteButton() const { return m_addNote; }
    QPushButton *correctionButton() const { return m_correct; }
    QPlainTextEdit *noteEdit() const { return m_note; }
    TimelineView *timelineView() const { return m_timeline; }
    WriteupEditor *writeupEditor() const { return m_writeup; }
    QTabWidget *tabs() const { return m_tabs; }

private:
    QWidget *buildActions();
    QWidget *buildTimelineTab();
    void updateView();
    /// A suggestion is live and no incident is open to take it.
    bool suggestionApplies() const;
    void setProblem(const QString &sentence);
    bool done(bool ok, const QString &error);

    QPointer<IncidentStore> m_store;
    QPointer<TimeCursor> m_cursor;
    QString m_incidentId;
    IncidentListModel *m_listModel;
    QTableView *m_list;
    QLabel *m_title;
    QLabel *m_details;
    QLabel *m_problem;
    QPushButton *m_declare = nullptr;
    QPushButton *m_severity = nullptr;
    QPushButton *m_resolve = nullptr;
    QPushButton *m_export = nullptr;
    QPushButton *m_import = nullptr;
    std::array<QPushButton *, kMilestoneCount> m_milestones {};
    QTabWidget *m_tabs;
    TimelineView *m_timeline = nullptr;
    QPlainTextEdit *m_note = nullptr;
    QPushButton *m_addNote = nullptr;
    QPushButton *m_correct = nullptr;
    WriteupEditor *m_writeup;
    bool m_loadingNote = false;
    SeveritySuggestion m_suggestion;
};
