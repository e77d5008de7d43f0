#include "environmentprofileresolver.h"

#include "secretstore.h"

#include <QTimer>

namespace EnvironmentProfileResolver {

ConsoleSession::Settings settingsFor(const EnvironmentProfile &profile,
                                     const QString &token,
                                     const ConsoleSession::Settings &base)
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
        settings.prometheus = PrometheusEndpoint();
        settings.prometheus.profileName = profile.name;
        settings.prometheus.baseUrl = profile.prometheusUrl;
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
    secrets->readToken(profile, context,
                       [profile, base, callback](const SecretStore::TokenResult &result) {
                           Outcome outcome;
                           outcome.ready = !result.token.isEmpty();
                           outcome.settings = settingsFor(profile, result.token, base);
                           outcome.message = result.message;
                           callback(outcome);
                       });
}

} // namespace EnvironmentProfileResolver
