// The severity suggestion on live data: each incident scenario of the simulator is injected,
// the suggestion must reach the runbook's severity within a bounded number of polls, and return
// to none after the mitigation or the scenario's end. The simulator runs at --speed 0.05 and
// its clock is stepped (the error rate window is 60 simulated seconds), so the outcome depends
// on simulated time, not on how busy this machine is.
#include "dashboardpoller.h"
#include "opsclient.h"
#include "testsupport.h"

#include <gtest/gtest.h>

#include <array>

using Source = DashboardPoller::Source;
using TestSupport::waitUntil;

namespace {

constexpr std::array kSources {Source::Metrics, Source::Health,   Source::Live,     Source::Ready,
                               Source::Gates,   Source::Breakers, Source::OpsStatus};
/// Polls of every source allowed between the simulator reaching a state and the suggestion
/// showing it: one may have been in flight before the change, the next must see it.
constexpr qint64 kMaxPolls = 4;
constexpr int kPollMs = 150;

class SeverityScenario : public ::testing::Test
{
protected:
    void SetUp() override
    {
        m_sim = TestSupport::startSimulator({QStringLiteral("--seed"), QStringLiteral("21")}, 0.05);
        ASSERT_TRUE(m_sim && m_sim->isReady());
        ConnectionProfile profile;
        profile.name = QStringLiteral("scenario");
        profile.baseUrl = m_sim->baseUrl();
        profile.token = m_sim->token();
        profile.deadlineMs = 3000;
        m_client = std::make_unique<OpsClient>(profile);
        m_poller = std::make_unique<DashboardPoller>(m_client.get());
        m_poller->setIntervals({kPollMs, kPollMs, kPollMs});
        m_poller->start();
        ASSERT_TRUE(waitUntil(
            [&] {
                return std::none_of(kSources.begin(), kSources.end(),
                                    [&](Source s) { return m_poller->isStale(s); });
            },
            10000));
        ASSERT_EQ(m_poller->suggestion().severity, Severity::None) << headline();
    }

    void TearDown() override { m_poller->stop(); }

    std::string headline() const
    {
        const SeveritySuggestion &s = m_poller->suggestion();
        const QString text
            = s.headline() + QStringLiteral(" | ") + s.reasons.join(QStringLiteral(" | "));
        return text.toStdString();
    }

    /// Runs one simulator call to its answer; true when it succeeded.
    template<typename T, typename Start>
    bool call(Start start)
    {
        std::optional<ApiResult<T>> result;
        QObject context;
        start(&context, [&result](const ApiResult<T> &r) { result.emplace(r); });
        waitUntil([&] { return result.has_value(); }, 10000);
        EXPECT_TRUE(result && result->ok())
            << (result ? result->error().userMessage().toStdString() : "no answer");
        return result && result->ok();
    }

    bool scenario(const QString &name, std::optional<int> durationSeconds = {})
    {
        return call<Acknowledgement>(
            [&](QObject *c, auto cb) { m_client->setSimScenario(name, durationSeconds, c, cb); });
    }

    bool advance(int seconds)
    {
        return call<Acknowledgement>(
            [&](QObject *c, auto cb) { m_client->advanceSimClock(seconds, c, cb); });
    }

    bool writeDrain(bool on)
    {
        return call<ModeState>([&](QObject *c, auto cb) {
            m_client->setWriteDrain(on, QStringLiteral("scenario test"), c, cb);
        });
    }

    std::array<qint64, kSources.size()> attempts() const
    {
        std::array<qint64, kSources.size()> counts {};
        for (std::size_t i = 0; i < kSources.size(); ++i)
            counts[i] = m_poller->sourceStatus(kSources[i]).attempts;
        return counts;
    }

    /// Waits for `severity`; returns the most polls any source needed to get there (a large
    /// number when it never came).
    qint64 pollsUntil(Severity severity)
    {
        const auto before = attempts();
        if (!waitUntil([&] { return m_poller->suggestion().severity == severity; }, 15000))
            return std::numeric_limits<qint64>::max();
        const auto after = attempts();
        qint64 most = 0;
        for (std::size_t i = 0; i < kSources.size(); ++i)
            most = std::max(most, after[i] - before[i]);
        return most;
    }

