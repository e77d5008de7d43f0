// RunbookRun (runbookrun.h), second half: the lead's inputs on action, command, manual and
// question steps, and recording each step into the incident (timeline entry + stored progress).
#include "runbookrun.h"

#include "commandcatalogue.h"
#include "commandresult.h"
#include "incidentstore.h"
#include "runbookchecker.h"
#include "runbookparser.h"

#include <QRegularExpression>

std::optional<ActionRequest> RunbookRun::proposedAction() const
{
    const RunbookStep *step = currentStep();
    if (!step || step->kind != RunbookStepKind::Action)
        return std::nullopt;
    std::optional<ActionRequest> request = RunbookParser::actionRequest(step->action);
    if (!request)
        return std::nullopt;
    request->target = substitute(step->target);
    const QJsonObject &p = step->params;
    if (p.contains(QLatin1String("durationSeconds")))
        request->durationSeconds = p.value(QLatin1String("durationSeconds")).toInt();
    request->replay.rateLimit
        = p.value(QLatin1String("rateLimit")).toInt(request->replay.rateLimit);
    request->replay.maxMessages
        = p.value(QLatin1String("maxMessages")).toInt(request->replay.maxMessages);
    request->replay.errorType = p.value(QLatin1String("errorType")).toString();
    request->replay.conduitId = p.value(QLatin1String("conduitId")).toString();
    const QString reason = step->reasonTemplate.isEmpty()
        ? QStringLiteral("Runbook '{runbook}', step '{step}'")
        : step->reasonTemplate;
    request->reason
        = substitute(QString(reason).replace(QLatin1String("{target}"), request->target));
    return request;
}

bool RunbookRun::confirmAction(const QString &reason, QString *why)
{
    std::optional<ActionRequest> request = proposedAction();
    QString problem;
    const RunbookStepState state
        = m_current >= 0 ? m_status.at(m_current).state : RunbookStepState::Pending;
    if (!request)
        problem = QStringLiteral("The current step is not an action.");
    else if (state != RunbookStepState::WaitingConfirmation && state != RunbookStepState::Failed)
        problem = QStringLiteral("The action is already under way.");
    else if (!m_actions)
        problem = QStringLiteral("Actions are not available in this console.");
    QString actionId;
    if (problem.isEmpty()) {
        request->reason = reason.trimmed();
        actionId = m_actions->perform(*request, &problem);
    }
    if (actionId.isEmpty()) {
        if (m_current >= 0 && request) {
            statusRef(m_current).sentence = problem;
            Q_EMIT stepUpdated(m_current);
        }
        if (why)
            *why = problem;
        return false;
    }
    RunbookStepStatus &s = statusRef(m_current);
    s.actionId = actionId;
    s.state = RunbookStepState::Running;
    s.sentence = QStringLiteral("Sent: %1 (action %2).").arg(request->summary(), actionId);
    store();
    Q_EMIT stepUpdated(m_current);
    return true;
}

void RunbookRun::onActionFinished(const ActionOutcome &outcome)
{
    if (m_current < 0 || m_runbook.steps.at(m_current).kind != RunbookStepKind::Action)
        return;
    RunbookStepStatus &s = statusRef(m_current);
    if (outcome.actionId != s.actionId || s.state != RunbookStepState::Running)
        return;
    s.outcome = outcome.message;
    if (outcome.state != ActionOutcome::State::Succeeded) {
        settle(m_current, RunbookStepState::Failed,
               QStringLiteral("%1 Confirm again to retry, or skip with a reason.")
                   .arg(outcome.message));
        return;
    }
    if (!m_runbook.steps.at(m_current).check) {
        settle(m_current, RunbookStepState::Done, outcome.message);
        return;
    }
    s.sentence = QStringLiteral("%1 Verifying\u2026").arg(outcome.message);
    Q_EMIT stepUpdated(m_current);
    runCheck(m_current);
}

QString RunbookRun::commandId() const
{
    const RunbookStep *step = currentStep();
    return step && step->kind == RunbookStepKind::Command ? step->command : QString();
}

