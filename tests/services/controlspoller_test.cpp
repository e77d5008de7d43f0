// ControlsPoller against a real dreamnet-sim over loopback: every source arrives and stays
// fresh, one request in flight per source, an answer that predates an action is replaced by a
// fresh poll, the dead-letter source speeds up while a replay runs, and a stopped server makes
// every source stale with the reason until a server on the same port answers again (U6).
#include "clienttestutil.h"
#include "controlspoller.h"

#include <gtest/gtest.h>

#include <QSignalSpy>

#include <array>

using namespace ClientTest;
using Source = ControlsPoller::Source;
using TestSupport::waitUntil;

namespace {

constexpr std::array kAllSources {Source::Flags, Source::Agents, Source::DeadLetter};

ControlsPoller::Intervals every(int ms)
{
    return {.flagsMs = ms, .agentsMs = ms, .deadLetterMs = ms, .replayRunningMs = ms};
}

class ControlsSim : public ::testing::Test
{
protected:
    void SetUp() override
    {
        m_sim = TestSupport::startSimulator({QStringLiteral("--seed"), QStringLiteral("5")});
        ASSERT_TRUE(m_sim && m_sim->isReady());
        m_client = std::make_unique<OpsClient>(profileFor(m_sim->baseUrl(), 2000, m_sim->token()));
    }

    bool allFresh(const ControlsPoller &poller) const
    {
        return std::none_of(kAllSources.begin(), kAllSources.end(),
                            [&](Source s) { return poller.isStale(s); });
    }

    bool setChaos(const ChaosSettings &chaos)
    {
        return await<Acknowledgement>(
                   [&](QObject *c, auto cb) { m_client->setSimChaos(chaos, c, cb); })
            .ok();
    }

    std::unique_ptr<SimulatorProcess> m_sim;
    std::unique_ptr<OpsClient> m_client;
};

} // namespace

TEST_F(ControlsSim, FetchesEverySourceAndKeepsThemFresh)
{
    ControlsPoller poller(m_client.get(), every(200));
    QSignalSpy flags(&poller, &ControlsPoller::flagsUpdated);
    QSignalSpy agents(&poller, &ControlsPoller::agentsUpdated);
    QSignalSpy deadLetter(&poller, &ControlsPoller::deadLetterUpdated);
    EXPECT_FALSE(poller.isRunning());
    for (Source s : kAllSources) {
        EXPECT_TRUE(poller.isStale(s)) << "never answered counts as stale";
        EXPECT_FALSE(poller.lastSuccess(s).isValid());
        EXPECT_EQ(poller.staleReason(s), QStringLiteral("no update yet"));
    }
    poller.start();
    EXPECT_TRUE(poller.isRunning());
    ASSERT_TRUE(waitUntil([&] { return allFresh(poller); }, 5000));
    ASSERT_TRUE(waitUntil([&] { return flags.count() >= 2 && agents.count() >= 2; }, 5000))
        << "it keeps polling on its interval";

    ASSERT_TRUE(poller.flags().has_value());
    QStringList names;
    for (const IntegrationFlag &flag : poller.flags()->flags)
        names.append(flag.name);
    EXPECT_TRUE(names.contains(QStringLiteral("citadel_enabled")));
    EXPECT_TRUE(names.contains(QStringLiteral("ai_embeddings_enabled")));
    ASSERT_TRUE(poller.agents().has_value());
    EXPECT_FALSE(poller.agents()->agents.isEmpty());
    ASSERT_TRUE(poller.deadLetter().has_value());
    EXPECT_GE(deadLetter.count(), 1);
    for (Source s : kAllSources) {
        EXPECT_TRUE(poller.staleReason(s).isEmpty());
        EXPECT_TRUE(poller.lastSuccess(s).isValid());
        EXPECT_EQ(poller.lastSuccess(s).timeSpec(), Qt::LocalTime);
    }

    poller.stop();
    EXPECT_FALSE(poller.isRunning());
    const int before = flags.count();
    waitUntil([] { return false; }, 600);
    EXPECT_EQ(flags.count(), before) << "a stopped poller polls nothing";
}

