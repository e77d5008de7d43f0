// Unit tests of the simulator's request-side stores: idempotency (V5), rate limiting, chaos
// settings validation, dead-letter replay bookkeeping and command-line parsing.
#include "chaospolicy.h"
#include "deadletterqueue.h"
#include "idempotencystore.h"
#include "ratelimiter.h"
#include "simoptions.h"

#include <gtest/gtest.h>

#include <QJsonArray>

namespace {
using Outcome = IdempotencyStore::Outcome;
const QByteArray kScope = QByteArrayLiteral("operator");

QByteArray fp(const char *body)
{
    return IdempotencyStore::fingerprint("POST", QStringLiteral("/api/ops/safe-mode"), body);
}
} // namespace

TEST(IdempotencyStore, V5_SameKeySameBodyReplays)
{
    IdempotencyStore store;
    EXPECT_EQ(store.begin(kScope, "k1", fp("{\"a\":1}"), 0).outcome, Outcome::New);
    store.finish(kScope, "k1", IdempotencyStore::Response {200, "stored", {}});
    const auto again = store.begin(kScope, "k1", fp("{\"a\":1}"), 1000);
    EXPECT_EQ(again.outcome, Outcome::Replay);
    EXPECT_EQ(again.response.status, 200);
    EXPECT_EQ(again.response.body, QByteArray("stored"));
}

TEST(IdempotencyStore, V5_SameKeyOtherBodyIsReused)
{
    IdempotencyStore store;
    store.begin(kScope, "k1", fp("{\"a\":1}"), 0);
    store.finish(kScope, "k1", IdempotencyStore::Response {200, "x", {}});
    EXPECT_EQ(store.begin(kScope, "k1", fp("{\"a\":2}"), 0).outcome, Outcome::Reused);
    EXPECT_EQ(
        store
            .begin(kScope, "k1",
                   IdempotencyStore::fingerprint("POST", QStringLiteral("/api/other"), "{\"a\":1}"),
                   0)
            .outcome,
        Outcome::Reused);
}

TEST(IdempotencyStore, V5_InFlightUntilFinished)
{
    IdempotencyStore store;
    store.begin(kScope, "k1", fp("{}"), 0);
    EXPECT_EQ(store.begin(kScope, "k1", fp("{}"), 10).outcome, Outcome::InFlight);
    store.finish(kScope, "k1", IdempotencyStore::Response {202, "done", {}});
    EXPECT_EQ(store.begin(kScope, "k1", fp("{}"), 20).outcome, Outcome::Replay);
}

TEST(IdempotencyStore, V5_FailedAttemptFreesTheKey)
{
    IdempotencyStore store;
    store.begin(kScope, "k1", fp("{}"), 0);
    store.finish(kScope, "k1", std::nullopt);
    EXPECT_EQ(store.begin(kScope, "k1", fp("{}"), 0).outcome, Outcome::New);
}

TEST(IdempotencyStore, V5_ScopedPerCredentialAndExpiresAfter24h)
{
    IdempotencyStore store;
    store.begin(kScope, "k1", fp("{}"), 0);
    store.finish(kScope, "k1", IdempotencyStore::Response {200, "x", {}});
    EXPECT_EQ(store.begin("someone-else", "k1", fp("{}"), 0).outcome, Outcome::New);
    EXPECT_EQ(store.begin(kScope, "k1", fp("{}"), IdempotencyStore::kTtlMs - 1).outcome,
              Outcome::Replay);
    EXPECT_EQ(store.begin(kScope, "k1", fp("{}"), IdempotencyStore::kTtlMs + 1).outcome,
              Outcome::New);
}

TEST(IdempotencyStore, V5_BoundedOldestEvicted)
{
    IdempotencyStore store(100);
    for (int i = 0; i < 250; ++i) {
        const QByteArray key = "key-" + QByteArray::number(i);
        store.begin(kScope, key, fp("{}"), i);
        store.finish(kScope, key, IdempotencyStore::Response {200, "x", {}});
    }
    EXPECT_LE(store.size(), 100);
    EXPECT_EQ(store.begin(kScope, "key-249", fp("{}"), 300).outcome, Outcome::Replay);
    EXPECT_EQ(store.begin(kScope, "key-0", fp("{}"), 300).outcome, Outcome::New);
}

TEST(IdempotencyStore, V5_KeyLengthRules)
{
    EXPECT_FALSE(IdempotencyStore::isValidKey(""));
    EXPECT_TRUE(IdempotencyStore::isValidKey(QByteArray(128, 'a')));
    EXPECT_FALSE(IdempotencyStore::isValidKey(QByteArray(129, 'a')));
}

