#pragma once

#include "opsdto.h"
#include "sectionbox.h"

class StateBadge;

// Shows GET /health/ready: ready or not and each check (database with its error, environment,
// disk, health gates). Fed by StatusPage from ConsoleSession.
class ReadinessPanel final : public SectionBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReadinessPanel)

public:
    explicit ReadinessPanel(QWidget *parent = nullptr);

    void setReady(const ReadyStatus &ready, const QDateTime &updated);

private:
    StateBadge *m_ready;
    StateBadge *m_database;
    StateBadge *m_environment;
    StateBadge *m_disk;
    StateBadge *m_gates;
};
