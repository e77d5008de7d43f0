#pragma once

#include "opsdto.h"

#include <QPointer>
#include <QSet>
#include <QWidget>

class ActionController;
class ActionOutcomeRow;
class ControlsPoller;
class DeadLetterBreakdownModel;
class DeadLetterRecordModel;
class DeadLetterSummaryBox;
class QLabel;
class QProgressBar;
class QPushButton;
class ReasonDialog;
class TableSection;
struct ActionOutcome;
struct ActionRequest;

// The dead-letter queue (ControlsPoller's /api/dead-letter/status): depth, messages/min, oldest,
// the breakdown by error type and conduit, the recent records; "Replay…" (rate cap, maximum,
// filters and a sentence saying how much it moves), a live progress bar that follows the status,
// and "Stop replay…". Actions go through ActionController; outcomes show next to the buttons.
class DeadLetterPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeadLetterPage)

public:
    DeadLetterPage(ActionController *controller,
                   ControlsPoller *poller,
                   const QString &environment,
                   QWidget *parent = nullptr);

    /// What the buttons do: open the replay / stop dialogs.
    void requestReplay();
    void requestStop();

    QString depthText() const;
    QString progressText() const;
    DeadLetterRecordModel *recordModel() const { return m_records; }
    DeadLetterBreakdownModel *breakdownModel() const { return m_breakdown; }
    QPushButton *replayButton() const { return m_replay; }
    QPushButton *stopButton() const { return m_stop; }
    QProgressBar *progressBar() const { return m_bar; }
    ActionOutcomeRow *outcomeRow() const { return m_outcome; }
    ReasonDialog *openDialog() const;

private:
    QWidget *buildReplayBox();
    void showStatus(const DeadLetterStatus &status);
    void showSource();
    void send(const ActionRequest &action);
    void actionFinished(const ActionOutcome &outcome);
    void updateButtons();

    ActionController *m_controller;
    ControlsPoller *m_poller;
    QString m_environment;
    DeadLetterStatus m_status;
    DeadLetterRecordModel *m_records;
    DeadLetterBreakdownModel *m_breakdown;
    DeadLetterSummaryBox *m_summary = nullptr;
    QLabel *m_phase = nullptr;
    QLabel *m_progress = nullptr;
    QProgressBar *m_bar = nullptr;
    QPushButton *m_replay = nullptr;
    QPushButton *m_stop = nullptr;
    QLabel *m_readOnly = nullptr;
    ActionOutcomeRow *m_outcome = nullptr;
    TableSection *m_breakdownSection = nullptr;
    TableSection *m_recordsSection = nullptr;
    QPointer<ReasonDialog> m_dialog;
    QSet<QString> m_actions; ///< our replay actions in flight
};
