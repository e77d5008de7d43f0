// BackoffPolicy: Retry-After honoured (capped, jittered upwards), full-jitter exponential
// windows, and a retry budget that empties under a 429 storm (N6, N7; unit level).
#include "backoffpolicy.h"

#include <gtest/gtest.h>

#include <set>

namespace {

BackoffPolicy::Options seeded(quint32 seed = 42)
{
    BackoffPolicy::Options o;
    o.seed = seed;
    return o;
}

TEST(BackoffPolicy, N6_RetryAfterIsAFloorAndJitteredUpwards)
{
    BackoffPolicy policy(seeded());
    std::set<qint64> seen;
    qint64 now = 0;
    for (int i = 0; i < 8; ++i) {
        const auto d = policy.nextDelayMs(now, 5);
        ASSERT_TRUE(d.has_value());
        EXPECT_GE(*d, 5000);
        EXPECT_LE(*d, qint64(5000 * (1.0 + policy.options().retryAfterJitter)) + 1);
        seen.insert(*d);
        now += *d;
    }
    EXPECT_GT(seen.size(), 4u) << "Retry-After delays are not jittered";
}

TEST(BackoffPolicy, N6_RetryAfterIsCapped)
{
    BackoffPolicy::Options o = seeded();
    o.maxRetryAfterMs = 60000;
    BackoffPolicy policy(o);
    const auto d = policy.nextDelayMs(0, 3600);
    ASSERT_TRUE(d.has_value());
    EXPECT_GE(*d, 60000);
    EXPECT_LE(*d, 72001);
}

TEST(BackoffPolicy, FullJitterWindowGrowsToTheCap)
{
    BackoffPolicy::Options o = seeded(7);
    o.baseDelayMs = 100;
    o.maxDelayMs = 1600;
    o.budgetCapacity = 1000;
    BackoffPolicy policy(o);
    qint64 maxSeen = 0;
    for (int failure = 1; failure <= 40; ++failure) {
        const auto d = policy.nextDelayMs(0);
        ASSERT_TRUE(d.has_value());
        const qint64 window = std::min<qint64>(1600, 100LL << std::min(failure - 1, 20));
        EXPECT_GE(*d, 0);
        EXPECT_LE(*d, window) << "failure " << failure;
        maxSeen = std::max(maxSeen, *d);
    }
    EXPECT_GT(maxSeen, 800) << "the window never grew";
    EXPECT_EQ(policy.consecutiveFailures(), 40);
    policy.recordSuccess();
    EXPECT_EQ(policy.consecutiveFailures(), 0);
    EXPECT_LE(*policy.nextDelayMs(0), 100);
}

TEST(BackoffPolicy, N7_BudgetEmptiesUnderA429StormThenRefills)
{
    BackoffPolicy::Options o = seeded();
    o.budgetCapacity = 10;
    o.budgetRefillPerSecond = 0.5;
    BackoffPolicy policy(o);
    // 60 failures in one minute, each answered with Retry-After: 1.
    int retries = 0;
    for (int i = 0; i < 60; ++i) {
        if (policy.nextDelayMs(i * 1000, 1))
            ++retries;
    }
    // 10 from the bucket + about 0.5/s refill over 59 s.
    EXPECT_LE(retries, 10 + 30);
    EXPECT_GE(retries, 10);
    EXPECT_LT(policy.budget(59000), 1.0);
    // Fail fast while empty...
    EXPECT_FALSE(policy.nextDelayMs(59000, 1).has_value());
    // ...and allowed again once the bucket refilled.
    EXPECT_TRUE(policy.nextDelayMs(59000 + 10000, 1).has_value());
}

TEST(BackoffPolicy, DeterministicUnderSeed)
{
    BackoffPolicy a(seeded(99));
    BackoffPolicy b(seeded(99));
    for (int i = 0; i < 10; ++i)
        EXPECT_EQ(a.nextDelayMs(i * 100), b.nextDelayMs(i * 100));
}

} // namespace