TEST(RateLimiter, BurstThenRetryAfter)
{
    RateLimiter limiter(10);
    int allowed = 0;
    for (int i = 0; i < 40; ++i)
        allowed += limiter.takeAt("a", 0) == 0 ? 1 : 0;
    EXPECT_EQ(allowed, 20) << "burst is twice the rate";
    EXPECT_GE(limiter.takeAt("a", 0), 1);
    EXPECT_EQ(limiter.takeAt("b", 0), 0) << "buckets are per credential";
    EXPECT_EQ(limiter.takeAt("a", 1000), 0) << "refills at the rate";
}

TEST(ChaosPolicy, ValidatesRatesAndKinds)
{
    ChaosPolicy::Settings settings;
    QString error;
    EXPECT_TRUE(ChaosPolicy::parse(QJsonObject {}, &settings, &error));
    EXPECT_FALSE(
        ChaosPolicy::parse(QJsonObject {{QStringLiteral("errorRate"), 1.5}}, &settings, &error));
    EXPECT_TRUE(error.contains(QStringLiteral("errorRate")));
    EXPECT_FALSE(ChaosPolicy::parse(QJsonObject {{QStringLiteral("dropRate"), QStringLiteral("x")}},
                                    &settings, &error));
    EXPECT_FALSE(ChaosPolicy::parse(
        QJsonObject {{QStringLiteral("malformedKind"), QStringLiteral("xml")}}, &settings, &error));
    ASSERT_TRUE(ChaosPolicy::parse(
        QJsonObject {{QStringLiteral("hangRate"), 1},
                     {QStringLiteral("paths"), QJsonArray {QStringLiteral("/api/metrics")}}},
        &settings, &error));
    ChaosPolicy policy;
    policy.setSettings(settings);
    QRandomGenerator rng(1);
    EXPECT_TRUE(policy.decide(QStringLiteral("/api/metrics"), &rng).hang);
    EXPECT_FALSE(policy.decide(QStringLiteral("/health"), &rng).hang);
    EXPECT_FALSE(policy.appliesTo(QStringLiteral("/api/sim/chaos")));
}

TEST(DeadLetterQueue, ReplayRequeuesFailuresWithAttempts)
{
    DeadLetterQueue dlq;
    for (int i = 0; i < 40; ++i) {
        DeadLetterQueue::Record r;
        r.id = QStringLiteral("m%1").arg(i);
        r.portId = QStringLiteral("ai");
        r.clusterId = QStringLiteral("embeddings");
        r.toolId = QStringLiteral("openai-embed");
        r.errorType = i % 2 ? QStringLiteral("TIMEOUT") : QStringLiteral("FAILURE");
        r.timestampMs = i;
        dlq.add(r);
    }
    QRandomGenerator rng(2);
    ASSERT_TRUE(dlq.startReplay(QStringLiteral("r"), 10, 30, QStringLiteral("TIMEOUT"), {}, 0));
    const auto alwaysFails = [](const DeadLetterQueue::Record &) {
        return 1.0;
    };
    dlq.step(1000, &rng, alwaysFails);
    QJsonObject replay = dlq.replayJson();
    EXPECT_EQ(replay.value(QStringLiteral("failed")).toInt(), 10);
    EXPECT_EQ(replay.value(QStringLiteral("remaining")).toInt(), 10);
    dlq.step(2000, &rng, alwaysFails);
    replay = dlq.replayJson();
    EXPECT_EQ(replay.value(QStringLiteral("state")).toString(), QStringLiteral("done"));
    EXPECT_EQ(dlq.depth(), 40) << "failures go back to the queue";
    const QJsonArray recent = dlq.statusJson().value(QStringLiteral("recent")).toArray();
    EXPECT_EQ(recent.first().toObject().value(QStringLiteral("attempts")).toInt(), 2);
    EXPECT_EQ(recent.first().toObject().value(QStringLiteral("conduitId")).toString(),
              QStringLiteral("ai::embeddings::openai-embed"));
    EXPECT_TRUE(dlq.stopReplay());
}

