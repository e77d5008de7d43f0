#pragma once

#include "severityrules.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QString>

#include <optional>

// The severity the incident lead declared, as opposed to the one the rules suggest. The severity
// banner records the lead's "Confirm" and "Override…" here; nothing else changes it, so a new
// suggestion never silently replaces a declared severity. The incident issue persists history().
class SeverityDeclaration final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SeverityDeclaration)

public:
    struct Entry
    {
        Severity severity = Severity::None;
        QString reason; ///< the lead's words, or "confirmed the suggestion: …"
        QDateTime declaredAt; ///< UTC
        Severity suggested = Severity::None; ///< what the rules suggested at that moment
        bool confirmedSuggestion = false; ///< true for "Confirm", false for an override
    };

    explicit SeverityDeclaration(QObject *parent = nullptr);

    /// The lead adopts the current suggestion as the declared severity.
    void confirm(const SeveritySuggestion &suggestion, const QDateTime &at);
    /// The lead declares `severity` whatever the suggestion; `reason` must not be blank
    /// (returns false and changes nothing when it is).
    bool declare(Severity severity,
                 const QString &reason,
                 const SeveritySuggestion &suggestion,
                 const QDateTime &at);

    std::optional<Entry> current() const;
    /// Every declaration, oldest first.
    const QList<Entry> &history() const { return m_history; }

    /// "P1 declared at 11:32:05 (confirmed the suggestion)" or "No severity declared".
    static QString describe(const std::optional<Entry> &entry);

Q_SIGNALS:
    void changed();

private:
    QList<Entry> m_history;
};
