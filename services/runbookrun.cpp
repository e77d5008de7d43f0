#include "runbookrun.h"

#include "incidentstore.h"
#include "runbookchecker.h"

#include <algorithm>
#include <cmath>

RunbookRun::RunbookRun(const Runbook &runbook, const RunbookContext &context, QObject *parent)
    : QObject(parent)
    , m_runbook(runbook)
    , m_context(context)
    , m_checker(new RunbookChecker(context.client, context.signalStore, this))
    , m_actions(context.actions)
    , m_status(runbook.steps.size())
{
    m_context.timeScale = context.timeScale > 0 ? context.timeScale : 1.0;
    m_checker->setTimeScale(m_context.timeScale);
    m_progress.runbookId = runbook.id;
    m_watchTimer.setSingleShot(true);
    connect(&m_watchTimer, &QTimer::timeout, this, &RunbookRun::watchTick);
    if (m_actions)
        connect(m_actions, &ActionController::actionFinished, this, &RunbookRun::onActionFinished);
}

RunbookRun::~RunbookRun() = default;

QString RunbookRun::storedRunbookId(const IncidentStore *incidents, const QString &incidentId)
{
    const std::optional<RunbookProgress> p = RunbookProgress::load(incidents, incidentId);
    return p && !p->ended ? p->runbookId : QString();
}

void RunbookRun::start()
{
    const std::optional<RunbookProgress> stored
        = RunbookProgress::load(m_context.incidents, m_context.incidentId);
    const int at = stored ? m_runbook.indexOf(stored->currentStepId) : -1;
    if (stored && stored->runbookId == m_runbook.id && !stored->ended && at >= 0) {
        m_progress = *stored;
        for (const RunbookProgress::StepOutcome &o : std::as_const(stored->outcomes)) {
            const int i = m_runbook.indexOf(o.stepId);
            if (i < 0)
                continue;
            RunbookStepStatus &s = m_status[i];
            s.state = runbookStepStateFromKey(o.state).value_or(RunbookStepState::Done);
            s.sentence = o.sentence;
            s.actionId = o.actionId;
            s.outcome = o.outcome;
            s.skipReason = o.skipReason;
            s.chosenNext = o.chosenNext;
            if (!o.value.isEmpty()) {
                RunbookEvidence e;
                e.verdict = s.state == RunbookStepState::Passed ? RunbookEvidence::Verdict::Passed
                                                                : RunbookEvidence::Verdict::Failed;
                e.value = o.value;
                e.sentence = o.sentence;
                s.evidence = e;
            }
            m_visited.append(o.stepId);
        }
        m_resumed = true;
        recordRun(
            QStringLiteral("resumed at step %1 '%2'").arg(at + 1).arg(m_runbook.steps.at(at).title),
            {{QLatin1String("event"), QStringLiteral("resumed")}});
        enter(at, true);
        return;
    }
    m_progress = RunbookProgress {};
    m_progress.runbookId = m_runbook.id;
    recordRun(QStringLiteral("started"), {{QLatin1String("event"), QStringLiteral("started")}});
    enter(0);
}

const RunbookStep *RunbookRun::currentStep() const
{
    return m_current >= 0 ? &m_runbook.steps.at(m_current) : nullptr;
}

RunbookStepStatus RunbookRun::status(int index) const
{
    return index >= 0 && index < m_status.size() ? m_status.at(index) : RunbookStepStatus {};
}

RunbookStepStatus &RunbookRun::statusRef(int index)
{
    return m_status[index];
}

void RunbookRun::enter(int index, bool resumed)
{
    ++m_generation;
    m_checker->cancel();
    m_watchTimer.stop();
    m_current = index;
    m_visited.append(m_runbook.steps.at(index).id);
    const RunbookStep &step = m_runbook.steps.at(index);
    RunbookStepStatus &s = statusRef(index);
    s = RunbookStepStatus {};
    const bool checks = step.check && step.kind != RunbookStepKind::Action;
    switch (step.kind) {
    case RunbookStepKind::Check:
    case RunbookStepKind::Watch:
    case RunbookStepKind::Decision:
        s.state = checks ? RunbookStepState::Running : RunbookStepState::WaitingConfirmation;
        s.sentence = checks ? QStringLiteral("Checking\u2026") : step.question;
        break;
    case RunbookStepKind::Action:
        s.state = RunbookStepState::WaitingConfirmation;
        s.sentence = QStringLiteral("Confirm: %1.")
                         .arg(proposedAction() ? proposedAction()->summary() : step.action);
        if (resumed)
            s.sentence.prepend(QStringLiteral("Resumed: if the action was sent before the console "
                                              "closed, the action journal shows whether it "
                                              "landed. "));
        break;
    case RunbookStepKind::Command:
        s.state = RunbookStepState::WaitingConfirmation;
        s.sentence = QStringLiteral("Run %1 and report its result.").arg(step.command);
        break;
    case RunbookStepKind::Manual:
        s.state = RunbookStepState::WaitingConfirmation;
        s.sentence = QStringLiteral("Tick it off when done.");
        break;
    }
    m_progress.currentStepId = step.id;
    store();
    if (checks) {
        m_watchClock.start();
        m_holdClock.invalidate();
        runCheck(index); // answers asynchronously, never inside this call
    }
    Q_EMIT currentStepChanged(index);
    if (m_current == index)
        Q_EMIT stepUpdated(index);
}

