#pragma once

#include "agentboard.h"
#include "breakerboard.h"
#include "deadletterqueue.h"
#include "flagboard.h"
#include "gateboard.h"
#include "scenariotable.h"
#include "serverlog.h"
#include "trafficmodel.h"

#include <QRandomGenerator>
#include <QString>

// The simulated DreamNet service: modes, flags, agents, DLQ, breakers, gates, the active
// scenario and the process figures, moved in whole simulated seconds by advanceTo(). All
// randomness comes from one generator seeded with --seed, so the same sequence of calls and
// clock steps gives the same state. Driven by SimHttpServer (requests) and SimClock (time).
class SimEngine final
{
    Q_DISABLE_COPY_MOVE(SimEngine)

public:
    struct Mode
    {
        bool enabled = false;
        QString reason;
        qint64 sinceMs = 0;
        QString by;
    };
    struct Process
    {
        qint64 startedAtMs = 0;
        double rssBytes = 0;
        double leakBytes = 0;
        double eventLoopDelayMs = 0;
        quint64 cpuUserUs = 0;
        quint64 cpuSystemUs = 0;
        quint64 aiTotalCalls = 0;
        double aiAverageMs = 310;
        double aiP99Ms = 900;
        qint64 warmUntilMs = 0;
    };
    static constexpr qint64 kMaxStepSeconds = 7 * 24 * 3600;

    SimEngine(quint32 seed, qint64 startMs, ServerLog *log = nullptr);

    /// Runs the dynamics for every whole simulated second up to nowMs.
    void advanceTo(qint64 nowMs);
    void advanceSeconds(qint64 seconds) { advanceTo(m_nowMs + seconds * 1000); }
    qint64 nowMs() const { return m_nowMs; }
    qint64 startMs() const { return m_startMs; }
    quint32 seed() const { return m_seed; }

    void setScenario(Scenario scenario, qint64 durationSeconds, const QString &by);
    Scenario scenario() const { return m_scenario; }
    qint64 scenarioStartedMs() const { return m_scenarioStartedMs; }
    qint64 scenarioEndsMs() const { return m_scenarioEndsMs; }

    const Mode &safeMode() const { return m_safeMode; }
    const Mode &writeDrain() const { return m_writeDrain; }
    void setSafeMode(bool enabled, const QString &reason, const QString &by);
    void setWriteDrain(bool enabled, const QString &reason, const QString &by);
    void restart(const QString &reason, const QString &by);

    FlagBoard &flags() { return m_flags; }
    AgentBoard &agents() { return m_agents; }
    BreakerBoard &breakers() { return m_breakers; }
    GateBoard &gates() { return m_gates; }
    DeadLetterQueue &deadLetters() { return m_dlq; }
    TrafficModel &traffic() { return m_traffic; }
    const FlagBoard &flags() const { return m_flags; }
    const AgentBoard &agents() const { return m_agents; }
    const BreakerBoard &breakers() const { return m_breakers; }
    const GateBoard &gates() const { return m_gates; }
    const DeadLetterQueue &deadLetters() const { return m_dlq; }
    const TrafficModel &traffic() const { return m_traffic; }
    const Process &process() const { return m_process; }

    bool databaseHealthy() const { return m_scenario != Scenario::DbOutage; }
    bool warmingUp() const { return m_nowMs < m_process.warmUntilMs; }
    bool errorSpikeActive() const;
    bool rateLimitActive() const;
    bool aiCallsEnabled() const;
    double uptimeSeconds() const;

    /// A real request answered by the HTTP server (counts in the golden signals).
    void recordRequest(int status, double durationMs, bool error);
    /// Logs one line at the current simulated time.
    void log(ServerLog::Level level, const QString &component, const QString &message);
    void flushLog()
    {
        if (m_log)
            m_log->flush();
    }
    QString nextTraceId();
    QString nextId(const char *prefix);

private:
    void step();
    void stepAgents();
    void stepDeadLetters();
    void stepProcess();
    void stepBreakersAndGates();
    void stepLogs();
    int poisson(double mean);
    void logBurst(double mean,
                  ServerLog::Level level,
                  const char *component,
                  const char *text,
                  const char *route,
                  int status,
                  double msLow,
                  double msHigh);

    quint32 m_seed;
    QRandomGenerator m_rng;
    ServerLog *m_log;
    qint64 m_startMs;
    qint64 m_nowMs;
    qint64 m_steps = 0;
    quint64 m_idCounter = 0;
    Scenario m_scenario = Scenario::None;
    qint64 m_scenarioStartedMs = 0;
    qint64 m_scenarioEndsMs = 0;
    Mode m_safeMode;
    Mode m_writeDrain;
    Process m_process;
    FlagBoard m_flags;
    AgentBoard m_agents;
    BreakerBoard m_breakers;
    GateBoard m_gates;
    DeadLetterQueue m_dlq;
    TrafficModel m_traffic;
};
