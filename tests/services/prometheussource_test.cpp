// PromQL templates, the back-fill step and the writer into the SignalStore (no socket).
#include "fleetmetricssource.h"
#include "fleetstorewriter.h"
#include "prometheustemplates.h"

#include <gtest/gtest.h>

#include <cmath>

using Signal = SignalStore::Signal;

TEST(PrometheusTemplates, DefaultsCoverEverySignalAndExpandTheSelector)
{
    const PrometheusTemplates t = PrometheusTemplates::defaults();
    EXPECT_EQ(t.job(), QStringLiteral("dreamnet"));
    for (std::size_t i = 0; i < SignalStore::kSignalCount; ++i) {
        const QString q = t.query(Signal(i));
        EXPECT_FALSE(q.isEmpty()) << PrometheusTemplates::key(Signal(i)).toStdString();
        EXPECT_FALSE(q.contains(QLatin1String("{selector}")));
        EXPECT_FALSE(q.contains(QLatin1String("{job}")));
    }
    EXPECT_EQ(t.query(Signal::RequestsPerSecond),
              QStringLiteral("sum(rate(dreamnet_http_requests_total{job=\"dreamnet\"}[1m]))"));
    EXPECT_EQ(t.query(Signal::ErrorRate),
              QStringLiteral("100 * sum(rate(dreamnet_http_responses_total{class=\"5xx\","
                             "job=\"dreamnet\"}[1m])) / sum(rate(dreamnet_http_requests_total{"
                             "job=\"dreamnet\"}[1m]))"));
    EXPECT_EQ(t.instanceUpQuery(), QStringLiteral("up{job=\"dreamnet\"}"));
}

TEST(PrometheusTemplates, ProfileOverridesJobSelectorAndOneSignal)
{
    PrometheusTemplates t = PrometheusTemplates::defaults();
    const QByteArray json = R"j({"job":"api","selector":"job=\"{job}\",region=\"eu\"",
        "signals":{"cpuPercent":"avg(cpu{{selector}})"}})j";
    QString error;
    ASSERT_TRUE(PrometheusTemplates::fromJson(json, &t, &error)) << error.toStdString();
    EXPECT_EQ(t.query(Signal::CpuPercent), QStringLiteral("avg(cpu{job=\"api\",region=\"eu\"})"));
    EXPECT_EQ(
        t.query(Signal::RequestsPerSecond),
        QStringLiteral("sum(rate(dreamnet_http_requests_total{job=\"api\",region=\"eu\"}[1m]))"));
    t.setSignalTemplate(Signal::AiCallP99, QString());
    EXPECT_TRUE(t.query(Signal::AiCallP99).isEmpty());

    PrometheusTemplates untouched;
    EXPECT_FALSE(PrometheusTemplates::fromJson("[1]", &untouched, &error));
    EXPECT_TRUE(error.contains(QLatin1String("not a JSON object")));
    EXPECT_FALSE(PrometheusTemplates::fromJson(R"({"signals":"x"})", &untouched, &error));
}

TEST(FleetMetricsSource, StepFitsTheWindow)
{
    EXPECT_EQ(FleetMetricsSource::stepFor(24 * 3600), 15);
    EXPECT_EQ(FleetMetricsSource::stepFor(3600), 1);
    EXPECT_EQ(FleetMetricsSource::stepFor(6 * 3600), 5);
    EXPECT_EQ(FleetMetricsSource::stepFor(7 * 24 * 3600), 120);
    EXPECT_EQ(FleetMetricsSource::stepFor(0), 1);
}

TEST(FleetStoreWriter, ValuesReachTheStoreInItsUnits)
{
    SignalStore store(600);
    FleetStoreWriter writer(&store);
    FleetStoreWriter::Values v = FleetStoreWriter::missing();
    v[std::size_t(Signal::RequestsPerSecond)] = 120.5;
    v[std::size_t(Signal::ActiveConnections)] = 33;
    v[std::size_t(Signal::ErrorRate)] = 2.5;
    v[std::size_t(Signal::LatencyP50)] = 40;
    v[std::size_t(Signal::LatencyP95)] = 200;
    v[std::size_t(Signal::LatencyP99)] = 900;
    v[std::size_t(Signal::CpuPercent)] = 37.5;
    v[std::size_t(Signal::MemoryRssMb)] = 512;
    v[std::size_t(Signal::QueueDepthTotal)] = 17;
    v[std::size_t(Signal::DlqPerMinute)] = 0.5;
    v[std::size_t(Signal::AiCallP99)] = 1200;
    v[std::size_t(Signal::EventLoopDelayMs)] = 3;
    writer.fill(1000, 1014, v); // one 15 s step

    const auto &rps = store.series(Signal::RequestsPerSecond);
    EXPECT_EQ(rps.firstSecond(), 1000);
    EXPECT_EQ(rps.lastSecond(), 1014);
    for (qint64 s = 1000; s <= 1014; ++s)
        EXPECT_DOUBLE_EQ(rps.valueAt(s), 120.5);
    EXPECT_DOUBLE_EQ(store.series(Signal::ErrorRate).valueAt(1007), 2.5);
    EXPECT_DOUBLE_EQ(store.series(Signal::LatencyP99).valueAt(1007), 900);
    EXPECT_DOUBLE_EQ(store.series(Signal::MemoryRssMb).valueAt(1007), 512);
    EXPECT_DOUBLE_EQ(store.series(Signal::QueueDepthTotal).valueAt(1007), 17);
    EXPECT_DOUBLE_EQ(store.series(Signal::ActiveConnections).valueAt(1007), 33);
    EXPECT_NEAR(store.series(Signal::CpuPercent).valueAt(1007), 37.5, 1e-3);
    EXPECT_TRUE(std::isnan(store.series(Signal::CpuPercent).valueAt(1000))) << "no previous";
}

TEST(FleetStoreWriter, MissingValuesAndMissingStepsStayGaps)
{
    SignalStore store(600);
    FleetStoreWriter writer(&store);
    FleetStoreWriter::Values v = FleetStoreWriter::missing();
    v[std::size_t(Signal::RequestsPerSecond)] = 10;
    v[std::size_t(Signal::CpuPercent)] = 50;
    writer.fill(100, 104, v);
    FleetStoreWriter::Values noCpu = v;
    noCpu[std::size_t(Signal::CpuPercent)] = std::nan("");
    writer.fill(105, 105, noCpu);
    writer.fill(106, 108, v);
    writer.fillGap(109, 111);
    writer.fill(112, 114, v);

    const auto &cpu = store.series(Signal::CpuPercent);
    EXPECT_NEAR(cpu.valueAt(104), 50, 1e-3);
    EXPECT_TRUE(std::isnan(cpu.valueAt(105)));
    EXPECT_NEAR(cpu.valueAt(106), 50, 1e-3) << "the counter picks up right after a CPU gap";
    const auto &rps = store.series(Signal::RequestsPerSecond);
    EXPECT_DOUBLE_EQ(rps.valueAt(105), 10);
    for (qint64 s = 109; s <= 111; ++s)
        EXPECT_TRUE(std::isnan(rps.valueAt(s))) << s;
    EXPECT_DOUBLE_EQ(rps.valueAt(112), 10);
    EXPECT_TRUE(std::isnan(store.series(Signal::ErrorRate).valueAt(100))) << "never queried";
    EXPECT_TRUE(std::isnan(store.series(Signal::QueueDepthTotal).valueAt(100)));
    EXPECT_TRUE(std::isnan(store.series(Signal::LatencyP99).valueAt(100)));
}
