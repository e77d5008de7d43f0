#pragma once

#include <QMainWindow>

class ConsoleSession;
class DashboardPage;
class QLabel;
class QTabWidget;
class SimulatorBanner;
class StateBadge;
class StatusPage;

// The console's main window. It only composes: the simulator banner, the dashboard (the main
// view) and the status page as tabs, the status bar and the actions; ConsoleSession does the
// work.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(ConsoleSession *session, QWidget *parent = nullptr);

    DashboardPage *dashboardPage() const { return m_dashboard; }
    StatusPage *statusPage() const { return m_page; }
    QTabWidget *tabs() const { return m_tabs; }
    SimulatorBanner *simulatorBanner() const { return m_banner; }
    /// The connection line of the status bar.
    QString statusText() const;

private:
    void createActions();
    void updateConnectionState();

    ConsoleSession *m_session;
    SimulatorBanner *m_banner = nullptr;
    QTabWidget *m_tabs;
    DashboardPage *m_dashboard;
    StatusPage *m_page;
    StateBadge *m_connection;
    QLabel *m_modeTag;
};
