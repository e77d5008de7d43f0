#include "prometheustemplates.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonParseError>

using Signal = SignalStore::Signal;

QString PrometheusTemplates::key(Signal signal)
{
    switch (signal) {
    case Signal::RequestsPerSecond:
        return QStringLiteral("requestsPerSecond");
    case Signal::ActiveConnections:
        return QStringLiteral("activeConnections");
    case Signal::ErrorRate:
        return QStringLiteral("errorRatePercent");
    case Signal::LatencyP50:
        return QStringLiteral("latencyP50Ms");
    case Signal::LatencyP95:
        return QStringLiteral("latencyP95Ms");
    case Signal::LatencyP99:
        return QStringLiteral("latencyP99Ms");
    case Signal::CpuPercent:
        return QStringLiteral("cpuPercent");
    case Signal::MemoryRssMb:
        return QStringLiteral("memoryRssMb");
    case Signal::QueueDepthTotal:
        return QStringLiteral("queueDepthTotal");
    case Signal::DlqPerMinute:
        return QStringLiteral("dlqPerMinute");
    case Signal::AiCallP99:
        return QStringLiteral("aiCallP99Ms");
    case Signal::EventLoopDelayMs:
        return QStringLiteral("eventLoopDelayMs");
    case Signal::Count:
        break;
    }
    return {};
}

PrometheusTemplates PrometheusTemplates::defaults()
{
    PrometheusTemplates t;
    QFile file(QStringLiteral(":/prometheus/templates.json"));
    if (file.open(QIODevice::ReadOnly))
        fromJson(file.readAll(), &t);
    return t;
}

bool PrometheusTemplates::fromJson(const QByteArray &json,
                                   PrometheusTemplates *into,
                                   QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (!doc.isObject()) {
        if (error)
            *error = QStringLiteral("The PromQL templates are not a JSON object (%1).")
                         .arg(parseError.errorString());
        return false;
    }
    const QJsonValue signalsValue = doc.object().value(QLatin1String("signals"));
    if (!signalsValue.isUndefined() && !signalsValue.isObject()) {
        if (error)
            *error = QStringLiteral("\"signals\" of the PromQL templates is not an object.");
        return false;
    }
    into->apply(doc.object());
    return true;
}

void PrometheusTemplates::apply(const QJsonObject &overrides)
{
    auto take = [&overrides](const char *name, QString *field) {
        const QJsonValue v = overrides.value(QLatin1String(name));
        if (v.isString())
            *field = v.toString();
    };
    take("job", &m_job);
    take("selector", &m_selector);
    take("instancesUpRatio", &m_instancesUpRatio);
    take("instanceUp", &m_instanceUp);
    const QJsonObject perSignal = overrides.value(QLatin1String("signals")).toObject();
    for (std::size_t i = 0; i < SignalStore::kSignalCount; ++i) {
        const QJsonValue v = perSignal.value(key(Signal(i)));
        if (v.isString())
            m_signals[i] = v.toString();
    }
}

QString PrometheusTemplates::signalTemplate(Signal signal) const
{
    return m_signals[std::size_t(signal)];
}

void PrometheusTemplates::setSignalTemplate(Signal signal, const QString &promql)
{
    m_signals[std::size_t(signal)] = promql;
}

QString PrometheusTemplates::expand(const QString &text) const
{
    if (text.trimmed().isEmpty())
        return {};
    QString selector = m_selector;
    selector.replace(QLatin1String("{job}"), m_job);
    QString out = text;
    out.replace(QLatin1String("{selector}"), selector);
    out.replace(QLatin1String("{job}"), m_job);
    return out;
}

QString PrometheusTemplates::query(Signal signal) const
{
    return expand(signalTemplate(signal));
}

QString PrometheusTemplates::instancesUpRatioQuery() const
{
    return expand(m_instancesUpRatio);
}

QString PrometheusTemplates::instanceUpQuery() const
{
    return expand(m_instanceUp);
}
