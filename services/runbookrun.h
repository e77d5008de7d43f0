#pragma once

#include "actioncontroller.h"
#include "runbook.h"
#include "runbookevidence.h"
#include "runbookprogress.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>

#include <optional>

class CommandCatalogue;
class IncidentStore;
class OpsClient;
class RunbookChecker;
class SignalStore;
struct CommandResult;

/// What a RunbookRun works with. `client` is required; `actions` is required for action steps
/// (without it an action step fails with a sentence); `incidents` null or `incidentId` empty =
/// nothing is recorded and progress is not stored (the wizard should say so).
struct RunbookContext
{
    OpsClient *client = nullptr;
    ActionController *actions = nullptr;
    IncidentStore *incidents = nullptr;
    const SignalStore *signalStore = nullptr; ///< the console's live store; null = sample on demand
    const CommandCatalogue *commands = nullptr; ///< optional: names the CLI in command sentences
    QString incidentId;
    /// Simulated seconds per real second (the embedded simulator's --speed). Watch hold, timeout
    /// and interval and metric windows are runbook seconds and are divided by it. Default 1.
    double timeScale = 1.0;
};

enum class RunbookStepState {
    Pending, ///< not entered yet
    Running, ///< a check, watch, action or action verification is under way
    Passed, ///< check / watch / check decision: the predicate holds
    Failed, ///< check failed, watch timed out, action or command failed (sentence says which)
    WaitingConfirmation, ///< action / command / manual / question: waits for the lead
    Done, ///< action succeeded (and verified), command succeeded, manual ticked, answer picked
    Skipped ///< skipped with a reason
};

QString runbookStepStateKey(RunbookStepState state); ///< "pending", "waiting-confirmation", ...
QString runbookStepStateText(RunbookStepState state); ///< "Pending", "Waiting for you", ...

/// One step's live state, for the wizard (and what the timeline entry is made from).
struct RunbookStepStatus
{
    RunbookStepState state = RunbookStepState::Pending;
    QString sentence; ///< one line: "Database check failed: false", "Held 23 s of 60 s", ...
    std::optional<RunbookEvidence> evidence; ///< the latest check / watch / verify evidence
    QString actionId; ///< action steps, once sent
    QString outcome; ///< action's/command's result sentence, manual note, chosen answer label
    QString skipReason;
    QString chosenNext; ///< decisions: where Next leads ("end", a step id, "runbook:<id>")
    // watch progress, in runbook (simulated) seconds
    int heldSeconds = 0;
    int elapsedSeconds = 0;
};

/// Runs one runbook for one incident, step by step, against the live system (issue 8). Entering
/// a step runs its check; Next is allowed only when the step allows it (canGoNext()); every
/// step's outcome and evidence goes to the incident timeline (Kind::WizardStep) when the step is
/// left, in order, and the progress is stored in the incident ("runbook-run" text field) so that
/// a restarted console resumes at the same step. QtWidgets-free; the wizard page drives it.
class RunbookRun final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunbookRun)

