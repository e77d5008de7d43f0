#include "opsclient.h"
#include "pollscheduler.h"
#include "testsupport.h"

#include <gtest/gtest.h>

#include <QElapsedTimer>
#include <QTcpServer>
#include <QTimer>

namespace {

ApiError networkError()
{
    ApiError error;
    error.kind = ApiError::Kind::Network;
    return error;
}

// A fetch that answers after `latencyMs`, failing while `failing` is true, and
// records how many polls overlapped.
struct FakeEndpoint
{
    int latencyMs = 0;
    bool failing = false;
    std::optional<int> retryAfterSeconds;
    int inFlight = 0;
    int maxInFlight = 0;
    int calls = 0;
    QList<qint64> startTimes;
    QElapsedTimer clock;

    PollScheduler::Fetch fetch()
    {
        clock.start();
        return [this](QObject *context, PollScheduler::Done done) {
            ++calls;
            maxInFlight = std::max(maxInFlight, ++inFlight);
            startTimes.append(clock.elapsed());
            QTimer::singleShot(latencyMs, context, [this, done] {
                --inFlight;
                if (!failing)
                    return done(std::nullopt);
                ApiError error = networkError();
                error.retryAfterSeconds = retryAfterSeconds;
                done(error);
            });
        };
    }
};

} // namespace

TEST(PollScheduler, N2_NeverMoreThanOneInFlightPerSource)
{
    FakeEndpoint slow;
    slow.latencyMs = 300; // slower than the interval
    PollScheduler scheduler;
    scheduler.addSource(QStringLiteral("metrics"), 50, slow.fetch());
    scheduler.start();
    TestSupport::waitUntil([&] { return slow.calls >= 4; }, 10000);
    EXPECT_EQ(slow.maxInFlight, 1);
    for (qsizetype i = 1; i < slow.startTimes.size(); ++i)
        EXPECT_GE(slow.startTimes[i] - slow.startTimes[i - 1], 290) << "poll " << i;
}

TEST(PollScheduler, PollsOnItsInterval)
{
    FakeEndpoint fast;
    PollScheduler scheduler;
    scheduler.addSource(QStringLiteral("health"), 100, fast.fetch());
    scheduler.start();
    ASSERT_TRUE(TestSupport::waitUntil([&] { return fast.calls >= 5; }, 10000));
    for (qsizetype i = 1; i < fast.startTimes.size(); ++i)
        EXPECT_GE(fast.startTimes[i] - fast.startTimes[i - 1], 90) << "poll " << i;
    const auto status = scheduler.status(QStringLiteral("health"));
    EXPECT_FALSE(status.stale);
    EXPECT_TRUE(status.lastSuccess.has_value());
}

TEST(PollScheduler, FailureMarksStaleAndSuccessClearsIt)
{
    FakeEndpoint endpoint;
    endpoint.failing = true;
    PollScheduler scheduler;
    QList<bool> staleChanges;
    QObject::connect(&scheduler, &PollScheduler::staleChanged, &scheduler,
                     [&](const QString &, bool stale) { staleChanges.append(stale); });
    BackoffPolicy::Options backoff;
    backoff.baseDelayMs = 50;
    backoff.maxDelayMs = 100;
    scheduler.addSource(QStringLiteral("ready"), 50, endpoint.fetch(), backoff);
    scheduler.start();
    ASSERT_TRUE(TestSupport::waitUntil([&] { return endpoint.calls >= 2; }));
    auto status = scheduler.status(QStringLiteral("ready"));
    EXPECT_TRUE(status.stale);
    ASSERT_TRUE(status.lastError.has_value());
    EXPECT_GE(status.consecutiveFailures, 1);
    EXPECT_FALSE(status.lastSuccess.has_value());

    endpoint.failing = false;
    ASSERT_TRUE(TestSupport::waitUntil(
        [&] { return !scheduler.status(QStringLiteral("ready")).stale; }, 5000));
    status = scheduler.status(QStringLiteral("ready"));
    EXPECT_FALSE(status.lastError.has_value());
    EXPECT_EQ(status.consecutiveFailures, 0);
    EXPECT_EQ(staleChanges, QList<bool> {false});
}

