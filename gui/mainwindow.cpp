#include "mainwindow.h"

#include "actioncontroller.h"
#include "agentspage.h"
#include "appicon.h"
#include "chartgrid.h"
#include "commandcatalogue.h"
#include "commandform.h"
#include "consolecontrols.h"
#include "consoleoptions.h"
#include "consolesession.h"
#include "controlspoller.h"
#include "dashboardpage.h"
#include "deadletterpage.h"
#include "flagspage.h"
#include "fleetbar.h"
#include "incidentpage.h"
#include "logpage.h"
#include "logsourcecontrols.h"
#include "modeactions.h"
#include "modebanner.h"
#include "profileframe.h"
#include "profilestore.h"
#include "profileswitcher.h"
#include "replayprogress.h"
#include "runbooklibrary.h"
#include "runbookrun.h"
#include "runbookwizard.h"
#include "severitybanner.h"
#include "severitytabbadge.h"
#include "simulatorbanner.h"
#include "slaclockbar.h"
#include "slapolicy.h"
#include "statebadge.h"
#include "statuspage.h"
#include "windowlayout.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QFile>
#include <QKeySequence>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace {

// Named in every confirmation dialog, so that nobody trips production believing it is the
// simulator.
QString environmentName(bool simulator, const QUrl &url)
{
    const QString where = url.isValid() ? url.toString() : QString();
    if (!simulator)
        return where;
    return where.isEmpty() ? MainWindow::tr("SIMULATOR")
                           : MainWindow::tr("SIMULATOR at %1").arg(where);
}

} // namespace

MainWindow::MainWindow(ConsoleSession *session, QWidget *parent)
    : QMainWindow(parent)
    , m_session(session)
    , m_tabs(new QTabWidget)
    , m_dashboard(new DashboardPage)
    , m_page(new StatusPage(session))
    , m_connection(new StateBadge)
    , m_modeTag(new QLabel)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowIcon(AppIcon::create());

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    if (m_session->isSimulator()) {
        m_banner = new SimulatorBanner(central);
        layout->addWidget(m_banner);
        connect(m_banner, &SimulatorBanner::restartRequested, m_session,
                &ConsoleSession::restartSimulator);
        connect(m_session, &ConsoleSession::simulatorReady, m_banner,
                &SimulatorBanner::showRunning);
    }
    // The dashboard is what an incident needs first; the endpoint details stay one tab away.
    m_tabs->setObjectName(QStringLiteral("pages"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_dashboard, tr("&Dashboard"));
    m_tabs->setAccessibleName(tr("Pages"));
    // The tab bar's own scroll arrows have no names; screen readers would announce "button".
    for (QToolButton *arrow : m_tabs->tabBar()->findChildren<QToolButton *>()) {
        arrow->setAccessibleName(arrow->arrowType() == Qt::LeftArrow ? tr("Scroll tabs left")
                                                                     : tr("Scroll tabs right"));
    }
    layout->addWidget(m_tabs, 1);
    // The modes that change production sit right under the title, above every page.
    m_modeBanner = new ModeBanner(m_session->controls()->actions(), central);
    layout->insertWidget(m_banner ? 1 : 0, m_modeBanner);
    createPages(m_session->isSimulator() ? tr("SIMULATOR") : m_session->baseUrl().toString());
    setCentralWidget(central);

    m_dashboard->setEnvironment(environmentName(m_session->isSimulator(), m_session->baseUrl()));
    m_dashboard->setPoller(m_session->dashboard());
    m_dashboard->setFleet(m_session->fleet());
    connect(m_session, &ConsoleSession::dashboardChanged, m_dashboard, &DashboardPage::setPoller);
    m_severityTab = new SeverityTabBadge(m_tabs, m_dashboard);
    connect(m_dashboard, &DashboardPage::suggestionShown, m_severityTab, &SeverityTabBadge::show);
    connect(m_dashboard, &DashboardPage::suggestionShown, m_incident, &IncidentPage::setSuggestion);
    m_severityTab->show(m_dashboard->severityBanner()->suggestion());
    m_incident->setSuggestion(m_dashboard->severityBanner()->suggestion());
    connect(m_session, &ConsoleSession::simulatorReady, m_dashboard,
            [this](const QUrl &url) { m_dashboard->setEnvironment(environmentName(true, url)); });
    connect(m_dashboard, &DashboardPage::statusMessage, this,
            [this](const QString &message) { statusBar()->showMessage(message, 10000); });

    m_connection->setObjectName(QStringLiteral("connectionState"));
    m_connection->setWordWrap(false);
    m_modeTag->setObjectName(QStringLiteral("modeTag"));
    m_modeTag->setTextFormat(Qt::PlainText);
    m_modeTag->setContentsMargins(8, 0, 8, 0);
    if (m_session->isSimulator()) {
        m_modeTag->setText(tr("SIMULATOR"));
        m_modeTag->setAutoFillBackground(true);
        QPalette pal = m_modeTag->palette();
        pal.setColor(QPalette::Window, QColor(0xff, 0xd5, 0x4f));
        pal.setColor(QPalette::WindowText, QColor(0x26, 0x1a, 0x00));
        m_modeTag->setPalette(pal);
        QFont font = m_modeTag->font();
        font.setBold(true);
        m_modeTag->setFont(font);
    } else {
        m_modeTag->setText(m_session->baseUrl().host());
    }
    statusBar()->addWidget(m_connection, 1);
    statusBar()->addPermanentWidget(m_sla);
    statusBar()->addPermanentWidget(m_replay);
    statusBar()->addPermanentWidget(m_modeTag);
    for (const QString &sentence : {m_session->controls()->journalProblem(),
                                    m_session->controls()->incidentProblem(), m_slaProblem}) {
        if (sentence.isEmpty())
            continue;
        auto *problem = new StateBadge;
        problem->setObjectName(QStringLiteral("storageProblem"));
        problem->setState(StateBadge::Severity::Warning, sentence);
        statusBar()->addPermanentWidget(problem);
    }

    createActions();
    connect(m_session, &ConsoleSession::stateChanged, this, &MainWindow::updateConnectionState);
    connect(m_session, &ConsoleSession::refreshFinished, this, &MainWindow::updateConnectionState);
    updateConnectionState();
    // The dashboard is designed for 1280x800 and more; smaller screens get what they have.
    QSize size(1280, 800);
    if (const QScreen *screen = this->screen())
        size = size.boundedTo(screen->availableGeometry().size());
    resize(size);
}

