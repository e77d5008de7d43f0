// The fleet metrics source against a real Prometheus (Debian's package) scraping three
// dreamnet-sim instances every second on loopback (issue 9, item 3).
#include "fleetmetricssource.h"
#include "prometheusharness.h"
#include "testsupport.h"

#include <gtest/gtest.h>

#include <QDateTime>
#include <QSignalSpy>

#include <cmath>
#include <map>

using Signal = SignalStore::Signal;
using TestSupport::waitUntil;

namespace {

class FleetPrometheus : public ::testing::Test
{
protected:
    /// Starts one simulator per entry of `scenarios` ("" = none) and a Prometheus scraping them,
    /// and waits until every instance has a rate (two scrapes).
    void startFleet(const QStringList &scenarios)
    {
        if (!PrometheusHarness::available())
            GTEST_SKIP() << "no prometheus at " << PrometheusHarness::binary().toStdString()
                         << " (Debian package 'prometheus'; set DREAMOPS_PROMETHEUS)";
        QStringList targets;
        for (const QString &scenario : scenarios) {
            const QStringList extra = scenario.isEmpty()
                ? QStringList()
                : QStringList {QStringLiteral("--scenario"), scenario};
            m_sims.push_back(TestSupport::startSimulator(extra));
            ASSERT_TRUE(m_sims.back()->isReady());
            targets.append(QStringLiteral("127.0.0.1:%1").arg(m_sims.back()->port()));
        }
        QString why;
        ASSERT_TRUE(m_prometheus.start(PrometheusHarness::scrapeConfig(targets), {}, &why))
            << why.toStdString();
        ASSERT_TRUE(m_prometheus.waitForTargetsUp(int(targets.size())))
            << m_prometheus.logTail().toStdString();
        // Three scrapes of every instance: a rate at any second of the last one has two points.
        ASSERT_TRUE(m_prometheus.waitForSeries(
            QStringLiteral("count_over_time(dreamnet_http_requests_total[1m]) >= 3"),
            int(targets.size())));
        m_endpoint.profileName = QStringLiteral("fleet");
        m_endpoint.baseUrl = m_prometheus.url();
        m_endpoint.deadlineMs = 10000;
    }

    /// {instance -> value} of a per-instance query evaluated at `time`.
    std::map<QString, double> perInstance(const QString &promql, double time)
    {
        std::map<QString, double> out;
        const PromReply reply = m_prometheus.query(promql, time);
        EXPECT_TRUE(reply.ok()) << (reply.ok() ? "" : reply.error->userMessage().toStdString());
        for (const PromSeries &s : reply.data.series)
            out[s.metric.value(QStringLiteral("instance"))] = s.samples.front().value;
        return out;
    }

    double scalar(const QString &promql, double time)
    {
        const PromReply reply = m_prometheus.query(promql, time);
        if (!reply.ok() || reply.data.series.size() != 1)
            return std::nan("");
        return reply.data.series.front().samples.front().value;
    }

    QString instanceOf(std::size_t i) const
    {
        return QStringLiteral("127.0.0.1:%1").arg(m_sims[i]->port());
    }

    std::vector<std::unique_ptr<SimulatorProcess>> m_sims;
    PrometheusHarness m_prometheus;
    PrometheusEndpoint m_endpoint;
    PrometheusTemplates m_templates = PrometheusTemplates::defaults();
};

} // namespace

