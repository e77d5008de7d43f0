// Fleet metrics in the window (issue 9, item 3): a profile whose metrics live in Prometheus gives
// the session a fleet source, the dashboard a "Metrics: This instance | Fleet (Prometheus)"
// selector, and Fleet feeds the charts from a real Prometheus scraping three simulators on
// loopback (skipped when Debian's prometheus is absent).
#include "chartgrid.h"
#include "consolesession.h"
#include "dashboardpage.h"
#include "environmentprofileresolver.h"
#include "fleetbar.h"
#include "fleetmetricssource.h"
#include "prometheusharness.h"
#include "signalchartview.h"
#include "testsupport.h"
#include "tlscertificates.h"

#include <gtest/gtest.h>

#include <QDateTime>
#include <QDir>
#include <QSignalSpy>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using Signal = SignalStore::Signal;
using TestSupport::waitUntil;

namespace {

EnvironmentProfile prometheusProfile(const QUrl &baseUrl, const QUrl &prometheusUrl)
{
    EnvironmentProfile profile;
    profile.name = QStringLiteral("fleet");
    profile.baseUrl = baseUrl;
    profile.metrics = EnvironmentProfile::MetricsSource::Prometheus;
    profile.prometheusUrl = prometheusUrl;
    profile.prometheusJob = QStringLiteral("dreamnet");
    return profile;
}

// The number a chart's tooltip shows for `value` (2, 1 or 0 decimals by magnitude).
QString shown(double value)
{
    const int decimals = std::abs(value) < 10 ? 2 : (std::abs(value) < 100 ? 1 : 0);
    return QString::number(value, 'f', decimals);
}

// Every line's value at `second` on every chart of the grid, one string.
QString chartValues(const ChartGrid &grid, qint64 second)
{
    QStringList values;
    for (const SignalChartView *chart : grid.charts())
        values << chart->valuesAt(second * 1000);
    return values.join(QStringLiteral(" | "));
}

} // namespace

TEST(FleetWindow, ResolverFillsPrometheusOnlyForAPrometheusProfile)
{
    const QUrl prometheus(QStringLiteral("http://127.0.0.1:9090"));
    EnvironmentProfile profile
        = prometheusProfile(QUrl(QStringLiteral("https://ops.example.com")), prometheus);
    profile.prometheusJob = QStringLiteral("edge");
    ConsoleSession::Settings settings
        = EnvironmentProfileResolver::settingsFor(profile, QStringLiteral("t0k"), {});
    EXPECT_EQ(settings.prometheus.baseUrl, prometheus);
    EXPECT_EQ(settings.prometheus.profileName, QStringLiteral("fleet"));
    EXPECT_EQ(settings.prometheusTemplates.job(), QStringLiteral("edge"));
    EXPECT_TRUE(settings.prometheusTemplates.query(Signal::RequestsPerSecond)
                    .contains(QStringLiteral("edge")));

    // The next profile reads the ops API: the previous fleet does not leak into it.
    profile.metrics = EnvironmentProfile::MetricsSource::OpsApi;
    settings = EnvironmentProfileResolver::settingsFor(profile, QStringLiteral("t0k"), settings);
    EXPECT_TRUE(settings.prometheus.baseUrl.isEmpty());
    ConsoleSession session(settings);
    EXPECT_EQ(session.fleet(), nullptr);
}

TEST(FleetWindow, InstancesAreWordsNotColours)
{
    EXPECT_EQ(FleetBar::describeInstances({}), QStringLiteral("Fleet: no instances known yet."));
    const QList<FleetInstance> instances {
        {QStringLiteral("127.0.0.1:4101"), QStringLiteral("dreamnet"), true},
        {QStringLiteral("127.0.0.1:4102"), QStringLiteral("dreamnet"), false},
        {QStringLiteral("127.0.0.1:4103"), QStringLiteral("dreamnet"), true}};
    EXPECT_EQ(FleetBar::describeInstances(instances),
              QStringLiteral("Fleet: 2 of 3 instances up — 127.0.0.1:4101 ✓ up, "
                             "127.0.0.1:4102 ✗ DOWN, 127.0.0.1:4103 ✓ up"));

    // Without a fleet the selector is hidden and the charts stay on this instance.
    DashboardPage page;
    page.setFleet(nullptr);
    EXPECT_FALSE(page.fleetBar()->isVisibleTo(&page));
    page.fleetBar()->setShowsFleet(true);
    EXPECT_FALSE(page.fleetBar()->showsFleet());
}

