// ConsoleSession against a real simulator over loopback: it connects and shows status quickly,
// says so when the simulator dies, restarts it, and keeps the last good values marked stale.
#include "consolecontrols.h"
#include "consolesession.h"
#include "incident.h"
#include "incidentstore.h"
#include "opsclient.h"
#include "testsupport.h"

#include <gtest/gtest.h>

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>

#include <csignal>
#include <sys/types.h>

using State = ConsoleSession::State;
using Endpoint = ConsoleSession::Endpoint;
using TestSupport::waitUntil;

namespace {

// Every source of the dashboard on one interval (the defaults are 1 s / 2 s / 5 s).
DashboardPoller::Intervals every(int intervalMs)
{
    return {intervalMs, intervalMs, intervalMs};
}

ConsoleSession::Settings embedded(std::optional<int> intervalMs = {},
                                  const QStringList &simArgs = {})
{
    ConsoleSession::Settings settings;
    if (intervalMs)
        settings.intervals = every(*intervalMs);
    settings.simulator.extraArguments = simArgs;
    return settings;
}

ConsoleSession::Settings remote(const SimulatorProcess &sim, const QString &token, int intervalMs)
{
    ConsoleSession::Settings settings;
    settings.embeddedSimulator = false;
    settings.profile.name = QStringLiteral("test");
    settings.profile.baseUrl = sim.baseUrl();
    settings.profile.token = token;
    settings.profile.deadlineMs = 1500;
    settings.intervals = every(intervalMs);
    return settings;
}

bool allFresh(const ConsoleSession &session)
{
    return session.opsStatus() && session.health() && session.live() && session.ready();
}

} // namespace

TEST(ConsoleSession, ConnectsToBundledSimulatorAndShowsStatusWithin2s)
{
    ConsoleSession session(embedded());
    QSignalSpy ready(&session, &ConsoleSession::simulatorReady);
    QElapsedTimer sinceReady;
    QObject::connect(&session, &ConsoleSession::simulatorReady, &session,
                     [&sinceReady] { sinceReady.start(); });
    session.start();
    ASSERT_TRUE(waitUntil([&] { return ready.count() == 1; }, 10000))
        << session.stateMessage().toStdString();
    ASSERT_TRUE(waitUntil([&] { return session.state() == State::Connected; }, 10000))
        << session.stateMessage().toStdString();
    // Generous against a busy machine: one refresh interval, not a benchmark.
    EXPECT_LT(sinceReady.elapsed(), 2000);
    ASSERT_TRUE(session.opsStatus().has_value());
    EXPECT_TRUE(session.isSimulator());
    EXPECT_EQ(session.baseUrl().host(), QStringLiteral("127.0.0.1"));
    EXPECT_TRUE(session.stateMessage().contains(QStringLiteral("(simulator)")));
    EXPECT_TRUE(session.statusLine().contains(QStringLiteral("last update")));
    EXPECT_TRUE(waitUntil([&] { return allFresh(session); }, 5000));
    EXPECT_FALSE(session.isStale(Endpoint::OpsStatus));
}

TEST(ConsoleSession, SimulatorKilledStateSaysSoThenRestartReconnects)
{
    ConsoleSession session(embedded(500));
    QList<DashboardPoller *> dashboards;
    QObject::connect(&session, &ConsoleSession::dashboardChanged, &session,
                     [&dashboards](DashboardPoller *poller) { dashboards.append(poller); });
    EXPECT_EQ(session.dashboard(), nullptr);
    session.start();
    ASSERT_TRUE(waitUntil([&] { return session.state() == State::Connected; }, 10000))
        << session.stateMessage().toStdString();
    ASSERT_EQ(dashboards.size(), 1);
    EXPECT_EQ(session.dashboard(), dashboards.constFirst());
    const qint64 pid = session.simulator()->pid();
    ASSERT_GT(pid, 0);
    const QUrl firstUrl = session.baseUrl();

    ASSERT_EQ(::kill(pid_t(pid), SIGKILL), 0);
    ASSERT_TRUE(waitUntil([&] { return session.state() == State::SimulatorDown; }, 5000))
        << session.stateMessage().toStdString();
    EXPECT_TRUE(session.stateMessage().contains(QStringLiteral("stopped")));
    EXPECT_TRUE(session.isStale(Endpoint::OpsStatus));
    EXPECT_TRUE(session.opsStatus().has_value()) << "the last good value is kept";
    EXPECT_TRUE(session.statusLine().contains(QStringLiteral("stale")));

    session.restartSimulator();
    ASSERT_TRUE(waitUntil([&] { return session.state() == State::Connected; }, 10000))
        << session.stateMessage().toStdString();
    EXPECT_NE(session.simulator()->pid(), pid);
    EXPECT_NE(session.baseUrl(), firstUrl); // a fresh port, a fresh token
    ASSERT_EQ(dashboards.size(), 2) << "a new poller for the new simulator";
    EXPECT_EQ(session.dashboard(), dashboards.constLast());
    // The new poller serves the new simulator: its metrics arrive.
    EXPECT_TRUE(waitUntil([&] { return session.dashboard()->metrics().has_value(); }, 5000));
    EXPECT_FALSE(session.isStale(Endpoint::OpsStatus));
}

