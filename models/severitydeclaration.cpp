#include "severitydeclaration.h"

SeverityDeclaration::SeverityDeclaration(QObject *parent)
    : QObject(parent)
{ }

void SeverityDeclaration::confirm(const SeveritySuggestion &suggestion, const QDateTime &at)
{
    Entry entry;
    entry.severity = suggestion.severity;
    entry.reason = tr("confirmed the suggestion: %1").arg(suggestion.headline());
    entry.declaredAt = at.toUTC();
    entry.suggested = suggestion.severity;
    entry.confirmedSuggestion = true;
    m_history.append(entry);
    Q_EMIT changed();
}

bool SeverityDeclaration::declare(Severity severity,
                                  const QString &reason,
                                  const SeveritySuggestion &suggestion,
                                  const QDateTime &at)
{
    if (reason.trimmed().isEmpty())
        return false;
    Entry entry;
    entry.severity = severity;
    entry.reason = reason.trimmed();
    entry.declaredAt = at.toUTC();
    entry.suggested = suggestion.severity;
    entry.confirmedSuggestion = false;
    m_history.append(entry);
    Q_EMIT changed();
    return true;
}

std::optional<SeverityDeclaration::Entry> SeverityDeclaration::current() const
{
    if (m_history.isEmpty())
        return std::nullopt;
    return m_history.constLast();
}

QString SeverityDeclaration::describe(const std::optional<Entry> &entry)
{
    if (!entry)
        return tr("No severity declared");
    const QString when = entry->declaredAt.toLocalTime().toString(QStringLiteral("HH:mm:ss"));
    const QString name
        = entry->severity == Severity::None ? tr("No incident") : severityName(entry->severity);
    if (entry->confirmedSuggestion)
        return tr("%1 declared at %2 (confirmed the suggestion)").arg(name, when);
    return tr("%1 declared at %2 (override: %3)").arg(name, when, entry->reason);
}
