// EnvironmentProfileResolver: the chosen profile becomes ConsoleSession::Settings, with the
// token SecretStore finds.
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