TEST(FleetWindow, FleetFeedsTheChartsAndNamesTheDownInstance)
{
    if (!PrometheusHarness::available())
        GTEST_SKIP() << "no prometheus at " << PrometheusHarness::binary().toStdString()
                     << " (Debian package 'prometheus'; set DREAMOPS_PROMETHEUS)";
    std::vector<std::unique_ptr<SimulatorProcess>> sims;
    QStringList targets;
    for (int i = 0; i < 3; ++i) {
        sims.push_back(TestSupport::startSimulator());
        ASSERT_TRUE(sims.back()->isReady());
        targets.append(QStringLiteral("127.0.0.1:%1").arg(sims.back()->port()));
    }
    PrometheusHarness prometheus;
    QString why;
    ASSERT_TRUE(prometheus.start(PrometheusHarness::scrapeConfig(targets), {}, &why))
        << why.toStdString();
    ASSERT_TRUE(prometheus.waitForTargetsUp(3)) << prometheus.logTail().toStdString();
    ASSERT_TRUE(prometheus.waitForSeries(
        QStringLiteral("count_over_time(dreamnet_http_requests_total[1m]) >= 3"), 3));

    QTemporaryDir dir;
    ConsoleSession::Settings base;
    base.journalPath = QDir(dir.path()).filePath(QStringLiteral("journal.jsonl"));
    base.intervals.metricsMs = 500;
    ConsoleSession::Settings settings = EnvironmentProfileResolver::settingsFor(
        prometheusProfile(sims[0]->baseUrl(), prometheus.url()), sims[0]->token(), base);
    ConsoleSession session(settings);
    FleetMetricsSource *fleet = session.fleet();
    ASSERT_NE(fleet, nullptr);
    fleet->setLiveIntervalMs(1000);

    DashboardPage page;
    page.resize(1280, 760);
    page.show();
    QObject::connect(&session, &ConsoleSession::dashboardChanged, &page, &DashboardPage::setPoller);
    page.setFleet(session.fleet());
    EXPECT_TRUE(page.fleetBar()->isVisibleTo(&page));
    EXPECT_FALSE(page.fleetBar()->showsFleet()) << "This instance until the user picks Fleet";
    session.start();
    ASSERT_TRUE(waitUntil([&] { return fleet->isLive(); }, 15000)) << "started on connect";

    page.fleetBar()->setShowsFleet(true);
    const TimeSeries &rps = fleet->signalStore().series(Signal::RequestsPerSecond);
    ASSERT_TRUE(waitUntil(
        [&] {
            return rps.latest() > 0
                && page.fleetBar()->instancesText().contains(QStringLiteral("3 of 3"));
        },
        20000))
        << page.fleetBar()->instancesText().toStdString();
    // The charts read the fleet's store: the fleet's request rate at its newest second.
    const qint64 newest = rps.lastSecond();
    const QString values = chartValues(*page.chartGrid(), newest);
    EXPECT_TRUE(values.contains(shown(rps.valueAt(newest))))
        << values.toStdString() << " vs " << rps.valueAt(newest);
    EXPECT_FALSE(page.chartGrid()->isStale()) << page.chartGrid()->staleText().toStdString();
    for (const QString &target : targets)
        EXPECT_TRUE(page.fleetBar()->instancesText().contains(target + QStringLiteral(" ✓ up")));

    // A wider window asks Prometheus for that history (a live window ends on its next step of
    // span/60, hence the slack).
    QSignalSpy backfilled(fleet, &FleetMetricsSource::backfilled);
    const qint64 before = QDateTime::currentSecsSinceEpoch();
    page.chartGrid()->setSpan(3600);
    ASSERT_TRUE(waitUntil([&] { return !backfilled.isEmpty(); }, 15000));
    EXPECT_LE(backfilled.first().at(0).toLongLong(), before - 3600 + 120);
    EXPECT_LE(rps.firstSecond(), before - 3600 + 120);

    // One simulator dies: Prometheus's next scrape says so, and the line names it in words.
    sims[2]->stop();
    ASSERT_TRUE(waitUntil(
        [&] { return page.fleetBar()->instancesText().contains(QStringLiteral("2 of 3")); }, 30000))
        << page.fleetBar()->instancesText().toStdString();
    EXPECT_TRUE(page.fleetBar()->instancesText().contains(targets[2] + QStringLiteral(" ✗ DOWN")))
        << page.fleetBar()->instancesText().toStdString();
    const QString shots = qEnvironmentVariable("DREAMOPS_SCREENSHOT_DIR");
    if (!shots.isEmpty())
        page.grab().save(QDir(shots).filePath(QStringLiteral("fleet-dashboard.png")));

    // Back to this instance: the charts follow the poller's store again.
    page.fleetBar()->setShowsFleet(false);
    EXPECT_FALSE(page.fleetBar()->instancesText().isEmpty());
    EXPECT_FALSE(page.fleetBar()
                     ->findChild<QWidget *>(QStringLiteral("fleetInstances"))
                     ->isVisibleTo(&page));
    session.stop();
    EXPECT_FALSE(fleet->isLive());
}

