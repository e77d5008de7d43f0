#pragma once

#include "consolesession.h"
#include "environmentprofile.h"

#include <QString>

#include <functional>

class QObject;
class SecretStore;

/// Turns the chosen profile into ConsoleSession::Settings: the bundled simulator's settings as
/// they are, or a server's ConnectionProfile with the token SecretStore found (keychain,
/// environment variable or this session). main.cpp calls it at start (--profile NAME or the
/// remembered profile) and again when the switcher picks another profile.
namespace EnvironmentProfileResolver {

struct Outcome
{
    bool ready = false; ///< settings can start a ConsoleSession
    ConsoleSession::Settings settings;
    /// Why not ready (no token: ask for one and SecretStore::storeToken it), or a remark
    /// worth showing even when ready (the keychain is absent: session-only token).
    QString message;
    /// False when the profile's Prometheus needs a metrics secret and none was found: ask for
    /// it (SecretStore::Secret::MetricsSecret) or go on, and the fleet charts will say the
    /// credentials were refused. `metricsMessage` says why.
    bool metricsReady = true;
    QString metricsMessage;
};

/// `base` carries what the profile does not decide (intervals, simulator options, journal).
/// The callback runs on the event loop while `context` lives.
void resolve(const EnvironmentProfile &profile,
             SecretStore *secrets,
             const ConsoleSession::Settings &base,
             QObject *context,
             std::function<void(const Outcome &)> callback);

/// The settings for a profile and secrets already known (no lookup): the ops token, and the
/// metrics secret when the profile's Prometheus needs one.
ConsoleSession::Settings settingsFor(const EnvironmentProfile &profile,
                                     const QString &token,
                                     const ConsoleSession::Settings &base,
                                     const QString &metricsSecret = {});

} // namespace EnvironmentProfileResolver
