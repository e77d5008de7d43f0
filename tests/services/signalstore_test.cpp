#include "signalstore.h"

#include <gtest/gtest.h>

#include <QTimeZone>

#include <cmath>

namespace {

constexpr qint64 kT0 = 1'764'410'000;

MetricsSnapshot sample(qint64 second, qint64 cpuMicros, qint64 requestsTotal)
{
    MetricsSnapshot s;
    s.timestamp = QDateTime::fromSecsSinceEpoch(second, QTimeZone::utc());
    s.instance = QStringLiteral("sim-1");
    auto &g = s.goldenSignals;
    g.requestsPerSecond = 41.2;
    g.activeConnections = 12;
    g.requestsTotal = requestsTotal;
    g.errorRate = 0.013;
    g.latencyP50 = 38;
    g.latencyP95 = 210;
    g.latencyP99 = 640;
    g.cpuUserMicros = cpuMicros;
    g.cpuSystemMicros = 0;
    g.memoryRss = 190 * 1024 * 1024;
    g.queueDepth = 17;
    auto &w = s.watchdogs;
    w.eventLoopDelayMs = 3.1;
    w.queueDepthPerAgent = {{QStringLiteral("citadel"), 9}, {QStringLiteral("drone-dome"), 8}};
    w.queueDepthTotal = 17;
    w.dlqMessagesPerMinute = 0.5;
    w.aiCallLatencyP99 = 900;
    return s;
}

using Signal = SignalStore::Signal;

} // namespace

TEST(SignalStore, RecordsEverySignal)
{
    SignalStore store(3600);
    const auto report = store.ingest(kT0, sample(kT0, 1'000'000, 100));
    EXPECT_TRUE(report.invalid.isEmpty());
    EXPECT_NEAR(store.series(Signal::RequestsPerSecond).latest(), 41.2, 1e-4) << "stored as float";
    EXPECT_NEAR(store.series(Signal::ErrorRate).latest(), 1.3, 1e-4) << "stored in percent";
    EXPECT_DOUBLE_EQ(store.series(Signal::LatencyP99).latest(), 640);
    EXPECT_DOUBLE_EQ(store.series(Signal::MemoryRssMb).latest(), 190);
    EXPECT_DOUBLE_EQ(store.series(Signal::QueueDepthTotal).latest(), 17);
    EXPECT_NEAR(store.series(Signal::EventLoopDelayMs).latest(), 3.1, 1e-4);
    EXPECT_DOUBLE_EQ(store.agentQueue(QStringLiteral("citadel")).latest(), 9);
    EXPECT_EQ(store.agents(),
              (QStringList {QStringLiteral("citadel"), QStringLiteral("drone-dome")}));
    EXPECT_TRUE(std::isnan(store.series(Signal::CpuPercent).latest())) << "CPU needs two samples";
}

TEST(SignalStore, CpuPercentFromCumulativeMicroseconds)
{
    SignalStore store(3600);
    store.ingest(kT0, sample(kT0, 1'000'000, 100));
    store.ingest(kT0 + 2, sample(kT0 + 2, 1'500'000, 180)); // 0.5 s of CPU over 2 s
    EXPECT_NEAR(store.series(Signal::CpuPercent).valueAt(kT0 + 2), 25.0, 1e-9);
}

TEST(SignalStore, CounterGoingBackwardsStartsANewSegment)
{
    SignalStore store(3600);
    store.ingest(kT0, sample(kT0, 9'000'000, 5000));
    const auto report = store.ingest(kT0 + 1, sample(kT0 + 1, 10'000, 3)); // restarted
    EXPECT_TRUE(report.counterReset);
    EXPECT_TRUE(std::isnan(store.series(Signal::CpuPercent).valueAt(kT0 + 1)))
        << "no negative rate across a restart";
    store.ingest(kT0 + 2, sample(kT0 + 2, 510'000, 40));
    EXPECT_NEAR(store.series(Signal::CpuPercent).valueAt(kT0 + 2), 50.0, 1e-9);
}

TEST(SignalStore, AbsurdValuesAreInvalidNotPlotted)
{
    SignalStore store(3600);
    auto bad = sample(kT0, 0, 0);
    bad.goldenSignals.errorRate = 7.0;
    bad.goldenSignals.latencyP50 = 900;
    bad.goldenSignals.latencyP99 = 100; // p99 < p50
    bad.goldenSignals.requestsPerSecond = -3;
    bad.watchdogs.eventLoopDelayMs = std::nan("");
    const auto report = store.ingest(kT0, bad);
    EXPECT_EQ(report.invalid.size(), 4) << report.invalid.join(QLatin1Char('\n')).toStdString();
    for (Signal s : {Signal::ErrorRate, Signal::LatencyP50, Signal::LatencyP95, Signal::LatencyP99,
                     Signal::RequestsPerSecond, Signal::EventLoopDelayMs})
        EXPECT_TRUE(std::isnan(store.series(s).valueAt(kT0)))
            << SignalStore::signalName(s).toStdString();
    EXPECT_DOUBLE_EQ(store.series(Signal::MemoryRssMb).valueAt(kT0), 190)
        << "the sane rest is kept";
}

TEST(SignalStore, FailedPollIsAGapAndResetsTheCpuBaseline)
{
    SignalStore store(3600);
    store.ingest(kT0, sample(kT0, 1'000'000, 100));
    store.recordGap(kT0 + 1);
    for (std::size_t i = 0; i < SignalStore::kSignalCount; ++i)
        EXPECT_TRUE(std::isnan(store.series(Signal(i)).valueAt(kT0 + 1)));
    store.ingest(kT0 + 30, sample(kT0 + 30, 9'000'000, 900));
    EXPECT_TRUE(std::isnan(store.series(Signal::CpuPercent).valueAt(kT0 + 30)))
        << "the CPU delta does not span the outage";
    EXPECT_TRUE(std::isnan(store.series(Signal::RequestsPerSecond).valueAt(kT0 + 15)))
        << "missed seconds stay gaps";
}
