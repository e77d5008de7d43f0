#pragma once

#include <QWidget>

class QButtonGroup;
class QLabel;
class QToolButton;

// The charts' time controls: 5 min / 1 h / 6 h / 24 h, Live/Pause, and a line saying what is
// shown ("Live: last 5 min" / "Paused: 11:02:10 – 11:07:10"). It emits the user's intent;
// ChartGrid owns the window and reports it back with showWindow().
class WindowBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WindowBar)

public:
    explicit WindowBar(QWidget *parent = nullptr);

    /// The preset spans in seconds, in button order.
    static QList<qint64> spans();
    static QString spanName(qint64 seconds); ///< "5 min", "1 h", ...

    /// `presetSpan` 0 = a dragged zoom (no preset button checked).
    void showWindow(qint64 fromSecond, qint64 toSecond, qint64 presetSpan, bool followLive);

    QToolButton *spanButton(qint64 seconds) const;
    QToolButton *liveButton() const { return m_live; }
    QString windowText() const;

Q_SIGNALS:
    void spanRequested(qint64 seconds);
    void followLiveRequested(bool follow);

private:
    QButtonGroup *m_spans;
    QList<QToolButton *> m_spanButtons;
    QToolButton *m_live;
    QLabel *m_window;
};