MainWindow::~MainWindow() = default;

void MainWindow::createPages(const QString &environment)
{
    ConsoleControls *controls = m_session->controls();
    ActionController *actions = controls->actions();
    ControlsPoller *poller = controls->poller();
    m_dashboard->setActions(actions);

    TimeCursor *cursor = m_dashboard->chartGrid()->cursor();
    m_incident = new IncidentPage(controls->incidents(), cursor);
    m_logs = new LogPage(m_session->logs(), cursor);
    m_flags = new FlagsPage(actions, poller, environment);
    m_agents = new AgentsPage(actions, poller, environment);
    m_deadLetters = new DeadLetterPage(actions, poller, environment);
    m_catalogue = std::make_unique<CommandCatalogue>();
    m_catalogue->loadDefaults();
    m_logs->sourceControls()->setCatalogue(m_catalogue.get()); // the same rules and overrides
    m_commands = new CommandForm(*m_catalogue, controls->journal());
    m_tabs->addTab(m_incident, tr("&Incident"));
    createRunbooks(environment);
    m_tabs->addTab(m_runbookWizard, tr("Run&books"));
    m_tabs->addTab(m_logs, tr("&Logs"));
    m_tabs->addTab(m_flags, tr("&Flags"));
    m_tabs->addTab(m_agents, tr("&Agents"));
    m_tabs->addTab(m_deadLetters, tr("Dead le&tters"));
    m_tabs->addTab(m_commands, tr("C&ommands"));
    m_tabs->addTab(m_page, tr("&Status"));

    m_modeActions = new ModeActions(actions, environment, this);
    m_modeActions->setBanner(m_modeBanner);
    connect(m_session, &ConsoleSession::opsStatusUpdated, m_modeActions,
            &ModeActions::setOpsStatus);
    connect(m_session, &ConsoleSession::opsStatusUpdated, m_modeBanner,
            [this] { m_modeBanner->setStale(false); });
    connect(m_session, &ConsoleSession::endpointFailed, m_modeBanner,
            [this](ConsoleSession::Endpoint endpoint) {
                if (endpoint == ConsoleSession::Endpoint::OpsStatus)
                    m_modeBanner->setStale(
                        true, m_session->lastSuccess(ConsoleSession::Endpoint::OpsStatus));
            });
    connect(poller, &ControlsPoller::flagsUpdated, m_modeActions, &ModeActions::setFlags);

    // Confirming a suggested severity (or declaring one) opens the incident, pre-filled.
    connect(m_dashboard, &DashboardPage::incidentDeclarationRequested, this,
            [this](Severity severity, const QStringList &reasons, const QDateTime &detectedAt) {
                m_tabs->setCurrentWidget(m_incident);
                m_incident->declareFromSuggestion(severity, reasons, detectedAt);
            });
    // The SLA clocks of the active incident are always in sight, by the team's targets when
    // <config>/sla.json gives them (the runbook's otherwise).
    m_sla = new SlaClockBar(controls->incidents());
    const QString slaFile
        = QStandardPaths::locate(QStandardPaths::AppConfigLocation, QStringLiteral("sla.json"));
    if (!slaFile.isEmpty()) {
        QFile file(slaFile);
        QString error = tr("cannot be read");
        const std::optional<SlaPolicy> policy = file.open(QIODevice::ReadOnly)
            ? SlaPolicy::fromJson(file.readAll(), &error)
            : std::nullopt;
        if (policy)
            m_sla->setPolicy(*policy);
        else
            m_slaProblem = tr("%1: %2 — the runbook's SLA targets apply.").arg(slaFile, error);
    }

    // Every table's corner button ("select all") gets a name: screen readers would say "button".
    for (QTableView *view : m_tabs->findChildren<QTableView *>()) {
        for (QAbstractButton *corner :
             view->findChildren<QAbstractButton *>(Qt::FindDirectChildrenOnly)) {
            if (corner->accessibleName().isEmpty())
                corner->setAccessibleName(tr("Select all rows"));
        }
    }

    // A running replay shows wherever the lead is; a click opens its page.
    m_replay = new ReplayProgress(poller);
    connect(m_replay, &ReplayProgress::showRequested, this,
            [this] { m_tabs->setCurrentWidget(m_deadLetters); });
}

