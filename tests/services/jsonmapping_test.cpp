// N20: every DTO mapping, table-driven, without a socket: the good sample from the contract, a
// missing field, a wrong type, NaN/inf/huge numbers, 10k-deep nesting, extra fields, not an
// object. The mapping must answer with a typed error naming the field, never crash.
#include "jsonmapping.h"
#include "jsonsamples.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <limits>
#include <optional>
#include <ostream>
#include <vector>

namespace {

// nullopt = parsed fine; otherwise the error (kind + detail).
using Outcome = std::optional<ApiError>;

template<typename T>
std::function<Outcome(const QJsonObject &)> mapper(ApiResult<T> (*parse)(const QJsonObject &))
{
    return [parse](const QJsonObject &o) -> Outcome {
        const ApiResult<T> r = parse(o);
        return r.ok() ? Outcome {} : Outcome {r.error()};
    };
}

struct Case
{
    const char *name;
    const char *sample;
    std::function<Outcome(const QJsonObject &)> parse;
    const char *requiredPath; ///< dotted path, array indices as numbers
    const char *numberPath; ///< a numeric field (NaN / inf checks)
    const char *integerPath; ///< an integer field (beyond 2^53 check), may be null
};

QString shown(const QString &dotted)
{
    // "flags.0.name" is reported as "flags[0].name".
    QStringList parts = dotted.split(QLatin1Char('.'));
    QString out;
    for (const QString &p : std::as_const(parts)) {
        bool isIndex = false;
        p.toInt(&isIndex);
        if (isIndex)
            out += QLatin1Char('[') + p + QLatin1Char(']');
        else
            out += (out.isEmpty() ? QString() : QStringLiteral(".")) + p;
    }
    return out;
}

QJsonValue edit(const QJsonValue &node, QStringList path, const std::optional<QJsonValue> &value)
{
    const QString head = path.takeFirst();
    if (node.isArray()) {
        QJsonArray a = node.toArray();
        const int i = head.toInt();
        if (path.isEmpty())
            a[i] = value.value_or(QJsonValue());
        else
            a[i] = edit(a.at(i), path, value);
        return a;
    }
    QJsonObject o = node.toObject();
    if (path.isEmpty()) {
        if (value)
            o.insert(head, *value);
        else
            o.remove(head);
    } else {
        o.insert(head, edit(o.value(head), path, value));
    }
    return o;
}

QJsonObject edited(const QJsonObject &o, const char *dotted, const std::optional<QJsonValue> &v)
{
    return edit(o, QString::fromLatin1(dotted).split(QLatin1Char('.')), v).toObject();
}

QJsonObject sampleOf(const Case &c)
{
    const auto r = JsonMapping::parseObject(QByteArray(c.sample));
    EXPECT_TRUE(r.ok()) << c.name << ": sample does not parse: "
                        << (r.ok() ? "" : r.error().detail.toStdString());
    return r.ok() ? r.value() : QJsonObject();
}

void expectShapeError(const Outcome &out, const char *path, const char *why)
{
    ASSERT_TRUE(out.has_value()) << why << " at " << path << " was accepted";
    EXPECT_EQ(out->kind, ApiError::Kind::InvalidShape);
    EXPECT_TRUE(out->detail.contains(shown(QString::fromLatin1(path))))
        << why << ": detail '" << out->detail.toStdString() << "' does not name " << path;
}

const Case kCases[] = {
    {"live", JsonSamples::live, mapper(JsonMapping::parseLiveStatus), "status", "uptime", "pid"},
    {"ready", JsonSamples::ready, mapper(JsonMapping::parseReadyStatus), "checks.healthGates.ready",
     "checks.healthGates.gates", "checks.healthGates.gates"},
    {"health", JsonSamples::health, mapper(JsonMapping::parseHealthStatus), "metrics.latency.p99",
     "metrics.errorRate", nullptr},
    {"gates", JsonSamples::gates, mapper(JsonMapping::parseHealthGates),
     "gates.1.consecutivePasses", "gates.0.requiredPasses", "gates.0.requiredPasses"},
    {"metrics", JsonSamples::metrics, mapper(JsonMapping::parseMetricsSnapshot),
     "goldenSignals.latency.p99", "watchdogs.processHealth.eventLoopDelayMs",
     "goldenSignals.traffic.requestsTotal"},
    {"flags", JsonSamples::flags, mapper(JsonMapping::parseFlagList), "flags.0.enabled", nullptr,
     nullptr},
    {"flagAnswer", JsonSamples::flagAnswer, mapper(JsonMapping::parseFlagAnswer), "flag.name",
     nullptr, nullptr},
    {"emergencyAnswer", JsonSamples::emergencyAnswer, mapper(JsonMapping::parseEmergencyAnswer),
     "emergencyMode.active", nullptr, nullptr},
    {"opsStatus", JsonSamples::opsStatus, mapper(JsonMapping::parseOpsStatus), "safeMode.enabled",
     "quarantinedAgents", "quarantinedAgents"},
    {"safeModeAnswer", JsonSamples::safeModeAnswer, mapper(JsonMapping::parseSafeModeAnswer),
     "safeMode.enabled", nullptr, nullptr},
    {"writeDrainAnswer", JsonSamples::writeDrainAnswer, mapper(JsonMapping::parseWriteDrainAnswer),
     "writeDrain.enabled", nullptr, nullptr},
    {"agents", JsonSamples::agents, mapper(JsonMapping::parseAgentList), "agents.1.status",
     "agents.0.queueDepth", "agents.1.queueDepth"},
    {"agentAnswer", JsonSamples::agentAnswer, mapper(JsonMapping::parseAgentAnswer), "agent.id",
     "agent.queueDepth", "agent.queueDepth"},
    {"deadLetter", JsonSamples::deadLetter, mapper(JsonMapping::parseDeadLetterStatus),
     "recent.0.errorType", "messagesPerMinute", "depth"},
    {"replayAnswer", JsonSamples::replayAnswer, mapper(JsonMapping::parseReplayAnswer),
     "replay.state", "replay.rateLimit", "replay.remaining"},
    {"breakers", JsonSamples::breakers, mapper(JsonMapping::parseBreakerList), "breakers.0.state",
     "breakers.0.failureCount", "breakers.0.failureCount"},
    {"breakerAnswer", JsonSamples::breakerAnswer, mapper(JsonMapping::parseBreakerAnswer),
     "breaker.name", "breaker.failureCount", "breaker.failureCount"},
    {"simState", JsonSamples::simState, mapper(JsonMapping::parseSimState), "scenario",
     "clock.speed", nullptr},
    {"dreams", JsonSamples::dreams, mapper(JsonMapping::parseDreamPage), "dreams.1.title", nullptr,
     nullptr},
    {"dreamAnswer", JsonSamples::dreamAnswer, mapper(JsonMapping::parseDreamAnswer), "dream.title",
     nullptr, nullptr},
};

void PrintTo(const Case &c, std::ostream *os)
{
    *os << c.name;
}

std::vector<Case> casesWith(const char *Case::*field)
{
    std::vector<Case> out;
    for (const Case &c : kCases) {
        if (c.*field)
            out.push_back(c);
    }
    return out;
}

class JsonMappingN20 : public ::testing::TestWithParam<Case>
{
};
class JsonMappingNumbersN20 : public ::testing::TestWithParam<Case>
{
};
class JsonMappingIntegersN20 : public ::testing::TestWithParam<Case>
{
};

TEST_P(JsonMappingN20, N20_GoodSampleParses)
{
    const Outcome out = GetParam().parse(sampleOf(GetParam()));
    EXPECT_FALSE(out.has_value()) << (out ? out->detail.toStdString() : std::string());
}

TEST_P(JsonMappingN20, N20_MissingFieldIsNamed)
{
    const Case &c = GetParam();
    expectShapeError(c.parse(edited(sampleOf(c), c.requiredPath, std::nullopt)), c.requiredPath,
                     "missing field");
}

TEST_P(JsonMappingN20, N20_NullRequiredFieldIsNamed)
{
    const Case &c = GetParam();
    expectShapeError(c.parse(edited(sampleOf(c), c.requiredPath, QJsonValue(QJsonValue::Null))),
                     c.requiredPath, "null field");
}

TEST_P(JsonMappingN20, N20_WrongTypeIsNamed)
{
    const Case &c = GetParam();
    expectShapeError(c.parse(edited(sampleOf(c), c.requiredPath, QJsonArray {1, 2})),
                     c.requiredPath, "array instead of scalar");
    expectShapeError(
        c.parse(edited(sampleOf(c), c.requiredPath, QJsonObject {{QStringLiteral("x"), 1}})),
        c.requiredPath, "object instead of scalar");
}

TEST_P(JsonMappingNumbersN20, N20_NonFiniteNumbersRejected)
{
    const Case &c = GetParam();
    const QJsonObject good = sampleOf(c);
    expectShapeError(c.parse(edited(good, c.numberPath, std::numeric_limits<double>::quiet_NaN())),
                     c.numberPath, "NaN");
    expectShapeError(c.parse(edited(good, c.numberPath, std::numeric_limits<double>::infinity())),
                     c.numberPath, "+inf");
    expectShapeError(c.parse(edited(good, c.numberPath, -std::numeric_limits<double>::infinity())),
                     c.numberPath, "-inf");
    expectShapeError(c.parse(edited(good, c.numberPath, QStringLiteral("12"))), c.numberPath,
                     "number as string");
}

TEST_P(JsonMappingIntegersN20, N20_HugeIntegerRejected)
{
    const Case &c = GetParam();
    expectShapeError(c.parse(edited(sampleOf(c), c.integerPath, 1e300)), c.integerPath, "1e300");
    // 2^53 itself is fine: the mapping does not reject large but exact counters.
    EXPECT_FALSE(c.parse(edited(sampleOf(c), c.integerPath, 9007199254740992.0)).has_value());
}

TEST_P(JsonMappingN20, N20_ExtraFieldsIgnored)
{
    const Case &c = GetParam();
    QJsonObject o = sampleOf(c);
    o.insert(QStringLiteral("zz_future"),
             QJsonObject {{QStringLiteral("deep"), QJsonArray {1, 2}}});
    o.insert(QStringLiteral("ok"), true);
    // Also inside the object that holds the required field.
    QStringList parent = QString::fromLatin1(c.requiredPath).split(QLatin1Char('.'));
    parent.removeLast();
    if (!parent.isEmpty()) {
        const QString extraPath = parent.join(QLatin1Char('.')) + QStringLiteral(".zz_extra");
        o = edit(o, extraPath.split(QLatin1Char('.')), QJsonValue(QStringLiteral("x"))).toObject();
    }
    const Outcome out = c.parse(o);
    EXPECT_FALSE(out.has_value()) << (out ? out->detail.toStdString() : std::string());
}

TEST_P(JsonMappingN20, N20_DeepNestingIsAParseErrorNotACrash)
{
    const Case &c = GetParam();
    QByteArray text(c.sample);
    const int close = int(text.lastIndexOf('}'));
    constexpr int depth = 10000;
    text.insert(close, QByteArray(",\"deep\":") + QByteArray(depth, '[') + QByteArray(depth, ']'));
    const auto r = JsonMapping::parseObject(text);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ApiError::Kind::InvalidJson);
    EXPECT_FALSE(r.error().detail.isEmpty());
}

