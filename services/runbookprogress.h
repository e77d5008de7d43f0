#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

class IncidentStore;
enum class RunbookStepState;

/// The inverse of runbookStepStateKey() (declared in runbookrun.h).
std::optional<RunbookStepState> runbookStepStateFromKey(const QString &key);

/// A run's progress as stored in the incident (IncidentStore text field "runbook-run", compact
/// JSON): which runbook, the step it is on, the steps left so far and how, and the interaction
/// count. RunbookRun writes it after every step and reads it back on start() to resume.
struct RunbookProgress
{
    struct StepOutcome
    {
        QString stepId;
        QString state; ///< runbookStepStateKey(): "passed", "done", "skipped", "failed"
        QString sentence;
        QString actionId;
        QString outcome;
        QString skipReason;
        QString chosenNext;
        QString value; ///< the evidence's value ({evidence:<stepId>} after a resume)
    };

    QString runbookId;
    QString currentStepId; ///< empty when the run ended
    QList<StepOutcome> outcomes; ///< in the order the steps were left
    int interactions = 0;
    bool ended = false;
    QString handover; ///< the runbook handed over to, if the run ended that way

    QJsonObject toJson() const;
    static std::optional<RunbookProgress> fromJson(const QJsonObject &json);

    /// The stored progress of `incidentId`, or nullopt (none, or unreadable).
    static std::optional<RunbookProgress> load(const IncidentStore *incidents,
                                               const QString &incidentId);
    /// Stores and flushes (the write is committed when this returns true).
    bool save(IncidentStore *incidents, const QString &incidentId, QString *error = nullptr) const;
};
