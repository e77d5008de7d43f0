#pragma once

#include <QPointer>
#include <QProcessEnvironment>
#include <QWidget>

class ActionJournal;
class CommandCatalogue;
class CommandForm;
class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QVBoxLayout;
class ReasonDialog;
class RunbookEvidenceView;
class RunbookRun;
class StateBadge;
struct CommandResult;

// The current step of a runbook run, on the right of RunbookWizard: its title, state in words,
// what it does and why (the runbook's words), the check's evidence, and what the step asks of the
// lead: the action's button (ReasonDialog, reason pre-filled), the command's CommandForm
// (pre-filled, its list hidden), a manual step's "Done" tick and note, a question's answers.
// It drives the RunbookRun it shows; the wizard owns Next, Skip and Re-check.
class RunbookStepPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunbookStepPanel)

public:
    /// `catalogue` must outlive the panel; `journal` may be null (command runs unrecorded).
    RunbookStepPanel(const CommandCatalogue &catalogue,
                     ActionJournal *journal,
                     QWidget *parent = nullptr);

    /// Shown in the confirmation dialogs: "SIMULATOR at http://…" or the server's host.
    void setEnvironment(const QString &environment);
    /// The CLIs' environment for command steps (PATH decides which gcloud/aws runs).
    void setProcessEnvironment(const QProcessEnvironment &environment);
    /// The run whose steps are shown; null shows nothing.
    void setRun(RunbookRun *run);
    /// Shows step `index` of the run (re-reading its status); a new index rebuilds the step's
    /// controls, the same index only refreshes them (a typed note or edited parameter stays).
    void showStep(int index);
    int shownIndex() const { return m_index; }

    /// The control this step presents as the next thing to do (the action's button, the
    /// command's Run, the Done tick, the first answer), or null when the step asks nothing of
    /// the lead now (a check running, or the wizard's Next is next).
    QWidget *stepControl() const;

    /// What the action button does: the confirmation dialog, pre-filled (returned for tests).
    ReasonDialog *requestAction();

    QLabel *titleLabel() const { return m_title; }
    StateBadge *stateBadge() const { return m_state; }
    QLabel *whyLabel() const { return m_why; }
    QLabel *instructionLabel() const { return m_instruction; }
    RunbookEvidenceView *evidenceView() const { return m_evidence; }
    QPushButton *actionButton() const { return m_action; }
    CommandForm *commandForm() const { return m_command; }
    QLineEdit *noteEdit() const { return m_note; }
    QCheckBox *doneBox() const { return m_done; }
    QList<QPushButton *> answerButtons() const { return m_answers; }

Q_SIGNALS:
    /// The lead did something the run counts (a confirmation, a tick, an answer, a run).
    void interacted();
    /// A sentence the wizard shows in its problem line (a refused action, a refused tick).
    void problem(const QString &sentence);

private:
    void rebuild();
    void refresh();
    void prefillCommand();
    void onCommandFinished(const CommandResult &result);
    void tickDone();

    const CommandCatalogue &m_catalogue;
    QPointer<RunbookRun> m_run;
    int m_index = -1;
    QString m_environment;
    QLabel *m_title;
    QLabel *m_kind;
    StateBadge *m_state;
    QLabel *m_why;
    QLabel *m_instruction;
    RunbookEvidenceView *m_evidence;
    QPushButton *m_action;
    CommandForm *m_command;
    QLabel *m_noteLabel;
    QLineEdit *m_note;
    QCheckBox *m_done;
    QWidget *m_answerBox;
    QVBoxLayout *m_answerLayout;
    QList<QPushButton *> m_answers;
};