TEST(FleetWindow, ARefusedPrometheusCertificateIsSaidOnTheFleetBar)
{
    if (!QSslSocket::supportsSsl())
        GTEST_SKIP() << "Qt has no TLS backend here";
    TlsCertificates certs;
    ASSERT_TRUE(certs.generate()) << certs.error().toStdString();
    // A simulator serving a certificate of the test CA stands in for an https Prometheus behind
    // a private CA: the handshake is all this needs, and it fails without the profile's CA file.
    const auto instance = TestSupport::startSimulator();
    const auto privateCa = TestSupport::startSimulator(certs.simArguments(QStringLiteral("good")));
    ASSERT_TRUE(instance->isReady() && privateCa->isReady());

    QTemporaryDir dir;
    ConsoleSession::Settings base;
    base.journalPath = QDir(dir.path()).filePath(QStringLiteral("journal.jsonl"));
    ConsoleSession session(EnvironmentProfileResolver::settingsFor(
        prometheusProfile(instance->baseUrl(), privateCa->baseUrl()), instance->token(), base));
    ASSERT_NE(session.fleet(), nullptr);
    session.fleet()->setLiveIntervalMs(500);
    DashboardPage page;
    page.resize(1280, 760);
    page.show();
    QObject::connect(&session, &ConsoleSession::dashboardChanged, &page, &DashboardPage::setPoller);
    page.setFleet(session.fleet());
    page.fleetBar()->setShowsFleet(true);
    session.start();
    ASSERT_TRUE(waitUntil(
        [&] { return page.fleetBar()->errorText().contains(QLatin1String("TLS refused")); }, 15000))
        << page.fleetBar()->errorText().toStdString();
    const QString sentence = page.fleetBar()->errorText();
    EXPECT_TRUE(sentence.contains(QLatin1String("unknown certificate authority")))
        << sentence.toStdString();
    EXPECT_TRUE(sentence.startsWith(QStringLiteral("Prometheus at ")
                                    + privateCa->baseUrl().toString(QUrl::StripTrailingSlash)))
        << sentence.toStdString();
    // The charts point at the sentence rather than repeat it.
    EXPECT_TRUE(page.chartGrid()->isStale());
    EXPECT_FALSE(page.chartGrid()->staleText().contains(QLatin1String("TLS refused")))
        << page.chartGrid()->staleText().toStdString();
    const QString shots = qEnvironmentVariable("DREAMOPS_SCREENSHOT_DIR");
    if (!shots.isEmpty()) {
        QTest::qWait(100); // the layout settles after the sentence arrived
        page.grab().save(QDir(shots).filePath(QStringLiteral("fleet-tls-refused.png")));
    }
    session.stop();
}
