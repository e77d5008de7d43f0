#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QtGlobal>

#include <optional>

// Plain data of the DreamNet Ops API v1 (/work/shared/ops-api.md), filled by jsonmapping.h and
// handed to models/GUI by OpsClient. Times are UTC QDateTime (invalid when the server sent null);
// counters are qint64; rates, latencies (ms) and fractions are double.

// ---- Health --------------------------------------------------------------------------------

struct LiveStatus
{
    QString status; ///< "alive"
    QDateTime timestamp;
    double uptime = 0; ///< seconds
    qint64 pid = 0;
};

enum class DatabaseCheck { Ok, Failed, NotConfigured };

struct ReadyChecks
{
    DatabaseCheck database = DatabaseCheck::NotConfigured;
    QString databaseError; ///< "database_error", empty if absent
    bool environment = false;
    bool disk = false;
    bool gatesReady = false;
    bool gatesCriticalReady = false;
    int gateCount = 0; ///< healthGates.gates: a number, or the length of an array
};

struct ReadyStatus
{
    bool ready = false;
    ReadyChecks checks;
    QDateTime timestamp;
};

struct HealthStatus
{
    bool ok = false;
    QString service;
    QDateTime timestamp;
    double uptime = 0;
    QString database; ///< "healthy" | "unhealthy" | "not-configured" | "checking"
    double requestsPerSecond = 0;
    double errorRate = 0;
    double latencyP50Ms = 0;
    double latencyP95Ms = 0;
    double latencyP99Ms = 0;
    double memoryUsedMb = 0;
    double memoryTotalMb = 0;
};

struct HealthGate
{
    QString serviceId;
    QString name;
    bool ready = false;
    int consecutivePasses = 0;
    int requiredPasses = 0;
    bool critical = false;
    QDateTime lastCheck;
};

struct HealthGates
{
    bool ready = false;
    bool criticalReady = false;
    QList<HealthGate> gates;
    QDateTime timestamp;
};

// ---- Metrics (GET /api/metrics) -------------------------------------------------------------

struct GoldenSignals
{
    // traffic
    double requestsPerSecond = 0;
    qint64 activeConnections = 0;
    qint64 requestsTotal = 0; ///< cumulative
    // errors
    double errorRate = 0; ///< fraction of the last 60 s
    qint64 status4xx = 0; ///< cumulative
    qint64 status5xx = 0; ///< cumulative
    // latency (ms)
    double latencyP50 = 0;
    double latencyP95 = 0;
    double latencyP99 = 0;
    // saturation
    qint64 cpuUserMicros = 0; ///< cumulative
    qint64 cpuSystemMicros = 0; ///< cumulative
    qint64 memoryRss = 0; ///< bytes
    qint64 heapTotal = 0;
    qint64 heapUsed = 0;
    qint64 external = 0;
    qint64 arrayBuffers = 0;
    qint64 queueDepth = 0;
};

struct Watchdogs
{
    double eventLoopDelayMs = 0;
    qint64 heartbeatMs = 0; ///< epoch ms
    double uptime = 0; ///< seconds
    QMap<QString, qint64> queueDepthPerAgent;
    qint64 queueDepthTotal = 0;
    double dlqMessagesPerMinute = 0;
    qint64 dlqTotalMessages = 0; ///< cumulative
    double aiCallLatencyP99 = 0;
    double aiCallLatencyAverage = 0;
    qint64 aiTotalCalls = 0; ///< cumulative
};

struct MetricsSnapshot
{
    QDateTime timestamp;
    QString instance;
    GoldenSignals goldenSignals;
    Watchdogs watchdogs;
};

// ---- Flags and modes ------------------------------------------------------------------------

struct IntegrationFlag
{
    QString name;
    bool enabled = false;
    QString envVar;
    bool defaultEnabled = false; ///< "default"
    bool brownout = false;
    QString brownoutFallback;
    QString description;
    QString reason;
    QDateTime updatedAt;
    QString updatedBy;
};

struct EmergencyMode
{
    bool active = false;
    QString reason;
    QDateTime activatedAt;
    QString activatedBy;
};

struct FlagList
{
    QList<IntegrationFlag> flags;
    EmergencyMode emergencyMode;
};

struct ModeState
{
    bool enabled = false;
    QString reason;
    QDateTime since;
    QString by;
};

struct OpsStatus
{
    ModeState safeMode;
    ModeState writeDrain;
    EmergencyMode emergencyMode;
    int quarantinedAgents = 0;
    QString version;
    QString instance;
    QDateTime startedAt;
};

