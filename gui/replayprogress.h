#pragma once

#include "opsdto.h"

#include <QWidget>

class ControlsPoller;
class QProgressBar;
class QPushButton;

// A compact view of a running dead-letter replay for the status bar: "Replay 42/100 · 3 failed ·
// 10/s" over a thin bar, hidden while no replay runs. Follows ControlsPoller's dead-letter
// status; clicking it asks for the dead-letter page (the main window connects showRequested).
class ReplayProgress final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReplayProgress)

public:
    explicit ReplayProgress(ControlsPoller *poller, QWidget *parent = nullptr);

    /// True while a replay is running or paused (the console shows it).
    static bool isActive(const std::optional<ReplayState> &replay);
    /// Messages the replay will have handled when done: replayed + failed + remaining.
    static qint64 total(const ReplayState &replay);
    /// "Replay 42/100 · 3 failed · 10/s"
    static QString shortText(const ReplayState &replay);
    /// "running" / "paused" / "done" / "stopped"
    static QString phaseText(ReplayPhase phase);
    /// Seconds left at the replay's rate (remaining / rate), -1 if unknown.
    static qint64 etaSeconds(const ReplayState &replay);

    void showStatus(const DeadLetterStatus &status);
    QString text() const;
    QPushButton *button() const { return m_button; }
    QProgressBar *bar() const { return m_bar; }

Q_SIGNALS:
    /// The user clicked the widget: show the dead-letter page.
    void showRequested();

protected:
    void mouseReleaseEvent(QMouseEvent *event) override;

private:
    QPushButton *m_button;
    QProgressBar *m_bar;
};
