#pragma once

#include "prometheuserror.h"

#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

/// One point of a Prometheus answer: epoch seconds (fractional) and the value, which may be NaN
/// or ±Inf exactly as Prometheus sent it ("NaN", "+Inf").
struct PromSample
{
    double time = 0;
    double value = 0;
};

/// One series of a vector (one sample) or matrix (many) answer, with its label set.
struct PromSeries
{
    QMap<QString, QString> metric;
    std::vector<PromSample> samples;
};

/// The `data` of a successful /api/v1/query or /api/v1/query_range answer. A scalar answer is one
/// series with no labels and one sample.
struct PromData
{
    enum class ResultType { Vector, Matrix, Scalar };
    ResultType resultType = ResultType::Vector;
    std::vector<PromSeries> series;
    QStringList warnings;
};

/// Either PromData or a PrometheusError; what PrometheusClient's callbacks receive.
struct PromReply
{
    std::optional<PrometheusError> error;
    PromData data;

    bool ok() const { return !error.has_value(); }
};