/// The 202 of POST /api/ops/restart and the answers of /api/sim/* mutations: status and body.
struct Acknowledgement
{
    int httpStatus = 0;
    QJsonObject body;
};

// ---- Agents ---------------------------------------------------------------------------------

enum class AgentStatus { Active, Degraded, Quarantined };

struct Quarantine
{
    QDateTime since;
    QString reason;
    QString by;
    QDateTime expiresAt; ///< invalid = no expiry
};

struct Agent
{
    QString id;
    QString name;
    QString description;
    AgentStatus status = AgentStatus::Active;
    qint64 queueDepth = 0;
    std::optional<Quarantine> quarantine;
};

struct AgentList
{
    QList<Agent> agents;
    int total = 0;
};

// ---- Dead-letter queue ----------------------------------------------------------------------

struct DeadLetterRecord
{
    QString id;
    QString conduitId; ///< "<port>::<cluster>::<tool>"
    QString traceId;
    QString toolId;
    QString portId;
    QString clusterId;
    QString error;
    QString errorType; ///< "TIMEOUT" | "FAILURE" | "ERROR"
    QDateTime timestamp;
    int attempts = 0;
};

enum class ReplayPhase { Running, Paused, Done, Stopped };

struct ReplayState
{
    QString id;
    ReplayPhase state = ReplayPhase::Running;
    double rateLimit = 0; ///< messages per second
    qint64 maxMessages = 0;
    qint64 replayed = 0;
    qint64 failed = 0;
    qint64 remaining = 0;
    QDateTime startedAt;
};

struct DeadLetterStatus
{
    qint64 depth = 0;
    QDateTime oldestAt; ///< invalid when the queue is empty
    double messagesPerMinute = 0;
    QMap<QString, qint64> byErrorType;
    QMap<QString, qint64> byConduit;
    std::optional<ReplayState> replay;
    QList<DeadLetterRecord> recent; ///< at most 50
};

/// Body of POST /api/dead-letter/replay.
struct ReplayRequest
{
    int rateLimit = 10; ///< 1..1000 messages per second
    int maxMessages = 100; ///< 1..100000
    QString reason;
    QString errorType; ///< optional filter, empty = all
    QString conduitId; ///< optional filter, empty = all
};

// ---- Circuit breakers -----------------------------------------------------------------------

enum class BreakerState { Closed, Open, HalfOpen };

struct CircuitBreaker
{
    QString name;
    BreakerState state = BreakerState::Closed;
    int failureCount = 0;
    QDateTime lastFailureAt;
    QDateTime nextAttemptAt;
    bool forced = false;
};

struct BreakerList
{
    QList<CircuitBreaker> breakers;
    QDateTime timestamp;
};

// ---- Simulator only -------------------------------------------------------------------------

/// Body of POST /api/sim/chaos. All zero / empty = chaos off (sent as `{}`).
struct ChaosSettings
{
    int latencyMs = 0;
    int jitterMs = 0;
    double errorRate = 0;
    double malformedRate = 0;
    double dropRate = 0;
    double hangRate = 0;
    int slowBytesPerSecond = 0;
    QStringList paths; ///< path prefixes it applies to; empty = all but /api/sim/*
    QString malformedKind; ///< "truncated" | "html" | "mixed"; empty = server default

    bool isOff() const
    {
        return latencyMs == 0 && jitterMs == 0 && errorRate == 0 && malformedRate == 0
            && dropRate == 0 && hangRate == 0 && slowBytesPerSecond == 0;
    }
};

struct SimState
{
    QString scenario; ///< "none", "db-outage", ...
    QDateTime clockNow;
    double speed = 1;
    QJsonObject chaos;
    QJsonObject http; ///< openConnections, requestsByPath, maxInFlightByPath, executedMutations
    QJsonObject raw; ///< the whole answer, for fields this struct does not name

    /// http.maxInFlightByPath[path], 0 if absent.
    int maxInFlight(const QString &path) const
    {
        return http.value(QLatin1String("maxInFlightByPath")).toObject().value(path).toInt();
    }
    /// http.executedMutations[path], 0 if absent.
    int executedMutations(const QString &path) const
    {
        return http.value(QLatin1String("executedMutations")).toObject().value(path).toInt();
    }
    /// http.requestsByPath[path], 0 if absent.
    int requests(const QString &path) const
    {
        return http.value(QLatin1String("requestsByPath")).toObject().value(path).toInt();
    }
};

// ---- Application stand-in -------------------------------------------------------------------

struct Dream
{
    QString id;
    QString title;
    QDateTime createdAt;
};

struct DreamPage
{
    QList<Dream> items;
};
