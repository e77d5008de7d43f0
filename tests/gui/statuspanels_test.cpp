// The status panels render given DTOs: every mode and check in words (not colour only), the
// runbook's thresholds, and stale marking that keeps the last good values (U5, U6).
#include "healthpanel.h"
#include "livenesspanel.h"
#include "opsstatuspanel.h"
#include "readinesspanel.h"
#include "statebadge.h"

#include <gtest/gtest.h>

#include <QLabel>
#include <QLocale>

namespace {

// Numbers are compared as text: format them the same way on every machine.
const bool kCLocale = [] {
    QLocale::setDefault(QLocale::c());
    return true;
}();

const QDateTime kUpdated = QDateTime::currentDateTime();

StateBadge *badge(const QWidget &panel, const char *name)
{
    auto *found = panel.findChild<StateBadge *>(QLatin1String(name));
    EXPECT_NE(found, nullptr) << name;
    return found;
}

QString labelText(const QWidget &panel, const char *name)
{
    auto *found = panel.findChild<QLabel *>(QLatin1String(name));
    EXPECT_NE(found, nullptr) << name;
    return found ? found->text() : QString();
}

OpsStatus drainingStatus()
{
    OpsStatus status;
    status.writeDrain.enabled = true;
    status.writeDrain.reason = QStringLiteral("Incident 42: DB failover");
    status.writeDrain.by = QStringLiteral("alice");
    status.writeDrain.since = QDateTime::currentDateTimeUtc().addSecs(-120);
    status.emergencyMode.active = false;
    status.quarantinedAgents = 2;
    status.version = QStringLiteral("1.4.2");
    status.instance = QStringLiteral("sim-1");
    status.startedAt = QDateTime::currentDateTimeUtc().addSecs(-3600);
    return status;
}

HealthStatus health(double errorRate, double p99)
{
    HealthStatus h;
    h.ok = errorRate < 0.5;
    h.database = QStringLiteral("healthy");
    h.requestsPerSecond = 41.2;
    h.errorRate = errorRate;
    h.latencyP50Ms = 38;
    h.latencyP95Ms = 210;
    h.latencyP99Ms = p99;
    h.memoryUsedMb = 181;
    h.memoryTotalMb = 512;
    return h;
}

} // namespace

TEST(OpsStatusPanel, U5_ModesOnAndOffShownWithText)
{
    OpsStatusPanel panel;
    panel.setStatus(drainingStatus(), kUpdated);

    StateBadge *drain = badge(panel, "writeDrain");
    ASSERT_NE(drain, nullptr);
    EXPECT_TRUE(drain->text().startsWith(QStringLiteral("ON")));
    EXPECT_EQ(drain->severity(), StateBadge::Severity::Warning);
    const QString details = labelText(panel, "writeDrainDetails");
    EXPECT_TRUE(details.contains(QStringLiteral("alice")));
    EXPECT_TRUE(details.contains(QStringLiteral("Incident 42: DB failover")));
    EXPECT_TRUE(details.contains(QStringLiteral("since")));

    StateBadge *safe = badge(panel, "safeMode");
    ASSERT_NE(safe, nullptr);
    EXPECT_EQ(safe->text(), QStringLiteral("Off"));
    StateBadge *emergency = badge(panel, "emergencyMode");
    ASSERT_NE(emergency, nullptr);
    EXPECT_EQ(emergency->text(), QStringLiteral("Off"));
    StateBadge *quarantined = badge(panel, "quarantinedAgents");
    ASSERT_NE(quarantined, nullptr);
    EXPECT_EQ(quarantined->text(), QStringLiteral("2 agents quarantined"));

    EXPECT_EQ(labelText(panel, "version"), QStringLiteral("1.4.2"));
    EXPECT_EQ(labelText(panel, "instance"), QStringLiteral("sim-1"));
    EXPECT_FALSE(panel.isStale());
    EXPECT_TRUE(panel.freshnessText().startsWith(QStringLiteral("Updated")));
}

TEST(OpsStatusPanel, ServerTextIsNeverRichText)
{
    OpsStatus status = drainingStatus();
    status.writeDrain.reason = QStringLiteral("<a href=\"http://evil\">click</a><b>x</b>");
    OpsStatusPanel panel;
    panel.setStatus(status, kUpdated);
    auto *details = panel.findChild<QLabel *>(QStringLiteral("writeDrainDetails"));
    ASSERT_NE(details, nullptr);
    EXPECT_EQ(details->textFormat(), Qt::PlainText);
    EXPECT_FALSE(details->openExternalLinks());
}

TEST(OpsStatusPanel, U6_StaleKeepsLastValuesAndSaysWhy)
{
    OpsStatusPanel panel;
    const QDateTime lastGood = QDateTime::currentDateTime().addSecs(-30);
    panel.setStatus(drainingStatus(), lastGood);
    panel.setStale(lastGood, QStringLiteral("Could not connect to http://127.0.0.1:1."));

    EXPECT_TRUE(panel.isStale());
    EXPECT_TRUE(panel.title().contains(QStringLiteral("stale")));
    const QString freshness = panel.freshnessText();
    EXPECT_TRUE(freshness.startsWith(QStringLiteral("Stale")));
    EXPECT_TRUE(freshness.contains(lastGood.toString(QStringLiteral("hh:mm:ss"))));
    EXPECT_TRUE(freshness.contains(QStringLiteral("Could not connect")));
    // The last good values stay readable.
    EXPECT_TRUE(badge(panel, "writeDrain")->text().startsWith(QStringLiteral("ON")));

    panel.setStatus(drainingStatus(), QDateTime::currentDateTime());
    EXPECT_FALSE(panel.isStale());
    EXPECT_FALSE(panel.title().contains(QStringLiteral("stale")));
}