TEST(ConsoleSession, N1_ServerGoneMarksStaleWithTheClientsSentence)
{
    auto sim = TestSupport::startSimulator();
    ASSERT_TRUE(sim->isReady());
    ConsoleSession session(remote(*sim, sim->token(), 300));
    QSignalSpy failed(&session, &ConsoleSession::endpointFailed);
    session.start();
    ASSERT_TRUE(waitUntil([&] { return session.state() == State::Connected; }, 5000))
        << session.stateMessage().toStdString();
    EXPECT_FALSE(session.isSimulator());
    EXPECT_FALSE(session.stateMessage().contains(QStringLiteral("simulator")));

    sim->stop();
    ASSERT_TRUE(waitUntil([&] { return session.state() == State::Failing; }, 5000));
    EXPECT_TRUE(session.stateMessage().contains(sim->baseUrl().toString()))
        << session.stateMessage().toStdString();
    EXPECT_TRUE(session.isStale(Endpoint::OpsStatus));
    EXPECT_TRUE(session.opsStatus().has_value());
    EXPECT_GE(failed.count(), 1);
    EXPECT_TRUE(session.statusLine().contains(QStringLiteral("stale data from")));
    // Never frozen: it keeps trying and keeps saying so.
    const qsizetype before = failed.count();
    EXPECT_TRUE(waitUntil([&] { return failed.count() > before; }, 3000));
}

TEST(ConsoleSession, WrongTokenSaysSo)
{
    auto sim = TestSupport::startSimulator();
    ASSERT_TRUE(sim->isReady());
    ConsoleSession session(remote(*sim, QStringLiteral("wrong-token-0123456789"), 300));
    session.start();
    ASSERT_TRUE(waitUntil([&] { return session.state() == State::Failing; }, 5000))
        << session.stateMessage().toStdString();
    EXPECT_TRUE(session.stateMessage().contains(QStringLiteral("401")))
        << session.stateMessage().toStdString();
    // /health* needs no token: those still answer.
    EXPECT_TRUE(waitUntil([&] { return session.live().has_value(); }, 5000));
}

TEST(ConsoleSession, DbOutageScenarioReportsNotReady)
{
    ConsoleSession session(
        embedded(300, {QStringLiteral("--scenario"), QStringLiteral("db-outage")}));
    // /health/ready answers 503 with its normal body: the checks must arrive, not an error.
    std::optional<ReadyStatus> notReady;
    std::optional<HealthStatus> unhealthy;
    QObject::connect(&session, &ConsoleSession::readyUpdated, &session,
                     [&notReady](const ReadyStatus &ready) {
                         if (!ready.ready)
                             notReady = ready;
                     });
    QObject::connect(&session, &ConsoleSession::healthUpdated, &session,
                     [&unhealthy](const HealthStatus &health) {
                         if (!health.ok)
                             unhealthy = health;
                     });
    session.start();
    // Health calls have their own connection manager (N19): they may answer before ops status.
    EXPECT_TRUE(waitUntil(
        [&] { return notReady && unhealthy && session.state() == State::Connected; }, 10000))
        << session.stateMessage().toStdString();
    ASSERT_TRUE(notReady.has_value());
    EXPECT_EQ(notReady->checks.database, DatabaseCheck::Failed);
    EXPECT_FALSE(notReady->checks.databaseError.isEmpty()) << "the database error text arrives";
    ASSERT_TRUE(unhealthy.has_value());
    EXPECT_EQ(unhealthy->database, QStringLiteral("unhealthy"));
    EXPECT_EQ(session.state(), State::Connected) << "ops status still answers in a db outage";
}

