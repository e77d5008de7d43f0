#pragma once

#include "statebadge.h"

#include <QWidget>

#include <optional>

class IncidentStore;
class QComboBox;
class QLabel;
class QPushButton;
class RunbookLibrary;
struct Runbook;

// The top of the runbook wizard: the runbook picker with "Open", the runbook the live signals
// suggest with "Open suggested", the open runbook's title, and the incident its steps are
// recorded into (or why nothing is recorded, with "Declare incident…"), and the runbook files that
// were rejected (file, step, reason). Only shows and asks;
// RunbookWizard decides.
class RunbookHeader final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunbookHeader)

public:
    /// Lists every runbook of `library` (which must outlive the header) in the picker.
    explicit RunbookHeader(const RunbookLibrary &library, QWidget *parent = nullptr);

    /// Null: nothing suggested. `reasons`: the matching conditions' sentences.
    void setSuggestion(const Runbook *runbook, const QStringList &reasons);
    /// The open runbook (title, summary as tooltip, picker selection); null: none open.
    void setRunbook(const Runbook *runbook);
    /// The incident the steps go to: the store's active one when the open run records into it
    /// (`runIncident`: the run's incident id; nullopt without a run), else why nothing is
    /// recorded, with "Declare incident…" when none is active.
    void showIncident(const IncidentStore *store, const std::optional<QString> &runIncident);

    QComboBox *picker() const { return m_picker; }
    QPushButton *openButton() const { return m_open; }
    QPushButton *suggestedButton() const { return m_openSuggested; }
    QLabel *suggestionLabel() const { return m_suggestion; }
    QLabel *titleLabel() const { return m_title; }
    StateBadge *incidentBadge() const { return m_incident; }
    QPushButton *declareButton() const { return m_declare; }
    /// The runbook files the library rejected, with file, step and reason (hidden when none).
    StateBadge *rejectedBadge() const { return m_rejected; }

Q_SIGNALS:
    void openRequested(const QString &runbookId);
    void declareRequested();

private:
    QString m_suggestedId;
    bool m_runbookOpen = false;
    QComboBox *m_picker;
    QPushButton *m_open;
    QLabel *m_suggestion;
    QPushButton *m_openSuggested;
    QLabel *m_title;
    StateBadge *m_incident;
    QPushButton *m_declare;
    StateBadge *m_rejected;
};
