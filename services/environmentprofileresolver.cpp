#include "environmentprofileresolver.h"

#include "secretstore.h"

#include <QTimer>

namespace EnvironmentProfileResolver {

ConsoleSession::Settings settingsFor(const EnvironmentProfile &profile,
                                     const QString &token,
                                     const ConsoleSession::Settings &base,
                                     const QString &metricsSecret)
{
    ConsoleSession::Settings settings = base;
    settings.embeddedSimulator = profile.isSimulator;
    if (profile.isSimulator)
        return settings;
    const int deadlineMs = base.profile.deadlineMs;
    settings.profile = profile.toConnectionProfile(token);
    settings.profile.deadlineMs = deadlineMs;
    settings.profile.operatorName = base.profile.operatorName;
    if (profile.metrics == EnvironmentProfile::MetricsSource::Prometheus
        && !profile.prometheusUrl.isEmpty()) {
        settings.prometheus = profile.prometheusEndpoint(token, metricsSecret);
        settings.prometheusTemplates = profile.prometheusTemplates();
    } else {
        settings.prometheus = PrometheusEndpoint(); // the base's fleet is not this profile's
    }
    return settings;
}

void resolve(const EnvironmentProfile &profile,
             SecretStore *secrets,
             const ConsoleSession::Settings &base,
             QObject *context,
             std::function<void(const Outcome &)> callback)
{
    if (profile.isSimulator) {
        // The simulator makes its own token; answer on the event loop like the other paths.
        QTimer::singleShot(0, context, [callback, settings = settingsFor(profile, {}, base)] {
            callback({true, settings, {}});
        });
        return;
    }
    secrets->readToken(
        profile, context,
        [profile, secrets, base, context, callback](const SecretStore::TokenResult &result) {
            Outcome outcome;
            outcome.ready = !result.token.isEmpty();
            outcome.settings = settingsFor(profile, result.token, base);
            outcome.message = result.message;
            if (!profile.needsMetricsSecret())
                return callback(outcome);
            secrets->readToken(
                profile, context,
                [profile, base, token = result.token, outcome,
                 callback](const SecretStore::TokenResult &metrics) mutable {
                    outcome.metricsReady = !metrics.token.isEmpty();
                    outcome.metricsMessage = metrics.message;
                    outcome.settings = settingsFor(profile, token, base, metrics.token);
                    callback(outcome);
                },
                SecretStore::Secret::MetricsSecret);
        });
}

} // namespace EnvironmentProfileResolver
