#include "opsstatuspanel.h"

#include "consolesession.h"
#include "displayformat.h"
#include "statebadge.h"

#include <QLabel>
#include <QVBoxLayout>

OpsStatusPanel::OpsStatusPanel(QWidget *parent)
    : SectionBox(tr("Ops status"), parent)
    , m_quarantined(makeBadge(QStringLiteral("quarantinedAgents"), true))
    , m_version(makeValueLabel(QStringLiteral("version")))
    , m_instance(makeValueLabel(QStringLiteral("instance")))
    , m_startedAt(makeValueLabel(QStringLiteral("startedAt")))
{
    setObjectName(QStringLiteral("opsStatusPanel"));
    m_safeMode = addModeRow(tr("Safe mode:"), QStringLiteral("safeMode"));
    m_writeDrain = addModeRow(tr("Write drain:"), QStringLiteral("writeDrain"));
    m_emergency = addModeRow(tr("Emergency mode:"), QStringLiteral("emergencyMode"));
    addRow(tr("Quarantined agents:"), m_quarantined);
    addRow(tr("Version:"), m_version);
    addRow(tr("Instance:"), m_instance);
    addRow(tr("Started:"), m_startedAt);
}

OpsStatusPanel::ModeRow OpsStatusPanel::addModeRow(const QString &label, const QString &objectName)
{
    auto *field = new QWidget;
    auto *layout = new QVBoxLayout(field);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    ModeRow row;
    row.state = makeBadge(objectName, true);
    row.details = makeValueLabel(objectName + QLatin1String("Details"));
    row.details->hide();
    layout->addWidget(row.state);
    layout->addWidget(row.details);
    addRow(label, field);
    return row;
}

void OpsStatusPanel::showMode(const ModeRow &row,
                              bool enabled,
                              const QString &onText,
                              const QDateTime &since,
                              const QString &by,
                              const QString &reason)
{
    // "On" is the unusual, attention-worthy state of every mode: a warning, never an error.
    if (enabled)
        row.state->setState(StateBadge::Severity::Warning, onText, DisplayFormat::utc(since));
    else
        row.state->setState(StateBadge::Severity::Neutral, tr("Off"));
    const QString details = DisplayFormat::modeDetails(since, by, reason);
    row.details->setText(details);
    row.details->setToolTip(since.isValid() ? DisplayFormat::utc(since) : QString());
    row.details->setVisible(!details.isEmpty());
}

void OpsStatusPanel::setStatus(const OpsStatus &status, const QDateTime &updated)
{
    showMode(m_safeMode, status.safeMode.enabled, tr("ON — no tool use, no external calls"),
             status.safeMode.since, status.safeMode.by, status.safeMode.reason);
    showMode(m_writeDrain, status.writeDrain.enabled, tr("ON — writes get 503, reads still work"),
             status.writeDrain.since, status.writeDrain.by, status.writeDrain.reason);
    showMode(m_emergency, status.emergencyMode.active, tr("ON — all integration flags read as off"),
             status.emergencyMode.activatedAt, status.emergencyMode.activatedBy,
             status.emergencyMode.reason);

    const int quarantined = status.quarantinedAgents;
    if (quarantined > 0)
        m_quarantined->setState(StateBadge::Severity::Warning,
                                quarantined == 1 ? tr("1 agent quarantined")
                                                 : tr("%1 agents quarantined").arg(quarantined));
    else
        m_quarantined->setState(StateBadge::Severity::Neutral, tr("None"));

    m_version->setText(status.version.isEmpty() ? tr("unknown") : status.version);
    m_instance->setText(status.instance.isEmpty() ? tr("unknown") : status.instance);
    // The uptime is in the liveness panel (the server's own count): the clocks may differ.
    m_startedAt->setText(status.startedAt.isValid() ? ConsoleSession::formatTime(status.startedAt)
                                                    : tr("unknown"));
    m_startedAt->setToolTip(DisplayFormat::utc(status.startedAt));
    setFresh(updated);
}
