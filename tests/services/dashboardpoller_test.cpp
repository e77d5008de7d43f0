// DashboardPoller against a real dreamnet-sim over loopback: samples land in the store, a failed
// metrics poll is a gap, a counter that goes backwards starts a new segment, stale sources say
// whether the server is unreachable or answered with an error, mode changes and breaker actions
// become timeline marks.
#include "actioncontroller.h"
#include "clienttestutil.h"
#include "dashboardpoller.h"
#include "sampleclock.h"
#include "stalenessformatter.h"

#include <gtest/gtest.h>

#include <QSignalSpy>
#include <QTimeZone>

#include <cmath>

using namespace ClientTest;
using Source = DashboardPoller::Source;
using Signal = SignalStore::Signal;
using TestSupport::waitUntil;

namespace {

constexpr std::array kAllSources {Source::Metrics,  Source::Health, Source::Live,
                                  Source::Ready,    Source::Gates,  Source::Breakers,
                                  Source::OpsStatus};

DashboardPoller::Intervals every(int ms)
{
    return {ms, ms, ms};
}

class DashboardSim : public ::testing::Test
{
protected:
    void SetUp() override { startSim(); }

    void startSim(double speed = 1.0)
    {
        m_sim
            = TestSupport::startSimulator({QStringLiteral("--seed"), QStringLiteral("11")}, speed);
        ASSERT_TRUE(m_sim && m_sim->isReady());
        m_client = std::make_unique<OpsClient>(profileFor(m_sim->baseUrl(), 2000, m_sim->token()));
    }

    std::unique_ptr<DashboardPoller> makePoller(int intervalMs = 150)
    {
        auto poller = std::make_unique<DashboardPoller>(m_client.get());
        poller->setIntervals(every(intervalMs));
        return poller;
    }

    bool allFresh(const DashboardPoller &poller)
    {
        return std::none_of(kAllSources.begin(), kAllSources.end(),
                            [&](Source s) { return poller.isStale(s); });
    }

    template<typename T, typename Start>
    bool succeeds(Start start)
    {
        const auto out = await<T>(start);
        return out.ok();
    }

    bool setChaos(const ChaosSettings &chaos)
    {
        return succeeds<Acknowledgement>(
            [&](QObject *c, auto cb) { m_client->setSimChaos(chaos, c, cb); });
    }

    static qsizetype validSamples(const TimeSeries &series)
    {
        qsizetype n = 0;
        series.forEach(series.firstSecond(), series.lastSecond(),
                       [&n](qint64, double v) { n += std::isnan(v) ? 0 : 1; });
        return n;
    }

    std::unique_ptr<SimulatorProcess> m_sim;
    std::unique_ptr<OpsClient> m_client;
};

} // namespace

TEST_F(DashboardSim, RecordsSamplesAndKeepsEverySourceFresh)
{
    auto poller = makePoller();
    QSignalSpy samples(poller.get(), &DashboardPoller::sampleRecorded);
    QSignalSpy suggestions(poller.get(), &DashboardPoller::suggestionChanged);
    poller->start();
    ASSERT_TRUE(waitUntil([&] { return allFresh(*poller); }, 5000));
    ASSERT_TRUE(waitUntil(
        [&] { return validSamples(poller->signalStore().series(Signal::CpuPercent)) >= 2; }, 8000));

    const SignalStore &store = poller->signalStore();
    const qint64 last = store.series(Signal::RequestsPerSecond).lastSecond();
    EXPECT_NEAR(double(last), double(QDateTime::currentSecsSinceEpoch()), 2.0)
        << "keyed by the local receive second";
    EXPECT_GT(store.series(Signal::RequestsPerSecond).latest(), 0.0);
    EXPECT_GE(store.series(Signal::CpuPercent).latest(), 0.0);
    EXPECT_GT(store.series(Signal::MemoryRssMb).latest(), 0.0);
    EXPECT_FALSE(store.agents().isEmpty()) << "queue depth per agent";
    EXPECT_GE(samples.count(), 2);
    EXPECT_TRUE(poller->metrics() && poller->health() && poller->live() && poller->ready()
                && poller->gates() && poller->breakers() && poller->opsStatus());
    for (Source s : kAllSources)
        EXPECT_TRUE(poller->staleReason(s).isEmpty()) << poller->staleReason(s).toStdString();
    EXPECT_TRUE(poller->sourceStatus(Source::Metrics).lastSuccess.has_value());
    // A quiet baseline suggests nothing, and the suggestion did not flicker.
    EXPECT_EQ(poller->suggestion().severity, Severity::None)
        << poller->suggestion().headline().toStdString();
    EXPECT_EQ(suggestions.count(), 0);
}