QList<QWidget *> MainWindow::pages() const
{
    // In tab order, as ConsoleOptions::pageNames() lists them.
    return {m_dashboard, m_incident,    m_runbookWizard, m_logs, m_flags,
            m_agents,    m_deadLetters, m_commands,      m_page};
}

void MainWindow::createRunbooks(const QString &environment)
{
    ConsoleControls *controls = m_session->controls();
    m_runbooks = std::make_unique<RunbookLibrary>();
    m_runbooks->loadDefaults(m_catalogue.get()); // rejected files are listed on the page
    m_runbookWizard = new RunbookWizard(*m_runbooks, *m_catalogue, controls->journal());
    m_runbookWizard->setEnvironment(environment);
    RunbookContext context;
    context.client = m_session->client();
    context.actions = controls->actions();
    context.incidents = controls->incidents();
    context.commands = m_catalogue.get();
    // Runbook seconds are the service's seconds: the simulator's run --speed times faster.
    context.timeScale = m_session->isSimulator() ? m_session->simulatorSpeed() : 1.0;
    m_runbookWizard->setContext(context);

    // The live signals pick the suggested runbook, offered on the severity banner too.
    auto follow = [this](DashboardPoller *poller) {
        m_runbookWizard->setPoller(poller);
        if (!poller)
            return;
        auto feed = [this, poller] {
            m_runbookWizard->setSignals(
                RunbookSignals::from(poller->severityInputs(), &poller->signalStore()),
                poller->suggestion());
        };
        connect(poller, &DashboardPoller::suggestionChanged, m_runbookWizard, feed);
        connect(poller, &DashboardPoller::sampleRecorded, m_runbookWizard, feed);
    };
    follow(m_session->dashboard());
    connect(m_session, &ConsoleSession::dashboardChanged, m_runbookWizard, follow);
    connect(m_runbookWizard, &RunbookWizard::suggestionChanged, m_dashboard->severityBanner(),
            &SeverityBanner::setSuggestedRunbook);
    connect(m_dashboard->severityBanner(), &SeverityBanner::runbookRequested, this,
            [this](const QString &id) { openRunbook(id); });
}

void MainWindow::openRunbook(const QString &id)
{
    m_tabs->setCurrentWidget(m_runbookWizard);
    m_runbookWizard->openRunbook(id);
}

bool MainWindow::showPage(const QString &name)
{
    const QList<QWidget *> all = pages();
    const qsizetype index = ConsoleOptions::pageNames().indexOf(name);
    if (index < 0 || index >= all.size())
        return false;
    m_tabs->setCurrentWidget(all.at(index));
    return true;
}

QString MainWindow::currentPageName() const
{
    const qsizetype index = pages().indexOf(m_tabs->currentWidget());
    const QStringList names = ConsoleOptions::pageNames();
    return index >= 0 && index < names.size() ? names.at(index) : QString();
}