TEST_F(ControlsSim, N2_NeverMoreThanOneRequestInFlightPerSource)
{
    ChaosSettings slow;
    slow.latencyMs = 400;
    slow.paths = {QStringLiteral("/api/integration-flags"), QStringLiteral("/api/agents"),
                  QStringLiteral("/api/dead-letter")};
    ASSERT_TRUE(setChaos(slow));
    ControlsPoller poller(m_client.get(), every(100));
    poller.start();
    waitUntil([] { return false; }, 2000);
    // refreshNow() while in flight must not start a second request either.
    for (int i = 0; i < 5; ++i)
        poller.refreshAll();
    waitUntil([] { return false; }, 600);
    EXPECT_GE(poller.sourceStatus(Source::Flags).attempts, 3) << "it kept polling";
    poller.stop();
    ASSERT_TRUE(setChaos({}));

    const auto state = await<SimState>([&](QObject *c, auto cb) { m_client->getSimState(c, cb); });
    ASSERT_TRUE(state.ok());
    for (const char *path : {"/api/integration-flags", "/api/agents", "/api/dead-letter/status"}) {
        const QString p = QString::fromLatin1(path);
        EXPECT_GE(state.result->value().requests(p), 2) << path;
        EXPECT_EQ(state.result->value().maxInFlight(p), 1) << path;
    }
}

TEST_F(ControlsSim, RefreshDuringAPollDropsThatAnswerAndPollsAgain)
{
    ChaosSettings slow;
    slow.latencyMs = 500;
    slow.paths = {QStringLiteral("/api/integration-flags")};
    ASSERT_TRUE(setChaos(slow));
    ControlsPoller poller(m_client.get(), every(60000));
    QSignalSpy flags(&poller, &ControlsPoller::flagsUpdated);
    poller.start();
    ASSERT_TRUE(waitUntil([&] { return poller.sourceStatus(Source::Flags).inFlight; }, 2000));

    // An action changed a flag while the poll was on its way: its answer may predate the change.
    poller.refreshNow(Source::Flags);
    ASSERT_TRUE(waitUntil([&] { return flags.count() == 1; }, 5000));
    EXPECT_EQ(poller.sourceStatus(Source::Flags).attempts, 2)
        << "the superseded answer was dropped and a second poll followed at once";
    waitUntil([] { return false; }, 300);
    EXPECT_EQ(flags.count(), 1);

    // Not in flight: refreshNow polls at once.
    poller.refreshNow(Source::Flags);
    ASSERT_TRUE(waitUntil([&] { return flags.count() == 2; }, 5000));
    EXPECT_EQ(poller.sourceStatus(Source::Flags).attempts, 3);
    ASSERT_TRUE(setChaos({}));
}

TEST_F(ControlsSim, DeadLetterPollsFasterWhileAReplayRuns)
{
    // A rate-limit storm fills the queue: 2 minutes of simulated time at once.
    ASSERT_TRUE(await<Acknowledgement>([&](QObject *c, auto cb) {
                    m_client->setSimScenario(QStringLiteral("rate-limit"), std::nullopt, c, cb);
                }).ok());
    ASSERT_TRUE(await<Acknowledgement>([&](QObject *c, auto cb) {
                    m_client->advanceSimClock(120, c, cb);
                }).ok());
    ControlsPoller::Intervals intervals = every(300);
    intervals.deadLetterMs = 2000;
    intervals.replayRunningMs = 250;
    ControlsPoller poller(m_client.get(), intervals);
    poller.start();
    ASSERT_TRUE(waitUntil([&] { return poller.deadLetter().has_value(); }, 5000));
    EXPECT_EQ(poller.sourceStatus(Source::DeadLetter).intervalMs, 2000);
    ASSERT_GT(poller.deadLetter()->depth, 0) << "the storm left dead letters";

    ReplayRequest replay;
    replay.rateLimit = 1;
    replay.maxMessages = 1000;
    replay.reason = QStringLiteral("gtest replay");
    const auto started
        = await<ReplayState>([&](QObject *c, auto cb) { m_client->startReplay(replay, c, cb); });
    ASSERT_TRUE(started.ok()) << started.error().userMessage().toStdString();
    poller.refreshNow(Source::DeadLetter);
    ASSERT_TRUE(
        waitUntil([&] { return poller.sourceStatus(Source::DeadLetter).intervalMs == 250; }, 5000));
    ASSERT_TRUE(poller.deadLetter()->replay.has_value());

    const auto stopped = await<ReplayState>(
        [&](QObject *c, auto cb) { m_client->stopReplay(QStringLiteral("gtest done"), c, cb); });
    ASSERT_TRUE(stopped.ok());
    ASSERT_TRUE(waitUntil(
        [&] { return poller.sourceStatus(Source::DeadLetter).intervalMs == 2000; }, 5000));
}

