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
};

/// `base` carries what the profile does not decide (intervals, simulator options, journal).
/// The callback runs on the event loop while `context` lives.
void resolve(const EnvironmentProfile &profile,
             SecretStore *secrets,
             const ConsoleSession::Settings &base,
             QObject *context,
             std::function<void(const Outcome &)> callback);

/// The settings for a profile and a token already known (no lookup).
ConsoleSession::Settings settingsFor(const EnvironmentProfile &profile,
                                     const QString &token,
                                     const ConsoleSession::Settings &base);

} // namespace EnvironmentProfileResolver
