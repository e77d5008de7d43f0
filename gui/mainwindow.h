#pragma once

#include <QMainWindow>

#include <memory>

class AgentsPage;
class CommandCatalogue;
class CommandForm;
class ConsoleSession;
class DashboardPage;
class DeadLetterPage;
class FlagsPage;
class IncidentPage;
class LogPage;
class ModeActions;
class ModeBanner;
class ProfileFrame;
class ProfileStore;
class ProfileSwitcher;
class QLabel;
class QTabWidget;
class QToolBar;
class ReplayProgress;
class RunbookLibrary;
class RunbookWizard;
class SlaClockBar;
class SeverityTabBadge;
class SimulatorBanner;
class StateBadge;
class StatusPage;

// The console's main window. It only composes: the simulator and mode banners, the pages as tabs
// (dashboard, incident, logs, flags, agents, dead letters, commands, status), the controls
// toolbar and menu, the status bar with the SLA clocks and a running replay; ConsoleSession does
// the work.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(ConsoleSession *session, QWidget *parent = nullptr);
    ~MainWindow() override;

    DashboardPage *dashboardPage() const { return m_dashboard; }
    StatusPage *statusPage() const { return m_page; }
    IncidentPage *incidentPage() const { return m_incident; }
    SlaClockBar *slaClockBar() const { return m_sla; }
    LogPage *logPage() const { return m_logs; }
    RunbookWizard *runbookWizard() const { return m_runbookWizard; }
    FlagsPage *flagsPage() const { return m_flags; }
    AgentsPage *agentsPage() const { return m_agents; }
    DeadLetterPage *deadLetterPage() const { return m_deadLetters; }
    CommandForm *commandForm() const { return m_commands; }
    ModeActions *modeActions() const { return m_modeActions; }
    ModeBanner *modeBanner() const { return m_modeBanner; }
    ReplayProgress *replayProgress() const { return m_replay; }
    QTabWidget *tabs() const { return m_tabs; }
    SimulatorBanner *simulatorBanner() const { return m_banner; }
    /// Shows a page by its --page name (ConsoleOptions::pageNames()); false if unknown.
    bool showPage(const QString &name);
    /// Shows the runbooks page with runbook `id` open (resumed when the incident stored it).
    void openRunbook(const QString &id);
    /// The --page name of the page on show.
    QString currentPageName() const;
    /// The connection line of the status bar.
    QString statusText() const;
    /// Restores the layout stored in `path` (geometry, toolbars, the open page unless `page`
    /// names one, the dashboard's metrics source for this fleet) and stores it there again when
    /// the window closes. Automated runs
    /// (screenshots, probes) do not call it, so that they stay reproducible.
    void rememberLayout(const QString &path, const QString &page = {});
    /// Stores the layout now where rememberLayout() said (no-op when it was not called).
    void saveLayout() const;

    /// Shows the environment profiles: a switcher on the controls toolbar (the current profile
    /// always in sight) and, for a production profile, "PRODUCTION" in the title and a frame in
    /// its colour. The caller acts on the switcher's signals (ConsoleShell).
    ProfileSwitcher *showProfiles(ProfileStore *profiles);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createPages(const QString &environment);
    void createActions();
    void updateConnectionState();
    void createRunbooks(const QString &environment);
    QList<QWidget *> pages() const;

    ConsoleSession *m_session;
    SimulatorBanner *m_banner = nullptr;
    QTabWidget *m_tabs;
    DashboardPage *m_dashboard;
    StatusPage *m_page;
    SeverityTabBadge *m_severityTab = nullptr;
    std::unique_ptr<CommandCatalogue> m_catalogue;
    ModeBanner *m_modeBanner = nullptr;
    ModeActions *m_modeActions = nullptr;
    IncidentPage *m_incident = nullptr;
    SlaClockBar *m_sla = nullptr;
    QString m_slaProblem; ///< why the team's sla.json was not used (empty when fine)
    std::unique_ptr<RunbookLibrary> m_runbooks;
    RunbookWizard *m_runbookWizard = nullptr;
    LogPage *m_logs = nullptr;
    FlagsPage *m_flags = nullptr;
    AgentsPage *m_agents = nullptr;
    DeadLetterPage *m_deadLetters = nullptr;
    CommandForm *m_commands = nullptr;
    ReplayProgress *m_replay = nullptr;
    StateBadge *m_connection;
    QLabel *m_modeTag;
    QToolBar *m_controlsBar = nullptr;
    ProfileSwitcher *m_profileSwitcher = nullptr;
    ProfileFrame *m_profileFrame = nullptr;
    QString m_layoutPath; ///< where the layout is stored on close; empty = not remembered
};