public:
    /// The incident text field holding the progress (JSON, see RunbookProgress).
    static constexpr const char *kProgressField = "runbook-run";

    RunbookRun(const Runbook &runbook, const RunbookContext &context, QObject *parent = nullptr);
    ~RunbookRun() override;

    /// The runbook id stored for `incidentId` (a run in progress), or empty: the wizard opens
    /// that runbook to resume.
    static QString storedRunbookId(const IncidentStore *incidents, const QString &incidentId);

    /// Starts: resumes at the stored step when the incident holds progress for this runbook
    /// (isResumed()), else begins at the first step (and records "started"). Enters the step.
    void start();
    bool isResumed() const { return m_resumed; }

    const Runbook &runbook() const { return m_runbook; }
    const RunbookContext &context() const { return m_context; }
    /// -1 before start() and after the run ended.
    int currentIndex() const { return m_current; }
    const RunbookStep *currentStep() const;
    RunbookStepStatus status(int index) const;
    /// Step ids in the order they were entered (a decision may skip some; a re-entered step
    /// appears again).
    QStringList visited() const { return m_visited; }

    /// Whether Next may be pressed now, and if not, the sentence why ("The check must pass
    /// first.", "Confirm the action first.", "Tick the step off first.", "Pick an answer.").
    bool canGoNext() const;
    QString nextBlocker() const;
    /// Where Next leads from the current step: a step id, "end" or "runbook:<id>".
    QString nextTarget() const;
    /// Records the current step and moves on. False (+ *why) when canGoNext() is false.
    bool next(QString *why = nullptr);
    /// Records the step as skipped with `reason` (required, 1-500 characters) and moves on
    /// along nextTarget() (a check decision that has not decided follows its "ifFail").
    bool skip(const QString &reason, QString *why = nullptr);
    /// Runs the current step's check again (check, watch: restarts the hold, decision on a
    /// check, action: its verification).
    void recheck();

    // ---- action steps ----
    /// The request the step proposes, reason pre-filled from the template ({incident},
    /// {runbook}, {step}, {target}; {evidence:<stepId>} = that step's evidence value). The GUI
    /// shows it in ReasonDialog (summary(), effect(), target) and then calls confirmAction().
    std::optional<ActionRequest> proposedAction() const;
    /// The lead confirmed with `reason` (may be the pre-filled one): performs it through
    /// ActionController, follows actionFinished for its id, then runs the step's verify check.
    /// Allowed while WaitingConfirmation or Failed (retry). False + *why when refused (read-only,
    /// validation, in flight).
    bool confirmAction(const QString &reason, QString *why = nullptr);

    // ---- command steps ----
    QString commandId() const; ///< the catalogue id, e.g. "cloudrun.services.scale"
    QHash<QString, QString> commandParams() const; ///< pre-filled parameter values
    /// The GUI ran the command (CommandForm / CommandRunner): Succeeded = Done, else Failed with
    /// the result's sentence (re-run or skip with a reason).
    void reportCommandResult(const CommandResult &result);

    // ---- manual steps ----
    /// The lead ticked the step off; `note` is optional. Allowed while WaitingConfirmation.
    bool completeManual(const QString &note = {}, QString *why = nullptr);

    // ---- question decisions ----
    /// Picks answer `index` of the current question decision: records the step and moves on
    /// to its `next` at once (one interaction).
    bool answer(int index, QString *why = nullptr);

    // ---- automation and counting ----
    /// When on, a step that reaches Passed or Done moves on by itself (a Failed never does).
    /// Default off.
    void setAutoAdvance(bool on) { m_autoAdvance = on; }
    bool autoAdvance() const { return m_autoAdvance; }
    /// The GUI reports every user interaction (click, key); stored with the progress.
    void countInteraction(int count = 1);
    int interactions() const { return m_progress.interactions; }

    bool isFinished() const { return m_finished; }
    /// Set when the run ended by handing over to another runbook.
    QString handoverRunbookId() const { return m_handover; }

Q_SIGNALS:
    /// The current step changed (entered). -1 when the run ended.
    void currentStepChanged(int index);
    /// A step's status changed (state, sentence, evidence, watch progress, canGoNext()).
    void stepUpdated(int index);
    /// The run reached "end" (or a hand-over, after handover()).
    void finished();
    /// A decision led to "runbook:<id>": open a new RunbookRun for that runbook on the same
    /// incident (its start() records the hand-over's start).
    void handover(const QString &runbookId);
    /// Writing the timeline or the progress failed: the sentence to show.
    void recordFailed(const QString &sentence);

private:
    void enter(int index, bool resumed = false);
    void runCheck(int index);
    void onEvidence(int index, quint64 generation, const RunbookEvidence &evidence);
    void watchTick();
    void onActionFinished(const ActionOutcome &outcome);
    void settle(int index, RunbookStepState state, const QString &sentence);
    void leave(const QString &target);
    void record(int index);
    void recordRun(const QString &text, const QJsonObject &data);
    void store();
    QString substitute(const QString &text) const;
    RunbookStepStatus &statusRef(int index);

    Runbook m_runbook;
    RunbookContext m_context;
    RunbookChecker *m_checker = nullptr;
    QPointer<ActionController> m_actions;
    QList<RunbookStepStatus> m_status;
    QStringList m_visited;
    RunbookProgress m_progress;
    int m_current = -1;
    quint64 m_generation = 0; ///< drops evidence of a step that was left or re-checked
    bool m_resumed = false;
    bool m_finished = false;
    bool m_autoAdvance = false;
    QString m_handover;
    QTimer m_watchTimer;
    QElapsedTimer m_watchClock; ///< since the watch started
    QElapsedTimer m_holdClock; ///< since the check last started passing (invalid: failing)
};
