#include "mainwindow.h"

#include "appicon.h"
#include "consolesession.h"
#include "simulatorbanner.h"
#include "statebadge.h"
#include "statuspage.h"

#include <QAction>
#include <QApplication>
#include <QKeySequence>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QVBoxLayout>

#include <algorithm>

MainWindow::MainWindow(ConsoleSession *session, QWidget *parent)
    : QMainWindow(parent)
    , m_session(session)
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
    layout->addWidget(m_page, 1);
    setCentralWidget(central);

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
    // Wide enough for the mode sentences on one line, tall enough for every panel.
    resize(std::max(1100, sizeHint().width()), sizeHint().height() + 24);
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
    if (m_banner && down)
        m_banner->showStopped(m_session->stateMessage());
    else if (m_banner && state == State::StartingSimulator)
        m_banner->showStarting();
}
