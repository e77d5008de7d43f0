#include "jsonmapping.h"

#include "dtoreaders.h"
#include "jsonreader.h"

#include <QJsonDocument>
#include <QJsonParseError>

using P = JsonReader::Presence;
using namespace DtoReaders;

namespace {

template<typename T>
ApiResult<T> finish(const JsonReader &r, T value)
{
    if (r.failed()) {
        ApiError e;
        e.kind = ApiError::Kind::InvalidShape;
        e.detail = r.error();
        return ApiResult<T>::failure(std::move(e));
    }
    return ApiResult<T>::success(std::move(value));
}

template<typename T, typename Fn>
QList<T> readList(JsonReader &r, const char *key, Fn readOne, P presence = P::Required)
{
    QList<T> out;
    const QJsonArray array = r.array(key, presence);
    out.reserve(array.size());
    for (qsizetype i = 0; i < array.size() && !r.failed(); ++i)
        out.append(readOne(r.element(array, key, i)));
    return out;
}

// The answers that wrap one object under a key: {"ok":true,"flag":{…}} and the like.
template<typename T>
ApiResult<T> readWrapped(const QJsonObject &json, const char *key, T (*readOne)(JsonReader))
{
    JsonReader r(json);
    const T value = readOne(r.object(key));
    return finish(r, value);
}

} // namespace

namespace JsonMapping {

ApiResult<QJsonObject> parseObject(const QByteArray &bytes)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parseError);
    ApiError e;
    if (parseError.error != QJsonParseError::NoError) {
        e.kind = ApiError::Kind::InvalidJson;
        e.detail
            = QStringLiteral("%1 at byte %2").arg(parseError.errorString()).arg(parseError.offset);
        return ApiResult<QJsonObject>::failure(e);
    }
    if (!doc.isObject()) {
        e.kind = ApiError::Kind::InvalidShape;
        e.detail = QStringLiteral("the answer is not a JSON object");
        return ApiResult<QJsonObject>::failure(e);
    }
    return ApiResult<QJsonObject>::success(doc.object());
}

ApiResult<LiveStatus> parseLiveStatus(const QJsonObject &json)
{
    JsonReader r(json);
    LiveStatus s;
    s.status = r.string("status");
    s.timestamp = r.dateTime("timestamp", P::Optional);
    s.uptime = r.number("uptime", P::Optional);
    s.pid = r.integer("pid", P::Optional);
    return finish(r, s);
}

ApiResult<ReadyStatus> parseReadyStatus(const QJsonObject &json)
{
    JsonReader r(json);
    ReadyStatus s;
    s.ready = r.boolean("ready");
    s.timestamp = r.dateTime("timestamp", P::Optional);
    JsonReader c = r.object("checks");
    const QJsonValue db = c.raw("database");
    if (db.isBool())
        s.checks.database = db.toBool() ? DatabaseCheck::Ok : DatabaseCheck::Failed;
    else if (db.toString() == QLatin1String("not-configured"))
        s.checks.database = DatabaseCheck::NotConfigured;
    else
        c.fail(QStringLiteral("database"),
               QStringLiteral("is not a boolean or \"not-configured\""));
    s.checks.databaseError = c.string("database_error", P::Optional);
    s.checks.environment = c.boolean("environment", P::Optional);
    s.checks.disk = c.boolean("disk", P::Optional);
    if (c.has("healthGates")) {
        JsonReader g = c.object("healthGates");
        s.checks.gatesReady = g.boolean("ready");
        s.checks.gatesCriticalReady = g.boolean("criticalReady", P::Optional);
        const QJsonValue gates = g.raw("gates");
        if (gates.isArray())
            s.checks.gateCount = int(gates.toArray().size());
        else if (gates.isDouble() || gates.isUndefined() || gates.isNull())
            s.checks.gateCount = int(g.integer("gates", P::Optional));
        else
            g.fail(QStringLiteral("gates"), QStringLiteral("is not a count or an array"));
    }
    return finish(r, s);
}