TEST_P(JsonMappingN20, N20_TruncatedIsInvalidJson)
{
    const QByteArray text(GetParam().sample);
    for (const int cut : {1, int(text.size()) / 2, int(text.size()) - 1}) {
        const auto r = JsonMapping::parseObject(text.left(cut));
        ASSERT_FALSE(r.ok()) << "cut at " << cut;
        EXPECT_EQ(r.error().kind, ApiError::Kind::InvalidJson);
    }
}

TEST_P(JsonMappingN20, N20_EmptyObjectIsAShapeError)
{
    const Outcome out = GetParam().parse(QJsonObject());
    ASSERT_TRUE(out.has_value());
    EXPECT_EQ(out->kind, ApiError::Kind::InvalidShape);
    EXPECT_TRUE(out->detail.startsWith(QLatin1String("field '"))) << out->detail.toStdString();
}

std::string caseName(const ::testing::TestParamInfo<Case> &param)
{
    return std::string(param.param.name);
}

INSTANTIATE_TEST_SUITE_P(AllDtos, JsonMappingN20, ::testing::ValuesIn(kCases), caseName);
INSTANTIATE_TEST_SUITE_P(NumericDtos,
                         JsonMappingNumbersN20,
                         ::testing::ValuesIn(casesWith(&Case::numberPath)),
                         caseName);
INSTANTIATE_TEST_SUITE_P(IntegerDtos,
                         JsonMappingIntegersN20,
                         ::testing::ValuesIn(casesWith(&Case::integerPath)),
                         caseName);

} // namespace
