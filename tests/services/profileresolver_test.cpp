// EnvironmentProfileResolver: the chosen profile becomes ConsoleSession::Settings, with the
// token SecretStore finds, and the fleet's Prometheus endpoint with its CA file and credentials.
#include "environmentprofileresolver.h"
#include "secretstore.h"
#include "testsupport.h"

#include <QUuid>

#include <gtest/gtest.h>

#include <optional>

namespace {

std::optional<EnvironmentProfileResolver::Outcome> resolve(const EnvironmentProfile &profile,
                                                           SecretStore *secrets,
                                                           const ConsoleSession::Settings &base)
{
    std::optional<EnvironmentProfileResolver::Outcome> outcome;
    QObject context;
    EnvironmentProfileResolver::resolve(
        profile, secrets, base, &context,
        [&outcome](const EnvironmentProfileResolver::Outcome &o) { outcome = o; });
    TestSupport::waitUntil([&outcome] { return outcome.has_value(); }, 10000);
    return outcome;
}

} // namespace

TEST(ProfileResolver, SimulatorKeepsTheBaseSettings)
{
    SecretStore secrets(QUuid::createUuid().toString());
    ConsoleSession::Settings base;
    base.simulator.speed = 4;
    base.embeddedSimulator = false;
    const auto outcome = resolve(EnvironmentProfile::simulator(), &secrets, base);
    ASSERT_TRUE(outcome.has_value());
    EXPECT_TRUE(outcome->ready);
    EXPECT_TRUE(outcome->settings.embeddedSimulator);
    EXPECT_EQ(outcome->settings.simulator.speed, 4);
}

TEST(ProfileResolver, ServerProfileGetsItsUrlAuthCaFileAndToken)
{
    SecretStore secrets(QUuid::createUuid().toString());
    EnvironmentProfile p;
    p.id = QStringLiteral("id-1");
    p.name = QStringLiteral("staging");
    p.baseUrl = QUrl(QStringLiteral("https://ops.staging.example.com"));
    p.auth = AuthScheme::ApiKeyHeader;
    p.caFile = QStringLiteral("/etc/dreamops/staging-ca.pem");
    p.tokenSource = EnvironmentProfile::TokenSource::EnvironmentVariable;
    p.tokenEnvVar = QStringLiteral("DREAMOPS_RESOLVER_TEST_TOKEN");
    ConsoleSession::Settings base;
    base.profile.deadlineMs = 1900;
    base.profile.operatorName = QStringLiteral("alice");

    qunsetenv("DREAMOPS_RESOLVER_TEST_TOKEN");
    auto outcome = resolve(p, &secrets, base);
    ASSERT_TRUE(outcome.has_value());
    EXPECT_FALSE(outcome->ready);
    EXPECT_TRUE(outcome->message.contains(QLatin1String("DREAMOPS_RESOLVER_TEST_TOKEN")));

    qputenv("DREAMOPS_RESOLVER_TEST_TOKEN", "resolver-token-1234");
    outcome = resolve(p, &secrets, base);
    qunsetenv("DREAMOPS_RESOLVER_TEST_TOKEN");
    ASSERT_TRUE(outcome.has_value());
    ASSERT_TRUE(outcome->ready);
    const ConsoleSession::Settings &s = outcome->settings;
    EXPECT_FALSE(s.embeddedSimulator);
    EXPECT_EQ(s.profile.baseUrl, p.baseUrl);
    EXPECT_EQ(s.profile.name, QStringLiteral("staging"));
    EXPECT_EQ(s.profile.auth, AuthScheme::ApiKeyHeader);
    EXPECT_EQ(s.profile.caFile, p.caFile);
    EXPECT_EQ(s.profile.token, QStringLiteral("resolver-token-1234"));
    EXPECT_EQ(s.profile.deadlineMs, 1900) << "the base's deadline is kept";
    EXPECT_EQ(s.profile.operatorName, QStringLiteral("alice"));
}

TEST(ProfileResolver, FleetGetsTheCaFileAndItsCredentials)
{
    SecretStore secrets(QUuid::createUuid().toString());
    EnvironmentProfile p;
    p.id = QStringLiteral("id-2");
    p.name = QStringLiteral("prod");
    p.baseUrl = QUrl(QStringLiteral("https://ops.example.com"));
    p.caFile = QStringLiteral("/etc/dreamops/prod-ca.pem");
    p.tokenSource = EnvironmentProfile::TokenSource::SessionOnly;
    p.metrics = EnvironmentProfile::MetricsSource::Prometheus;
    p.prometheusUrl = QUrl(QStringLiteral("https://prometheus.example.com/prom"));
    p.prometheusAuth = EnvironmentProfile::MetricsAuth::Basic;
    p.prometheusUser = QStringLiteral("grafana");
    secrets.storeToken(p, QStringLiteral("ops-token-5"), &secrets, {});

    // The token is there, the Prometheus password is not: ready, and the fleet's gap is named.
    auto outcome = resolve(p, &secrets, {});
    ASSERT_TRUE(outcome.has_value());
    EXPECT_TRUE(outcome->ready);
    EXPECT_FALSE(outcome->metricsReady);
    EXPECT_TRUE(outcome->metricsMessage.contains(QLatin1String("Prometheus password of prod")))
        << outcome->metricsMessage.toStdString();

    secrets.storeToken(p, QStringLiteral("prom-password-6"), &secrets, {},
                       SecretStore::Secret::MetricsSecret);
    outcome = resolve(p, &secrets, {});
    ASSERT_TRUE(outcome.has_value());
    EXPECT_TRUE(outcome->ready);
    EXPECT_TRUE(outcome->metricsReady);
    const PrometheusEndpoint &fleet = outcome->settings.prometheus;
    EXPECT_EQ(fleet.profileName, QStringLiteral("prod"));
    EXPECT_EQ(fleet.baseUrl, p.prometheusUrl);
    EXPECT_EQ(fleet.caFile, p.caFile);
    EXPECT_EQ(fleet.auth, PrometheusEndpoint::Auth::Basic);
    EXPECT_EQ(fleet.user, QStringLiteral("grafana"));
    EXPECT_EQ(fleet.password, QStringLiteral("prom-password-6"));
    EXPECT_TRUE(fleet.token.isEmpty());

    // "The ops API token": the fleet is asked with the ops token as a bearer, no secret of its
    // own is looked for.
    p.prometheusAuth = EnvironmentProfile::MetricsAuth::OpsToken;
    outcome = resolve(p, &secrets, {});
    ASSERT_TRUE(outcome.has_value());
    EXPECT_TRUE(outcome->metricsReady);
    EXPECT_EQ(outcome->settings.prometheus.auth, PrometheusEndpoint::Auth::Bearer);
    EXPECT_EQ(outcome->settings.prometheus.token, QStringLiteral("ops-token-5"));
    EXPECT_TRUE(outcome->settings.prometheus.password.isEmpty());

    p.prometheusAuth = EnvironmentProfile::MetricsAuth::None;
    outcome = resolve(p, &secrets, {});
    ASSERT_TRUE(outcome.has_value());
    EXPECT_EQ(outcome->settings.prometheus.auth, PrometheusEndpoint::Auth::None);
    EXPECT_TRUE(outcome->settings.prometheus.token.isEmpty());
}