ApiResult<HealthStatus> parseHealthStatus(const QJsonObject &json)
{
    JsonReader r(json);
    HealthStatus s;
    s.ok = r.boolean("ok");
    s.service = r.string("service", P::Optional);
    s.timestamp = r.dateTime("timestamp", P::Optional);
    s.uptime = r.number("uptime", P::Optional);
    s.database = r.string("database");
    JsonReader m = r.object("metrics");
    s.requestsPerSecond = m.number("requestsPerSecond");
    s.errorRate = m.number("errorRate");
    JsonReader l = m.object("latency");
    s.latencyP50Ms = l.number("p50");
    s.latencyP95Ms = l.number("p95");
    s.latencyP99Ms = l.number("p99");
    JsonReader mem = m.object("memory");
    s.memoryUsedMb = mem.number("used");
    s.memoryTotalMb = mem.number("total");
    return finish(r, s);
}

ApiResult<HealthGates> parseHealthGates(const QJsonObject &json)
{
    JsonReader r(json);
    HealthGates s;
    s.ready = r.boolean("ready");
    s.criticalReady = r.boolean("criticalReady");
    s.gates = readList<HealthGate>(r, "gates", readGate);
    s.timestamp = r.dateTime("timestamp", P::Optional);
    return finish(r, s);
}

ApiResult<MetricsSnapshot> parseMetricsSnapshot(const QJsonObject &json)
{
    JsonReader r(json);
    MetricsSnapshot s;
    s.timestamp = r.dateTime("timestamp");
    s.instance = r.string("instance", P::Optional);
    JsonReader gs = r.object("goldenSignals");
    GoldenSignals &g = s.goldenSignals;
    JsonReader traffic = gs.object("traffic");
    g.requestsPerSecond = traffic.number("requestsPerSecond");
    g.activeConnections = traffic.integer("activeConnections", P::Optional);
    g.requestsTotal = traffic.integer("requestsTotal");
    JsonReader errors = gs.object("errors");
    g.errorRate = errors.number("errorRate");
    g.status4xx = errors.integer("status4xx");
    g.status5xx = errors.integer("status5xx");
    JsonReader latency = gs.object("latency");
    g.latencyP50 = latency.number("p50");
    g.latencyP95 = latency.number("p95");
    g.latencyP99 = latency.number("p99");
    JsonReader saturation = gs.object("saturation");
    JsonReader cpu = saturation.object("cpu");
    g.cpuUserMicros = cpu.integer("user");
    g.cpuSystemMicros = cpu.integer("system");
    JsonReader memory = saturation.object("memory");
    g.memoryRss = memory.integer("rss");
    g.heapTotal = memory.integer("heapTotal", P::Optional);
    g.heapUsed = memory.integer("heapUsed", P::Optional);
    g.external = memory.integer("external", P::Optional);
    g.arrayBuffers = memory.integer("arrayBuffers", P::Optional);
    g.queueDepth = saturation.integer("queueDepth", P::Optional);

    JsonReader wd = r.object("watchdogs");
    Watchdogs &w = s.watchdogs;
    JsonReader process = wd.object("processHealth");
    w.eventLoopDelayMs = process.number("eventLoopDelayMs");
    w.heartbeatMs = process.integer("heartbeatMs", P::Optional);
    w.uptime = process.number("uptime", P::Optional);
    JsonReader queue = wd.object("queueDepth");
    w.queueDepthPerAgent = queue.integerMap("perAgent");
    w.queueDepthTotal = queue.integer("total");
    JsonReader dlq = wd.object("dlqRate");
    w.dlqMessagesPerMinute = dlq.number("messagesPerMinute");
    w.dlqTotalMessages = dlq.integer("totalMessages");
    JsonReader ai = wd.object("aiCallLatency");
    w.aiCallLatencyP99 = ai.number("p99");
    w.aiCallLatencyAverage = ai.number("average", P::Optional);
    w.aiTotalCalls = ai.integer("totalCalls");
    return finish(r, s);
}

ApiResult<FlagList> parseFlagList(const QJsonObject &json)
{
    JsonReader r(json);
    FlagList s;
    s.flags = readList<IntegrationFlag>(r, "flags", readFlag);
    s.emergencyMode = readEmergency(r.object("emergencyMode"));
    return finish(r, s);
}

ApiResult<IntegrationFlag> parseFlagAnswer(const QJsonObject &json)
{
    return readWrapped(json, "flag", readFlag);
}

