#pragma once

// Good samples of every Ops API v1 answer, written from /work/shared/ops-api.md, for the
// table-driven mapping tests (N20).
namespace JsonSamples {

inline constexpr const char *live
    = R"({"status":"alive","timestamp":"2026-11-29T10:00:00.123Z","uptime":812.4,"pid":4242})";

inline constexpr const char *ready = R"({"ready":false,"checks":{"database":"not-configured",
 "database_error":"connect ECONNREFUSED 10.0.0.5:5432","environment":true,"disk":true,
 "healthGates":{"ready":true,"gates":4,"criticalReady":true}},"timestamp":"2026-11-29T10:00:00Z"})";

inline constexpr const char *health = R"({"ok":true,"service":"dreamnet-api",
 "timestamp":"2026-11-29T10:00:00Z","uptime":12.5,"database":"healthy","metrics":{
 "requestsPerSecond":41.2,"errorRate":0.013,"latency":{"p50":38,"p95":210,"p99":640},
 "memory":{"used":181.5,"total":512}}})";

inline constexpr const char *gates = R"({"ok":true,"ready":true,"criticalReady":true,"gates":[
 {"serviceId":"database","name":"Database","ready":true,"consecutivePasses":3,"requiredPasses":3,
  "critical":true,"lastCheck":"2026-11-29T09:59:58Z"},
 {"serviceId":"openai","name":"OpenAI","ready":false,"consecutivePasses":1,"requiredPasses":3,
  "critical":false,"lastCheck":null}],"timestamp":"2026-11-29T10:00:00Z"})";

inline constexpr const char *metrics = R"({"ok":true,"timestamp":"2026-11-29T10:00:00.000Z",
 "instance":"sim-1","goldenSignals":{
   "traffic":{"requestsPerSecond":41.2,"activeConnections":12,"requestsTotal":912345},
   "errors":{"errorRate":0.013,"status4xx":1201,"status5xx":230},
   "latency":{"p50":38,"p95":210,"p99":640},
   "saturation":{"cpu":{"user":123456789,"system":2345678},"memory":{"rss":190000000,
     "heapTotal":0,"heapUsed":0,"external":0,"arrayBuffers":0},"queueDepth":17}},
 "watchdogs":{
   "processHealth":{"eventLoopDelayMs":3.1,"heartbeatMs":1764410000000,"uptime":812.4},
   "queueDepth":{"perAgent":{"citadel":9,"drone-dome":8},"total":17},
   "dlqRate":{"messagesPerMinute":0.5,"totalMessages":42},
   "aiCallLatency":{"p99":900,"average":310,"totalCalls":5120}}})";

// clang-format off
#define DREAMOPS_SAMPLE_FLAG R"({"name":"ai_embeddings_enabled","enabled":true,"envVar":"AI_EMBEDDINGS_ENABLED", "default":true,"brownout":true,"brownoutFallback":"hash-based embeddings", "description":"Embeddings via OpenAI","reason":null,"updatedAt":null,"updatedBy":null})"
// clang-format on

// clang-format off
#define DREAMOPS_SAMPLE_EMERGENCY R"({"active":true,"reason":"openai outage","activatedAt":"2026-11-29T10:00:00Z", "activatedBy":"alice"})"
// clang-format on

inline constexpr const char *flags = R"({"ok":true,"flags":[)" DREAMOPS_SAMPLE_FLAG
                                     R"(],"emergencyMode":)" DREAMOPS_SAMPLE_EMERGENCY R"(})";
inline constexpr const char *flagAnswer = R"({"ok":true,"flag":)" DREAMOPS_SAMPLE_FLAG R"(})";
inline constexpr const char *emergencyAnswer
    = R"({"ok":true,"emergencyMode":)" DREAMOPS_SAMPLE_EMERGENCY R"(})";

// clang-format off
#define DREAMOPS_SAMPLE_MODE R"({"enabled":true,"reason":"incident 42","since":"2026-11-29T10:00:00Z","by":"alice"})"
// clang-format on