void MainWindow::rememberLayout(const QString &path, const QString &page)
{
    m_layoutPath = path;
    const WindowLayout layout(path);
    layout.restore(this);
    showPage(page.isEmpty() ? layout.page() : page);
    if (layout.showedFleet(m_session->fleetUrl()))
        m_dashboard->fleetBar()->setShowsFleet(true);
}

ProfileSwitcher *MainWindow::showProfiles(ProfileStore *profiles)
{
    if (m_profileSwitcher)
        return m_profileSwitcher;
    m_controlsBar->addSeparator();
    m_profileSwitcher = new ProfileSwitcher(profiles, m_controlsBar);
    m_profileSwitcher->setObjectName(QStringLiteral("profileSwitcher"));
    m_controlsBar->addWidget(m_profileSwitcher);
    m_profileFrame = new ProfileFrame(this);
    m_profileFrame->showProfile(profiles->current());
    connect(profiles, &ProfileStore::currentChanged, m_profileFrame,
            [this, profiles] { m_profileFrame->showProfile(profiles->current()); });
    connect(profiles, &ProfileStore::profilesChanged, m_profileFrame,
            [this, profiles] { m_profileFrame->showProfile(profiles->current()); });
    return m_profileSwitcher;
}

void MainWindow::saveLayout() const
{
    if (m_layoutPath.isEmpty())
        return;
    const WindowLayout layout(m_layoutPath);
    layout.save(this, currentPageName());
    layout.saveFleetChoice(m_session->fleetUrl(), m_dashboard->fleetBar()->showsFleet());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveLayout();
    QMainWindow::closeEvent(event);
}

QString MainWindow::statusText() const
{
    return m_connection->text();
}

void MainWindow::createActions()
{
    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    QAction *quit = fileMenu->addAction(tr("&Quit"), qApp, &QApplication::quit);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *viewMenu = menuBar()->addMenu(tr("&View"));
    QAction *refresh
        = viewMenu->addAction(tr("&Refresh now"), m_session, &ConsoleSession::refreshNow);
    refresh->setShortcut(QKeySequence::Refresh);

    // Keyboard first: the modes and kill switches have shortcuts, a menu and a toolbar.
    menuBar()->addMenu(m_modeActions->createMenu(this));
    QToolBar *controls = addToolBar(tr("Controls"));
    m_controlsBar = controls;
    controls->setObjectName(QStringLiteral("controlsToolBar"));
    // Movable, and its place is remembered with the window's layout.
    controls->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_modeActions->addToToolBar(controls);

    QMenu *runbookMenu = menuBar()->addMenu(tr("&Runbooks"));
    for (const Runbook &runbook : m_runbooks->runbooks()) {
        runbookMenu->addAction(runbook.title, this, [this, id = runbook.id] { openRunbook(id); });
    }

    if (m_session->isSimulator()) {
        QMenu *simMenu = menuBar()->addMenu(tr("&Simulator"));
        simMenu->addAction(tr("&Restart simulator"), m_session, &ConsoleSession::restartSimulator);
    }

    QMenu *helpMenu = menuBar()->addMenu(tr("&Help"));
    helpMenu->addAction(tr("&About DreamOps Console"), this, [this] {
        QMessageBox::about(this, tr("About DreamOps Console"),
                           tr("<p><b>DreamOps Console %1</b></p><p>A desktop console for the "
                              "people who run DreamNet in production, over the DreamNet Ops "
                              "API.</p>")
                               .arg(QApplication::applicationVersion()));
    });
}

void MainWindow::updateConnectionState()
{
    using State = ConsoleSession::State;
    const State state = m_session->state();
    StateBadge::Severity severity = StateBadge::Severity::Info;
    switch (state) {
    case State::Connected:
        severity = StateBadge::Severity::Ok;
        break;
    case State::Failing:
    case State::SimulatorDown:
        severity = StateBadge::Severity::Critical;
        break;
    case State::Idle:
    case State::StartingSimulator:
    case State::Connecting:
        break;
    }
    m_connection->setState(severity, m_session->statusLine());

    const QString where = m_session->isSimulator() ? tr("SIMULATOR") : m_session->baseUrl().host();
    const bool down = state == State::SimulatorDown;
    setWindowTitle(down ? tr("DreamOps Console — %1 (stopped)").arg(where)
                        : tr("DreamOps Console — %1").arg(where));
    m_dashboard->setConnectionLost(down ? m_session->stateMessage() : QString());
    if (m_banner && down)
        m_banner->showStopped(m_session->stateMessage());
    else if (m_banner && state == State::StartingSimulator)
        m_banner->showStarting();
}
