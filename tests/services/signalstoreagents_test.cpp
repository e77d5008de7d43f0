// SignalStore's per-agent queue depth: bounded to kMaxAgents rings whatever the churn, an agent
// missing from an answer is a gap, the ring of a series a chart holds never moves, and the
// deepest queues are ranked at a given second.
#include "signalstore.h"

#include <gtest/gtest.h>

#include <QTimeZone>

#include <cmath>

namespace {

constexpr qint64 kT0 = 1'764'410'000;

MetricsSnapshot queues(qint64 second, const QMap<QString, qint64> &perAgent)
{
    MetricsSnapshot s;
    s.timestamp = QDateTime::fromSecsSinceEpoch(second, QTimeZone::utc());
    s.watchdogs.queueDepthPerAgent = perAgent;
    return s;
}

QString agent(int i)
{
    return QStringLiteral("agent-%1").arg(i, 3, 10, QLatin1Char('0'));
}

} // namespace

TEST(SignalStoreAgents, AnAgentMissingFromAnAnswerIsAGap)
{
    SignalStore store(3600);
    store.ingest(kT0, queues(kT0, {{QStringLiteral("citadel"), 9}, {QStringLiteral("oracle"), 2}}));
    store.ingest(kT0 + 1, queues(kT0 + 1, {{QStringLiteral("citadel"), 11}}));
    store.ingest(kT0 + 2,
                 queues(kT0 + 2, {{QStringLiteral("citadel"), 12}, {QStringLiteral("oracle"), 3}}));
    const TimeSeries &oracle = store.agentQueue(QStringLiteral("oracle"));
    EXPECT_DOUBLE_EQ(oracle.valueAt(kT0), 2);
    EXPECT_TRUE(std::isnan(oracle.valueAt(kT0 + 1))) << "not its last value carried on";
    EXPECT_DOUBLE_EQ(oracle.valueAt(kT0 + 2), 3);
    store.recordGap(kT0 + 3);
    EXPECT_TRUE(std::isnan(store.agentQueue(QStringLiteral("citadel")).valueAt(kT0 + 3)));
    EXPECT_TRUE(store.agentQueue(QStringLiteral("never-seen")).isEmpty());
}

TEST(SignalStoreAgents, BoundedWhateverTheChurn)
{
    // 200 agents come and go, 10 at a time: never more than kMaxAgents rings; the newest stay.
    SignalStore store(600);
    for (int round = 0; round < 20; ++round) {
        QMap<QString, qint64> depths;
        for (int i = 0; i < 10; ++i)
            depths.insert(agent(round * 10 + i), round * 10 + i);
        store.ingest(kT0 + round, queues(kT0 + round, depths));
        EXPECT_LE(store.agents().size(), SignalStore::kMaxAgents);
    }
    EXPECT_EQ(store.agents().size(), SignalStore::kMaxAgents);
    EXPECT_TRUE(store.agents().contains(agent(199)));
    EXPECT_TRUE(store.agents().contains(agent(170))) << "the last 32 seen stay";
    EXPECT_FALSE(store.agents().contains(agent(0))) << "the one gone longest was evicted";
    EXPECT_TRUE(store.agentQueue(agent(0)).isEmpty());
}

TEST(SignalStoreAgents, EvictionReusesTheRingAndBumpsTheGeneration)
{
    SignalStore store(600);
    QMap<QString, qint64> depths;
    for (int i = 0; i < SignalStore::kMaxAgents; ++i)
        depths.insert(agent(i), i);
    store.ingest(kT0, queues(kT0, depths));
    depths.remove(agent(5)); // agent-005 leaves: the one gone longest from now on
    store.ingest(kT0 + 1, queues(kT0 + 1, depths));
    const TimeSeries *ring = &store.agentQueue(agent(5));
    const quint64 generation = store.agentsGeneration();
    depths.insert(QStringLiteral("newcomer"), 77);
    store.ingest(kT0 + 2, queues(kT0 + 2, depths));
    EXPECT_NE(store.agentsGeneration(), generation);
    EXPECT_FALSE(store.agents().contains(agent(5)));
    EXPECT_EQ(&store.agentQueue(QStringLiteral("newcomer")), ring) << "a held address stays valid";
    EXPECT_DOUBLE_EQ(ring->valueAt(kT0 + 2), 77);
    EXPECT_TRUE(std::isnan(ring->valueAt(kT0))) << "no trace of the evicted agent's samples";
}

TEST(SignalStoreAgents, DeepestAgentsAtASecond)
{
    SignalStore store(600);
    store.ingest(kT0,
                 queues(kT0,
                        {{QStringLiteral("b"), 5},
                         {QStringLiteral("a"), 5},
                         {QStringLiteral("c"), 9},
                         {QStringLiteral("d"), 1}}));
    store.ingest(kT0 + 1, queues(kT0 + 1, {{QStringLiteral("d"), 40}, {QStringLiteral("a"), 2}}));
    EXPECT_EQ(store.deepestAgents(kT0, 3),
              (QStringList {QStringLiteral("c"), QStringLiteral("a"), QStringLiteral("b")}))
        << "deepest first, ties by name";
    EXPECT_EQ(store.deepestAgents(kT0 + 1, 3),
              (QStringList {QStringLiteral("d"), QStringLiteral("a")}))
        << "agents absent at that second are not ranked";
}