TEST_F(ControlsSim, U6_StaleWhenTheServerStopsAndFreshAgainWhenItReturns)
{
    ControlsPoller poller(m_client.get(), every(200));
    QSignalSpy staleChanges(&poller, &ControlsPoller::staleChanged);
    QSignalSpy failures(&poller, &ControlsPoller::sourceFailed);
    poller.start();
    ASSERT_TRUE(waitUntil([&] { return allFresh(poller); }, 5000));
    const quint16 port = m_sim->port();
    const QString token = m_sim->token();
    const QDateTime lastGood = poller.lastSuccess(Source::Flags);

    m_sim->stop();
    ASSERT_TRUE(waitUntil(
        [&] {
            return std::all_of(kAllSources.begin(), kAllSources.end(),
                               [&](Source s) { return poller.isStale(s); });
        },
        5000));
    EXPECT_GE(failures.count(), 3);
    const QString reason = poller.staleReason(Source::Flags);
    EXPECT_TRUE(reason.startsWith(QStringLiteral("last update "))) << reason.toStdString();
    EXPECT_TRUE(reason.contains(QStringLiteral("cannot reach"))) << reason.toStdString();
    ASSERT_TRUE(poller.flags().has_value()) << "the last good list is kept while stale";
    EXPECT_GE(poller.lastSuccess(Source::Flags), lastGood);

    // A server on the same port and token: the poller recovers by itself.
    SimulatorProcess again;
    SimulatorProcess::Options options;
    options.token = token;
    options.extraArguments = {QStringLiteral("--port"), QString::number(port)};
    ASSERT_TRUE(again.startAndWait(options)) << again.errorString().toStdString();
    ASSERT_EQ(again.port(), port);
    EXPECT_TRUE(waitUntil([&] { return allFresh(poller); }, 40000))
        << "backoff is capped, so recovery comes within the cap";
    EXPECT_TRUE(poller.staleReason(Source::Agents).isEmpty());
    bool sawFreshAgain = false;
    for (const QList<QVariant> &args : std::as_const(staleChanges))
        sawFreshAgain = sawFreshAgain || !args.at(1).toBool();
    EXPECT_TRUE(sawFreshAgain);
    again.stop();
}

TEST(ControlsPoller, SourceNamesAreDistinctWords)
{
    EXPECT_EQ(ControlsPoller::sourceName(Source::Flags), QStringLiteral("integration flags"));
    EXPECT_EQ(ControlsPoller::sourceName(Source::Agents), QStringLiteral("agents"));
    EXPECT_EQ(ControlsPoller::sourceName(Source::DeadLetter), QStringLiteral("dead-letter queue"));
}

TEST(ControlsPoller, WithoutAClientEverySourceFailsAsCancelled)
{
    ControlsPoller poller(nullptr, every(100));
    QSignalSpy failures(&poller, &ControlsPoller::sourceFailed);
    poller.start();
    ASSERT_TRUE(waitUntil([&] { return failures.count() >= 3; }, 3000));
    const auto error = failures.first().at(1).value<ApiError>();
    EXPECT_EQ(error.kind, ApiError::Kind::Cancelled);
    EXPECT_TRUE(poller.isStale(Source::Flags));
}