TEST(ConsoleSession, StateFollowsOpsStatusNotTheOtherSources)
{
    auto sim = TestSupport::startSimulator();
    ASSERT_TRUE(sim->isReady());
    ConsoleSession session(remote(*sim, sim->token(), 200));
    session.start();
    ASSERT_TRUE(waitUntil([&] { return session.state() == State::Connected; }, 5000));
    DashboardPoller *dashboard = session.dashboard();
    ASSERT_NE(dashboard, nullptr);

    const auto chaosOn = [&](const QString &path) {
        ChaosSettings chaos;
        chaos.errorRate = 1.0;
        chaos.paths = {path};
        bool done = false;
        session.client()->setSimChaos(chaos, &session,
                                      [&done](const ApiResult<Acknowledgement> &r) {
                                          EXPECT_TRUE(r.ok());
                                          done = true;
                                      });
        return waitUntil([&] { return done; }, 5000);
    };
    ASSERT_TRUE(chaosOn(QStringLiteral("/api/metrics")));
    ASSERT_TRUE(waitUntil([&] { return dashboard->isStale(DashboardPoller::Source::Metrics); }));
    waitUntil([] { return false; }, 600); // a few ops status polls
    EXPECT_EQ(session.state(), State::Connected) << "a failing metrics poll is not a lost server";

    ASSERT_TRUE(chaosOn(QStringLiteral("/api/ops/status")));
    ASSERT_TRUE(waitUntil([&] { return session.state() == State::Failing; }, 5000));
    EXPECT_TRUE(session.stateMessage().contains(QStringLiteral("500")))
        << session.stateMessage().toStdString();
    EXPECT_TRUE(session.isStale(Endpoint::OpsStatus));
    EXPECT_FALSE(session.isStale(Endpoint::Live)) << "each endpoint keeps its own freshness";
    EXPECT_EQ(session.dashboard(), dashboard) << "same connection, same poller";
}

// Issue 6: the moments the live signals cross a severity threshold land on the active
// incident's timeline, next to the journal's actions.
TEST(ConsoleSession, ThresholdCrossingsLandOnTheActiveIncidentsTimeline)
{
    QTemporaryDir dir;
    ConsoleSession::Settings settings
        = embedded(200, {QStringLiteral("--scenario"), QStringLiteral("db-outage")});
    settings.journalPath = dir.filePath(QStringLiteral("journal.sqlite"));
    ConsoleSession session(settings);
    IncidentStore *incidents = session.controls()->incidents();
    ASSERT_TRUE(incidents->isOpen()) << session.controls()->incidentProblem().toStdString();
    const QString id = incidents->declare({QStringLiteral("database down"),
                                           Severity::P0,
                                           {QStringLiteral("api")},
                                           QStringLiteral("lead"),
                                           QStringLiteral("drill"),
                                           {}});
    ASSERT_FALSE(id.isEmpty());
    session.start();
    const auto crossings = [&] {
        QStringList texts;
        for (const TimelineEntry &entry : incidents->entries(id)) {
            if (entry.kind == TimelineEntry::Kind::ThresholdCrossing)
                texts << entry.text;
        }
        return texts;
    };
    // The sources answer one by one: the readiness probe may suggest P1 before the rest make it
    // P0. Each change of the suggested severity is one line.
    ASSERT_TRUE(waitUntil(
        [&] {
            const QStringList texts = crossings();
            return !texts.isEmpty() && texts.constLast().startsWith(QStringLiteral("P0 suggested"));
        },
        15000))
        << crossings().join(QLatin1Char('|')).toStdString();
    const QStringList texts = crossings();
    for (qsizetype i = 1; i < texts.size(); ++i)
        EXPECT_NE(texts.at(i).left(2), texts.at(i - 1).left(2)) << "one line per change";
    session.stop();
}