QHash<QString, QString> RunbookRun::commandParams() const
{
    const RunbookStep *step = currentStep();
    QHash<QString, QString> params;
    if (!step || step->kind != RunbookStepKind::Command)
        return params;
    for (auto it = step->commandParams.begin(); it != step->commandParams.end(); ++it)
        params.insert(it.key(), substitute(it.value()));
    return params;
}

void RunbookRun::reportCommandResult(const CommandResult &result)
{
    const RunbookStep *step = currentStep();
    if (!step || step->kind != RunbookStepKind::Command || result.commandId != step->command)
        return;
    const RunbookStepState state = m_status.at(m_current).state;
    if (state != RunbookStepState::WaitingConfirmation && state != RunbookStepState::Failed)
        return;
    const CommandSpec *spec
        = m_context.commands ? m_context.commands->find(step->command) : nullptr;
    const QString sentence = result.sentence(spec ? spec->cli : QStringLiteral("The command"));
    RunbookStepStatus &s = statusRef(m_current);
    s.outcome = sentence;
    if (!result.actionId.isEmpty())
        s.actionId = result.actionId;
    const bool ok = result.status == CommandResult::Status::Succeeded;
    settle(m_current, ok ? RunbookStepState::Done : RunbookStepState::Failed,
           ok ? sentence : QStringLiteral("%1 Run it again, or skip with a reason.").arg(sentence));
}

bool RunbookRun::completeManual(const QString &note, QString *why)
{
    const RunbookStep *step = currentStep();
    if (!step || step->kind != RunbookStepKind::Manual
        || m_status.at(m_current).state != RunbookStepState::WaitingConfirmation) {
        if (why)
            *why = QStringLiteral("The current step is not a manual step waiting to be ticked.");
        return false;
    }
    statusRef(m_current).outcome = note.trimmed();
    settle(m_current, RunbookStepState::Done,
           note.trimmed().isEmpty() ? QStringLiteral("Done.")
                                    : QStringLiteral("Done: %1").arg(note.trimmed()));
    return true;
}

bool RunbookRun::answer(int index, QString *why)
{
    const RunbookStep *step = currentStep();
    if (!step || step->kind != RunbookStepKind::Decision || step->check || index < 0
        || index >= step->answers.size()) {
        if (why)
            *why = QStringLiteral("There is no such answer to pick now.");
        return false;
    }
    const RunbookAnswer &a = step->answers.at(index);
    RunbookStepStatus &s = statusRef(m_current);
    s.state = RunbookStepState::Done;
    s.outcome = a.label;
    s.chosenNext = a.next;
    s.sentence = QStringLiteral("Answered: %1").arg(a.label);
    Q_EMIT stepUpdated(m_current);
    record(m_current);
    leave(a.next);
    return true;
}

void RunbookRun::countInteraction(int count)
{
    m_progress.interactions += count;
}

void RunbookRun::leave(const QString &target)
{
    ++m_generation;
    m_checker->cancel();
    m_watchTimer.stop();
    const int index = m_runbook.indexOf(target);
    if (index >= 0) {
        enter(index);
        return;
    }
    m_current = -1;
    m_finished = true;
    m_progress.ended = true;
    m_progress.currentStepId.clear();
    if (target.startsWith(QLatin1String("runbook:"))) {
        m_handover = target.mid(8);
        m_progress.handover = m_handover;
        recordRun(QStringLiteral("hands over to runbook '%1'").arg(m_handover),
                  {{QLatin1String("event"), QStringLiteral("handover")},
                   {QLatin1String("handover"), m_handover}});
    } else {
        recordRun(QStringLiteral("finished"),
                  {{QLatin1String("event"), QStringLiteral("finished")}});
    }
    store();
    Q_EMIT currentStepChanged(-1);
    if (!m_handover.isEmpty())
        Q_EMIT handover(m_handover);
    Q_EMIT finished();
}