TEST_F(FleetPrometheus, FleetRequestRateIsTheSumOfTheInstances)
{
    startFleet({QString(), QString(), QString()});
    const double t = double(QDateTime::currentSecsSinceEpoch());
    const double fleet = scalar(m_templates.query(Signal::RequestsPerSecond), t);
    const auto rates = perInstance(
        QStringLiteral(
            "sum by (instance) (rate(dreamnet_http_requests_total{job=\"dreamnet\"}[1m]))"),
        t);
    ASSERT_EQ(rates.size(), 3u);
    double sum = 0;
    for (std::size_t i = 0; i < m_sims.size(); ++i) {
        ASSERT_TRUE(rates.count(instanceOf(i))) << instanceOf(i).toStdString();
        EXPECT_GT(rates.at(instanceOf(i)), 0.0);
        sum += rates.at(instanceOf(i));
    }
    EXPECT_NEAR(fleet, sum, 1e-9 * sum);

    // Each instance's rate as Prometheus sees it matches the instance's own counter, read from
    // its /api/metrics over the same few seconds (generous: scrapes and reads are not aligned).
    auto counters = [this] {
        std::vector<qint64> totals;
        for (const auto &sim : m_sims) {
            const auto r = TestSupport::request(
                "GET", sim->baseUrl().resolved(QUrl(QStringLiteral("/api/metrics"))),
                {{"Authorization", "Bearer " + sim->token().toUtf8()}});
            totals.push_back(r.json()[QLatin1String("goldenSignals")][QLatin1String("traffic")]
                                     [QLatin1String("requestsTotal")]
                                         .toInteger());
        }
        return totals;
    };
    const std::vector<qint64> before = counters();
    QElapsedTimer clock;
    clock.start();
    waitUntil([] { return false; }, 5000);
    const std::vector<qint64> after = counters();
    const double seconds = double(clock.elapsed()) / 1000.0;
    const auto recent = perInstance(QStringLiteral("sum by (instance) "
                                                   "(rate(dreamnet_http_requests_total[5s]))"),
                                    double(QDateTime::currentMSecsSinceEpoch()) / 1000.0);
    for (std::size_t i = 0; i < m_sims.size(); ++i) {
        const double own = double(after[i] - before[i]) / seconds;
        ASSERT_GT(own, 0.0);
        EXPECT_GT(recent.at(instanceOf(i)), own / 2) << "instance " << i;
        EXPECT_LT(recent.at(instanceOf(i)), own * 2) << "instance " << i;
    }

    // The source back-fills a window and writes the fleet's rate into its store.
    PrometheusClient client(m_endpoint);
    FleetMetricsSource source(&client, m_templates);
    QSignalSpy backfilled(&source, &FleetMetricsSource::backfilled);
    QSignalSpy sampled(&source, &FleetMetricsSource::sampled);
    const qint64 end = QDateTime::currentSecsSinceEpoch();
    source.openWindow(end - 120, end);
    ASSERT_TRUE(waitUntil([&] { return sampled.count() > 0; }, 15000));
    ASSERT_EQ(backfilled.count(), 1);
    EXPECT_EQ(backfilled.at(0).at(2).toInt(), 1); // two minutes fit at 1 s
    const TimeSeries &rps = source.signalStore().series(Signal::RequestsPerSecond);
    EXPECT_TRUE(std::isnan(rps.valueAt(end - 115))) << "before Prometheus started: a gap";
    // Every back-filled second holds what query_range says for it (the store keeps floats).
    const PromReply range = m_prometheus.queryRange(m_templates.query(Signal::RequestsPerSecond),
                                                    double(end - 120), double(end), 1);
    ASSERT_TRUE(range.ok());
    ASSERT_EQ(range.data.series.size(), 1u);
    ASSERT_GE(range.data.series.front().samples.size(), 3u);
    for (const PromSample &p : range.data.series.front().samples)
        EXPECT_NEAR(rps.valueAt(qint64(p.time)), p.value, 1e-5 * p.value) << qint64(p.time);
    EXPECT_GT(rps.latest(), 0.0) << "the live edge";
    EXPECT_FALSE(source.lastError().has_value());
    EXPECT_NEAR(source.instancesUpRatio().latest(), 1.0, 1e-6); // stored as float

    // A wider window back-fills seconds older than the store held.
    source.openWindow(end - 600, end);
    ASSERT_TRUE(waitUntil([&] { return backfilled.count() == 2; }, 15000));
    EXPECT_EQ(rps.firstSecond(), end - 600);
    const PromSample &p = range.data.series.front().samples.front();
    EXPECT_NEAR(rps.valueAt(qint64(p.time)), p.value, 1e-5 * p.value);
}