TEST_F(DashboardSim, U6_FailedMetricsPollIsAGapSaysWhyAndClearsOnRecovery)
{
    auto poller = makePoller();
    poller->start();
    ASSERT_TRUE(waitUntil([&] { return !poller->isStale(Source::Metrics); }, 5000));

    QSignalSpy failed(poller.get(), &DashboardPoller::sourceFailed);
    ChaosSettings chaos;
    chaos.errorRate = 1.0;
    chaos.paths = {QStringLiteral("/api/metrics")};
    ASSERT_TRUE(setChaos(chaos));
    ASSERT_TRUE(waitUntil([&] { return poller->isStale(Source::Metrics); }, 5000));
    const qint64 gapSecond = QDateTime::currentSecsSinceEpoch();
    ASSERT_GE(failed.count(), 1);
    EXPECT_EQ(failed.first().at(0).value<Source>(), Source::Metrics);

    const TimeSeries &rps = poller->signalStore().series(Signal::RequestsPerSecond);
    ASSERT_TRUE(waitUntil([&] { return rps.lastSecond() >= gapSecond; }, 5000));
    EXPECT_TRUE(std::isnan(rps.valueAt(rps.lastSecond()))) << "a failed poll is a gap, not a value";
    const QString reason = poller->staleReason(Source::Metrics);
    EXPECT_TRUE(reason.startsWith(QStringLiteral("last update "))) << reason.toStdString();
    EXPECT_TRUE(reason.contains(QStringLiteral(" — the server says "))) << reason.toStdString();
    EXPECT_TRUE(reason.contains(QStringLiteral("HTTP 500"))) << reason.toStdString();
    EXPECT_FALSE(reason.contains(QStringLiteral("cannot reach"))) << reason.toStdString();
    EXPECT_FALSE(poller->isStale(Source::OpsStatus)) << "only the metrics path fails";
    EXPECT_TRUE(poller->metrics().has_value()) << "the last good answer is kept";

    ASSERT_TRUE(setChaos({}));
    ASSERT_TRUE(waitUntil([&] { return !poller->isStale(Source::Metrics); }, 10000));
    EXPECT_TRUE(poller->staleReason(Source::Metrics).isEmpty());
    ASSERT_TRUE(waitUntil([&] { return !std::isnan(rps.valueAt(rps.lastSecond())); }, 5000));
}

TEST_F(DashboardSim, N1_ServerGoneSaysCannotReachAndPollsAtMostOncePerInterval)
{
    auto poller = makePoller(1000);
    poller->start();
    ASSERT_TRUE(waitUntil([&] { return allFresh(*poller); }, 5000));
    const QString where = m_sim->baseUrl().authority();

    m_sim->stop();
    // Stale within one interval (plus slack for a loaded machine).
    ASSERT_TRUE(waitUntil([&] { return poller->isStale(Source::Metrics); }, 3000));
    // The first failure may be a kept-alive connection closing; then the port refuses.
    const QString refused
        = QStringLiteral(" s ago — cannot reach %1 (connection refused)").arg(where);
    EXPECT_TRUE(
        waitUntil([&] { return poller->staleReason(Source::Metrics).contains(refused); }, 5000))
        << poller->staleReason(Source::Metrics).toStdString();
    const QString reason = poller->staleReason(Source::Metrics);
    EXPECT_TRUE(reason.startsWith(QStringLiteral("last update "))) << reason.toStdString();
    EXPECT_FALSE(reason.contains(QStringLiteral("server says")));

    const qint64 before = poller->sourceStatus(Source::Metrics).attempts;
    QElapsedTimer elapsed;
    elapsed.start();
    waitUntil([] { return false; }, 3000);
    const qint64 attempts = poller->sourceStatus(Source::Metrics).attempts - before;
    EXPECT_LE(attempts, elapsed.elapsed() / 1000 + 1) << "never more than one poll per interval";
    EXPECT_GE(attempts, 1) << "it keeps trying";
    // Unreachable is not "the service is down": nothing known, nothing suggested.
    EXPECT_EQ(poller->suggestion().severity, Severity::None)
        << poller->suggestion().headline().toStdString();
    for (Source s : kAllSources)
        EXPECT_TRUE(poller->isStale(s)) << DashboardPoller::sourceName(s).toStdString();
}

