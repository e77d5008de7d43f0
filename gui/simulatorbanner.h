#pragma once

#include <QFrame>
#include <QUrl>

class QLabel;
class QPushButton;

// The unmistakable "this is the simulator" strip at the top of the main window. MainWindow feeds
// it from ConsoleSession: running (with the simulator's URL) or stopped (with the reason), in
// which case it offers to restart the simulator.
class SimulatorBanner final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SimulatorBanner)

public:
    explicit SimulatorBanner(QWidget *parent = nullptr);

    void showStarting();
    void showRunning(const QUrl &baseUrl);
    void showStopped(const QString &reason);

    bool isStopped() const { return m_stopped; }
    QString message() const;

Q_SIGNALS:
    void restartRequested();

private:
    void applyColors(bool stopped);

    QLabel *m_tag;
    QLabel *m_message;
    QPushButton *m_restart;
    bool m_stopped = false;
};
