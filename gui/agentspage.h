#pragma once

#include <QHash>
#include <QPointer>
#include <QWidget>

class ActionController;
class ActionOutcomeRow;
class AgentTableModel;
class ControlsPoller;
class QLabel;
class QPushButton;
class ReasonDialog;
class TableSection;
struct ActionOutcome;
struct ActionRequest;

// The agents of /api/agents (ControlsPoller) in a table with "Quarantine…" (type the agent id to
// confirm, a reason, an optional duration; the quarantine cap with an explicit override) and
// "Release…" (a reason). Every action goes through ActionController; its outcome shows next to
// the buttons, with "Resend with the same key" when it is unknown.
class AgentsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AgentsPage)

public:
    /// `environment` is shown in the dialogs ("SIMULATOR" or the server's host).
    AgentsPage(ActionController *controller,
               ControlsPoller *poller,
               const QString &environment,
               QWidget *parent = nullptr);

    /// Open the dialogs for any agent id (the buttons pass the selected agent; the runbook and
    /// tests may name one that is not listed: the server then answers 404 and the page says so).
    void requestQuarantine(const QString &agentId);
    void requestRelease(const QString &agentId);
    QString selectedAgent() const;
    /// Selects the agent's row (false if it is not listed).
    bool selectAgent(const QString &agentId);

    AgentTableModel *model() const { return m_model; }
    TableSection *section() const { return m_section; }
    QPushButton *quarantineButton() const { return m_quarantine; }
    QPushButton *releaseButton() const { return m_release; }
    ActionOutcomeRow *outcomeRow() const { return m_outcome; }
    /// The quarantine or release dialog while it is open.
    ReasonDialog *openDialog() const;

private:
    void send(const ActionRequest &request);
    void actionStarted(const ActionOutcome &outcome);
    void actionFinished(const ActionOutcome &outcome);
    void updateButtons();
    void showSource();

    ActionController *m_controller;
    ControlsPoller *m_poller;
    QString m_environment;
    AgentTableModel *m_model;
    TableSection *m_section;
    QPushButton *m_quarantine;
    QPushButton *m_release;
    QLabel *m_readOnly;
    ActionOutcomeRow *m_outcome;
    QPointer<ReasonDialog> m_dialog;
    QHash<QString, QString> m_agentOfAction; ///< action id -> agent id, while in flight
};