TEST_F(DashboardSim, N2_NeverMoreThanOneRequestInFlightPerEndpoint)
{
    // Every answer takes longer than the poll interval: polls must wait, never pile up.
    ChaosSettings slow;
    slow.latencyMs = 400;
    slow.paths = {QStringLiteral("/health"), QStringLiteral("/api/metrics"),
                  QStringLiteral("/api/health-gates"), QStringLiteral("/api/circuit-breakers"),
                  QStringLiteral("/api/ops")};
    ASSERT_TRUE(setChaos(slow));
    auto poller = makePoller(100);
    poller->start();
    waitUntil([] { return false; }, 2500);
    EXPECT_GE(poller->sourceStatus(Source::Metrics).attempts, 3) << "it kept polling";
    poller->stop();
    ASSERT_TRUE(setChaos({}));

    const auto state = await<SimState>([&](QObject *c, auto cb) { m_client->getSimState(c, cb); });
    ASSERT_TRUE(state.ok());
    for (const char *path :
         {"/api/metrics", "/health", "/health/live", "/health/ready", "/api/health-gates/status",
          "/api/circuit-breakers", "/api/ops/status"}) {
        const QString p = QString::fromLatin1(path);
        EXPECT_GE(state.result->value().requests(p), 2) << path;
        EXPECT_EQ(state.result->value().maxInFlight(p), 1) << path;
    }
}

// The simulator's restart keeps its cumulative counters (docs/ops-api.md: memory and uptime
// reset), so a counter that goes backwards is produced the way a real process restart does it:
// the same client is pointed at a fresh simulator between two metrics polls.
TEST_F(DashboardSim, CounterGoingBackwardsStartsANewSegment)
{
    ASSERT_TRUE(succeeds<Acknowledgement>(
        [&](QObject *c, auto cb) { m_client->advanceSimClock(600, c, cb); }));
    auto fresh = TestSupport::startSimulator({QStringLiteral("--seed"), QStringLiteral("12")});
    ASSERT_TRUE(fresh && fresh->isReady());

    auto poller = makePoller(200);
    bool switched = false;
    std::optional<qint64> firstAfter;
    QObject::connect(poller.get(), &DashboardPoller::sampleRecorded, poller.get(),
                     [&](qint64 second) {
                         const TimeSeries &cpu = poller->signalStore().series(Signal::CpuPercent);
                         if (switched) {
                             if (!firstAfter && poller->signalStore().lastReport().counterReset)
                                 firstAfter = second;
                             return;
                         }
                         if (std::isnan(cpu.valueAt(second)))
                             return; // wait for a CPU value before switching
                         switched = true;
                         m_client->setProfile(profileFor(fresh->baseUrl(), 2000, fresh->token()));
                     });
    poller->start();
    ASSERT_TRUE(waitUntil([&] { return firstAfter.has_value(); }, 10000));
    const TimeSeries &cpu = poller->signalStore().series(Signal::CpuPercent);
    EXPECT_TRUE(std::isnan(cpu.valueAt(*firstAfter))) << "no rate across the reset";
    ASSERT_TRUE(waitUntil([&] { return cpu.lastSecond() > *firstAfter + 1; }, 5000));
    ASSERT_TRUE(waitUntil([&] { return !std::isnan(cpu.latest()); }, 5000));
    EXPECT_GE(cpu.latest(), 0.0) << "the new segment has a sane rate";
    EXPECT_LT(cpu.latest(), 10000.0);
}

