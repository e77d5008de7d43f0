#pragma once

#include "apiresult.h"
#include "opsdto.h"

#include <QByteArray>
#include <QJsonObject>

/// JSON -> DTO mapping for the Ops API v1: pure functions, no I/O, used by OpsClient and tested
/// table-driven without a socket. Each returns InvalidShape naming the first missing or
/// wrong-typed field (e.g. "safeMode.enabled"); non-finite numbers and integers beyond 2^53 are
/// wrong types; unknown fields are ignored; nullable fields accept null.
namespace JsonMapping {

/// Parses bytes into an object: InvalidJson (with Qt's parse error, incl. too deep nesting) or
/// InvalidShape when the document is not an object.
ApiResult<QJsonObject> parseObject(const QByteArray &bytes);

ApiResult<LiveStatus> parseLiveStatus(const QJsonObject &json);
ApiResult<ReadyStatus> parseReadyStatus(const QJsonObject &json);
ApiResult<HealthStatus> parseHealthStatus(const QJsonObject &json);
ApiResult<HealthGates> parseHealthGates(const QJsonObject &json);
ApiResult<MetricsSnapshot> parseMetricsSnapshot(const QJsonObject &json);
ApiResult<FlagList> parseFlagList(const QJsonObject &json);
/// `{"ok":true,"flag":{…}}`
ApiResult<IntegrationFlag> parseFlagAnswer(const QJsonObject &json);
/// `{"ok":true,"emergencyMode":{…}}`
ApiResult<EmergencyMode> parseEmergencyAnswer(const QJsonObject &json);
ApiResult<OpsStatus> parseOpsStatus(const QJsonObject &json);
/// `{"ok":true,"safeMode":{…}}` or `{"ok":true,"writeDrain":{…}}`
ApiResult<ModeState> parseSafeModeAnswer(const QJsonObject &json);
ApiResult<ModeState> parseWriteDrainAnswer(const QJsonObject &json);
ApiResult<AgentList> parseAgentList(const QJsonObject &json);
/// `{"ok":true,"agent":{…}}`
ApiResult<Agent> parseAgentAnswer(const QJsonObject &json);
ApiResult<DeadLetterStatus> parseDeadLetterStatus(const QJsonObject &json);
/// `{"ok":true,"replay":{…}}`
ApiResult<ReplayState> parseReplayAnswer(const QJsonObject &json);
ApiResult<BreakerList> parseBreakerList(const QJsonObject &json);
/// `{"ok":true,"breaker":{…}}`
ApiResult<CircuitBreaker> parseBreakerAnswer(const QJsonObject &json);
ApiResult<SimState> parseSimState(const QJsonObject &json);
ApiResult<DreamPage> parseDreamPage(const QJsonObject &json);
/// `{"ok":true,"dream":{…}}`
ApiResult<Dream> parseDreamAnswer(const QJsonObject &json);
/// Any success body, kept as is.
ApiResult<QJsonObject> parseAnyObject(const QJsonObject &json);

} // namespace JsonMapping
