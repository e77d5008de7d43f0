#include "healthpanel.h"

#include "displayformat.h"
#include "statebadge.h"

#include <QLabel>
#include <QLocale>

#include <algorithm>

using Severity = StateBadge::Severity;

namespace {

// When a signal deserves attention, from the runbook's severity guide: P1 is "50%+ error rate"
// or "performance degradation (>5s latency)"; above 5 % errors or 1 s latency is worth a warning.
constexpr double kCriticalErrorRate = 0.50;
constexpr double kWarningErrorRate = 0.05;
constexpr double kCriticalLatencyMs = 5000.0;
constexpr double kWarningLatencyMs = 1000.0;

Severity errorRateSeverity(double rate)
{
    if (rate >= kCriticalErrorRate)
        return Severity::Critical;
    if (rate >= kWarningErrorRate)
        return Severity::Warning;
    return Severity::Ok;
}

Severity latencySeverity(double worstMs)
{
    if (worstMs > kCriticalLatencyMs)
        return Severity::Critical;
    if (worstMs > kWarningLatencyMs)
        return Severity::Warning;
    return Severity::Ok;
}

} // namespace

HealthPanel::HealthPanel(QWidget *parent)
    : SectionBox(tr("Health"), parent)
    , m_overall(makeBadge(QStringLiteral("overall"), true))
    , m_database(makeBadge(QStringLiteral("database")))
    , m_traffic(makeValueLabel(QStringLiteral("traffic")))
    , m_errorRate(makeBadge(QStringLiteral("errorRate")))
    , m_latency(makeBadge(QStringLiteral("latency")))
    , m_memory(makeValueLabel(QStringLiteral("memory")))
{
    setObjectName(QStringLiteral("healthPanel"));
    addRow(tr("Service:"), m_overall);
    addRow(tr("Database:"), m_database);
    addRow(tr("Traffic:"), m_traffic);
    addRow(tr("Error rate:"), m_errorRate);
    addRow(tr("Latency:"), m_latency);
    addRow(tr("Memory:"), m_memory);
}

void HealthPanel::setHealth(const HealthStatus &health, const QDateTime &updated)
{
    if (health.ok)
        m_overall->setState(Severity::Ok, tr("OK"));
    else
        m_overall->setState(Severity::Critical, tr("NOT OK — the service reports a problem"));

    if (health.database == QLatin1String("healthy"))
        m_database->setState(Severity::Ok, tr("Healthy"));
    else if (health.database == QLatin1String("unhealthy"))
        m_database->setState(Severity::Critical, tr("UNHEALTHY"));
    else if (health.database == QLatin1String("not-configured"))
        m_database->setState(Severity::Neutral, tr("Not configured"));
    else if (health.database == QLatin1String("checking"))
        m_database->setState(Severity::Info, tr("Checking…"));
    else
        m_database->setState(Severity::Warning, tr("Unknown state “%1”").arg(health.database));

    m_traffic->setText(
        tr("%1 requests/s").arg(QLocale().toString(health.requestsPerSecond, 'f', 1)));
    const Severity rateSeverity = errorRateSeverity(health.errorRate);
    const QString rate = DisplayFormat::percent(health.errorRate);
    m_errorRate->setState(rateSeverity,
                          rateSeverity == Severity::Ok
                              ? tr("%1 of requests in the last minute").arg(rate)
                              : tr("%1 of requests failing (last minute)").arg(rate));
    const double worst = std::max({health.latencyP50Ms, health.latencyP95Ms, health.latencyP99Ms});
    m_latency->setState(latencySeverity(worst),
                        tr("p50 %1 · p95 %2 · p99 %3")
                            .arg(DisplayFormat::milliseconds(health.latencyP50Ms),
                                 DisplayFormat::milliseconds(health.latencyP95Ms),
                                 DisplayFormat::milliseconds(health.latencyP99Ms)));
    if (health.memoryTotalMb > 0)
        m_memory->setText(
            tr("%1 of %2 (%3)")
                .arg(DisplayFormat::megabytes(health.memoryUsedMb),
                     DisplayFormat::megabytes(health.memoryTotalMb),
                     DisplayFormat::percent(health.memoryUsedMb / health.memoryTotalMb)));
    else
        m_memory->setText(tr("%1 used").arg(DisplayFormat::megabytes(health.memoryUsedMb)));
    setFresh(updated);
}
