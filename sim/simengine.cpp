#include "simengine.h"

#include <algorithm>
#include <cmath>

namespace {
using L1 = QLatin1String;
using Level = ServerLog::Level;
constexpr double kMiB = 1024.0 * 1024.0;
constexpr double kBaseRss = 182.0 * kMiB;
} // namespace

SimEngine::SimEngine(quint32 seed, qint64 startMs, ServerLog *log)
    : m_seed(seed)
    , m_rng(seed)
    , m_log(log)
    , m_startMs(startMs)
    , m_nowMs(startMs)
    , m_traffic(&m_rng)
{
    m_process.startedAtMs = startMs;
    m_process.rssBytes = kBaseRss;
    m_process.eventLoopDelayMs = 2.5;
    // A minute of baseline history so that the windows (error rate, percentiles) mean something
    // from the first request on.
    for (int second = -TrafficModel::kErrorWindow; second < 0; ++second)
        m_traffic.step(second, TrafficModel::Conditions {});
}

void SimEngine::advanceTo(qint64 nowMs)
{
    const qint64 limit = m_steps + kMaxStepSeconds;
    while (m_startMs + (m_steps + 1) * 1000 <= nowMs && m_steps < limit) {
        m_nowMs = m_startMs + (m_steps + 1) * 1000;
        step();
        ++m_steps;
    }
    m_nowMs = std::max(m_nowMs, nowMs);
}

QString SimEngine::nextTraceId()
{
    return QString::number(m_rng.generate64() | (quint64(1) << 63), 16);
}

QString SimEngine::nextId(const char *prefix)
{
    return QLatin1String(prefix) + QLatin1Char('-') + QString::number(++m_idCounter);
}

double SimEngine::uptimeSeconds() const
{
    return double(m_nowMs - m_process.startedAtMs) / 1000.0;
}

bool SimEngine::errorSpikeActive() const
{
    return m_scenario == Scenario::ErrorSpike && !m_agents.isQuarantined(QStringLiteral("citadel"))
        && m_flags.effective(QStringLiteral("citadel_enabled")) && !m_safeMode.enabled;
}

bool SimEngine::aiCallsEnabled() const
{
    return m_flags.effective(QStringLiteral("ai_embeddings_enabled")) && !m_safeMode.enabled;
}

bool SimEngine::rateLimitActive() const
{
    return m_scenario == Scenario::RateLimit && aiCallsEnabled();
}

void SimEngine::log(ServerLog::Level level, const QString &component, const QString &message)
{
    if (m_log)
        m_log->write(m_nowMs, level, component, message);
}

void SimEngine::recordRequest(int status, double durationMs, bool error)
{
    m_traffic.recordReal(status, durationMs, error);
}

void SimEngine::setScenario(Scenario scenario, qint64 durationSeconds, const QString &by)
{
    m_scenario = scenario;
    m_scenarioStartedMs = m_nowMs;
    m_scenarioEndsMs
        = scenario != Scenario::None && durationSeconds > 0 ? m_nowMs + durationSeconds * 1000 : 0;
    log(Level::Warn, QStringLiteral("sim"),
        QStringLiteral("scenario %1 started by %2%3")
            .arg(ScenarioTable::name(scenario), by,
                 durationSeconds > 0 ? QStringLiteral(" for %1 s").arg(durationSeconds)
                                     : QString()));
}

void SimEngine::setSafeMode(bool enabled, const QString &reason, const QString &by)
{
    m_safeMode = Mode {enabled, reason, m_nowMs, by};
}

void SimEngine::setWriteDrain(bool enabled, const QString &reason, const QString &by)
{
    m_writeDrain = Mode {enabled, reason, m_nowMs, by};
}

void SimEngine::restart(const QString &reason, const QString &by)
{
    m_process.startedAtMs = m_nowMs;
    m_process.leakBytes = 0;
    m_process.rssBytes = kBaseRss;
    m_process.eventLoopDelayMs = 2.5;
    m_process.warmUntilMs = m_nowMs + 2000;
    m_gates.resetAll();
    log(Level::Warn, QStringLiteral("process"),
        QStringLiteral("graceful restart requested by %1: %2").arg(by, reason));
}

int SimEngine::poisson(double mean)
{
    if (mean <= 0)
        return 0;
    const double limit = std::exp(-mean);
    double product = m_rng.generateDouble();
    int count = 0;
    while (product > limit && count < 1000) {
        product *= m_rng.generateDouble();
        ++count;
    }
    return count;
}