TEST(OpsStatusPanel, NoDataYetIsNotCalledStale)
{
    OpsStatusPanel panel;
    panel.setStale({}, QStringLiteral("Connecting…"));
    EXPECT_TRUE(panel.freshnessText().startsWith(QStringLiteral("No data yet")));
    EXPECT_FALSE(panel.title().contains(QStringLiteral("stale")));
}

TEST(HealthPanel, HealthyValuesWithUnits)
{
    HealthPanel panel;
    panel.setHealth(health(0.013, 640), kUpdated);
    EXPECT_EQ(badge(panel, "overall")->text(), QStringLiteral("OK"));
    EXPECT_EQ(badge(panel, "database")->text(), QStringLiteral("Healthy"));
    EXPECT_EQ(badge(panel, "errorRate")->severity(), StateBadge::Severity::Ok);
    EXPECT_TRUE(badge(panel, "errorRate")->text().contains(QStringLiteral("1.3 %")));
    EXPECT_EQ(badge(panel, "latency")->text(),
              QStringLiteral("p50 38 ms · p95 210 ms · p99 640 ms"));
    EXPECT_EQ(labelText(panel, "traffic"), QStringLiteral("41.2 requests/s"));
    EXPECT_EQ(labelText(panel, "memory"), QStringLiteral("181 MB of 512 MB (35 %)"));
}

TEST(HealthPanel, RunbookThresholdsRaiseWarningsAndCriticals)
{
    HealthPanel panel;
    panel.setHealth(health(0.07, 1500), kUpdated);
    EXPECT_EQ(badge(panel, "errorRate")->severity(), StateBadge::Severity::Warning);
    EXPECT_EQ(badge(panel, "latency")->severity(), StateBadge::Severity::Warning);

    panel.setHealth(health(0.62, 6400), kUpdated);
    EXPECT_EQ(badge(panel, "errorRate")->severity(), StateBadge::Severity::Critical);
    EXPECT_TRUE(badge(panel, "errorRate")->text().contains(QStringLiteral("62 %")));
    EXPECT_TRUE(badge(panel, "errorRate")->text().contains(QStringLiteral("failing")));
    EXPECT_EQ(badge(panel, "latency")->severity(), StateBadge::Severity::Critical);
    EXPECT_TRUE(badge(panel, "latency")->text().contains(QStringLiteral("p99 6.40 s")));
    EXPECT_TRUE(badge(panel, "overall")->text().startsWith(QStringLiteral("NOT OK")));
}

TEST(ReadinessPanel, FailedDatabaseShowsItsError)
{
    ReadyStatus ready;
    ready.ready = false;
    ready.checks.database = DatabaseCheck::Failed;
    ready.checks.databaseError = QStringLiteral("connect ECONNREFUSED 10.0.0.5:5432");
    ready.checks.environment = true;
    ready.checks.disk = true;
    ready.checks.gatesReady = false;
    ready.checks.gatesCriticalReady = false;
    ready.checks.gateCount = 6;
    ReadinessPanel panel;
    panel.setReady(ready, kUpdated);
    EXPECT_TRUE(badge(panel, "ready")->text().startsWith(QStringLiteral("NOT READY")));
    EXPECT_EQ(badge(panel, "databaseCheck")->text(),
              QStringLiteral("FAILED: connect ECONNREFUSED 10.0.0.5:5432"));
    EXPECT_EQ(badge(panel, "databaseCheck")->severity(), StateBadge::Severity::Critical);
    EXPECT_EQ(badge(panel, "environmentCheck")->text(), QStringLiteral("OK"));
    EXPECT_EQ(badge(panel, "diskCheck")->text(), QStringLiteral("OK"));
    EXPECT_EQ(badge(panel, "healthGates")->text(),
              QStringLiteral("CRITICAL GATES NOT READY (6 gates)"));
}

TEST(ReadinessPanel, ReadyWithAllChecks)
{
    ReadyStatus ready;
    ready.ready = true;
    ready.checks.database = DatabaseCheck::NotConfigured;
    ready.checks.environment = true;
    ready.checks.disk = false;
    ready.checks.gatesReady = false;
    ready.checks.gatesCriticalReady = true;
    ready.checks.gateCount = 1;
    ReadinessPanel panel;
    panel.setReady(ready, kUpdated);
    EXPECT_EQ(badge(panel, "ready")->severity(), StateBadge::Severity::Ok);
    EXPECT_EQ(badge(panel, "databaseCheck")->text(), QStringLiteral("Not configured"));
    EXPECT_EQ(badge(panel, "diskCheck")->text(), QStringLiteral("FAILED"));
    EXPECT_EQ(badge(panel, "healthGates")->severity(), StateBadge::Severity::Warning);
    EXPECT_TRUE(badge(panel, "healthGates")->text().contains(QStringLiteral("1 gate")));
}

TEST(LivenessPanel, AliveWithUptimeAndPid)
{
    LiveStatus live;
    live.status = QStringLiteral("alive");
    live.uptime = 812.4;
    live.pid = 4242;
    LivenessPanel panel;
    panel.setLive(live, kUpdated);
    EXPECT_EQ(badge(panel, "live")->text(), QStringLiteral("Alive"));
    EXPECT_EQ(labelText(panel, "uptime"), QStringLiteral("13 min"));
    EXPECT_EQ(labelText(panel, "pid"), QStringLiteral("4242"));
}
