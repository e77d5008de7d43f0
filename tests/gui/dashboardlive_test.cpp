// The dashboard page on a real simulator over loopback: it follows live samples (and stops when
// paused), fills the health column, trips and resets a breaker after asking for a reason, and
// greys out with the reason when the server goes away or the simulator exits.
#include "actioncontroller.h"
#include "chartgrid.h"
#include "circuitbreakermodel.h"
#include "consolesession.h"
#include "dashboardpage.h"
#include "dashboardpoller.h"
#include "healthgatemodel.h"
#include "healthtablespanel.h"
#include "mainwindow.h"
#include "opsclient.h"
#include "probesbox.h"
#include "reasondialog.h"
#include "simulatorbanner.h"
#include "statebadge.h"
#include "tablesection.h"
#include "testsupport.h"
#include "windowbar.h"

#include <gtest/gtest.h>

#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QToolButton>

#include <algorithm>
#include <csignal>
#include <sys/types.h>

using TestSupport::waitUntil;

namespace {

struct LiveDashboard
{
    explicit LiveDashboard(const QStringList &simArgs = {})
        : sim(TestSupport::startSimulator(simArgs, 1.0))
    {
        ConnectionProfile profile;
        profile.name = QStringLiteral("test");
        profile.baseUrl = sim->baseUrl();
        profile.token = sim->token();
        profile.isSimulator = true;
        profile.deadlineMs = 1500;
        client = std::make_unique<OpsClient>(profile);
        poller = std::make_unique<DashboardPoller>(client.get());
        poller->setIntervals({.metricsMs = 250, .healthMs = 250, .slowMs = 250});
        actions = std::make_unique<ActionController>(client.get(), nullptr, profile.name);
        page.setEnvironment(QStringLiteral("SIMULATOR"));
        page.setPoller(poller.get());
        page.setActions(actions.get());
        page.resize(1280, 700);
        page.show();
        poller->start();
    }

    int breakerRow(const QString &name) const
    {
        const CircuitBreakerModel *model = page.healthPanel()->breakerModel();
        for (int row = 0; row < model->rowCount(); ++row) {
            if (model->index(row, 0).data(CircuitBreakerModel::NameRole).toString() == name)
                return row;
        }
        return -1;
    }

    QString breakerState(const QString &name) const
    {
        const int row = breakerRow(name);
        const CircuitBreakerModel *model = page.healthPanel()->breakerModel();
        return row < 0 ? QString()
                       : model->index(row, CircuitBreakerModel::StateColumn).data().toString();
    }

    std::unique_ptr<SimulatorProcess> sim;
    std::unique_ptr<OpsClient> client;
    std::unique_ptr<DashboardPoller> poller;
    std::unique_ptr<ActionController> actions;
    DashboardPage page;
};

} // namespace

TEST(DashboardLive, FollowsSamplesUntilPaused)
{
    LiveDashboard live;
    ChartGrid *grid = live.page.chartGrid();
    QSignalSpy samples(live.poller.get(), &DashboardPoller::sampleRecorded);
    ASSERT_TRUE(waitUntil([&] { return samples.count() >= 2; }, 10000));
    const qint64 newest = samples.last().at(0).toLongLong();
    EXPECT_GE(grid->toSecond(), newest) << "the live window ends at the newest sample's step";
    EXPECT_LT(grid->toSecond(), newest + grid->spanSeconds() / ChartGrid::kLiveSteps);
    EXPECT_FALSE(grid->isStale());
    EXPECT_GT(grid->charts().at(2)->loadedPointCount(), 0) << "traffic is plotted";

    live.page.windowBar()->liveButton()->click();
    const qint64 pausedAt = grid->toSecond();
    const qint64 seen = samples.last().at(0).toLongLong();
    ASSERT_TRUE(waitUntil([&] { return samples.last().at(0).toLongLong() >= seen + 2; }, 10000));
    EXPECT_EQ(grid->toSecond(), pausedAt);

    live.page.windowBar()->liveButton()->click();
    EXPECT_GE(grid->toSecond(), seen + 2);
}

TEST(DashboardLive, FillsTheHealthColumn)
{
    LiveDashboard live;
    HealthTablesPanel *health = live.page.healthPanel();
    ASSERT_TRUE(waitUntil(
        [&] {
            return !health->probes()->isStale() && !health->gatesSection()->isStale()
                && !health->breakersSection()->isStale();
        },
        10000))
        << health->probes()->freshnessText().toStdString();
    EXPECT_GT(health->gateModel()->rowCount(), 0);
    EXPECT_GT(health->breakerModel()->rowCount(), 0);
    EXPECT_TRUE(health->probes()->liveBadge()->text().startsWith(QStringLiteral("Alive")));
    EXPECT_EQ(health->probes()->readyBadge()->text(), QStringLiteral("Ready"));
    EXPECT_EQ(health->probes()->databaseCheckBadge()->text(), QStringLiteral("OK"));
    EXPECT_EQ(health->probes()->healthDatabaseBadge()->text(), QStringLiteral("healthy"));
}

TEST(DashboardLive, DbOutageShowsTheDatabaseFailure)
{
    LiveDashboard live({QStringLiteral("--scenario"), QStringLiteral("db-outage")});
    ProbesBox *probes = live.page.healthPanel()->probes();
    ASSERT_TRUE(waitUntil(
        [&] {
            return probes->readyBadge()->text() == QStringLiteral("NOT READY")
                && probes->healthDatabaseBadge()->text() == QStringLiteral("UNHEALTHY");
        },
        10000))
        << probes->readyBadge()->text().toStdString();
    EXPECT_TRUE(probes->databaseCheckBadge()->text().startsWith(QStringLiteral("FAILED")));
    EXPECT_EQ(probes->databaseCheckBadge()->severity(), StateBadge::Severity::Critical);
    EXPECT_FALSE(probes->isStale()) << "the server answering 'unhealthy' is not stale data";
}

