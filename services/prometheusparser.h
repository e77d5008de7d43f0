#pragma once

#include "prometheusdata.h"

#include <QByteArray>
#include <QString>

/// Turns the body of a Prometheus HTTP API answer into PromData or a typed PrometheusError
/// (Prometheus's own error text for bad PromQL). Pure and socket-free: PrometheusClient feeds it
/// every answer that reached HTTP, the parser tests feed it canned JSON.
class PrometheusParser final
{
public:
    /// `context` carries url/path/profile for the error sentence.
    static PromReply parse(int httpStatus,
                           const QByteArray &body,
                           const QString &contentType,
                           const PrometheusError &context = {});
    /// "1.5", "NaN", "+Inf", "-Inf" -> double; nullopt when it is none of these.
    static std::optional<double> parseValue(QStringView text);
};
