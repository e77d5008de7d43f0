#pragma once

#include "commandvalidator.h"
#include "connectionprofile.h"
#include "prometheusclient.h"
#include "prometheustemplates.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QUrl>

/// One environment the console can be pointed at (the simulator, staging, production): where it
/// is, how its token is found, the CLI defaults and metrics source that go with it, and how the
/// window marks it. ProfileStore keeps these in QSettings; the token itself is never a member:
/// SecretStore finds it from `tokenSource`.
struct EnvironmentProfile
{
    /// Where the token lives. Keychain = the system keychain through SecretStore (a session-only
    /// copy when no keychain answers); EnvironmentVariable = read from `tokenEnvVar` at connect;
    /// SessionOnly = typed in each session, kept in memory only.
    enum class TokenSource { Keychain, EnvironmentVariable, SessionOnly };
    /// Where the dashboard's charts come from: the ops API's per-instance /api/metrics, or a
    /// Prometheus server with the fleet's aggregates (FleetMetricsSource).
    enum class MetricsSource { OpsApi, Prometheus };
    /// How the console signs in to the profile's Prometheus. OpsToken = the ops API's token as a
    /// bearer (one identity for both, e.g. behind the same gateway); Bearer and Basic use a
    /// metrics secret of their own (the bearer token or the basic password), kept where the ops
    /// token is kept: the keychain, this session, or the variable `prometheusSecretEnvVar`.
    enum class MetricsAuth { None, OpsToken, Bearer, Basic };

    /// One problem found by validate(): the field it concerns and a sentence for the user.
    struct Issue
    {
        enum class Field {
            Name,
            BaseUrl,
            TokenEnvVar,
            PrometheusUrl,
            PrometheusTemplates,
            PrometheusUser,
            PrometheusSecretEnvVar,
            Colour,
            CaFile
        };
        Field field = Field::Name;
        QString message;
        bool blocking = true; ///< false = a warning: the profile may still be saved

        friend bool operator==(const Issue &, const Issue &) = default;
    };

    QString id; ///< stable key of the keychain entry across renames; ProfileStore::add sets it
    QString name;
    QUrl baseUrl;
    AuthScheme auth = AuthScheme::Bearer;
    TokenSource tokenSource = TokenSource::Keychain;
    QString tokenEnvVar; ///< EnvironmentVariable only: the variable's name (never its value)
    /// CLI defaults for the command catalogue ("project", "service", "region"); empty = the
    /// catalogue's own default.
    QString project;
    QString service;
    QString region;
    MetricsSource metrics = MetricsSource::OpsApi;
    QUrl prometheusUrl;
    QString prometheusJob; ///< empty = the templates' default job
    QJsonObject prometheusOverrides; ///< PromQL per signal key, any subset of templates.json
    MetricsAuth prometheusAuth = MetricsAuth::None;
    QString prometheusUser; ///< Basic only
    /// EnvironmentVariable token source with Bearer/Basic: the variable holding the metrics
    /// secret (never its value)
    QString prometheusSecretEnvVar;
    QString colour = QStringLiteral("#3465a4"); ///< "#rrggbb": the frame and switcher swatch
    bool production = false;
    QString caFile; ///< extra trusted CA certificates (PEM); empty = system CAs only
    bool isSimulator = false; ///< the built-in profile of the bundled simulator

    friend bool operator==(const EnvironmentProfile &, const EnvironmentProfile &) = default;

    /// The built-in profile of the bundled dreamnet-sim (name "simulator", loopback, session
    /// token made by the simulator itself).
    static EnvironmentProfile simulator();
    static QString simulatorName() { return QStringLiteral("simulator"); }

    /// What OpsClient needs to talk to this environment with `token`.
    ConnectionProfile toConnectionProfile(const QString &token) const;
    /// Seeds for the command form's carried values: only the non-empty ones, keyed by the
    /// catalogue's parameter names.
    CommandValidator::Values cliDefaults() const;
    /// True when the fleet metrics need a secret of their own (Prometheus with Bearer or Basic).
    bool needsMetricsSecret() const;
    /// What PrometheusClient needs for this profile's fleet: URL, CA file and credentials.
    /// `token` is the ops token (for OpsToken), `metricsSecret` the bearer token or password.
    PrometheusEndpoint prometheusEndpoint(const QString &token, const QString &metricsSecret) const;
    /// The shipped templates with this profile's job and overrides applied.
    PrometheusTemplates prometheusTemplates() const;

    /// Problems of the profile on its own (a duplicate name is ProfileStore's check): blocking
    /// ones first. Empty = fine.
    QList<Issue> validate() const;
    /// True when no issue is blocking.
    static bool isAcceptable(const QList<Issue> &issues);

    static bool isLoopbackHost(const QString &host);
    static bool isValidEnvVarName(const QString &name);
    static QString tokenSourceKey(TokenSource source); ///< "keychain", "env", "session"
    static TokenSource tokenSourceFromKey(const QString &key);
    static QString metricsAuthKey(MetricsAuth auth); ///< "none", "ops-token", "bearer", "basic"
    static MetricsAuth metricsAuthFromKey(const QString &key);
};