    std::unique_ptr<SimulatorProcess> m_sim;
    std::unique_ptr<OpsClient> m_client;
    std::unique_ptr<DashboardPoller> m_poller;
};

} // namespace

TEST_F(SeverityScenario, ErrorSpikeIsP1UntilCitadelIsQuarantined)
{
    ASSERT_TRUE(scenario(QStringLiteral("error-spike")));
    ASSERT_TRUE(advance(30));
    EXPECT_LE(pollsUntil(Severity::P1), kMaxPolls) << headline();
    EXPECT_TRUE(
        m_poller->suggestion().headline().startsWith(QStringLiteral("P1 suggested: error rate ")))
        << headline();

    ASSERT_TRUE(call<Agent>([&](QObject *c, auto cb) {
        m_client->quarantineAgent(QStringLiteral("citadel"), QStringLiteral("error spike"), {}, c,
                                  cb);
    }));
    // The errors stop at once; the 60 s window forgets them a minute later.
    ASSERT_TRUE(advance(65));
    EXPECT_LE(pollsUntil(Severity::None), kMaxPolls) << headline();
}

TEST_F(SeverityScenario, LatencyIsP1UntilTheScenarioEnds)
{
    ASSERT_TRUE(scenario(QStringLiteral("latency"), 40));
    ASSERT_TRUE(advance(15));
    EXPECT_LE(pollsUntil(Severity::P1), kMaxPolls) << headline();
    EXPECT_TRUE(m_poller->suggestion()
                    .reasons.join(QLatin1Char(' '))
                    .contains(QStringLiteral("p95 latency")))
        << headline();

    // The scenario ends at 40 s; the 10 s latency window is clean 15 s later.
    ASSERT_TRUE(advance(40));
    EXPECT_LE(pollsUntil(Severity::None), kMaxPolls) << headline();
}

TEST_F(SeverityScenario, DbOutageIsP0ThenP1UnderWriteDrainThenNone)
{
    ASSERT_TRUE(scenario(QStringLiteral("db-outage")));
    ASSERT_TRUE(advance(10));
    EXPECT_LE(pollsUntil(Severity::P0), kMaxPolls) << headline();
    EXPECT_EQ(m_poller->suggestion().reasons.value(0),
              QStringLiteral("the database is down and writes are failing"))
        << headline();

    // Write drain: writes are refused cleanly before they reach the database, no data at risk;
    // the outage is still a broken critical feature.
    ASSERT_TRUE(writeDrain(true));
    EXPECT_LE(pollsUntil(Severity::P1), kMaxPolls) << headline();
    ASSERT_TRUE(advance(10));
    ASSERT_TRUE(waitUntil([&] { return m_poller->breakers().has_value(); }));
    const qint64 settled = m_poller->sourceStatus(Source::Metrics).attempts + kMaxPolls;
    waitUntil([&] { return m_poller->sourceStatus(Source::Metrics).attempts > settled; }, 5000);
    EXPECT_EQ(m_poller->suggestion().severity, Severity::P1) << "still P1, never P0 again";
    const QString reasons = m_poller->suggestion().reasons.join(QLatin1Char('|'));
    EXPECT_TRUE(reasons.contains(QStringLiteral("circuit breaker open on a critical dependency: "
                                                "database")))
        << headline();
    EXPECT_FALSE(reasons.contains(QStringLiteral("writes are failing"))) << headline();

    // The outage ends; the breaker's 20 s cooldown and the 60 s error window pass.
    ASSERT_TRUE(scenario(QStringLiteral("none")));
    ASSERT_TRUE(writeDrain(false));
    ASSERT_TRUE(advance(90));
    EXPECT_LE(pollsUntil(Severity::None), kMaxPolls) << headline();
}