void SimEngine::step()
{
    if (m_scenarioEndsMs > 0 && m_nowMs >= m_scenarioEndsMs) {
        log(Level::Info, QStringLiteral("sim"),
            QStringLiteral("scenario %1 ended").arg(ScenarioTable::name(m_scenario)));
        m_scenario = Scenario::None;
        m_scenarioEndsMs = 0;
    }
    for (AgentBoard::Agent &agent : m_agents.all()) {
        if (agent.quarantined && agent.expiresAtMs > 0 && m_nowMs >= agent.expiresAtMs) {
            log(Level::Info, QStringLiteral("agents"),
                QStringLiteral("quarantine of %1 expired; released").arg(agent.id));
            m_agents.release(agent.id);
        }
    }

    TrafficModel::Conditions c;
    if (errorSpikeActive()) {
        c.stormRps = 160;
        c.stormErrorProb = 0.95;
    }
    c.writesDrained = m_writeDrain.enabled;
    c.writesFail = !databaseHealthy();
    c.aiFallback = !aiCallsEnabled();
    c.aiErrorProb = rateLimitActive() ? 0.6 : 0.0;
    if (m_scenario == Scenario::Latency)
        c.slowShare = std::min(0.2, 0.08 + 0.02 * double(m_nowMs - m_scenarioStartedMs) / 1000.0);
    m_traffic.step(m_steps + 1, c);

    stepAgents();
    stepDeadLetters();
    stepProcess();
    stepBreakersAndGates();
    stepLogs();
}

void SimEngine::stepAgents()
{
    const auto noise = [this] {
        return (m_rng.generateDouble() - 0.5) * 2.4;
    };
    for (AgentBoard::Agent &agent : m_agents.all()) {
        agent.degraded = false;
        if (agent.quarantined)
            continue; // takes no new work: its queue stops growing
        QString flag;
        if (agent.id == QLatin1String("citadel"))
            flag = QStringLiteral("citadel_enabled");
        else if (agent.id == QLatin1String("drone-dome"))
            flag = QStringLiteral("drone_dome_scan_enabled");
        else if (agent.id == QLatin1String("dreamkeeper"))
            flag = QStringLiteral("dreamkeeper_enabled");
        if (!flag.isEmpty() && !m_flags.effective(flag)) {
            agent.queueDepth = std::max(0.0, agent.queueDepth - 2.0); // drains, no arrivals
            continue;
        }
        double depth = agent.queueDepth + 0.2 * (agent.targetDepth - agent.queueDepth) + noise();
        if (agent.id == QLatin1String("citadel") && errorSpikeActive()) {
            depth = agent.queueDepth + 3.0 + std::abs(noise());
            agent.degraded = true;
        }
        if (agent.id == QLatin1String("dreamkeeper") && rateLimitActive()) {
            depth = agent.queueDepth + 1.0 + std::abs(noise()) * 0.5;
            agent.degraded = true;
        }
        agent.queueDepth = std::clamp(depth, 0.0, 1e6);
    }
}

void SimEngine::stepDeadLetters()
{
    const auto addRecord = [this](const char *port, const char *cluster, const char *tool,
                                  const char *type, const char *error) {
        DeadLetterQueue::Record r;
        r.id = nextId("dlq");
        r.portId = QLatin1String(port);
        r.clusterId = QLatin1String(cluster);
        r.toolId = QLatin1String(tool);
        r.traceId = nextTraceId();
        r.errorType = QLatin1String(type);
        r.error = QLatin1String(error);
        r.timestampMs = m_nowMs;
        m_dlq.add(r);
    };
    if (m_rng.generateDouble() < 0.008)
        addRecord("relay", "events", "webhook-deliver", "TIMEOUT", "upstream timed out after 30s");
    if (rateLimitActive()) {
        for (int i = poisson(1.2); i > 0; --i) {
            const bool timeout = m_rng.generateDouble() < 0.4;
            addRecord("ai", "embeddings", "openai-embed", timeout ? "TIMEOUT" : "FAILURE",
                      timeout ? "OpenAI request timed out"
                              : "OpenAI 429 Too Many Requests: rate limit reached");
        }
    }
    if (errorSpikeActive()) {
        for (int i = poisson(1.5); i > 0; --i)
            addRecord("citadel", "security", "citadel-scan", "ERROR",
                      "TypeError: Cannot read properties of undefined (reading 'vector')");
    }
    const bool aiFailing = rateLimitActive();
    const bool citadelFailing = errorSpikeActive();
    m_dlq.step(m_nowMs, &m_rng, [aiFailing, citadelFailing](const DeadLetterQueue::Record &r) {
        if (r.portId == QLatin1String("ai") && aiFailing)
            return 0.7;
        if (r.portId == QLatin1String("citadel") && citadelFailing)
            return 0.7;
        return 0.03;
    });
}

void SimEngine::stepProcess()
{
    Process &p = m_process;
    if (m_scenario == Scenario::MemoryLeak)
        p.leakBytes += (1.5 + 0.5 * m_rng.generateDouble()) * kMiB;
    const double jitter = (m_rng.generateDouble() - 0.5) * 4.0 * kMiB;
    p.rssBytes = kBaseRss + p.leakBytes + 6.0 * kMiB * std::sin(double(m_steps) / 47.0) + jitter;
    p.eventLoopDelayMs = 2.5 + p.leakBytes / (25.0 * kMiB) + m_rng.generateDouble() * 1.2;
    const double rps = m_traffic.lastSecondRequests();
    p.cpuUserUs += quint64(rps * (900.0 + 200.0 * m_rng.generateDouble()));
    p.cpuSystemUs += quint64(rps * (140.0 + 40.0 * m_rng.generateDouble()));
    if (aiCallsEnabled()) {
        p.aiTotalCalls += quint64(poisson(3.0 * rps / 40.0));
        const bool limited = rateLimitActive();
        p.aiAverageMs = (limited ? 2500.0 : 310.0) * (0.9 + 0.2 * m_rng.generateDouble());
        p.aiP99Ms = (limited ? 9000.0 : 900.0) * (0.9 + 0.2 * m_rng.generateDouble());
    }
}

