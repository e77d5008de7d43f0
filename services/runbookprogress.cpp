#include "runbookprogress.h"

#include "incidentstore.h"
#include "runbookrun.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace {

QString field()
{
    return QLatin1String(RunbookRun::kProgressField);
}

void putIfSet(QJsonObject &json, const char *key, const QString &value)
{
    if (!value.isEmpty())
        json.insert(QLatin1String(key), value);
}

constexpr RunbookKeyTable<RunbookStepState, 7> kStates {{
    {RunbookStepState::Pending, "pending"},
    {RunbookStepState::Running, "running"},
    {RunbookStepState::Passed, "passed"},
    {RunbookStepState::Failed, "failed"},
    {RunbookStepState::WaitingConfirmation, "waiting-confirmation"},
    {RunbookStepState::Done, "done"},
    {RunbookStepState::Skipped, "skipped"},
}};

} // namespace

QString runbookStepStateKey(RunbookStepState state)
{
    return runbookKeyOf(kStates, state);
}

std::optional<RunbookStepState> runbookStepStateFromKey(const QString &key)
{
    return runbookValueOf(kStates, key);
}

QString runbookStepStateText(RunbookStepState state)
{
    switch (state) {
    case RunbookStepState::Pending:
        return QStringLiteral("Pending");
    case RunbookStepState::Running:
        return QStringLiteral("Running");
    case RunbookStepState::Passed:
        return QStringLiteral("Passed");
    case RunbookStepState::Failed:
        return QStringLiteral("Failed");
    case RunbookStepState::WaitingConfirmation:
        return QStringLiteral("Waiting for you");
    case RunbookStepState::Done:
        return QStringLiteral("Done");
    case RunbookStepState::Skipped:
        return QStringLiteral("Skipped");
    }
    return {};
}

QJsonObject RunbookProgress::toJson() const
{
    QJsonArray steps;
    for (const StepOutcome &o : outcomes) {
        QJsonObject step {{QLatin1String("id"), o.stepId}, {QLatin1String("state"), o.state}};
        putIfSet(step, "sentence", o.sentence);
        putIfSet(step, "actionId", o.actionId);
        putIfSet(step, "outcome", o.outcome);
        putIfSet(step, "skipReason", o.skipReason);
        putIfSet(step, "chosenNext", o.chosenNext);
        putIfSet(step, "value", o.value);
        steps.append(step);
    }
    QJsonObject json {{QLatin1String("version"), 1},
                      {QLatin1String("runbook"), runbookId},
                      {QLatin1String("current"), currentStepId},
                      {QLatin1String("interactions"), interactions},
                      {QLatin1String("ended"), ended},
                      {QLatin1String("steps"), steps}};
    putIfSet(json, "handover", handover);
    return json;
}

std::optional<RunbookProgress> RunbookProgress::fromJson(const QJsonObject &json)
{
    if (json.value(QLatin1String("version")).toInt() != 1
        || !json.value(QLatin1String("runbook")).isString())
        return std::nullopt;
    RunbookProgress p;
    p.runbookId = json.value(QLatin1String("runbook")).toString();
    p.currentStepId = json.value(QLatin1String("current")).toString();
    p.interactions = json.value(QLatin1String("interactions")).toInt();
    p.ended = json.value(QLatin1String("ended")).toBool();
    p.handover = json.value(QLatin1String("handover")).toString();
    const QJsonArray steps = json.value(QLatin1String("steps")).toArray();
    for (const QJsonValue &v : steps) {
        const QJsonObject s = v.toObject();
        StepOutcome o;
        o.stepId = s.value(QLatin1String("id")).toString();
        o.state = s.value(QLatin1String("state")).toString();
        o.sentence = s.value(QLatin1String("sentence")).toString();
        o.actionId = s.value(QLatin1String("actionId")).toString();
        o.outcome = s.value(QLatin1String("outcome")).toString();
        o.skipReason = s.value(QLatin1String("skipReason")).toString();
        o.chosenNext = s.value(QLatin1String("chosenNext")).toString();
        o.value = s.value(QLatin1String("value")).toString();
        if (o.stepId.isEmpty())
            return std::nullopt;
        p.outcomes.append(o);
    }
    return p;
}

std::optional<RunbookProgress> RunbookProgress::load(const IncidentStore *incidents,
                                                     const QString &incidentId)
{
    if (!incidents || incidentId.isEmpty() || !incidents->isOpen())
        return std::nullopt;
    const QString text = incidents->text(incidentId, field());
    if (text.isEmpty())
        return std::nullopt;
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8());
    if (!doc.isObject())
        return std::nullopt;
    return fromJson(doc.object());
}

bool RunbookProgress::save(IncidentStore *incidents,
                           const QString &incidentId,
                           QString *error) const
{
    if (!incidents || incidentId.isEmpty())
        return true;
    incidents->setText(incidentId, field(),
                       QString::fromUtf8(QJsonDocument(toJson()).toJson(QJsonDocument::Compact)));
    return incidents->flush(error);
}
