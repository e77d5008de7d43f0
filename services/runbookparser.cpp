#include "runbookparser.h"

#include "actioncontroller.h"
#include "commandcatalogue.h"
#include "runbookpath.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>
#include <QSet>

namespace {

QString str(const QJsonObject &json, const char *key)
{
    return json.value(QLatin1String(key)).toString();
}

QStringList conditionSignals()
{
    return {QStringLiteral("live"),
            QStringLiteral("databaseUp"),
            QStringLiteral("writesFailing"),
            QStringLiteral("errorRate"),
            QStringLiteral("p95LatencyMs"),
            QStringLiteral("p99LatencyMs"),
            QStringLiteral("eventLoopDelayMs"),
            QStringLiteral("memoryRssMb"),
            QStringLiteral("memoryGrowthMbPerMin"),
            QStringLiteral("breakerOpen")};
}

} // namespace

RunbookParser::RunbookParser(const CommandCatalogue *catalogue)
    : m_catalogue(catalogue)
{ }

namespace {

QList<ActionRequest> allActionRequests()
{
    QList<ActionRequest> out;
    for (int k = int(ActionRequest::Kind::SafeMode); k <= int(ActionRequest::Kind::RestartService);
         ++k) {
        for (const bool enable : {true, false}) {
            ActionRequest r;
            r.kind = ActionRequest::Kind(k);
            r.enable = enable;
            out.append(r);
        }
    }
    return out;
}

} // namespace

QStringList RunbookParser::actionNames()
{
    QStringList names;
    for (const ActionRequest &r : allActionRequests()) {
        if (!names.contains(r.actionName()))
            names.append(r.actionName());
    }
    return names;
}

std::optional<ActionRequest> RunbookParser::actionRequest(const QString &name)
{
    for (const ActionRequest &r : allActionRequests()) {
        if (r.actionName() == name)
            return r;
    }
    return std::nullopt;
}

QStringList RunbookParser::predicateOps()
{
    return {QStringLiteral("=="),     QStringLiteral("!="),      QStringLiteral("<"),
            QStringLiteral("<="),     QStringLiteral(">"),       QStringLiteral(">="),
            QStringLiteral("exists"), QStringLiteral("contains")};
}

QStringList RunbookParser::aggregates()
{
    return {QStringLiteral("max"), QStringLiteral("avg"), QStringLiteral("last"),
            QStringLiteral("slope")};
}

void RunbookParser::problem(const QString &stepId, const QString &reason)
{
    m_problems.append({stepId, reason});
}

std::optional<Runbook> RunbookParser::parse(const QByteArray &json, const QString &sourceFile)
{
    m_problems.clear();
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError) {
        problem({},
                QStringLiteral("not valid JSON at offset %1: %2")
                    .arg(error.offset)
                    .arg(error.errorString()));
        return std::nullopt;
    }
    if (!doc.isObject()) {
        problem({}, QStringLiteral("the file must hold one JSON object"));
        return std::nullopt;
    }
    const QJsonObject root = doc.object();
    Runbook runbook;
    runbook.sourceFile = sourceFile;
    runbook.id = str(root, "id");
    runbook.title = str(root, "title");
    runbook.summary = str(root, "summary");
    static const QRegularExpression idPattern(QStringLiteral("^[a-z0-9][a-z0-9-]{0,63}$"));
    if (!idPattern.match(runbook.id).hasMatch())
        problem({},
                runbook.id.isEmpty()
                    ? QStringLiteral("missing required field 'id'")
                    : QStringLiteral("id '%1' must be lower-case letters, digits and '-'")
                          .arg(runbook.id));
    if (runbook.title.isEmpty())
        problem({}, QStringLiteral("missing required field 'title'"));
    for (const QJsonValue &v : root.value(QLatin1String("appliesWhen")).toArray()) {
        const QJsonObject c = v.toObject();
        RunbookCondition condition {str(c, "signal"), str(c, "op"), c.value(QLatin1String("value")),
                                    str(c, "text")};
        if (condition.op.isEmpty())
            condition.op = QStringLiteral("==");
        if (!conditionSignals().contains(condition.signal))
            problem({}, QStringLiteral("appliesWhen: unknown signal '%1'").arg(condition.signal));
        else if (!predicateOps().contains(condition.op))
            problem({}, QStringLiteral("appliesWhen: unknown op '%1'").arg(condition.op));
        runbook.appliesWhen.append(condition);
    }
    const QJsonValue steps = root.value(QLatin1String("steps"));
    if (!steps.isArray() || steps.toArray().isEmpty())
        problem({}, QStringLiteral("missing required field 'steps' (a non-empty array)"));
    QSet<QString> ids;
    const QJsonArray stepArray = steps.toArray();
    for (int i = 0; i < stepArray.size(); ++i) {
        std::optional<RunbookStep> step = parseStep(stepArray.at(i).toObject(), i);
        if (!step)
            continue;
        if (ids.contains(step->id))
            problem(step->id, QStringLiteral("duplicate step id '%1'").arg(step->id));
        ids.insert(step->id);
        runbook.steps.append(*step);
    }
    checkBranches(runbook);
    if (!m_problems.isEmpty())
        return std::nullopt;
    return runbook;
}