void SimEngine::stepBreakersAndGates()
{
    const auto observe = [this](const char *name, bool failing) {
        const QString breaker = QLatin1String(name);
        if (!m_breakers.observe(breaker, failing, m_nowMs))
            return;
        const auto *b = m_breakers.find(breaker);
        log(b->state == BreakerBoard::State::Open ? Level::Error : Level::Warn,
            QStringLiteral("breaker"),
            QStringLiteral("%1 breaker %2 (failures=%3)")
                .arg(breaker, BreakerBoard::stateName(b->state))
                .arg(b->failureCount));
    };
    observe("database", !databaseHealthy());
    observe("openai", rateLimitActive());
    observe("stripe", m_rng.generateDouble() < 0.005);
    observe("google", m_rng.generateDouble() < 0.005);

    m_gates.check(QStringLiteral("database"), databaseHealthy(), m_nowMs);
    m_gates.check(QStringLiteral("auth"), true, m_nowMs);
    m_gates.check(QStringLiteral("cache"), true, m_nowMs);
    m_gates.check(QStringLiteral("openai"), !m_breakers.isOpen(QStringLiteral("openai")), m_nowMs);
    m_gates.check(QStringLiteral("stripe"), !m_breakers.isOpen(QStringLiteral("stripe")), m_nowMs);
}

void SimEngine::logBurst(double mean,
                         ServerLog::Level level,
                         const char *component,
                         const char *text,
                         const char *route,
                         int status,
                         double msLow,
                         double msHigh)
{
    for (int i = poisson(mean); i > 0; --i) {
        const int ms = int(msLow + (msHigh - msLow) * m_rng.generateDouble());
        log(level, QLatin1String(component),
            QStringLiteral("%1 traceId=%2 route=%3 status=%4 ms=%5")
                .arg(QLatin1String(text), nextTraceId(), QLatin1String(route))
                .arg(status)
                .arg(ms));
    }
}

void SimEngine::stepLogs()
{
    static const char *const routes[] = {"/api/dreams", "/api/dreams/search", "/api/agents/status",
                                         "/api/conduits", "/api/users/me"};
    for (int i = poisson(2.5); i > 0; --i) {
        const char *route = routes[m_rng.bounded(int(std::size(routes)))];
        const int ms = int(38.0 * std::exp(0.8 * (m_rng.generateDouble() - 0.5) * 2.0));
        log(Level::Info, QStringLiteral("http"),
            QStringLiteral("GET %1 traceId=%2 route=%1 status=200 ms=%3")
                .arg(QLatin1String(route), nextTraceId())
                .arg(ms));
    }
    if (m_rng.generateDouble() < 0.05)
        log(Level::Debug, QStringLiteral("cache"),
            QStringLiteral("cache sweep evicted %1 keys").arg(m_rng.bounded(200)));
    if (!databaseHealthy()) {
        logBurst(m_writeDrain.enabled ? 1.0 : 4.0, Level::Error, "database",
                 "connect ECONNREFUSED 10.0.0.5:5432", "/api/dreams", 500, 1000, 1100);
        if (m_writeDrain.enabled)
            logBurst(1.0, Level::Warn, "http", "write drained: 503 write_drain", "/api/dreams", 503,
                     1, 4);
    }
    if (rateLimitActive())
        logBurst(3.0, Level::Warn, "openai",
                 "OpenAI 429 Too Many Requests: Rate limit reached for text-embedding-3-small",
                 "/api/dreams/embed", 502, 2000, 8000);
    if (errorSpikeActive())
        logBurst(5.0, Level::Error, "citadel",
                 "scan failed: TypeError: Cannot read properties of undefined (reading 'vector')",
                 "/api/citadel/scan", 500, 5, 60);
    if (m_scenario == Scenario::MemoryLeak && m_steps % 10 == 0) {
        log(Level::Warn, QStringLiteral("process"),
            QStringLiteral("heap usage high: rss=%1MB heapUsed=%2MB eventLoopDelayMs=%3")
                .arg(qint64(m_process.rssBytes / kMiB))
                .arg(qint64(m_process.rssBytes * 0.7 / kMiB))
                .arg(m_process.eventLoopDelayMs, 0, 'f', 1));
    }
    if (m_scenario == Scenario::Latency)
        logBurst(2.0, Level::Warn, "http", "slow request", "/api/dreams", 200, 5000, 15000);
}
