#pragma once

#include "runbook.h"
#include "severityrules.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

class CommandCatalogue;
class SignalStore;

/// What the live system shows right now, for RunbookLibrary::suggest(). Built from the same
/// SeverityInputs the severity banner uses, plus memory (not part of the severity guide).
/// Signals a runbook's appliesWhen may name: "live", "databaseUp", "writesFailing" (bool),
/// "errorRate" (percent), "p95LatencyMs", "p99LatencyMs", "eventLoopDelayMs", "memoryRssMb",
/// "memoryGrowthMbPerMin" (numbers), "breakerOpen" (a breaker name, op "==" or "contains").
struct RunbookSignals
{
    SeverityInputs severity;
    std::optional<double> memoryRssMb;
    std::optional<double> memoryGrowthMbPerMin; ///< slope of RSS over the last 5 minutes

    /// Adds memory from the store (latest RSS, growth over the last `windowSeconds`).
    static RunbookSignals
    from(const SeverityInputs &inputs, const SignalStore *store, int windowSeconds = 300);
};

/// The runbooks: the built-in ones from :/runbooks/*.json (resources/runbooks/), then the user's
/// <AppConfigLocation>/runbooks/*.json, where the same id replaces a built-in runbook and a new id
/// adds one. Every file is validated (RunbookParser); a rejected file is listed with the file,
/// the step and the reason, and every good file still loads. QtWidgets-free; the wizard, the
/// severity banner and the "Runbooks" menu read it.
class RunbookLibrary final
{
public:
    struct LoadError
    {
        QString file; ///< "runbooks/db-connection.json" (folder name + file name)
        QString stepId; ///< empty when the problem is not in one step
        QString reason; ///< "unknown action 'write-drain.enabel'"
        /// "runbooks/db.json, step 'drain': unknown action 'write-drain.enabel'" (or without the
        /// step part).
        QString sentence() const;
    };

    /// ":/runbooks" then the user's <AppConfigLocation>/runbooks.
    static QStringList defaultDirectories();

    /// Clears, then reads every *.json (except *.schema.json) of each folder in order. Command
    /// steps are checked against `catalogue` (null: command ids are not checked). After loading,
    /// every "runbook:<id>" hand-over must name a loaded runbook, else that runbook is rejected.
    void load(const QStringList &directories, const CommandCatalogue *catalogue);
    void loadDefaults(const CommandCatalogue *catalogue) { load(defaultDirectories(), catalogue); }

    /// In load order (built-ins by file name, then extensions); overrides keep the built-in's
    /// place.
    const QList<Runbook> &runbooks() const { return m_runbooks; }
    const Runbook *find(const QString &id) const;
    const QList<LoadError> &errors() const { return m_errors; }

    /// Ids of the runbooks whose appliesWhen match, most matching conditions first (ties: load
    /// order). Unknown signals (nullopt) never match. Empty when nothing matches: offer "triage".
    QStringList suggest(const RunbookSignals &live) const;
    /// The sentences of the conditions of `runbookId` that match (for "Suggested because ..."),
    /// without a weaker threshold on a signal already named.
    QStringList matchingReasons(const QString &runbookId, const RunbookSignals &live) const;

private:
    static qsizetype matchCount(const Runbook &runbook, const RunbookSignals &live);
    void loadFile(const QString &path, const CommandCatalogue *catalogue);
    void dropBrokenHandovers();

    QList<Runbook> m_runbooks;
    QList<LoadError> m_errors;
};
