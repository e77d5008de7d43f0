#pragma once

#include "severitydeclaration.h"
#include "severityrules.h"

#include <QFrame>

#include <optional>

class QLabel;
class QPushButton;

// The top of the dashboard: the rules' suggestion in words (headline and every reason), the
// severity the lead declared, "Confirm Pn" / "Override…", and "Open runbook…" for the runbook the
// signals suggest. It only emits the lead's intent;
// DashboardPage records it in SeverityDeclaration and feeds the result back with setDeclared().
// A new suggestion never changes the declared severity: the banner shows both side by side.
class SeverityBanner final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SeverityBanner)

public:
    explicit SeverityBanner(QWidget *parent = nullptr);

    void setSuggestion(const SeveritySuggestion &suggestion);
    void setDeclared(const std::optional<SeverityDeclaration::Entry> &declared);
    /// The suggestion is based on partial data (a source is stale); empty = all fresh.
    /// `noLiveData`: nothing is polled any more, so the level is shown greyed out.
    void setDataNote(const QString &note, bool noLiveData = false);
    /// Shown in the override dialog: "SIMULATOR" or the server's host.
    void setEnvironment(const QString &environment);

    /// Opens the override dialog (what "Override…" does).
    void requestOverride();
    /// The runbook the live signals suggest ("High error rate"): "Open runbook…" appears and
    /// asks for it. An empty id hides the button.
    void setSuggestedRunbook(const QString &runbookId, const QString &title);
    QString suggestedRunbookId() const { return m_runbookId; }

    const SeveritySuggestion &suggestion() const { return m_suggestion; }
    QString headlineText() const;
    QString reasonsText() const;
    QString declaredText() const;
    QPushButton *confirmButton() const { return m_confirm; }
    QPushButton *overrideButton() const { return m_override; }
    QPushButton *runbookButton() const { return m_runbook; }

    /// The level's colour: P0 red, P1 orange, P2 amber, none green.
    static QColor severityColor(Severity severity);
    /// The override dialog's choices, most severe first, and their severities.
    static QStringList severityChoices();
    static Severity severityForChoice(int index);

Q_SIGNALS:
    /// The lead adopts the suggestion shown (the page records it).
    void confirmRequested(const SeveritySuggestion &suggestion);
    void overrideRequested(Severity severity, const QString &reason);
    /// "Open runbook…": the lead wants the suggested runbook's wizard.
    void runbookRequested(const QString &runbookId);

private:
    void updateView();

    SeveritySuggestion m_suggestion;
    std::optional<SeverityDeclaration::Entry> m_declared;
    QString m_environment;
    bool m_noLiveData = false;
    QLabel *m_level;
    QLabel *m_headline;
    QLabel *m_reasons;
    QLabel *m_declaredLabel;
    QLabel *m_dataNote;
    QPushButton *m_confirm;
    QPushButton *m_override;
    QPushButton *m_runbook;
    QString m_runbookId;
};
