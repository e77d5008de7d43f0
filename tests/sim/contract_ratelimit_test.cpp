// Contract: 429 rate_limited with Retry-After per credential (--rate-limit RPS, burst 2x);
// /health* and /metrics are exempt (ops-api.md Conventions; sim decisions).
#include "contractfixture.h"

#include <QThread>

namespace {

class ContractRateLimit : public ContractFixture
{
protected:
    static void SetUpTestSuite()
    {
        startSharedSimulator({QStringLiteral("--rate-limit"), QStringLiteral("5")});
    }
    static void TearDownTestSuite() { stopSharedSimulator(); }

    // Sends GETs until one is limited; false if none was within 60 requests.
    bool exhaust(const QString &path) const
    {
        for (int i = 0; i < 60; ++i) {
            if (get(path).status == 429)
                return true;
        }
        return false;
    }
    bool waitForToken(const QString &path) const
    {
        return TestSupport::waitUntil(
            [this, path] {
                QThread::msleep(50);
                return get(path).status == 200;
            },
            15000);
    }
};

TEST_F(ContractRateLimit, BurstGets429WithRetryAfter)
{
    int ok = 0;
    int limited = 0;
    HttpResult firstLimited;
    for (int i = 0; i < 100 && limited < 5; ++i) {
        const HttpResult result = get(QStringLiteral("/api/ops/status"));
        if (result.status == 200) {
            ++ok;
        } else if (result.status == 429) {
            if (limited++ == 0)
                firstLimited = result;
        } else {
            ADD_FAILURE() << "unexpected status " << result.status;
        }
    }
    ASSERT_GT(limited, 0) << "a burst against --rate-limit 5 was never limited";
    EXPECT_GE(ok, 5) << "the burst allowance was not granted";
    EXPECT_TRUE(isError(firstLimited, 429, "rate_limited"));
    bool parsed = false;
    const int retryAfter = firstLimited.header("Retry-After").toInt(&parsed);
    EXPECT_TRUE(parsed) << "Retry-After '" << firstLimited.header("Retry-After").toStdString()
                        << "'";
    EXPECT_GE(retryAfter, 1);
    EXPECT_LE(retryAfter, 60);
    // A limited answer echoes the caller's trace id like any other.
    HttpResult traced;
    for (int attempt = 0; attempt < 3 && traced.status != 429; ++attempt) {
        ASSERT_TRUE(exhaust(QStringLiteral("/api/ops/status")));
        traced
            = get(QStringLiteral("/api/ops/status"), Auth::Operator, {{"X-Trace-Id", "limited-1"}});
    }
    EXPECT_TRUE(isError(traced, 429, "rate_limited"));
    EXPECT_EQ(traced.header("X-Trace-Id"), "limited-1");
}

TEST_F(ContractRateLimit, MutationsLimitedWithoutEffect)
{
    // A token may refill between the last limited GET and the POST: then undo and try again.
    HttpResult result;
    for (int attempt = 0; attempt < 3 && result.status != 429; ++attempt) {
        if (result.status == 200) {
            QThread::msleep(2500); // the bucket refills (5/s, burst 10)
            postOk(QStringLiteral("/api/ops/safe-mode"),
                   withReason({{QStringLiteral("enabled"), false}}));
        }
        ASSERT_TRUE(exhaust(QStringLiteral("/api/agents")));
        result = post(QStringLiteral("/api/ops/safe-mode"),
                      withReason({{QStringLiteral("enabled"), true}}));
    }
    EXPECT_TRUE(isError(result, 429, "rate_limited"));
    EXPECT_FALSE(result.header("Retry-After").isEmpty());
    // The viewer has its own bucket, so it can look right away.
    const HttpResult status = get(QStringLiteral("/api/ops/status"), Auth::Viewer);
    ASSERT_EQ(status.status, 200);
    EXPECT_EQ(at(status.json(), QStringLiteral("safeMode.enabled")), QJsonValue(false))
        << "a limited mutation took effect";
}

TEST_F(ContractRateLimit, HealthAndMetricsExemptAndBucketsPerCredential)
{
    ASSERT_TRUE(exhaust(QStringLiteral("/api/ops/status")));
    for (int i = 0; i < 15; ++i) {
        for (const char *path : {"/health", "/health/live", "/health/ready", "/metrics"}) {
            const int status = get(QLatin1String(path), Auth::None).status;
            EXPECT_NE(status, 429) << path;
        }
    }
    // The viewer has its own bucket: the operator's burst does not starve it.
    EXPECT_EQ(get(QStringLiteral("/api/ops/status"), Auth::Viewer).status, 200);
}

TEST_F(ContractRateLimit, BucketRefills)
{
    ASSERT_TRUE(exhaust(QStringLiteral("/api/agents")));
    EXPECT_TRUE(waitForToken(QStringLiteral("/api/agents"))) << "the token bucket never refilled";
}

} // namespace
