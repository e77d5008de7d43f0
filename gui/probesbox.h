#pragma once

#include "opsdto.h"
#include "sectionbox.h"

class StateBadge;

// The dashboard's compact view of the three probes: /health/live, /health/ready (with the
// database check and its error text) and /health's database state. Fed by DashboardPage from
// the DashboardPoller; stale as soon as any of the three sources is.
class ProbesBox final : public SectionBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProbesBox)

public:
    explicit ProbesBox(QWidget *parent = nullptr);

    void setLive(const LiveStatus &live);
    /// The server answered /health/live with an HTTP error: it says it is not alive (unlike a
    /// network failure, which only makes the box stale).
    void setLiveRefused(int httpStatus);
    void setReady(const ReadyStatus &ready);
    void setHealth(const HealthStatus &health);

    StateBadge *liveBadge() const { return m_live; }
    StateBadge *readyBadge() const { return m_ready; }
    StateBadge *databaseCheckBadge() const { return m_databaseCheck; }
    StateBadge *healthDatabaseBadge() const { return m_healthDatabase; }

private:
    StateBadge *m_live;
    StateBadge *m_ready;
    StateBadge *m_databaseCheck;
    StateBadge *m_healthDatabase;
};