inline constexpr const char *opsStatus
    = R"({"ok":true,"safeMode":)" DREAMOPS_SAMPLE_MODE
      R"(,"writeDrain":{"enabled":false,"reason":null,"since":null,"by":null},
 "emergencyMode":{"active":false,"reason":null,"activatedAt":null,"activatedBy":null},
 "quarantinedAgents":1,"version":"1.4.2","instance":"sim-1","startedAt":"2026-11-29T09:00:00Z"})";
inline constexpr const char *safeModeAnswer
    = R"({"ok":true,"safeMode":)" DREAMOPS_SAMPLE_MODE R"(})";
inline constexpr const char *writeDrainAnswer
    = R"({"ok":true,"writeDrain":)" DREAMOPS_SAMPLE_MODE R"(})";

// clang-format off
#define DREAMOPS_SAMPLE_AGENT R"({"id":"citadel","name":"Citadel","description":"Security agent","status":"quarantined", "queueDepth":9,"quarantine":{"since":"2026-11-29T10:00:00Z","reason":"error spike","by":"alice", "expiresAt":null}})"
// clang-format on

inline constexpr const char *agents
    = R"({"ok":true,"agents":[)" DREAMOPS_SAMPLE_AGENT
      R"(,{"id":"drone-dome","name":"Drone Dome","description":"","status":"active","queueDepth":8,
 "quarantine":null}],"total":2})";
inline constexpr const char *agentAnswer = R"({"ok":true,"agent":)" DREAMOPS_SAMPLE_AGENT R"(})";

// clang-format off
#define DREAMOPS_SAMPLE_REPLAY R"({"id":"replay-1","state":"running","rateLimit":10,"maxMessages":100,"replayed":5, "failed":1,"remaining":94,"startedAt":"2026-11-29T10:00:00Z"})"
// clang-format on

inline constexpr const char *deadLetter = R"({"ok":true,"depth":42,
 "oldestAt":"2026-11-29T09:00:00Z","messagesPerMinute":0.5,
 "byErrorType":{"TIMEOUT":10,"FAILURE":20,"ERROR":12},"byConduit":{"p1::c1::embed":42},
 "replay":)" DREAMOPS_SAMPLE_REPLAY R"(,"recent":[{"id":"dl-1","conduitId":"p1::c1::embed",
 "traceId":"abc","toolId":"embed","portId":"p1","clusterId":"c1","error":"429 Too Many Requests",
 "errorType":"FAILURE","timestamp":"2026-11-29T09:59:00Z","attempts":2}]})";
inline constexpr const char *replayAnswer = R"({"ok":true,"replay":)" DREAMOPS_SAMPLE_REPLAY R"(})";

// clang-format off
#define DREAMOPS_SAMPLE_BREAKER R"({"name":"database","state":"half-open","failureCount":5, "lastFailureAt":"2026-11-29T09:59:00Z","nextAttemptAt":null,"forced":false})"
// clang-format on

inline constexpr const char *breakers = R"({"ok":true,"breakers":[)" DREAMOPS_SAMPLE_BREAKER
                                        R"(],"timestamp":"2026-11-29T10:00:00Z"})";
inline constexpr const char *breakerAnswer
    = R"({"ok":true,"breaker":)" DREAMOPS_SAMPLE_BREAKER R"(})";

inline constexpr const char *simState = R"({"ok":true,"scenario":"error-spike",
 "clock":{"now":"2026-11-29T10:00:00Z","speed":10},"chaos":{"latencyMs":100},
 "http":{"openConnections":2,"requestsByPath":{"/api/metrics":30},
 "maxInFlightByPath":{"/api/metrics":1},"executedMutations":{"/api/dreams":2}}})";

inline constexpr const char *dreams = R"({"ok":true,"dreams":[{"id":"d-1","title":"Flying",
 "createdAt":"2026-11-29T10:00:00Z"},{"id":7,"title":"Falling","createdAt":null}]})";
inline constexpr const char *dreamAnswer
    = R"({"ok":true,"dream":{"id":"d-2","title":"Sea","createdAt":"2026-11-29T10:00:00Z"}})";

} // namespace JsonSamples
