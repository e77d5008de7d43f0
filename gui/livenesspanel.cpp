#include "livenesspanel.h"

#include "displayformat.h"
#include "statebadge.h"

#include <QLabel>

LivenessPanel::LivenessPanel(QWidget *parent)
    : SectionBox(tr("Liveness"), parent)
    , m_status(makeBadge(QStringLiteral("live"), true))
    , m_uptime(makeValueLabel(QStringLiteral("uptime")))
    , m_pid(makeValueLabel(QStringLiteral("pid")))
{
    setObjectName(QStringLiteral("livenessPanel"));
    addRow(tr("Process:"), m_status);
    addRow(tr("Uptime:"), m_uptime);
    addRow(tr("PID:"), m_pid);
}

void LivenessPanel::setLive(const LiveStatus &live, const QDateTime &updated)
{
    if (live.status == QLatin1String("alive"))
        m_status->setState(StateBadge::Severity::Ok, tr("Alive"));
    else
        m_status->setState(StateBadge::Severity::Critical,
                           tr("NOT ALIVE — the server says “%1”").arg(live.status));
    m_uptime->setText(DisplayFormat::duration(live.uptime));
    m_pid->setText(QString::number(live.pid));
    setFresh(updated);
}