TEST_F(DashboardSim, SafeModeOnAndOffBecomeMarks)
{
    auto poller = makePoller();
    poller->start();
    ASSERT_TRUE(waitUntil([&] { return poller->opsStatus().has_value(); }, 5000));
    EXPECT_TRUE(poller->marks().isEmpty()) << "no mode is on";

    const auto hasMark = [&](const QString &label) {
        return std::any_of(poller->marks().cbegin(), poller->marks().cend(),
                           [&](const TimelineMark &m) { return m.label == label; });
    };
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    ASSERT_TRUE(succeeds<ModeState>(
        [&](QObject *c, auto cb) { m_client->setSafeMode(true, QStringLiteral("drill"), c, cb); }));
    ASSERT_TRUE(waitUntil([&] { return hasMark(QStringLiteral("safe mode on")); }, 5000));
    const TimelineMark on = poller->marks().constLast();
    EXPECT_EQ(on.label, QStringLiteral("safe mode on"));
    EXPECT_GE(on.epochMs, before - 2000);
    EXPECT_LE(on.epochMs, QDateTime::currentMSecsSinceEpoch());

    ASSERT_TRUE(succeeds<ModeState>([&](QObject *c, auto cb) {
        m_client->setSafeMode(false, QStringLiteral("drill over"), c, cb);
    }));
    ASSERT_TRUE(waitUntil([&] { return hasMark(QStringLiteral("safe mode off")); }, 5000));
    EXPECT_EQ(poller->marks().size(), 2);
    EXPECT_GE(poller->marks().constLast().epochMs, on.epochMs) << "marks stay in time order";
}

TEST_F(DashboardSim, ModeAlreadyOnIsMarkedAtFirstSight)
{
    ASSERT_TRUE(succeeds<ModeState>([&](QObject *c, auto cb) {
        m_client->setWriteDrain(true, QStringLiteral("before the console"), c, cb);
    }));
    auto poller = makePoller();
    poller->start();
    ASSERT_TRUE(waitUntil([&] { return !poller->marks().isEmpty(); }, 5000));
    EXPECT_EQ(poller->marks().constFirst().label, QStringLiteral("write drain on"));
    EXPECT_LE(poller->marks().constFirst().epochMs, QDateTime::currentMSecsSinceEpoch());
}

