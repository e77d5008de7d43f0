#include "simclock.h"

#include <QDateTime>

#include <algorithm>
#include <cmath>

SimClock::SimClock(qint64 startEpochMs, double speed, QObject *parent)
    : QObject(parent)
    , m_startMs(startEpochMs)
    , m_speed(speed)
{
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, [this] { Q_EMIT advanced(nowMs()); });
}

qint64 SimClock::nowMs() const
{
    const qint64 wall = m_running ? m_wall.elapsed() : 0;
    return m_startMs + m_offsetMs + qint64(std::llround(double(wall) * m_speed));
}

void SimClock::start()
{
    if (m_running)
        return;
    m_wall.start();
    m_running = true;
    m_timer.start(std::max(20, int(1000.0 / m_speed)));
}

void SimClock::advance(qint64 ms)
{
    if (ms <= 0)
        return;
    m_offsetMs += ms;
    Q_EMIT advanced(nowMs());
}

QString SimClock::toIso(qint64 epochMs)
{
    return QDateTime::fromMSecsSinceEpoch(epochMs, Qt::UTC).toString(Qt::ISODateWithMs);
}
