#pragma once

#include "opsdto.h"
#include "sectionbox.h"

class QLabel;
class StateBadge;

// Shows GET /health/live: is the process alive, since when, which pid. Fed by StatusPage.
class LivenessPanel final : public SectionBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LivenessPanel)

public:
    explicit LivenessPanel(QWidget *parent = nullptr);

    void setLive(const LiveStatus &live, const QDateTime &updated);

private:
    StateBadge *m_status;
    QLabel *m_uptime;
    QLabel *m_pid;
};
