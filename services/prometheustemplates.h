#pragma once

#include "signalstore.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QString>

#include <array>

/// The PromQL behind each dashboard signal for one profile: the defaults from
/// :/prometheus/templates.json, overridden per signal by the profile's settings. `{selector}`
/// becomes the label matchers (default `job="{job}"`), `{job}` the job name. FleetMetricsSource
/// asks it for the expanded query of each signal.
class PrometheusTemplates final
{
public:
    /// The defaults shipped in the resources (the names of dreamnet-sim's exporter).
    static PrometheusTemplates defaults();
    /// Reads the JSON format of templates.json; keys missing from `json` keep `base`'s values.
    /// Returns false with a sentence in `error` when the JSON is not that format.
    static bool
    fromJson(const QByteArray &json, PrometheusTemplates *into, QString *error = nullptr);
    /// Applies a profile's overrides (same keys as templates.json, any subset).
    void apply(const QJsonObject &overrides);

    void setJob(const QString &job) { m_job = job; }
    QString job() const { return m_job; }
    void setSelector(const QString &selector) { m_selector = selector; }
    QString selector() const { return m_selector; }

    /// The raw template of a signal (empty = the signal is not queried).
    QString signalTemplate(SignalStore::Signal signal) const;
    void setSignalTemplate(SignalStore::Signal signal, const QString &promql);

    /// Expanded PromQL, ready to send; empty when the signal has no template.
    QString query(SignalStore::Signal signal) const;
    QString instancesUpRatioQuery() const; ///< fraction of targets up, 0..1
    QString instanceUpQuery() const; ///< one `up` series per instance

    /// "requestsPerSecond", "errorRatePercent", ... (the JSON keys).
    static QString key(SignalStore::Signal signal);

private:
    QString expand(const QString &text) const;

    QString m_job;
    QString m_selector;
    std::array<QString, SignalStore::kSignalCount> m_signals;
    QString m_instancesUpRatio;
    QString m_instanceUp;
};
