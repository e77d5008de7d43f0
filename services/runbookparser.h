#pragma once

#include "runbook.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

class CommandCatalogue;
struct ActionRequest;

/// Reads one runbook file and validates it completely: JSON syntax, required fields, step kinds,
/// action names (ActionRequest::actionName() vocabulary), command ids (the catalogue), duplicate
/// step ids, branches and `next` to missing steps, predicate ops, metric names and aggregates,
/// watch timings. Any problem rejects the whole file; every problem found is reported.
/// "runbook:<id>" hand-overs are checked later by RunbookLibrary (they need every file).
class RunbookParser final
{
public:
    struct Problem
    {
        QString stepId; ///< empty when not inside one step
        QString reason;
    };

    /// `catalogue` null: command ids are not checked.
    explicit RunbookParser(const CommandCatalogue *catalogue = nullptr);

    /// The runbook, or nullopt with problems() saying why.
    std::optional<Runbook> parse(const QByteArray &json, const QString &sourceFile);
    const QList<Problem> &problems() const { return m_problems; }

    /// The action names a runbook may use: "safe-mode.enable", "flag.disable", ...
    static QStringList actionNames();
    /// The request an action name stands for (kind and enable set), or nullopt when unknown.
    static std::optional<ActionRequest> actionRequest(const QString &name);
    static QStringList predicateOps(); ///< == != < <= > >= exists contains
    static QStringList aggregates(); ///< max avg last slope

private:
    std::optional<RunbookStep> parseStep(const QJsonObject &json, int index);
    std::optional<RunbookCheck> parseCheck(const QJsonObject &json, const QString &stepId);
    bool parseKindFields(const QJsonObject &json, RunbookStep &step);
    void checkBranches(const Runbook &runbook);
    void problem(const QString &stepId, const QString &reason);

    const CommandCatalogue *m_catalogue = nullptr;
    QList<Problem> m_problems;
};
