#include "probesbox.h"

#include "displayformat.h"
#include "statebadge.h"

using Severity = StateBadge::Severity;

ProbesBox::ProbesBox(QWidget *parent)
    : SectionBox(tr("Probes"), parent)
    , m_live(makeBadge(QStringLiteral("live"), true))
    , m_ready(makeBadge(QStringLiteral("ready"), true))
    , m_databaseCheck(makeBadge(QStringLiteral("databaseCheck")))
    , m_healthDatabase(makeBadge(QStringLiteral("healthDatabase")))
{
    setObjectName(QStringLiteral("probesBox"));
    addRow(tr("Live:"), m_live);
    addRow(tr("Ready:"), m_ready);
    addRow(tr("Database check:"), m_databaseCheck);
    addRow(tr("/health database:"), m_healthDatabase);
}

void ProbesBox::setLive(const LiveStatus &live)
{
    // /health/live answering at all is the point; the uptime tells a restart apart.
    m_live->setState(Severity::Ok, tr("Alive (up %1)").arg(DisplayFormat::duration(live.uptime)),
                     tr("pid %1").arg(live.pid));
}

void ProbesBox::setLiveRefused(int httpStatus)
{
    m_live->setState(Severity::Critical, tr("NOT ALIVE: the server answered %1").arg(httpStatus));
}

void ProbesBox::setReady(const ReadyStatus &ready)
{
    m_ready->setState(ready.ready ? Severity::Ok : Severity::Critical,
                      ready.ready ? tr("Ready") : tr("NOT READY"));
    switch (ready.checks.database) {
    case DatabaseCheck::Ok:
        m_databaseCheck->setState(Severity::Ok, tr("OK"));
        break;
    case DatabaseCheck::Failed:
        m_databaseCheck->setState(Severity::Critical,
                                  ready.checks.databaseError.isEmpty()
                                      ? tr("FAILED")
                                      : tr("FAILED: %1").arg(ready.checks.databaseError));
        break;
    case DatabaseCheck::NotConfigured:
        m_databaseCheck->setState(Severity::Neutral, tr("Not configured"));
        break;
    }
}

void ProbesBox::setHealth(const HealthStatus &health)
{
    const QString state = health.database;
    if (state == QLatin1String("healthy"))
        m_healthDatabase->setState(Severity::Ok, tr("healthy"));
    else if (state == QLatin1String("unhealthy"))
        m_healthDatabase->setState(Severity::Critical, tr("UNHEALTHY"));
    else if (state == QLatin1String("checking"))
        m_healthDatabase->setState(Severity::Info, tr("checking"));
    else if (state == QLatin1String("not-configured"))
        m_healthDatabase->setState(Severity::Neutral, tr("not configured"));
    else
        m_healthDatabase->setState(Severity::Warning, state.isEmpty() ? tr("not reported") : state);
}