TEST(PollScheduler, N6_RetryAfterIsHonoured)
{
    FakeEndpoint endpoint;
    endpoint.failing = true;
    endpoint.retryAfterSeconds = 1;
    PollScheduler scheduler;
    scheduler.addSource(QStringLiteral("metrics"), 50, endpoint.fetch());
    scheduler.start();
    ASSERT_TRUE(TestSupport::waitUntil([&] { return endpoint.calls >= 2; }, 10000));
    EXPECT_GE(endpoint.startTimes[1] - endpoint.startTimes[0], 950)
        << "Retry-After: 1 must hold the next poll back at least a second";
}

TEST(PollScheduler, FailuresBackOffButNeverFasterThanTheInterval)
{
    FakeEndpoint endpoint;
    endpoint.failing = true;
    BackoffPolicy::Options backoff;
    backoff.baseDelayMs = 100;
    backoff.maxDelayMs = 400;
    backoff.seed = 7;
    PollScheduler scheduler;
    scheduler.addSource(QStringLiteral("metrics"), 100, endpoint.fetch(), backoff);
    scheduler.start();
    ASSERT_TRUE(TestSupport::waitUntil([&] { return endpoint.calls >= 6; }, 10000));
    for (qsizetype i = 1; i < endpoint.startTimes.size(); ++i)
        EXPECT_GE(endpoint.startTimes[i] - endpoint.startTimes[i - 1], 90) << "poll " << i;
}

TEST(PollScheduler, StopDropsAnswersInFlight)
{
    FakeEndpoint endpoint;
    endpoint.latencyMs = 200;
    PollScheduler scheduler;
    int successes = 0;
    QObject::connect(&scheduler, &PollScheduler::sourceSucceeded, &scheduler,
                     [&](const QString &) { ++successes; });
    scheduler.addSource(QStringLiteral("status"), 1000, endpoint.fetch());
    scheduler.start();
    ASSERT_TRUE(TestSupport::waitUntil([&] { return endpoint.calls == 1; }, 1000))
        << "start() polls every source at once";
    scheduler.stop();
    TestSupport::waitUntil([] { return false; }, 400);
    EXPECT_EQ(successes, 0);
    EXPECT_EQ(endpoint.calls, 1);
}

TEST(PollScheduler, N1_ApiDownIsStaleWithinOneIntervalAtMostOneRequestPerSecond)
{
    // A port that was listening and is closed now: connections are refused.
    quint16 port = 0;
    {
        QTcpServer probe;
        ASSERT_TRUE(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    }
    ConnectionProfile profile;
    profile.name = QStringLiteral("down");
    profile.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
    profile.token = QStringLiteral("t0ken-not-used");
    profile.deadlineMs = 900;
    OpsClient client(profile);

    PollScheduler scheduler;
    int requests = 0;
    scheduler.addSource(QStringLiteral("metrics"), 1000,
                        [&](QObject *context, PollScheduler::Done done) {
                            ++requests;
                            client.getMetrics(context, [done](const ApiResult<MetricsSnapshot> &r) {
                                done(r.ok() ? std::nullopt : std::optional(r.error()));
                            });
                        });
    QElapsedTimer clock;
    clock.start();
    scheduler.start();
    ASSERT_TRUE(TestSupport::waitUntil(
        [&] {
            return scheduler.status(QStringLiteral("metrics")).stale
                && scheduler.status(QStringLiteral("metrics")).lastError;
        },
        3000));
    EXPECT_LE(clock.elapsed(), 1000 + 900) << "stale within one interval (plus the deadline)";
    const auto error = *scheduler.status(QStringLiteral("metrics")).lastError;
    EXPECT_EQ(error.kind, ApiError::Kind::Network);
    EXPECT_TRUE(error.userMessage().contains(QStringLiteral("127.0.0.1")))
        << error.userMessage().toStdString();

    TestSupport::waitUntil([] { return false; }, 4000);
    const double seconds = clock.elapsed() / 1000.0;
    EXPECT_LE(requests, int(seconds) + 1) << "at most one request a second while down";
}