TEST_F(FleetPrometheus, ErrorRateAndP99AreComputedAcrossTheInstances)
{
    startFleet({QStringLiteral("error-spike"), QStringLiteral("latency"), QString()});
    // Enough spiked traffic in the 1 m windows for the scenarios to show.
    ASSERT_TRUE(waitUntil(
        [&] {
            return scalar(QStringLiteral(
                              "sum(rate(dreamnet_http_responses_total{class=\"5xx\"}[1m]))"),
                          0)
                > 0;
        },
        20000));
    const double t = double(QDateTime::currentSecsSinceEpoch());
    const auto errors = perInstance(
        QStringLiteral(
            "sum by (instance) (rate(dreamnet_http_responses_total{class=\"5xx\"}[1m]))"),
        t);
    const auto all = perInstance(
        QStringLiteral("sum by (instance) (rate(dreamnet_http_requests_total[1m]))"), t);
    double errorSum = 0;
    double allSum = 0;
    for (const auto &[instance, v] : errors)
        errorSum += v;
    for (const auto &[instance, v] : all)
        allSum += v;
    const double fleetError = scalar(m_templates.query(Signal::ErrorRate), t);
    EXPECT_NEAR(fleetError, 100.0 * errorSum / allSum, 1e-9 * fleetError);
    const double spiked = 100.0 * errors.at(instanceOf(0)) / all.at(instanceOf(0));
    const double calm = 100.0 * errors.at(instanceOf(2)) / all.at(instanceOf(2));
    EXPECT_GT(spiked, calm);
    EXPECT_GT(fleetError, calm);
    EXPECT_LT(fleetError, spiked);

    // p99 of the merged histogram lies between the instances' p99s and above the calm ones'.
    const auto p99s
        = perInstance(QStringLiteral("1000 * histogram_quantile(0.99, sum by (instance, le) "
                                     "(rate(dreamnet_http_request_duration_seconds_bucket[1m])))"),
                      t);
    ASSERT_EQ(p99s.size(), 3u);
    const double fleetP99 = scalar(m_templates.query(Signal::LatencyP99), t);
    double lo = INFINITY;
    double hi = 0;
    for (const auto &[instance, v] : p99s) {
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    }
    EXPECT_GE(fleetP99, lo - 1e-6);
    EXPECT_LE(fleetP99, hi + 1e-6);
    EXPECT_GT(p99s.at(instanceOf(1)), p99s.at(instanceOf(2))) << "the latency scenario shows";
    EXPECT_GT(fleetP99, p99s.at(instanceOf(2)));

    // The same numbers reach the store through the source's live edge.
    PrometheusClient client(m_endpoint);
    FleetMetricsSource source(&client, m_templates);
    QSignalSpy sampled(&source, &FleetMetricsSource::sampled);
    const qint64 end = QDateTime::currentSecsSinceEpoch();
    source.openWindow(end - 30, end);
    ASSERT_TRUE(waitUntil([&] { return sampled.count() > 0; }, 15000));
    const double storedError = source.signalStore().series(Signal::ErrorRate).latest();
    const double storedP99 = source.signalStore().series(Signal::LatencyP99).latest();
    EXPECT_GT(storedError, calm);
    EXPECT_GE(storedP99, lo * 0.5);
    EXPECT_LE(storedP99, hi * 1.5);
}

TEST_F(FleetPrometheus, KilledInstanceShowsAsDown)
{
    startFleet({QString(), QString(), QString()});
    PrometheusClient client(m_endpoint);
    FleetMetricsSource source(&client, m_templates);
    source.setLiveIntervalMs(500);
    QSignalSpy changed(&source, &FleetMetricsSource::instancesChanged);
    const qint64 end = QDateTime::currentSecsSinceEpoch();
    source.openWindow(end - 60, end);
    ASSERT_TRUE(waitUntil([&] { return source.instances().size() == 3; }, 15000));
    for (const FleetInstance &i : source.instances())
        EXPECT_TRUE(i.up) << i.instance.toStdString();

    const QString victim = instanceOf(1);
    m_sims[1]->stop();
    auto upOf = [&source](const QString &instance) {
        for (const FleetInstance &i : source.instances()) {
            if (i.instance == instance)
                return std::optional<bool>(i.up);
        }
        return std::optional<bool>();
    };
    ASSERT_TRUE(waitUntil([&] { return upOf(victim) == false; }, 15000));
    EXPECT_EQ(upOf(instanceOf(0)), true);
    EXPECT_EQ(upOf(instanceOf(2)), true);
    EXPECT_EQ(changed.last().at(0).value<QList<FleetInstance>>().size(), 3);
    ASSERT_TRUE(waitUntil(
        [&] { return std::abs(source.instancesUpRatio().latest() - 2.0 / 3.0) < 1e-6; }, 10000));
}