TEST(SimOptions, ParsesFlagsAndRejectsBadValues)
{
    const SimParseResult ok = SimOptions::parse(
        {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--speed=50"),
         QStringLiteral("--scenario"), QStringLiteral("db-outage"), QStringLiteral("--seed"),
         QStringLiteral("9"), QStringLiteral("--token"), QStringLiteral("t")});
    ASSERT_TRUE(ok.options.has_value()) << ok.error.toStdString();
    EXPECT_EQ(ok.options->port, 0);
    EXPECT_EQ(ok.options->speed, 50.0);
    EXPECT_EQ(ok.options->seed, 9u);
    EXPECT_EQ(ok.options->bind, QStringLiteral("127.0.0.1"));
    for (const QStringList &bad :
         {QStringList {QStringLiteral("--speed"), QStringLiteral("0")},
          QStringList {QStringLiteral("--speed"), QStringLiteral("1001")},
          QStringList {QStringLiteral("--port"), QStringLiteral("70000")},
          QStringList {QStringLiteral("--scenario"), QStringLiteral("x")},
          QStringList {QStringLiteral("--bogus")}, QStringList {QStringLiteral("--seed")}}) {
        const SimParseResult result = SimOptions::parse(bad);
        EXPECT_FALSE(result.options.has_value()) << bad.join(QLatin1Char(' ')).toStdString();
        EXPECT_FALSE(result.error.isEmpty());
    }
    EXPECT_TRUE(SimOptions::isLoopback(QStringLiteral("127.0.0.1")));
    EXPECT_TRUE(SimOptions::isLoopback(QStringLiteral("::1")));
    EXPECT_FALSE(SimOptions::isLoopback(QStringLiteral("0.0.0.0")));
}

TEST(IdempotencyStore, V5_InFlightKeyIsNeverEvicted)
{
    // Before the fix the oldest entry was evicted even while its request ran, so a resend with
    // the same key was New and executed a second time.
    IdempotencyStore store(2);
    ASSERT_EQ(store.begin(kScope, "slow", fp("{}"), 0).outcome, Outcome::New);
    for (int i = 0; i < 5; ++i) {
        const QByteArray key = "fast-" + QByteArray::number(i);
        ASSERT_EQ(store.begin(kScope, key, fp("{}"), i).outcome, Outcome::New);
        store.finish(kScope, key, IdempotencyStore::Response {200, "x", {}});
    }
    EXPECT_EQ(store.begin(kScope, "slow", fp("{}"), 10).outcome, Outcome::InFlight);
    EXPECT_LE(store.size(), 2);
    store.finish(kScope, "slow", IdempotencyStore::Response {200, "done", {}});
    const auto replay = store.begin(kScope, "slow", fp("{}"), 11);
    EXPECT_EQ(replay.outcome, Outcome::Replay);
    EXPECT_EQ(replay.response.body, QByteArray("done"));
}

TEST(RateLimiter, WaitForNeverConsumesAndExplicitBurst)
{
    RateLimiter limiter(20.0 / 60.0, 20); // the auth-failure limiter: 20 a minute
    EXPECT_EQ(limiter.waitForAt("peer", 0), 0);
    for (int i = 0; i < 20; ++i)
        EXPECT_EQ(limiter.takeAt("peer", 0), 0) << i;
    EXPECT_EQ(limiter.waitForAt("peer", 0), 3) << "one token every 3 s";
    EXPECT_EQ(limiter.waitForAt("peer", 0), 3) << "asking does not consume";
    EXPECT_EQ(limiter.waitForAt("peer", 3000), 0);
    EXPECT_EQ(limiter.takeAt("peer", 3000), 0);
    EXPECT_GE(limiter.takeAt("peer", 3000), 1);
}

TEST(SimOptions, AuthFailureLimitFlag)
{
    const SimParseResult ok
        = SimOptions::parse({QStringLiteral("--auth-failure-limit"), QStringLiteral("0")});
    ASSERT_TRUE(ok.options.has_value()) << ok.error.toStdString();
    EXPECT_EQ(ok.options->authFailureLimit, 0);
    EXPECT_EQ(SimOptions().authFailureLimit, 20);
    EXPECT_FALSE(
        SimOptions::parse({QStringLiteral("--auth-failure-limit"), QStringLiteral("-1")}).options);
}

TEST(RateLimiter, ManyKeysDoNotResetAnEmptiedBucket)
{
    // Before: a 1001st key cleared every bucket, so rotating peer addresses refilled a blocked
    // guesser's allowance. Now only full (stateless) buckets are forgotten.
    RateLimiter limiter(1.0 / 60.0, 2);
    EXPECT_EQ(limiter.takeAt("guesser", 0), 0);
    EXPECT_EQ(limiter.takeAt("guesser", 0), 0);
    EXPECT_GE(limiter.waitForAt("guesser", 0), 1);
    for (int i = 0; i < 3000; ++i)
        limiter.waitForAt("peer-" + QByteArray::number(i), 0);
    EXPECT_GE(limiter.waitForAt("guesser", 0), 1) << "still blocked";
}
