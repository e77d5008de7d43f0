#include "mainwindow.h"

#include "appicon.h"
#include "consolesession.h"
#include "dashboardpage.h"
#include "simulatorbanner.h"
#include "statebadge.h"
#include "statuspage.h"

#include <QAction>
#include <QApplication>
#include <QKeySequence>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
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
    m_tabs->addTab(m_page, tr("&Status"));
    m_tabs->setAccessibleName(tr("Pages"));
    // The tab bar's own scroll arrows have no names; screen readers would announce "button".
    for (QToolButton *arrow : m_tabs->tabBar()->findChildren<QToolButton *>()) {
        arrow->setAccessibleName(arrow->arrowType() == Qt::LeftArrow ? tr("Scroll tabs left")
                                                                     : tr("Scroll tabs right"));
    }
    layout->addWidget(m_tabs, 1);
    setCentralWidget(central);

    m_dashboard->setEnvironment(environmentName(m_session->isSimulator(), m_session->baseUrl()));
    m_dashboard->setPoller(m_session->dashboard());
    connect(m_session, &ConsoleSession::dashboardChanged, m_dashboard, &DashboardPage::setPoller);
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
    statusBar()->addPermanentWidget(m_modeTag);

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
