#pragma once

#include "prometheusdata.h"

#include <QByteArray>
#include <QString>

/// Turns the body of a Prometheus HTTP API answer into PromData or a typed PrometheusError
/// (Prometheus's own error text for bad PromQL). Pure and socket-free: PrometheusClient feeds it
/// every answer that reached HTTP, the parser tests feed it canned JSON.
/// What one answer may hold. A template without an aggregation over a big fleet returns a series
/// per instance and label set; past these the answer is refused with a sentence
/// (Kind::TooManySamples) instead of filling memory and the charts. The defaults hold a 24 h window
/// at a 15 s step for 347 series.
struct PrometheusLimits
{
    qsizetype maxSeries = 2000;
    qsizetype maxSamples = 2'000'000; ///< over all series of the answer
};

class PrometheusParser final
{
public:
    /// `context` carries url/path/profile for the error sentence.
    static PromReply parse(int httpStatus,
                           const QByteArray &body,
                           const QString &contentType,
                           const PrometheusError &context = {},
                           const PrometheusLimits &limits = {});
    /// "1.5", "NaN", "+Inf", "-Inf" -> double; nullopt when it is none of these.
    static std::optional<double> parseValue(QStringView text);
};
