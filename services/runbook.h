#pragma once

#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

#include <array>
#include <optional>
#include <utility>

/// Enum <-> key tables of the runbook files and the stored progress ("check", "passed", ...).
template<typename E, std::size_t N>
using RunbookKeyTable = std::array<std::pair<E, const char *>, N>;

template<typename E, std::size_t N>
QString runbookKeyOf(const RunbookKeyTable<E, N> &table, E value)
{
    for (const auto &[e, key] : table) {
        if (e == value)
            return QLatin1String(key);
    }
    return {};
}

template<typename E, std::size_t N>
std::optional<E> runbookValueOf(const RunbookKeyTable<E, N> &table, const QString &key)
{
    for (const auto &[e, name] : table) {
        if (key == QLatin1String(name))
            return e;
    }
    return std::nullopt;
}

/// The kinds of step a runbook may hold (resources/runbooks/runbook.schema.json).
enum class RunbookStepKind { Check, Action, Command, Watch, Manual, Decision };

QString runbookStepKindKey(RunbookStepKind kind); ///< "check", "action", ...
std::optional<RunbookStepKind> runbookStepKindFromKey(const QString &key);

/// A test on one JSON value: {"path": "checks.database", "op": "==", "value": true}.
/// Ops: == != < <= > >= exists contains. `path` is dotted; a number segment indexes an array;
/// a segment "[name=value]" picks the array element whose field `name` equals `value`
/// (e.g. "breakers.[name=openai].state").
struct RunbookPredicate
{
    QString path; ///< empty = the whole answer (metric checks: the aggregated number)
    QString op = QStringLiteral("==");
    QJsonValue value;
    /// How the value reads to a person: "" (as it is) or "bytes" (shown in MB, judged in bytes).
    QString unit;
};

/// What a check reads and how it judges it. Either an ops API GET ({"api": "/health/ready"}) or a
/// golden signal over a window ({"metric": "errorRate", "window": 60, "aggregate": "max"}).
struct RunbookCheck
{
    enum class Source { Api, Metric };
    Source source = Source::Api;
    QString apiPath; ///< "/health/ready", "/api/circuit-breakers", ...
    QString metric; ///< runbookMetricNames(): "errorRate" (percent), "memoryRssMb", ...
    int windowSeconds = 60; ///< metric window (simulated seconds when a time scale is set)
    QString aggregate = QStringLiteral("last"); ///< max | avg | last | slope (per minute)
    RunbookPredicate predicate;
    QString passText; ///< the runbook's sentence when the predicate holds
    QString failText; ///< ... and when it does not
};

/// One answer of a question decision: its button label and the step (or "end", or
/// "runbook:<id>") it leads to.
struct RunbookAnswer
{
    QString label;
    QString next;
};

/// One condition of a runbook's "appliesWhen": a live signal compared with a value, e.g.
/// {"signal": "errorRate", "op": ">=", "value": 50} or {"signal": "breakerOpen", "value":
/// "openai"}. Signals: see RunbookSignals.
struct RunbookCondition
{
    QString signal;
    QString op = QStringLiteral("==");
    QJsonValue value;
    QString text; ///< optional sentence ("ready failing"); generated when empty
};

/// One step as written in the runbook file. Only the fields of its kind are meaningful.
struct RunbookStep
{
    QString id; ///< unique within the runbook
    RunbookStepKind kind = RunbookStepKind::Manual;
    QString title;
    QString why; ///< the runbook's own words: what the step is for
    QString next; ///< optional explicit successor ("end", "runbook:<id>", a step id)

    /// check / watch / decision-on-a-check; for an action the optional "verify" check that
    /// proves it worked on the server (run after the action succeeded).
    std::optional<RunbookCheck> check;
    /// check: Next needs a pass (true, default) or only a finished check (false: diagnostic
    /// checks that are expected to fail during the incident, the failure being the evidence).
    bool blocking = true;

    // action: {"action": "write-drain.enable", "target": "", "params": {...}, "reason": "..."}
    QString action; ///< ActionRequest::actionName() vocabulary
    QString target;
    QJsonObject params; ///< durationSeconds, rateLimit, maxMessages, errorType, conduitId
    QString reasonTemplate; ///< may use {incident}, {runbook}, {step}, {target}

    // command: {"command": "cloudrun.services.scale", "params": {"minInstances": "1"}}
    QString command;
    QHash<QString, QString> commandParams;

    // watch
    int holdSeconds = 60; ///< the check must pass continuously this long
    int timeoutSeconds = 600;
    int intervalSeconds = 5;

    // manual
    QString instruction;
    QString notePrompt; ///< optional: the note the lead may write ("which provider?")

    // decision
    QString question; ///< question decisions; empty for check decisions
    QList<RunbookAnswer> answers;
    QString ifPass; ///< check decisions
    QString ifFail;
};

/// A runbook as loaded and validated by RunbookLibrary.
struct Runbook
{
    QString id; ///< "db-connection", "openai-rate-limit", "high-error-rate", "memory-leak", ...
    QString title;
    QString summary;
    QList<RunbookCondition> appliesWhen; ///< any one matching suggests the runbook
    QList<RunbookStep> steps;
    QString sourceFile; ///< ":/runbooks/db-connection.json" or the user's file

    int indexOf(const QString &stepId) const; ///< -1 when absent
    /// Where a step goes after it when nothing else decides: its `next`, else the following
    /// step, else "end".
    QString successorOf(int index) const;
};

/// Names the metric checks and RunbookSignals understand.
QStringList runbookMetricNames();
