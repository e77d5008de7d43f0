#pragma once

#include "opsdto.h"
#include "sectionbox.h"

class QLabel;
class StateBadge;

// Shows GET /api/ops/status: the three modes (each with since/by/reason), quarantined agents,
// and the service identity (version, instance, start time). Fed by StatusPage from
// ConsoleSession; it only renders.
class OpsStatusPanel final : public SectionBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OpsStatusPanel)

public:
    explicit OpsStatusPanel(QWidget *parent = nullptr);

    void setStatus(const OpsStatus &status, const QDateTime &updated);

private:
    struct ModeRow
    {
        StateBadge *state = nullptr;
        QLabel *details = nullptr;
    };
    ModeRow addModeRow(const QString &label, const QString &objectName);
    static void showMode(const ModeRow &row,
                         bool enabled,
                         const QString &onText,
                         const QDateTime &since,
                         const QString &by,
                         const QString &reason);

    ModeRow m_safeMode;
    ModeRow m_writeDrain;
    ModeRow m_emergency;
    StateBadge *m_quarantined;
    QLabel *m_version;
    QLabel *m_instance;
    QLabel *m_startedAt;
};
