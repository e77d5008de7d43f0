#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

// Simulated time: `speed` simulated seconds per wall second from a start instant, plus manual
// steps (POST /api/sim/clock). Its timer pulses `advanced` so that the engine catches up; tests
// construct it stopped and step it by hand.
class SimClock final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SimClock)

public:
    SimClock(qint64 startEpochMs, double speed, QObject *parent = nullptr);

    qint64 nowMs() const;
    qint64 startMs() const { return m_startMs; }
    double speed() const { return m_speed; }
    bool isRunning() const { return m_running; }

    /// Starts following wall time; emits advanced() about every simulated second (>= 20 ms wall).
    void start();
    /// Steps simulated time forward instantly.
    void advance(qint64 ms);

    static QString toIso(qint64 epochMs);

Q_SIGNALS:
    void advanced(qint64 nowMs);

private:
    qint64 m_startMs = 0;
    double m_speed = 1.0;
    qint64 m_offsetMs = 0;
    bool m_running = false;
    QElapsedTimer m_wall;
    QTimer m_timer;
};
