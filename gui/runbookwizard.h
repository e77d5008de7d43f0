#pragma once

#include "runbookrun.h"
#include "severityrules.h"

#include <QPointer>
#include <QProcessEnvironment>
#include <QWidget>

class ActionJournal;
class CommandCatalogue;
class DashboardPoller;
class DeclareIncidentDialog;
class QDialog;
class QLabel;
class QListWidget;
class QPushButton;
class RunbookHeader;
class RunbookLibrary;
class RunbookStepPanel;
struct RunbookSignals;

// The runbook wizard page (issue 8): a runbook picker with the one the live signals suggest, the
// runbook's title and the incident it records into (or, with none active, that nothing is
// recorded and a "Declare incident…" button), the steps with their state in words and icons, the
// current step (RunbookStepPanel), and Re-check / Skip… / Next, Next gated by the engine
// (RunbookRun). A run of the active incident resumes where it stopped.
class RunbookWizard final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunbookWizard)

public:
    /// `library` and `catalogue` must outlive the wizard; `journal` may be null.
    RunbookWizard(const RunbookLibrary &library,
                  const CommandCatalogue &catalogue,
                  ActionJournal *journal,
                  QWidget *parent = nullptr);
    ~RunbookWizard() override;

    /// What runs use: client, actions, incidents, timeScale (incidentId is ignored: the store's
    /// active incident is used; signalStore comes from setPoller()). Resumes the active
    /// incident's stored run, if any and none is open.
    void setContext(const RunbookContext &context);
    /// The live data whose store feeds the metric checks. Replaced on reconnect
    /// (ConsoleSession::dashboardChanged); an open run then resumes on the new store. Null:
    /// checks sample /api/metrics themselves.
    void setPoller(DashboardPoller *poller);
    /// Shown in the confirmation dialogs: "SIMULATOR at http://…" or the server's host.
    void setEnvironment(const QString &environment);
    /// The CLIs' environment for command steps.
    void setProcessEnvironment(const QProcessEnvironment &environment);

    /// Starts (or resumes, when the active incident holds its progress) runbook `id`.
    bool openRunbook(const QString &id);
    /// Opens the runbook whose run the active incident stored; false when there is none.
    bool resumeStored();
    /// Recomputes the suggestion from the live signals (MainWindow feeds it on every poll).
    void setSignals(const RunbookSignals &live, const SeveritySuggestion &severity = {});
    QString suggestedRunbookId() const { return m_suggestedId; }

    RunbookRun *run() const { return m_run; }
    /// What the page presents as the next thing to do: the step's own control (action button,
    /// command Run, Done tick, an answer), else Next, else Re-check; null while a check runs or
    /// when the run ended. It is outlined and takes the focus.
    QWidget *nextControl() const;

    /// "Skip…": asks a reason (ReasonDialog), then skips (returned for tests).
    QDialog *requestSkip();
    /// "Declare incident…" (returned for tests).
    DeclareIncidentDialog *requestDeclare();

    RunbookHeader *header() const { return m_header; }
    QListWidget *stepList() const { return m_steps; }
    RunbookStepPanel *stepPanel() const { return m_panel; }
    QPushButton *recheckButton() const { return m_recheck; }
    QPushButton *skipButton() const { return m_skip; }
    QPushButton *nextButton() const { return m_next; }
    QLabel *nextHint() const { return m_nextHint; }
    QLabel *problemLabel() const { return m_problem; }
    /// The step list's line for step `index`: "2. Enable safe mode — Done".
    QString stepLine(int index) const;

Q_SIGNALS:
    /// The suggested runbook changed (the severity banner's "Open runbook…").
    void suggestionChanged(const QString &runbookId, const QString &title);
    /// A run started or ended (MainWindow may bring the page forward).
    void runChanged(RunbookRun *run);

private:
    QWidget *buildFooter();
    void startRun(const Runbook &runbook);
    void updateIncident();
    void updateSteps();
    void updateButtons();
    void updateNextControl();
    void setProblem(const QString &sentence);
    void onActiveIncidentChanged();

    const RunbookLibrary &m_library;
    RunbookContext m_context;
    QPointer<DashboardPoller> m_poller;
    QPointer<RunbookRun> m_run;
    QPointer<QWidget> m_nextControl;
    QString m_suggestedId;
    SeveritySuggestion m_severity;
    RunbookHeader *m_header;
    QListWidget *m_steps;
    RunbookStepPanel *m_panel;
    QLabel *m_problem = nullptr;
    QLabel *m_nextHint = nullptr;
    QPushButton *m_recheck = nullptr;
    QPushButton *m_skip = nullptr;
    QPushButton *m_next = nullptr;
};