std::optional<RunbookStep> RunbookParser::parseStep(const QJsonObject &json, int index)
{
    RunbookStep step;
    step.id = str(json, "id");
    const QString label = step.id.isEmpty() ? QStringLiteral("#%1").arg(index + 1) : step.id;
    if (step.id.isEmpty()) {
        problem(label, QStringLiteral("missing required field 'id'"));
        return std::nullopt;
    }
    if (step.id == QLatin1String("end") || step.id.startsWith(QLatin1String("runbook:"))) {
        problem(label, QStringLiteral("'%1' is reserved and cannot be a step id").arg(step.id));
        return std::nullopt;
    }
    const QString kindKey = str(json, "kind");
    const std::optional<RunbookStepKind> kind = runbookStepKindFromKey(kindKey);
    if (!kind) {
        problem(label,
                kindKey.isEmpty() ? QStringLiteral("missing required field 'kind'")
                                  : QStringLiteral("unknown step kind '%1'").arg(kindKey));
        return std::nullopt;
    }
    step.kind = *kind;
    step.title = str(json, "title");
    step.why = str(json, "why");
    step.next = str(json, "next");
    if (step.title.isEmpty())
        problem(label, QStringLiteral("missing required field 'title'"));
    if (step.why.isEmpty())
        problem(label, QStringLiteral("missing required field 'why'"));
    if (!parseKindFields(json, step))
        return std::nullopt;
    return step;
}

std::optional<RunbookCheck> RunbookParser::parseCheck(const QJsonObject &json,
                                                      const QString &stepId)
{
    const int before = int(m_problems.size());
    RunbookCheck check;
    const QJsonObject source = json.value(QLatin1String("source")).toObject();
    if (source.contains(QLatin1String("api"))) {
        check.source = RunbookCheck::Source::Api;
        check.apiPath = str(source, "api");
        if (!check.apiPath.startsWith(QLatin1Char('/')))
            problem(stepId,
                    QStringLiteral("source api '%1' must be a path starting with '/'")
                        .arg(check.apiPath));
    } else if (source.contains(QLatin1String("metric"))) {
        check.source = RunbookCheck::Source::Metric;
        check.metric = str(source, "metric");
        check.windowSeconds = source.value(QLatin1String("window")).toInt(60);
        check.aggregate = source.value(QLatin1String("aggregate")).toString(check.aggregate);
        if (!runbookMetricNames().contains(check.metric))
            problem(stepId, QStringLiteral("unknown metric '%1'").arg(check.metric));
        if (!aggregates().contains(check.aggregate))
            problem(stepId, QStringLiteral("unknown aggregate '%1'").arg(check.aggregate));
        if (check.windowSeconds < 1 || check.windowSeconds > 3600)
            problem(stepId, QStringLiteral("window must be 1-3600 seconds"));
    } else {
        problem(stepId,
                QStringLiteral("missing required field 'source' ({\"api\": ...} or "
                               "{\"metric\": ...})"));
    }
    const QJsonValue predicate = json.value(QLatin1String("predicate"));
    if (!predicate.isObject()) {
        problem(stepId, QStringLiteral("missing required field 'predicate'"));
    } else {
        const QJsonObject p = predicate.toObject();
        check.predicate.path = str(p, "path");
        check.predicate.op = p.value(QLatin1String("op")).toString(QStringLiteral("=="));
        check.predicate.value = p.value(QLatin1String("value"));
        check.predicate.unit = str(p, "unit");
        if (!check.predicate.unit.isEmpty() && check.predicate.unit != QLatin1String("bytes"))
            problem(stepId,
                    QStringLiteral("unknown unit '%1' (use \"bytes\" or leave it out)")
                        .arg(check.predicate.unit));
        QString why;
        if (!predicateOps().contains(check.predicate.op))
            problem(stepId, QStringLiteral("unknown predicate op '%1'").arg(check.predicate.op));
        else if (check.predicate.op != QLatin1String("exists")
                 && check.predicate.value.isUndefined())
            problem(stepId,
                    QStringLiteral("predicate op '%1' needs a 'value'").arg(check.predicate.op));
        if (!RunbookPath::isValid(check.predicate.path, &why))
            problem(stepId, why);
        if (check.source == RunbookCheck::Source::Api && check.predicate.path.isEmpty())
            problem(stepId, QStringLiteral("an api check needs a predicate 'path'"));
    }
    check.passText = str(json, "pass");
    check.failText = str(json, "fail");
    if (int(m_problems.size()) != before)
        return std::nullopt;
    return check;
}

