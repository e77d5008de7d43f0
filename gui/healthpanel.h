#pragma once

#include "opsdto.h"
#include "sectionbox.h"

class QLabel;
class StateBadge;

// Shows GET /health: overall health, database, traffic, error rate, latency percentiles and
// memory, with the runbook's thresholds deciding what deserves a warning. Fed by StatusPage.
class HealthPanel final : public SectionBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HealthPanel)

public:
    explicit HealthPanel(QWidget *parent = nullptr);

    void setHealth(const HealthStatus &health, const QDateTime &updated);

private:
    StateBadge *m_overall;
    StateBadge *m_database;
    QLabel *m_traffic;
    StateBadge *m_errorRate;
    StateBadge *m_latency;
    QLabel *m_memory;
};
