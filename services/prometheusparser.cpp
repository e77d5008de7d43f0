#include "prometheusparser.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QLocale>

#include <cmath>
#include <limits>

namespace {

PromReply failure(PrometheusError e, PrometheusError::Kind kind, const QString &detail = {})
{
    e.kind = kind;
    if (!detail.isEmpty())
        e.detail = detail;
    PromReply reply;
    reply.error = std::move(e);
    return reply;
}

/// [1712345678.123, "42"] -> sample; false when the pair is malformed.
bool readPair(const QJsonValue &value, PromSample *sample)
{
    const QJsonArray pair = value.toArray();
    if (pair.size() != 2 || !pair.at(0).isDouble() || !pair.at(1).isString())
        return false;
    const auto v = PrometheusParser::parseValue(pair.at(1).toString());
    if (!v)
        return false;
    sample->time = pair.at(0).toDouble();
    sample->value = *v;
    return true;
}

/// Reads one element of data.result; `budget` is how many samples the answer may still hold.
/// False with `why` set when it is malformed, with `*overBudget` also set when it holds too many.
bool readSeries(const QJsonObject &object,
                bool matrix,
                qsizetype *budget,
                PromSeries *series,
                QString *why,
                bool *overBudget)
{
    const QJsonObject metric = object.value(QLatin1String("metric")).toObject();
    for (auto it = metric.constBegin(); it != metric.constEnd(); ++it)
        series->metric.insert(it.key(), it.value().toString());
    if (!matrix) {
        PromSample sample;
        if (!readPair(object.value(QLatin1String("value")), &sample)) {
            *why = QStringLiteral("a vector element without a [time, \"value\"] pair");
            return false;
        }
        if (*budget < 1) {
            *overBudget = true;
            return false;
        }
        --*budget;
        series->samples.push_back(sample);
        return true;
    }
    const QJsonValue values = object.value(QLatin1String("values"));
    if (!values.isArray()) {
        *why = QStringLiteral("a matrix series without values");
        return false;
    }
    const QJsonArray array = values.toArray();
    if (array.size() > *budget) {
        *overBudget = true;
        return false;
    }
    *budget -= array.size();
    series->samples.reserve(std::size_t(array.size()));
    for (const QJsonValue &v : array) {
        PromSample sample;
        if (!readPair(v, &sample)) {
            *why = QStringLiteral("a matrix value that is not a [time, \"value\"] pair");
            return false;
        }
        series->samples.push_back(sample);
    }
    return true;
}

} // namespace

std::optional<double> PrometheusParser::parseValue(QStringView text)
{
    if (text == QLatin1String("NaN"))
        return std::numeric_limits<double>::quiet_NaN();
    if (text == QLatin1String("+Inf") || text == QLatin1String("Inf"))
        return std::numeric_limits<double>::infinity();
    if (text == QLatin1String("-Inf"))
        return -std::numeric_limits<double>::infinity();
    bool ok = false;
    const double v = text.toDouble(&ok);
    if (!ok || !std::isfinite(v))
        return std::nullopt;
    return v;
}

PromReply PrometheusParser::parse(int httpStatus,
                                  const QByteArray &body,
                                  const QString &contentType,
                                  const PrometheusError &context,
                                  const PrometheusLimits &limits)
{
    PrometheusError e = context;
    e.httpStatus = httpStatus;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    const bool isJson = parseError.error == QJsonParseError::NoError && doc.isObject();
    const QJsonObject root = doc.object();

    // Prometheus's error body comes with 400 (bad_data), 422 (execution), 503 (timeout) and
    // sometimes 200 behind proxies: the body decides.
    if (isJson && root.value(QLatin1String("status")).toString() == QLatin1String("error")) {
        e.errorType = root.value(QLatin1String("errorType")).toString();
        e.serverMessage = root.value(QLatin1String("error")).toString();
        return failure(e, PrometheusError::Kind::Query);
    }
    if (httpStatus >= 400)
        return failure(e, PrometheusError::Kind::Http);
    const bool declaredJson = contentType.contains(QLatin1String("json"), Qt::CaseInsensitive);
    if ((!contentType.isEmpty() && !declaredJson) || body.trimmed().startsWith('<')) {
        e.contentType = contentType.isEmpty() ? QStringLiteral("looks like HTML") : contentType;
        return failure(e, PrometheusError::Kind::NotJson);
    }
    if (parseError.error != QJsonParseError::NoError)
        return failure(e, PrometheusError::Kind::InvalidJson, parseError.errorString());
    if (!isJson)
        return failure(e, PrometheusError::Kind::InvalidShape,
                       QStringLiteral("the answer is not an object"));
    if (root.value(QLatin1String("status")).toString() != QLatin1String("success"))
        return failure(e, PrometheusError::Kind::InvalidShape,
                       QStringLiteral("no \"status\":\"success\""));

    PromReply reply;
    for (const QJsonValue &w : root.value(QLatin1String("warnings")).toArray())
        reply.data.warnings.append(w.toString());
    const QJsonObject data = root.value(QLatin1String("data")).toObject();
    const QString type = data.value(QLatin1String("resultType")).toString();
    const QJsonValue result = data.value(QLatin1String("result"));
    if (type == QLatin1String("scalar")) {
        PromSeries series;
        PromSample sample;
        if (!readPair(result, &sample))
            return failure(e, PrometheusError::Kind::InvalidShape,
                           QStringLiteral("a scalar without a [time, \"value\"] pair"));
        series.samples.push_back(sample);
        reply.data.resultType = PromData::ResultType::Scalar;
        reply.data.series.push_back(std::move(series));
        return reply;
    }
    const bool matrix = type == QLatin1String("matrix");
    if (!matrix && type != QLatin1String("vector"))
        return failure(
            e, PrometheusError::Kind::InvalidShape,
            QStringLiteral("resultType \"%1\" is not vector, matrix or scalar").arg(type));
    if (!result.isArray())
        return failure(e, PrometheusError::Kind::InvalidShape,
                       QStringLiteral("data.result is not an array"));
    reply.data.resultType = matrix ? PromData::ResultType::Matrix : PromData::ResultType::Vector;
    const QJsonArray array = result.toArray();
    // Digits grouped ("3,412 series") whatever the desktop's language: the sentence is English.
    QLocale locale = QLocale::c();
    locale.setNumberOptions({});
    if (array.size() > limits.maxSeries)
        return failure(e, PrometheusError::Kind::TooManySamples,
                       QStringLiteral("%1 series (at most %2)")
                           .arg(locale.toString(array.size()), locale.toString(limits.maxSeries)));
    reply.data.series.reserve(std::size_t(array.size()));
    qsizetype budget = limits.maxSamples;
    for (const QJsonValue &element : array) {
        PromSeries series;
        QString why;
        bool overBudget = false;
        if (!readSeries(element.toObject(), matrix, &budget, &series, &why, &overBudget)) {
            if (overBudget)
                return failure(
                    e, PrometheusError::Kind::TooManySamples,
                    QStringLiteral("more than %1 samples").arg(locale.toString(limits.maxSamples)));
            return failure(e, PrometheusError::Kind::InvalidShape, why);
        }
        reply.data.series.push_back(std::move(series));
    }
    return reply;
}