bool RunbookParser::parseKindFields(const QJsonObject &json, RunbookStep &step)
{
    const int before = int(m_problems.size());
    const QString &id = step.id;
    switch (step.kind) {
    case RunbookStepKind::Check:
    case RunbookStepKind::Watch:
        step.check = parseCheck(json, id);
        step.blocking = json.value(QLatin1String("blocking")).toBool(true);
        if (step.kind == RunbookStepKind::Watch) {
            step.holdSeconds = json.value(QLatin1String("holdSeconds")).toInt(-1);
            step.timeoutSeconds = json.value(QLatin1String("timeoutSeconds")).toInt(-1);
            step.intervalSeconds = json.value(QLatin1String("intervalSeconds")).toInt(5);
            if (step.holdSeconds < 0 || step.timeoutSeconds <= 0)
                problem(id, QStringLiteral("a watch needs 'holdSeconds' and 'timeoutSeconds'"));
            else if (step.holdSeconds >= step.timeoutSeconds)
                problem(id, QStringLiteral("holdSeconds must be less than timeoutSeconds"));
            if (step.intervalSeconds < 1)
                problem(id, QStringLiteral("intervalSeconds must be at least 1"));
        }
        break;
    case RunbookStepKind::Action: {
        step.action = str(json, "action");
        step.target = str(json, "target");
        step.params = json.value(QLatin1String("params")).toObject();
        step.reasonTemplate = str(json, "reason");
        if (step.action.isEmpty())
            problem(id, QStringLiteral("missing required field 'action'"));
        else if (!actionNames().contains(step.action))
            problem(id, QStringLiteral("unknown action '%1'").arg(step.action));
        const bool needsTarget = step.action.startsWith(QLatin1String("flag."))
            || step.action.startsWith(QLatin1String("agent."))
            || step.action.startsWith(QLatin1String("breaker."));
        if (needsTarget && step.target.isEmpty())
            problem(id, QStringLiteral("action '%1' needs a 'target'").arg(step.action));
        if (json.contains(QLatin1String("verify")))
            step.check = parseCheck(json.value(QLatin1String("verify")).toObject(), id);
        break;
    }
    case RunbookStepKind::Command: {
        step.command = str(json, "command");
        const QJsonObject params = json.value(QLatin1String("params")).toObject();
        for (auto it = params.begin(); it != params.end(); ++it)
            step.commandParams.insert(it.key(),
                                      it.value().isDouble()
                                          ? QString::number(it.value().toInteger())
                                          : it.value().toString());
        const CommandSpec *spec = m_catalogue ? m_catalogue->find(step.command) : nullptr;
        if (step.command.isEmpty())
            problem(id, QStringLiteral("missing required field 'command'"));
        else if (m_catalogue && !spec)
            problem(id, QStringLiteral("unknown command '%1'").arg(step.command));
        for (auto it = params.begin(); spec && it != params.end(); ++it) {
            if (!spec->param(it.key()))
                problem(id,
                        QStringLiteral("command '%1' has no parameter '%2'")
                            .arg(step.command, it.key()));
        }
        break;
    }
    case RunbookStepKind::Manual:
        step.instruction = str(json, "instruction");
        step.notePrompt = str(json, "note");
        if (step.instruction.isEmpty())
            problem(id, QStringLiteral("missing required field 'instruction'"));
        break;
    case RunbookStepKind::Decision:
        step.question = str(json, "question");
        if (json.contains(QLatin1String("check"))) {
            step.check = parseCheck(json.value(QLatin1String("check")).toObject(), id);
            step.ifPass = str(json, "ifPass");
            step.ifFail = str(json, "ifFail");
            if (step.ifPass.isEmpty() || step.ifFail.isEmpty())
                problem(id, QStringLiteral("a check decision needs 'ifPass' and 'ifFail'"));
        } else if (!step.question.isEmpty()) {
            for (const QJsonValue &v : json.value(QLatin1String("answers")).toArray()) {
                const RunbookAnswer a {str(v.toObject(), "label"), str(v.toObject(), "next")};
                if (a.label.isEmpty() || a.next.isEmpty())
                    problem(id, QStringLiteral("every answer needs a 'label' and a 'next'"));
                step.answers.append(a);
            }
            if (step.answers.size() < 2)
                problem(id, QStringLiteral("a question needs at least two 'answers'"));
        } else {
            problem(id, QStringLiteral("a decision needs a 'check' or a 'question'"));
        }
        break;
    }
    return int(m_problems.size()) == before;
}

void RunbookParser::checkBranches(const Runbook &runbook)
{
    for (const RunbookStep &step : runbook.steps) {
        QStringList targets {step.next, step.ifPass, step.ifFail};
        for (const RunbookAnswer &a : step.answers)
            targets.append(a.next);
        for (const QString &target : std::as_const(targets)) {
            if (target.isEmpty() || target == QLatin1String("end")
                || target.startsWith(QLatin1String("runbook:")))
                continue;
            if (runbook.indexOf(target) < 0)
                problem(step.id, QStringLiteral("branches to missing step '%1'").arg(target));
        }
    }
}