TEST(DashboardLive, TripAndResetAskForAReasonAndReportTheOutcome)
{
    LiveDashboard live;
    HealthTablesPanel *health = live.page.healthPanel();
    const QString name = QStringLiteral("openai");
    ASSERT_TRUE(waitUntil([&] { return live.breakerRow(name) >= 0; }, 10000));
    ASSERT_NE(live.breakerState(name), QStringLiteral("OPEN"));
    EXPECT_FALSE(health->tripButton()->isEnabled()) << "nothing selected yet";

    health->breakersSection()->view()->selectRow(live.breakerRow(name));
    ASSERT_TRUE(health->tripButton()->isEnabled());
    QSignalSpy finished(live.actions.get(), &ActionController::actionFinished);
    health->tripButton()->click();
    auto *dialog = health->findChild<ReasonDialog *>();
    ASSERT_NE(dialog, nullptr);
    EXPECT_FALSE(dialog->confirmButton()->isEnabled());
    QTest::keyClicks(dialog->reasonEdit(), QStringLiteral("429 storm, shed AI load"));
    dialog->confirmButton()->click();
    ASSERT_TRUE(waitUntil([&] { return finished.count() == 1; }, 10000));
    EXPECT_EQ(health->actionResult()->severity(), StateBadge::Severity::Ok)
        << health->actionResult()->text().toStdString();
    EXPECT_TRUE(health->actionResult()->text().contains(name));
    ASSERT_TRUE(
        waitUntil([&] { return live.breakerState(name).contains(QStringLiteral("OPEN")); }, 10000))
        << live.breakerState(name).toStdString();

    health->breakersSection()->view()->selectRow(live.breakerRow(name));
    health->resetButton()->click();
    dialog = health->findChild<ReasonDialog *>();
    ASSERT_NE(dialog, nullptr);
    QTest::keyClicks(dialog->reasonEdit(), QStringLiteral("provider recovered"));
    dialog->confirmButton()->click();
    ASSERT_TRUE(waitUntil([&] { return finished.count() == 2; }, 10000));
    EXPECT_EQ(health->actionResult()->severity(), StateBadge::Severity::Ok)
        << health->actionResult()->text().toStdString();
    ASSERT_TRUE(waitUntil([&] { return !live.breakerState(name).contains(QStringLiteral("OPEN")); },
                          10000));
}

TEST(DashboardLive, U6_LostServerGreysEverythingOutWithTheReason)
{
    LiveDashboard live;
    ChartGrid *grid = live.page.chartGrid();
    HealthTablesPanel *health = live.page.healthPanel();
    ASSERT_TRUE(
        waitUntil([&] { return !grid->isStale() && !health->gatesSection()->isStale(); }, 10000));
    live.sim->stop();
    ASSERT_TRUE(waitUntil(
        [&] {
            return grid->isStale() && health->gatesSection()->isStale()
                && health->breakersSection()->isStale() && health->probes()->isStale();
        },
        10000));
    EXPECT_TRUE(grid->staleText().contains(QStringLiteral("last update")))
        << grid->staleText().toStdString();
    EXPECT_TRUE(grid->staleText().contains(QStringLiteral("127.0.0.1")))
        << grid->staleText().toStdString();
    for (const SignalChartView *chart : grid->charts())
        EXPECT_NE(chart->graphicsEffect(), nullptr) << "greyed out";
    EXPECT_TRUE(health->gatesSection()->title().endsWith(QStringLiteral("(stale)")));
}

TEST(DashboardLive, U6_SimulatorExitGreysTheDashboardOutAndRestartBringsItBack)
{
    ConsoleSession::Settings settings;
    settings.intervals.metricsMs = 250;
    settings.intervals.healthMs = 250;
    settings.intervals.slowMs = 250;
    ConsoleSession session(settings);
    MainWindow window(&session);
    DashboardPage *page = window.dashboardPage();
    session.start();
    ASSERT_TRUE(waitUntil(
        [&] {
            return page->poller() && !page->chartGrid()->isStale()
                && !page->healthPanel()->breakersSection()->isStale();
        },
        15000))
        << session.stateMessage().toStdString();

    ASSERT_EQ(::kill(pid_t(session.simulator()->pid()), SIGKILL), 0);
    ASSERT_TRUE(waitUntil([&] { return window.simulatorBanner()->isStopped(); }, 5000));
    HealthTablesPanel *health = page->healthPanel();
    EXPECT_TRUE(page->chartGrid()->isStale());
    EXPECT_TRUE(page->chartGrid()->staleText().contains(QStringLiteral("simulator")))
        << page->chartGrid()->staleText().toStdString();
    EXPECT_TRUE(health->probes()->isStale());
    EXPECT_TRUE(health->gatesSection()->isStale());
    EXPECT_TRUE(health->breakersSection()->isStale());
    health->breakersSection()->view()->selectRow(0);
    EXPECT_FALSE(health->tripButton()->isEnabled()) << "no action on a server that is gone";

    window.simulatorBanner()
        ->findChild<QPushButton *>(QStringLiteral("restartSimulatorButton"))
        ->click();
    EXPECT_TRUE(waitUntil(
        [&] { return !page->chartGrid()->isStale() && !health->breakersSection()->isStale(); },
        15000))
        << page->chartGrid()->staleText().toStdString();
}