ApiResult<EmergencyMode> parseEmergencyAnswer(const QJsonObject &json)
{
    return readWrapped(json, "emergencyMode", readEmergency);
}

ApiResult<OpsStatus> parseOpsStatus(const QJsonObject &json)
{
    JsonReader r(json);
    OpsStatus s;
    s.safeMode = readMode(r.object("safeMode"));
    s.writeDrain = readMode(r.object("writeDrain"));
    s.emergencyMode = readEmergency(r.object("emergencyMode"));
    s.quarantinedAgents = int(r.integer("quarantinedAgents"));
    s.version = r.string("version", P::Optional);
    s.instance = r.string("instance", P::Optional);
    s.startedAt = r.dateTime("startedAt", P::Optional);
    return finish(r, s);
}

ApiResult<ModeState> parseSafeModeAnswer(const QJsonObject &json)
{
    return readWrapped(json, "safeMode", readMode);
}

ApiResult<ModeState> parseWriteDrainAnswer(const QJsonObject &json)
{
    return readWrapped(json, "writeDrain", readMode);
}

ApiResult<AgentList> parseAgentList(const QJsonObject &json)
{
    JsonReader r(json);
    AgentList s;
    s.agents = readList<Agent>(r, "agents", readAgent);
    s.total = r.has("total") ? int(r.integer("total")) : int(s.agents.size());
    return finish(r, s);
}

ApiResult<Agent> parseAgentAnswer(const QJsonObject &json)
{
    return readWrapped(json, "agent", readAgent);
}

ApiResult<DeadLetterStatus> parseDeadLetterStatus(const QJsonObject &json)
{
    JsonReader r(json);
    DeadLetterStatus s;
    s.depth = r.integer("depth");
    s.oldestAt = r.dateTime("oldestAt", P::Optional);
    s.messagesPerMinute = r.number("messagesPerMinute", P::Optional);
    s.byErrorType = r.integerMap("byErrorType", P::Optional);
    s.byConduit = r.integerMap("byConduit", P::Optional);
    if (r.has("replay"))
        s.replay = readReplay(r.object("replay"));
    s.recent = readList<DeadLetterRecord>(r, "recent", readRecord, P::Optional);
    return finish(r, s);
}

ApiResult<ReplayState> parseReplayAnswer(const QJsonObject &json)
{
    return readWrapped(json, "replay", readReplay);
}

ApiResult<BreakerList> parseBreakerList(const QJsonObject &json)
{
    JsonReader r(json);
    BreakerList s;
    s.breakers = readList<CircuitBreaker>(r, "breakers", readBreaker);
    s.timestamp = r.dateTime("timestamp", P::Optional);
    return finish(r, s);
}

ApiResult<CircuitBreaker> parseBreakerAnswer(const QJsonObject &json)
{
    return readWrapped(json, "breaker", readBreaker);
}

ApiResult<SimState> parseSimState(const QJsonObject &json)
{
    JsonReader r(json);
    SimState s;
    s.raw = json;
    if (r.hasObject("scenario"))
        s.scenario = r.object("scenario").string("name");
    else
        s.scenario = r.string("scenario");
    if (r.has("clock")) {
        JsonReader c = r.object("clock");
        s.clockNow = c.dateTime("now", P::Optional);
        s.speed = c.has("speed") ? c.number("speed") : 1.0;
    }
    r.object("chaos", P::Optional); // type check: an object when present
    s.chaos = r.raw("chaos").toObject();
    r.object("http", P::Optional);
    s.http = r.raw("http").toObject();
    return finish(r, s);
}

ApiResult<DreamPage> parseDreamPage(const QJsonObject &json)
{
    JsonReader r(json);
    DreamPage p;
    p.items = readList<Dream>(r, r.has("dreams") ? "dreams" : "items", readDream);
    return finish(r, p);
}

ApiResult<Dream> parseDreamAnswer(const QJsonObject &json)
{
    return readWrapped(json, "dream", readDream);
}

ApiResult<QJsonObject> parseAnyObject(const QJsonObject &json)
{
    return ApiResult<QJsonObject>::success(json);
}

} // namespace JsonMapping
