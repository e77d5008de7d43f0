#pragma once

#include <QObject>
#include <QString>

#include <memory>

class ActionController;
class ActionJournal;
class ControlsPoller;
class IncidentStore;
class OpsClient;
struct ActionOutcome;

/// The operator's side of one console: the action journal of the environment, the
/// ActionController every control goes through, and the ControlsPoller that keeps flags, agents
/// and the dead-letter queue fresh. ConsoleSession owns one for the lifetime of its OpsClient;
/// the pages and the hotkeys use it. QtWidgets-free.
class ConsoleControls final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConsoleControls)

public:
    /// Opens the journal at `journalPath` (empty = ActionJournal::defaultPath(environment)) and
    /// the incident record beside it (incidents/<environment>.sqlite in the same data folder).
    /// A journal that cannot be opened leaves actions possible but unrecorded, and says so in
    /// journalProblem(); an incident record that cannot be opened says so in incidentProblem().
    ConsoleControls(OpsClient *client,
                    const QString &environment,
                    const QString &journalPath,
                    QObject *parent = nullptr);
    ~ConsoleControls() override;

    ActionJournal *journal() const { return m_journal.get(); }
    ActionController *actions() const { return m_actions.get(); }
    ControlsPoller *poller() const { return m_poller.get(); }
    /// The incidents of this environment; every journal entry also lands on the active one's
    /// timeline.
    IncidentStore *incidents() const { return m_incidents.get(); }
    QString incidentProblem() const { return m_incidentProblem; }
    QString environment() const { return m_environment; }
    /// Empty while the journal works; else the sentence to show (why actions are not recorded).
    QString journalProblem() const { return m_journalProblem; }

    /// Connected: start polling and learn whether the token may act.
    void start();
    /// Disconnected or the simulator went away: stop polling.
    void stop();

Q_SIGNALS:
    /// An action ended; `label` is the chart marker text ("Safe mode on ✓", "Trip openai ✗").
    void actionMarked(qint64 epochMs, const QString &label);

private:
    void onActionFinished(const ActionOutcome &outcome);

    QString m_environment;
    QString m_journalProblem;
    QString m_incidentProblem;
    std::unique_ptr<ActionJournal> m_journal;
    std::unique_ptr<ActionController> m_actions;
    std::unique_ptr<ControlsPoller> m_poller;
    std::unique_ptr<IncidentStore> m_incidents;
};
