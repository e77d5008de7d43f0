#include "fuzztargets.h"

#include "prometheusparser.h"

#include <QByteArray>
#include <QString>

namespace {

const char *check(const PromReply &reply, const PrometheusLimits &limits)
{
    if (!reply.ok()) {
        if (!reply.data.series.empty())
            return "a refused answer kept series";
        if (reply.error->userMessage().isEmpty())
            return "a refusal without a sentence";
        return nullptr;
    }
    if (qsizetype(reply.data.series.size()) > limits.maxSeries)
        return "more series than the cap";
    qsizetype samples = 0;
    for (const PromSeries &series : reply.data.series)
        samples += qsizetype(series.samples.size());
    if (samples > limits.maxSamples)
        return "more samples than the cap";
    if (reply.data.resultType == PromData::ResultType::Scalar && reply.data.series.size() != 1)
        return "a scalar that is not one series";
    return nullptr;
}

} // namespace

const char *FuzzTargets::prometheusAnswer(const std::uint8_t *data, std::size_t size)
{
    const QByteArray body
        = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    PrometheusError context;
    context.url = QStringLiteral("http://prometheus.invalid:9090");
    context.path = QStringLiteral("/api/v1/query_range");
    const PrometheusLimits defaults;
    PrometheusLimits tight;
    tight.maxSeries = 3;
    tight.maxSamples = 16;
    for (const PrometheusLimits &limits : {defaults, tight}) {
        const PromReply reply = PrometheusParser::parse(
            200, body, QStringLiteral("application/json"), context, limits);
        if (const char *broken = check(reply, limits))
            return broken;
    }
    // The same bytes as an error status and as a value spelling.
    const PromReply failed = PrometheusParser::parse(503, body, QString(), context);
    if (failed.ok())
        return "an HTTP 503 was taken as data";
    if (size <= 64)
        (void)PrometheusParser::parseValue(QString::fromUtf8(body));
    return nullptr;
}
