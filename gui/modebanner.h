#pragma once

#include "actioncontroller.h"
#include "opsdto.h"

#include <QDateTime>
#include <QFrame>

#include <array>
#include <functional>

class ActionOutcomeRow;
class ActionController;
class QLabel;
class QPushButton;
class QTimer;

// The strip that cannot be missed while an ops mode is on: one line per mode ("SAFE MODE ON
// since 10:02:13 (12 min) by alice — reason: openai 429 storm") on a strong colour, with an icon
// and bold text, and a "Turn off…" button. Fed with OpsStatus (DashboardPoller::opsStatusUpdated,
// through ModeActions), so a mode armed by someone else shows too. Below the lines, the outcome
// of the last mode action (ActionOutcomeRow). Hidden when no mode is on and no outcome is shown.
class ModeBanner final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ModeBanner)

public:
    using Kind = ActionRequest::Kind; ///< SafeMode, WriteDrain or EmergencyMode

    /// `controller` follows the mode actions' outcomes (and resends them).
    explicit ModeBanner(ActionController *controller, QWidget *parent = nullptr);
    ~ModeBanner() override;

    void setOpsStatus(const OpsStatus &status);
    /// The status is no longer current (the ops status poll failed): every line says
    /// "(as of hh:mm:ss)" with the time of the last good answer. Fresh again with stale = false.
    void setStale(bool stale, const QDateTime &lastUpdate = {});

    bool isModeOn(Kind mode) const;
    /// The line of a mode ("" when it is off).
    QString lineText(Kind mode) const;
    QPushButton *turnOffButton(Kind mode) const;
    /// Shows a mode action's progress and outcome under the lines (ModeActions calls it).
    void track(const QString &actionId, const QString &summary);
    /// Shows why a mode action was not sent.
    void showRejected(const QString &sentence);
    ActionOutcomeRow *outcomeRow() const { return m_outcome; }
    /// Text of the outcome line ("" when none is shown).
    QString outcomeText() const;
    /// The 1 Hz timer that refreshes the elapsed time (runs only while shown with a mode on).
    const QTimer *tickTimer() const { return m_tick; }

    /// How long a mode has been on, for the line: the server's `since` when it is in the past,
    /// else (a skewed or simulated server clock) the time this console first saw it on.
    static qint64
    elapsedSeconds(const QDateTime &since, const QDateTime &firstSeen, const QDateTime &now);
    /// For tests: the clock the elapsed time reads (defaults to the current time).
    void setClock(std::function<QDateTime()> clock);

Q_SIGNALS:
    /// The lead clicked "Turn off…" on a mode's line (ModeActions asks for the reason).
    void turnOffRequested(ModeBanner::Kind mode);

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    struct Line
    {
        QFrame *frame = nullptr;
        QLabel *icon = nullptr;
        QLabel *text = nullptr;
        QPushButton *turnOff = nullptr;
        bool on = false;
        QDateTime since;
        QDateTime firstSeen; ///< local time this console first saw the mode on
        QString by;
        QString reason;
    };
    static constexpr int kModes = 3;

    Line &line(Kind mode);
    const Line &line(Kind mode) const;
    void createLine(Kind mode);
    void setMode(Kind mode, bool on, const QDateTime &since, const QString &by, const QString &why);
    void updateTexts();
    void updateVisibility();
    void updateTimer();

    std::array<Line, kModes> m_lines;
    ActionOutcomeRow *m_outcome;
    QWidget *m_outcomeLine; ///< the outcome row and its Dismiss button
    QTimer *m_successTimer;
    QTimer *m_tick;
    bool m_stale = false;
    QDateTime m_lastUpdate;
    std::function<QDateTime()> m_clock;
};