void RunbookRun::record(int index)
{
    const RunbookStep &step = m_runbook.steps.at(index);
    const RunbookStepStatus &s = m_status.at(index);
    QStringList details;
    if (s.state == RunbookStepState::Skipped)
        details.append(QStringLiteral("reason: %1").arg(s.skipReason));
    if (s.evidence)
        details.append(s.evidence->brief());
    if (!s.outcome.isEmpty())
        details.append(s.outcome);
    if (!s.actionId.isEmpty())
        details.append(QStringLiteral("action %1").arg(s.actionId));
    if (step.kind == RunbookStepKind::Decision && !s.chosenNext.isEmpty())
        details.append(QStringLiteral("next: %1").arg(s.chosenNext));
    QString text = QStringLiteral("Runbook '%1' \u2014 step %2 '%3': %4")
                       .arg(m_runbook.title)
                       .arg(index + 1)
                       .arg(step.title, runbookStepStateKey(s.state));
    if (!details.isEmpty())
        text += QStringLiteral(" (%1)").arg(details.join(QStringLiteral("; ")));
    QJsonObject data {{QLatin1String("runbook"), m_runbook.id},
                      {QLatin1String("step"), step.id},
                      {QLatin1String("index"), index + 1},
                      {QLatin1String("kind"), runbookStepKindKey(step.kind)},
                      {QLatin1String("state"), runbookStepStateKey(s.state)},
                      {QLatin1String("sentence"), s.sentence}};
    if (s.evidence) {
        data.insert(QLatin1String("value"),
                    s.evidence->rawValue.isUndefined() ? QJsonValue(s.evidence->value)
                                                       : s.evidence->rawValue);
        data.insert(QLatin1String("source"), s.evidence->source);
        data.insert(QLatin1String("raw"), s.evidence->rawJson.left(4000));
    }
    for (const auto &[key, value] :
         {std::pair {"actionId", s.actionId}, std::pair {"outcome", s.outcome},
          std::pair {"skipReason", s.skipReason}, std::pair {"next", s.chosenNext}}) {
        if (!value.isEmpty())
            data.insert(QLatin1String(key), value);
    }
    if (m_context.incidents && !m_context.incidentId.isEmpty()) {
        TimelineEntry entry;
        entry.incidentId = m_context.incidentId;
        entry.kind = TimelineEntry::Kind::WizardStep;
        entry.text = text;
        entry.data = data;
        QString error;
        if (!m_context.incidents->append(entry, &error))
            Q_EMIT recordFailed(error);
    }
    m_progress.outcomes.append({step.id, runbookStepStateKey(s.state), s.sentence, s.actionId,
                                s.outcome, s.skipReason, s.chosenNext,
                                s.evidence ? s.evidence->value : QString()});
}

void RunbookRun::recordRun(const QString &text, const QJsonObject &data)
{
    if (!m_context.incidents || m_context.incidentId.isEmpty())
        return;
    TimelineEntry entry;
    entry.incidentId = m_context.incidentId;
    entry.kind = TimelineEntry::Kind::WizardStep;
    entry.text = QStringLiteral("Runbook '%1' \u2014 %2").arg(m_runbook.title, text);
    entry.data = data;
    entry.data.insert(QLatin1String("runbook"), m_runbook.id);
    QString error;
    if (!m_context.incidents->append(entry, &error))
        Q_EMIT recordFailed(error);
}

void RunbookRun::store()
{
    QString error;
    if (!m_progress.save(m_context.incidents, m_context.incidentId, &error))
        Q_EMIT recordFailed(error);
}

QString RunbookRun::substitute(const QString &text) const
{
    if (!text.contains(QLatin1Char('{')))
        return text;
    QString out = text;
    out.replace(QLatin1String("{runbook}"), m_runbook.title);
    out.replace(QLatin1String("{incident}"), m_context.incidentId);
    if (m_current >= 0)
        out.replace(QLatin1String("{step}"), m_runbook.steps.at(m_current).title);
    static const QRegularExpression evidence(QStringLiteral("\\{evidence:([A-Za-z0-9_-]+)\\}"));
    QRegularExpressionMatch match = evidence.match(out);
    while (match.hasMatch()) {
        const int index = m_runbook.indexOf(match.captured(1));
        const RunbookStepStatus s = status(index);
        const QString value = s.evidence ? s.evidence->value : QString();
        out.replace(match.capturedStart(), match.capturedLength(), value);
        match = evidence.match(out, match.capturedStart() + value.size());
    }
    return out;
}
