#pragma once

#include <QMainWindow>

class ConsoleSession;
class QLabel;
class SimulatorBanner;
class StateBadge;
class StatusPage;

// The console's main window. It only composes: the simulator banner, the status page, the
// status bar and the actions; ConsoleSession does the work.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(ConsoleSession *session, QWidget *parent = nullptr);

    StatusPage *statusPage() const { return m_page; }
    SimulatorBanner *simulatorBanner() const { return m_banner; }
    /// The connection line of the status bar.
    QString statusText() const;

private:
    void createActions();
    void updateConnectionState();

    ConsoleSession *m_session;
    SimulatorBanner *m_banner = nullptr;
    StatusPage *m_page;
    StateBadge *m_connection;
    QLabel *m_modeTag;
};