void RunbookRun::runCheck(int index)
{
    const quint64 generation = m_generation;
    // {evidence:<stepId>} may name what an earlier step found (the agent to verify).
    RunbookCheck check = *m_runbook.steps.at(index).check;
    check.apiPath = substitute(check.apiPath);
    check.predicate.path = substitute(check.predicate.path);
    if (check.predicate.value.isString())
        check.predicate.value = substitute(check.predicate.value.toString());
    m_checker->evaluate(check, [this, index, generation](const RunbookEvidence &evidence) {
        onEvidence(index, generation, evidence);
    });
}

void RunbookRun::onEvidence(int index, quint64 generation, const RunbookEvidence &evidence)
{
    if (generation != m_generation || index != m_current)
        return;
    const RunbookStep &step = m_runbook.steps.at(index);
    RunbookStepStatus &s = statusRef(index);
    s.evidence = evidence;
    const bool unavailable = evidence.verdict == RunbookEvidence::Verdict::Unavailable;
    const QString said = unavailable ? QStringLiteral("Could not check: %1").arg(evidence.sentence)
                                     : evidence.sentence;
    switch (step.kind) {
    case RunbookStepKind::Check:
        settle(index, evidence.passed() ? RunbookStepState::Passed : RunbookStepState::Failed,
               said);
        return;
    case RunbookStepKind::Decision:
        s.chosenNext = unavailable ? QString() : (evidence.passed() ? step.ifPass : step.ifFail);
        settle(index, evidence.passed() ? RunbookStepState::Passed : RunbookStepState::Failed,
               said);
        return;
    case RunbookStepKind::Action:
        settle(index, evidence.passed() ? RunbookStepState::Done : RunbookStepState::Failed,
               evidence.passed()
                   ? QStringLiteral("%1 Verified: %2").arg(s.outcome, evidence.sentence)
                   : QStringLiteral("%1 Not verified: %2 Re-check, or skip with a reason.")
                         .arg(s.outcome, said));
        return;
    case RunbookStepKind::Watch: {
        const double scale = m_context.timeScale;
        if (evidence.passed() && !m_holdClock.isValid())
            m_holdClock.start();
        else if (!evidence.passed())
            m_holdClock.invalidate();
        s.heldSeconds = m_holdClock.isValid()
            ? int(std::floor(double(m_holdClock.elapsed()) * scale / 1000.0))
            : 0;
        s.elapsedSeconds = int(std::floor(double(m_watchClock.elapsed()) * scale / 1000.0));
        if (evidence.passed() && s.heldSeconds >= step.holdSeconds) {
            s.heldSeconds = step.holdSeconds;
            settle(index, RunbookStepState::Passed,
                   QStringLiteral("Held for %1 s: %2").arg(step.holdSeconds).arg(said));
            return;
        }
        if (s.elapsedSeconds >= step.timeoutSeconds) {
            settle(index, RunbookStepState::Failed,
                   QStringLiteral("Timed out after %1 s: %2").arg(step.timeoutSeconds).arg(said));
            return;
        }
        s.state = RunbookStepState::Running;
        s.sentence = QStringLiteral("Held %1 s of %2 s; times out in %3 s. %4")
                         .arg(s.heldSeconds)
                         .arg(step.holdSeconds)
                         .arg(step.timeoutSeconds - s.elapsedSeconds)
                         .arg(said);
        const int intervalMs = std::max(100, int(step.intervalSeconds * 1000.0 / scale));
        m_watchTimer.start(intervalMs);
        Q_EMIT stepUpdated(index);
        return;
    }
    case RunbookStepKind::Command:
    case RunbookStepKind::Manual:
        return;
    }
}

void RunbookRun::watchTick()
{
    if (m_current >= 0 && m_runbook.steps.at(m_current).kind == RunbookStepKind::Watch)
        runCheck(m_current);
}