TEST_F(DashboardSim, BreakerActionsRefreshTheBreakersAndChangeTheSuggestion)
{
    auto poller = makePoller(60'000); // only breakersChanged() polls the breakers again
    ActionController actions(m_client.get(), nullptr, QStringLiteral("test"));
    QSignalSpy finished(&actions, &ActionController::actionFinished);
    poller->start();
    ASSERT_TRUE(waitUntil([&] { return allFresh(*poller); }, 5000));
    const auto breakerState = [&](const QString &name) {
        for (const CircuitBreaker &b : poller->breakers()->breakers) {
            if (b.name == name)
                return b.state;
        }
        return BreakerState::HalfOpen;
    };
    const auto act = [&](ActionRequest::Kind kind, const QString &name) {
        ActionRequest request;
        request.kind = kind;
        request.target = name;
        request.reason = QStringLiteral("drill");
        const qsizetype before = finished.count();
        ASSERT_FALSE(actions.perform(request).isEmpty());
        ASSERT_TRUE(waitUntil([&] { return finished.count() > before; }, 5000));
        poller->breakersChanged();
    };

    EXPECT_FALSE(poller->suggestion().firstSeen.isValid()) << "nothing suggested yet";
    const QDateTime beforeTrip = QDateTime::currentDateTimeUtc();
    act(ActionRequest::Kind::TripBreaker, QStringLiteral("stripe"));
    ASSERT_TRUE(waitUntil(
        [&] { return breakerState(QStringLiteral("stripe")) == BreakerState::Open; }, 3000));
    ASSERT_TRUE(waitUntil([&] { return poller->suggestion().severity == Severity::P2; }, 3000));
    EXPECT_TRUE(
        poller->suggestion().reasons.contains(QStringLiteral("circuit breaker open: stripe")))
        << poller->suggestion().reasons.join(QStringLiteral(" | ")).toStdString();
    const QDateTime detected = poller->suggestion().firstSeen;
    ASSERT_TRUE(detected.isValid());
    EXPECT_GE(detected, beforeTrip);
    EXPECT_LE(detected, QDateTime::currentDateTimeUtc());

    act(ActionRequest::Kind::TripBreaker, QStringLiteral("openai"));
    ASSERT_TRUE(waitUntil([&] { return poller->suggestion().severity == Severity::P1; }, 5000))
        << "openai is a critical dependency";
    EXPECT_TRUE(poller->suggestion().headline().contains(QStringLiteral("openai")));
    EXPECT_EQ(poller->suggestion().firstSeen, detected) << "detected at P2, not at P1";

    act(ActionRequest::Kind::ResetBreaker, QStringLiteral("openai"));
    act(ActionRequest::Kind::ResetBreaker, QStringLiteral("stripe"));
    ASSERT_TRUE(waitUntil([&] { return poller->suggestion().severity == Severity::None; }, 5000))
        << poller->suggestion().headline().toStdString();
    EXPECT_FALSE(poller->suggestion().firstSeen.isValid()) << "the episode is over";

    // A new episode is detected anew.
    act(ActionRequest::Kind::TripBreaker, QStringLiteral("stripe"));
    ASSERT_TRUE(waitUntil([&] { return poller->suggestion().severity == Severity::P2; }, 5000));
    EXPECT_GT(poller->suggestion().firstSeen, detected);
}

TEST(DashboardPoller, MarksStayOrderedAndBounded)
{
    OpsClient client(profileFor(QUrl(QStringLiteral("http://127.0.0.1:9"))));
    DashboardPoller poller(&client);
    QSignalSpy changed(&poller, &DashboardPoller::marksChanged);
    poller.addMark({2000, QStringLiteral("b")});
    poller.addMark({1000, QStringLiteral("a")});
    poller.addMark({3000, QStringLiteral("c")});
    ASSERT_EQ(poller.marks().size(), 3);
    EXPECT_EQ(poller.marks().at(0).label, QStringLiteral("a"));
    EXPECT_EQ(poller.marks().at(2).label, QStringLiteral("c"));
    EXPECT_EQ(changed.count(), 3);
    for (int i = 0; i < 1500; ++i)
        poller.addMark({10000 + i, QStringLiteral("x")});
    EXPECT_LE(poller.marks().size(), 1000);
    poller.addMark({10000 + 25LL * 3600 * 1000, QStringLiteral("a day later")});
    EXPECT_EQ(poller.marks().size(), 1) << "older than the 24 h the charts show";
    // Never started: every source is stale and says it has no data yet.
    EXPECT_TRUE(poller.isStale(DashboardPoller::Source::Metrics));
    EXPECT_EQ(poller.staleReason(DashboardPoller::Source::Metrics),
              QStringLiteral("no update yet"));
}

// At the real 1 s cadence the poll timer jitters by tens of milliseconds; an answer that lands
// just across a second boundary must neither leave a false gap nor overwrite the previous second.
TEST_F(DashboardSim, OneSecondPollsLeaveNoFalseGaps)
{
    auto poller = std::make_unique<DashboardPoller>(m_client.get());
    poller->start();
    const TimeSeries &rps = poller->signalStore().series(Signal::RequestsPerSecond);
    ASSERT_TRUE(waitUntil([&] { return validSamples(rps) >= 6; }, 12000));
    EXPECT_EQ(validSamples(rps), rps.size())
        << "seconds " << rps.firstSecond() << ".." << rps.lastSecond();
    EXPECT_EQ(poller->sourceStatus(Source::Metrics).consecutiveFailures, 0);
}

TEST(StalenessFormatter, CannotReachAndServerSaysAreToldApart)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    PollScheduler::SourceStatus status;
    status.stale = true;
    status.lastSuccess = now.addSecs(-14);
    ApiError refused;
    refused.kind = ApiError::Kind::Network;
    refused.url = QStringLiteral("http://127.0.0.1:5000");
    refused.detail = QStringLiteral("connection refused");
    status.lastError = refused;
    EXPECT_EQ(StalenessFormatter::describe(status, now),
              QStringLiteral("last update 14 s ago — cannot reach 127.0.0.1:5000 (connection "
                             "refused)"));

    ApiError http;
    http.kind = ApiError::Kind::Http;
    http.httpStatus = 503;
    http.code = QStringLiteral("unavailable");
    http.serverMessage = QStringLiteral("Database unavailable. ");
    status.lastError = http;
    EXPECT_EQ(StalenessFormatter::describe(status, now),
              QStringLiteral("last update 14 s ago — the server says \u201cDatabase "
                             "unavailable.\u201d (HTTP 503 unavailable)"));
    http.serverMessage.clear();
    http.code.clear();
    EXPECT_EQ(StalenessFormatter::failure(http), QStringLiteral("the server says HTTP 503"));

    ApiError timeout;
    timeout.kind = ApiError::Kind::Timeout;
    timeout.url = QStringLiteral("https://ops.example:8443");
    timeout.deadlineMs = 1900;
    EXPECT_EQ(StalenessFormatter::failure(timeout),
              QStringLiteral("ops.example:8443 did not answer within 1.9 s"));

    ApiError garbage;
    garbage.kind = ApiError::Kind::InvalidJson;
    garbage.path = QStringLiteral("/api/metrics");
    EXPECT_TRUE(StalenessFormatter::failure(garbage).startsWith(
        QStringLiteral("the server's answer was unusable: ")));
}