TEST_F(FleetPrometheus, BadPromQlGivesPrometheusSentence)
{
    startFleet({QString()});
    const PromReply reply
        = m_prometheus.query(QStringLiteral("sum(rate(dreamnet_http_requests_total[1m]"));
    ASSERT_FALSE(reply.ok());
    EXPECT_EQ(reply.error->kind, PrometheusError::Kind::Query);
    EXPECT_EQ(reply.error->httpStatus, 400);
    EXPECT_EQ(reply.error->errorType, QStringLiteral("bad_data"));
    const QString sentence = reply.error->userMessage();
    EXPECT_TRUE(sentence.startsWith(QStringLiteral("Prometheus rejected the query (bad_data): ")))
        << sentence.toStdString();
    EXPECT_TRUE(sentence.contains(QStringLiteral("parse error"))) << sentence.toStdString();

    // A template the profile got wrong reaches the user through the source's failed().
    PrometheusTemplates broken = m_templates;
    broken.setSignalTemplate(Signal::CpuPercent, QStringLiteral("rate(up[1m)"));
    PrometheusClient client(m_endpoint);
    FleetMetricsSource source(&client, broken);
    QSignalSpy failed(&source, &FleetMetricsSource::failed);
    QSignalSpy sampled(&source, &FleetMetricsSource::sampled);
    const qint64 end = QDateTime::currentSecsSinceEpoch();
    source.openWindow(end - 30, end);
    ASSERT_TRUE(waitUntil([&] { return sampled.count() > 0; }, 15000));
    ASSERT_GE(failed.count(), 1);
    EXPECT_TRUE(failed.first().at(0).toString().contains(QStringLiteral("parse error")));
    EXPECT_TRUE(std::isnan(source.signalStore().series(Signal::CpuPercent).latest()));
    EXPECT_FALSE(std::isnan(source.signalStore().series(Signal::RequestsPerSecond).latest()));
}

TEST_F(FleetPrometheus, StoppedPrometheusGivesNetworkSentence)
{
    startFleet({QString()});
    PrometheusClient client(m_endpoint);
    FleetMetricsSource source(&client, m_templates);
    source.setLiveIntervalMs(300);
    QSignalSpy failed(&source, &FleetMetricsSource::failed);
    QSignalSpy sampled(&source, &FleetMetricsSource::sampled);
    const qint64 end = QDateTime::currentSecsSinceEpoch();
    source.openWindow(end - 30, end);
    ASSERT_TRUE(waitUntil([&] { return sampled.count() > 0; }, 15000));
    EXPECT_EQ(failed.count(), 0);

    m_prometheus.stop();
    ASSERT_TRUE(waitUntil([&] { return failed.count() > 0; }, 15000));
    const QString sentence = failed.last().at(0).toString();
    EXPECT_EQ(sentence,
              QStringLiteral("Could not connect to Prometheus at %1 (connection refused); check "
                             "that Prometheus is running and the metrics URL of profile 'fleet'.")
                  .arg(m_prometheus.url().toString()));
    ASSERT_TRUE(source.lastError().has_value());
    EXPECT_EQ(source.lastError()->kind, PrometheusError::Kind::Network);
    const qint64 failedAt = sampled.last().at(0).toLongLong();
    EXPECT_TRUE(
        std::isnan(source.signalStore().series(Signal::RequestsPerSecond).valueAt(failedAt)));
}