void RunbookRun::settle(int index, RunbookStepState state, const QString &sentence)
{
    RunbookStepStatus &s = statusRef(index);
    s.state = state;
    s.sentence = sentence;
    Q_EMIT stepUpdated(index);
    if (m_autoAdvance && index == m_current
        && (state == RunbookStepState::Passed || state == RunbookStepState::Done)) {
        const quint64 generation = m_generation;
        QTimer::singleShot(0, this, [this, generation] {
            if (generation == m_generation && canGoNext())
                next();
        });
    }
}

void RunbookRun::recheck()
{
    if (m_current < 0 || !m_runbook.steps.at(m_current).check)
        return;
    const RunbookStep &step = m_runbook.steps.at(m_current);
    RunbookStepStatus &s = statusRef(m_current);
    if (step.kind == RunbookStepKind::Action && s.state != RunbookStepState::Failed)
        return; // verify only after the action went through
    if (step.kind == RunbookStepKind::Action && s.actionId.isEmpty())
        return;
    ++m_generation;
    m_checker->cancel();
    m_watchTimer.stop();
    m_watchClock.start();
    m_holdClock.invalidate();
    s.state = RunbookStepState::Running;
    s.sentence = QStringLiteral("Checking\u2026");
    s.heldSeconds = 0;
    s.elapsedSeconds = 0;
    Q_EMIT stepUpdated(m_current);
    runCheck(m_current);
}

bool RunbookRun::canGoNext() const
{
    return m_current >= 0 && nextBlocker().isEmpty();
}

QString RunbookRun::nextBlocker() const
{
    if (m_current < 0)
        return QStringLiteral("The runbook has ended.");
    const RunbookStep &step = m_runbook.steps.at(m_current);
    const RunbookStepStatus &s = m_status.at(m_current);
    const bool unavailable
        = s.evidence && s.evidence->verdict == RunbookEvidence::Verdict::Unavailable;
    switch (step.kind) {
    case RunbookStepKind::Check:
        if (s.state == RunbookStepState::Passed
            || (!step.blocking && s.state == RunbookStepState::Failed && !unavailable))
            return {};
        return s.state == RunbookStepState::Running ? QStringLiteral("The check is running.")
                                                    : QStringLiteral("The check must pass first.");
    case RunbookStepKind::Watch:
        return s.state == RunbookStepState::Passed ? QString()
                                                   : QStringLiteral("The watch must pass first.");
    case RunbookStepKind::Action:
        return s.state == RunbookStepState::Done
            ? QString()
            : QStringLiteral("Confirm the action; it must succeed on the server first.");
    case RunbookStepKind::Command:
        return s.state == RunbookStepState::Done ? QString()
                                                 : QStringLiteral("Run the command first.");
    case RunbookStepKind::Manual:
        return s.state == RunbookStepState::Done ? QString()
                                                 : QStringLiteral("Tick the step off first.");
    case RunbookStepKind::Decision:
        if (!step.check)
            return QStringLiteral("Pick an answer.");
        return s.chosenNext.isEmpty() ? QStringLiteral("The check must finish first.") : QString();
    }
    return {};
}

QString RunbookRun::nextTarget() const
{
    if (m_current < 0)
        return QStringLiteral("end");
    const RunbookStepStatus &s = m_status.at(m_current);
    if (!s.chosenNext.isEmpty())
        return s.chosenNext;
    const RunbookStep &step = m_runbook.steps.at(m_current);
    if (step.kind == RunbookStepKind::Decision && step.check)
        return step.ifFail;
    return m_runbook.successorOf(m_current);
}

bool RunbookRun::next(QString *why)
{
    const QString blocker = nextBlocker();
    if (!blocker.isEmpty()) {
        if (why)
            *why = blocker;
        return false;
    }
    const QString target = nextTarget();
    record(m_current);
    leave(target);
    return true;
}

bool RunbookRun::skip(const QString &reason, QString *why)
{
    const QString trimmed = reason.trimmed();
    QString problem;
    if (m_current < 0)
        problem = QStringLiteral("The runbook has ended.");
    else if (trimmed.isEmpty())
        problem = QStringLiteral("A reason is required to skip a step.");
    else if (trimmed.size() > ActionController::kMaxReasonLength)
        problem = QStringLiteral("The reason must be at most %1 characters.")
                      .arg(ActionController::kMaxReasonLength);
    if (!problem.isEmpty()) {
        if (why)
            *why = problem;
        return false;
    }
    const QString target = nextTarget();
    RunbookStepStatus &s = statusRef(m_current);
    s.state = RunbookStepState::Skipped;
    s.skipReason = trimmed;
    s.sentence = QStringLiteral("Skipped: %1").arg(trimmed);
    Q_EMIT stepUpdated(m_current);
    record(m_current);
    leave(target);
    return true;
}
