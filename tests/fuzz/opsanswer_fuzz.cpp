#include "fuzztargets.h"

#include "jsonmapping.h"

#include <QByteArray>

namespace {

// A refused answer names its kind and has a sentence; the mapping never invents another kind.
template<typename T>
const char *check(const ApiResult<T> &result)
{
    if (result.ok())
        return nullptr;
    if (result.error().kind != ApiError::Kind::InvalidShape
        && result.error().kind != ApiError::Kind::InvalidJson)
        return "the mapping refused with a kind other than invalid JSON or shape";
    if (result.error().userMessage().isEmpty())
        return "a refusal without a sentence";
    return nullptr;
}

} // namespace

const char *FuzzTargets::opsAnswer(const std::uint8_t *data, std::size_t size)
{
    const QByteArray body
        = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    const ApiResult<QJsonObject> object = JsonMapping::parseObject(body);
    if (const char *broken = check(object))
        return broken;
    if (!object.ok())
        return nullptr;
    // Every endpoint's mapping on the same object: one of them is what the server meant.
    const QJsonObject &json = object.value();
    using namespace JsonMapping;
    for (const char *broken :
         {check(parseLiveStatus(json)),       check(parseReadyStatus(json)),
          check(parseHealthStatus(json)),     check(parseHealthGates(json)),
          check(parseMetricsSnapshot(json)),  check(parseFlagList(json)),
          check(parseFlagAnswer(json)),       check(parseEmergencyAnswer(json)),
          check(parseOpsStatus(json)),        check(parseSafeModeAnswer(json)),
          check(parseWriteDrainAnswer(json)), check(parseAgentList(json)),
          check(parseAgentAnswer(json)),      check(parseDeadLetterStatus(json)),
          check(parseReplayAnswer(json)),     check(parseBreakerList(json)),
          check(parseBreakerAnswer(json)),    check(parseSimState(json)),
          check(parseDreamPage(json)),        check(parseDreamAnswer(json))}) {
        if (broken)
            return broken;
    }
    return nullptr;
}
