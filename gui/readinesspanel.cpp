#include "readinesspanel.h"

#include "statebadge.h"

using Severity = StateBadge::Severity;

namespace {
void showCheck(StateBadge *badge, bool ok)
{
    badge->setState(ok ? Severity::Ok : Severity::Critical,
                    ok ? ReadinessPanel::tr("OK") : ReadinessPanel::tr("FAILED"));
}

QString gateCount(int count)
{
    return count == 1 ? ReadinessPanel::tr("1 gate") : ReadinessPanel::tr("%1 gates").arg(count);
}
} // namespace

ReadinessPanel::ReadinessPanel(QWidget *parent)
    : SectionBox(tr("Readiness"), parent)
    , m_ready(makeBadge(QStringLiteral("ready"), true))
    , m_database(makeBadge(QStringLiteral("databaseCheck")))
    , m_environment(makeBadge(QStringLiteral("environmentCheck")))
    , m_disk(makeBadge(QStringLiteral("diskCheck")))
    , m_gates(makeBadge(QStringLiteral("healthGates")))
{
    setObjectName(QStringLiteral("readinessPanel"));
    addRow(tr("Status:"), m_ready);
    addRow(tr("Database:"), m_database);
    addRow(tr("Environment:"), m_environment);
    addRow(tr("Disk:"), m_disk);
    addRow(tr("Health gates:"), m_gates);
}

void ReadinessPanel::setReady(const ReadyStatus &ready, const QDateTime &updated)
{
    m_ready->setState(ready.ready ? Severity::Ok : Severity::Critical,
                      ready.ready ? tr("Ready to take traffic")
                                  : tr("NOT READY — not taking traffic"));
    switch (ready.checks.database) {
    case DatabaseCheck::Ok:
        m_database->setState(Severity::Ok, tr("OK"));
        break;
    case DatabaseCheck::Failed:
        m_database->setState(Severity::Critical,
                             ready.checks.databaseError.isEmpty()
                                 ? tr("FAILED")
                                 : tr("FAILED: %1").arg(ready.checks.databaseError));
        break;
    case DatabaseCheck::NotConfigured:
        m_database->setState(Severity::Neutral, tr("Not configured"));
        break;
    }
    showCheck(m_environment, ready.checks.environment);
    showCheck(m_disk, ready.checks.disk);
    const QString count = gateCount(ready.checks.gateCount);
    if (ready.checks.gatesReady)
        m_gates->setState(Severity::Ok, tr("All ready (%1)").arg(count));
    else if (ready.checks.gatesCriticalReady)
        m_gates->setState(Severity::Warning,
                          tr("Some not ready; critical ones ready (%1)").arg(count));
    else
        m_gates->setState(Severity::Critical, tr("CRITICAL GATES NOT READY (%1)").arg(count));
    setFresh(updated);
}