TEST(StalenessFormatter, AgesAndFreshness)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    PollScheduler::SourceStatus status;
    status.stale = false;
    status.lastSuccess = now;
    EXPECT_TRUE(StalenessFormatter::describe(status, now).isEmpty()) << "fresh: nothing to say";
    status.stale = true;
    status.lastSuccess.reset();
    EXPECT_EQ(StalenessFormatter::describe(status, now), QStringLiteral("no update yet"));
    status.inFlight = true;
    EXPECT_EQ(StalenessFormatter::describe(status, now),
              QStringLiteral("no update yet — waiting for the first answer"));
    EXPECT_EQ(StalenessFormatter::ago(0), QStringLiteral("0 s ago"));
    EXPECT_EQ(StalenessFormatter::ago(119), QStringLiteral("119 s ago"));
    EXPECT_EQ(StalenessFormatter::ago(150), QStringLiteral("2 min ago"));
    EXPECT_EQ(StalenessFormatter::ago(3 * 3600 + 5), QStringLiteral("3 h ago"));
    EXPECT_EQ(StalenessFormatter::ago(-5), QStringLiteral("0 s ago")) << "clock skew";
    EXPECT_EQ(StalenessFormatter::until(20), QStringLiteral("in 20 s"));
    EXPECT_EQ(StalenessFormatter::until(150), QStringLiteral("in 2 min"));
    const QDateTime server = QDateTime(QDate(2026, 11, 29), QTime(10, 0), QTimeZone::utc());
    EXPECT_EQ(StalenessFormatter::relative(server.addSecs(-14), server),
              QStringLiteral("14 s ago"));
    EXPECT_EQ(StalenessFormatter::relative(server.addSecs(20), server), QStringLiteral("in 20 s"));
    EXPECT_EQ(StalenessFormatter::relative(server, server), QStringLiteral("0 s ago"));
    EXPECT_TRUE(StalenessFormatter::relative({}, server).isEmpty());
    EXPECT_EQ(StalenessFormatter::relative(server, {}),
              server.toLocalTime().toString(QStringLiteral("HH:mm:ss")))
        << "no reference: the local clock time";
    EXPECT_EQ(StalenessFormatter::onServerClock(server),
              QStringLiteral("2026-11-29 10:00:00 UTC by the server's clock"));
}

TEST(SampleClock, JitterAcrossASecondBoundaryLeavesNoFalseGap)
{
    // A steady 1 s cadence whose answers land right at the second boundary, ± a few ms.
    SampleClock clock;
    EXPECT_EQ(clock.keyFor(10'001), 10);
    EXPECT_EQ(clock.keyFor(10'998), 10) << "early: overwrites, never runs ahead";
    EXPECT_EQ(clock.keyFor(12'003), 11) << "late by jitter: the second in between, not a gap";
    EXPECT_EQ(clock.keyFor(12'999), 12);
    EXPECT_EQ(clock.keyFor(14'004), 13);
    EXPECT_EQ(clock.keyFor(15'001), 14) << "at most one second behind, still no gap";
    EXPECT_EQ(clock.keyFor(15'990), 15) << "back on the receive second once it may";
}

TEST(SampleClock, MissedPollsAndFastPollsKeepTheReceiveSecond)
{
    SampleClock clock;
    EXPECT_EQ(clock.keyFor(20'500), 20);
    EXPECT_EQ(clock.keyFor(22'600), 22) << "2.1 s later: a poll was really missed";
    EXPECT_EQ(clock.keyFor(25'100), 25);
    SampleClock fast;
    qint64 previous = fast.keyFor(30'000);
    for (qint64 ms = 30'150; ms < 33'000; ms += 150) {
        const qint64 key = fast.keyFor(ms);
        EXPECT_EQ(key, ms / 1000);
        EXPECT_LE(key - previous, 1);
        previous = key;
    }
}
