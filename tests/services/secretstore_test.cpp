// S3: no keychain (this machine's default: no D-Bus session) gives a clear sentence, a
// session-only token and nothing in plain text on disk; plus the environment-variable and
// session-only sources, which never touch the keychain.
#include "logging.h"
#include "profilestore.h"
#include "secretstore.h"
#include "testsupport.h"

#include <QDirIterator>
#include <QLoggingCategory>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUuid>

#include <gtest/gtest.h>
#include <spdlog/spdlog.h>

#include <optional>

namespace {

using Secret = SecretStore::Secret;

std::optional<SecretStore::StoreResult> store(SecretStore &secrets,
                                              const EnvironmentProfile &profile,
                                              const QString &token,
                                              Secret secret = Secret::Token)
{
    std::optional<SecretStore::StoreResult> result;
    secrets.storeToken(
        profile, token, &secrets, [&result](const SecretStore::StoreResult &r) { result = r; },
        secret);
    TestSupport::waitUntil([&result] { return result.has_value(); }, 20000);
    return result;
}

std::optional<SecretStore::TokenResult>
read(SecretStore &secrets, const EnvironmentProfile &profile, Secret secret = Secret::Token)
{
    std::optional<SecretStore::TokenResult> result;
    secrets.readToken(
        profile, &secrets, [&result](const SecretStore::TokenResult &r) { result = r; }, secret);
    TestSupport::waitUntil([&result] { return result.has_value(); }, 20000);
    return result;
}

// Files under `dir` whose bytes contain `needle`.
QStringList filesContaining(const QString &dir, const QString &needle)
{
    QStringList hits;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (file.open(QIODevice::ReadOnly) && file.readAll().contains(needle.toUtf8()))
            hits << file.fileName();
    }
    return hits;
}

QString uniqueService()
{
    return QStringLiteral("DreamOps test ") + QUuid::createUuid().toString(QUuid::WithoutBraces);
}

} // namespace

TEST(SecretStore, S3_NoKeychainKeepsTheTokenForTheSessionOnlyAndSaysSo)
{
    QTemporaryDir home;
    // Everything this process could write lands in the temporary folder: settings (ours and a
    // hypothetical QtKeychain fallback), data, cache, and a debug-level log.
    for (const char *var : {"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"})
        qputenv(var, home.filePath(QLatin1String(var)).toUtf8());
    QLoggingCategory::setFilterRules(QStringLiteral("*.debug=true"));
    // Qt's own debug lines during exit would reach Logging's handler after spdlog's registry is
    // gone (a crash at exit, not a leak): debug off again when the test ends.
    const auto debugOff
        = qScopeGuard([] { QLoggingCategory::setFilterRules(QStringLiteral("*.debug=false")); });
    Logging::init({.logFile = home.filePath(QStringLiteral("logs/dreamops.log")),
                   .verbose = true,
                   .console = false});

    ProfileStore profiles(home.filePath(QStringLiteral("profiles.ini")));
    EnvironmentProfile staging;
    staging.name = QStringLiteral("staging");
    staging.baseUrl = QUrl(QStringLiteral("https://ops.staging.example.com"));
    ASSERT_TRUE(profiles.add(staging));
    staging = *profiles.profile(QStringLiteral("staging"));

    SecretStore secrets(uniqueService());
    QSignalSpy notices(&secrets, &SecretStore::notice);
    const QString canary = QStringLiteral("S3canary-") + QUuid::createUuid().toString(QUuid::Id128);
    const auto stored = store(secrets, staging, canary);
    ASSERT_TRUE(stored.has_value());
    if (stored->persisted) {
        std::optional<SecretStore::StoreResult> forgotten;
        secrets.forgetToken(staging, &secrets,
                            [&forgotten](const SecretStore::StoreResult &r) { forgotten = r; });
        TestSupport::waitUntil([&forgotten] { return forgotten.has_value(); }, 20000);
        GTEST_SKIP() << "a system keychain answered here; S3 is about a machine without one";
    }

    // The clear sentence, in the result, in keychainProblem() and as a notice.
    EXPECT_EQ(secrets.keychain(), SecretStore::Keychain::Unavailable);
    const QString problem = secrets.keychainProblem();
    EXPECT_TRUE(problem.startsWith(QLatin1String("No system keychain answered (")))
        << problem.toStdString();
    EXPECT_TRUE(problem.endsWith(QLatin1String("); the token is kept for this session only.")))
        << problem.toStdString();
    EXPECT_EQ(stored->message, problem);
    ASSERT_GE(notices.count(), 1);
    EXPECT_EQ(notices.at(0).at(0).toString(), problem);

    // This session still has the token.
    const auto again = read(secrets, staging);
    ASSERT_TRUE(again.has_value());
    EXPECT_EQ(again->token, canary);
    EXPECT_EQ(again->origin, SecretStore::Origin::Session);

    // The next session (a new store) has nothing, and says why.
    SecretStore nextSession(secrets.service());
    const auto next = read(nextSession, staging);
    ASSERT_TRUE(next.has_value());
    EXPECT_TRUE(next->token.isEmpty());
    EXPECT_EQ(next->origin, SecretStore::Origin::None);
    EXPECT_TRUE(next->message.startsWith(QLatin1String("No system keychain answered (")))
        << next->message.toStdString();

    // The token was logged nowhere and written nowhere, though the log did get lines.
    Logging::get("services")
        ->debug("secrets: a debug line with the token {}", canary.toStdString());
    Logging::init({}); // flushes and closes the file sink
    QFile log(home.filePath(QStringLiteral("logs/dreamops.log")));
    ASSERT_TRUE(log.open(QIODevice::ReadOnly));
    EXPECT_TRUE(log.readAll().contains("No system keychain answered"));
    EXPECT_EQ(filesContaining(home.path(), canary), QStringList());
}

TEST(SecretStore, EnvironmentVariableSourceReadsTheVariableOnly)
{
    EnvironmentProfile p;
    p.id = QStringLiteral("env-profile");
    p.name = QStringLiteral("ci");
    p.tokenSource = EnvironmentProfile::TokenSource::EnvironmentVariable;
    p.tokenEnvVar = QStringLiteral("DREAMOPS_SECRETSTORE_TEST_TOKEN");
    SecretStore secrets(uniqueService());

    qunsetenv("DREAMOPS_SECRETSTORE_TEST_TOKEN");
    auto result = read(secrets, p);
    ASSERT_TRUE(result.has_value());
    EXPECT_TRUE(result->token.isEmpty());
    EXPECT_EQ(result->message,
              QStringLiteral("The environment variable DREAMOPS_SECRETSTORE_TEST_TOKEN is not set "
                             "or empty: put the token of ci in it before starting the console."));

    qputenv("DREAMOPS_SECRETSTORE_TEST_TOKEN", " env-token-value-123 \n");
    result = read(secrets, p);
    ASSERT_TRUE(result.has_value());
    EXPECT_EQ(result->token, QStringLiteral("env-token-value-123"));
    EXPECT_EQ(result->origin, SecretStore::Origin::Environment);
    EXPECT_EQ(Logging::redact(QStringLiteral("x env-token-value-123 y")),
              QStringLiteral("x *** y"));

    const auto refused = store(secrets, p, QStringLiteral("typed-anyway"));
    ASSERT_TRUE(refused.has_value());
    EXPECT_FALSE(refused->persisted);
    EXPECT_TRUE(secrets.sessionToken(p).isEmpty()) << "an env-var profile keeps no other copy";
    EXPECT_EQ(secrets.keychain(), SecretStore::Keychain::Unknown) << "the keychain was not asked";
    qunsetenv("DREAMOPS_SECRETSTORE_TEST_TOKEN");
}

TEST(SecretStore, SessionOnlySourceNeverAsksTheKeychain)
{
    EnvironmentProfile p;
    p.id = QStringLiteral("session-profile");
    p.name = QStringLiteral("laptop");
    p.tokenSource = EnvironmentProfile::TokenSource::SessionOnly;
    SecretStore secrets(uniqueService());

    auto first = read(secrets, p);
    ASSERT_TRUE(first.has_value());
    EXPECT_TRUE(first->token.isEmpty());
    EXPECT_EQ(first->message,
              QStringLiteral("Enter the token of laptop (it is kept for this session only)."));

    const auto kept = store(secrets, p, QStringLiteral("session-token-value-456"));
    ASSERT_TRUE(kept.has_value());
    EXPECT_FALSE(kept->persisted);
    const auto second = read(secrets, p);
    ASSERT_TRUE(second.has_value());
    EXPECT_EQ(second->token, QStringLiteral("session-token-value-456"));
    EXPECT_EQ(second->origin, SecretStore::Origin::Session);
    EXPECT_EQ(Logging::redact(QStringLiteral("session-token-value-456")), QStringLiteral("***"));
    EXPECT_EQ(secrets.keychain(), SecretStore::Keychain::Unknown);
}

TEST(SecretStore, ThePrometheusSecretIsKeptApartFromTheToken)
{
    EnvironmentProfile p;
    p.id = QStringLiteral("fleet-profile");
    p.name = QStringLiteral("prod");
    p.tokenSource = EnvironmentProfile::TokenSource::SessionOnly;
    p.metrics = EnvironmentProfile::MetricsSource::Prometheus;
    p.prometheusAuth = EnvironmentProfile::MetricsAuth::Basic;
    p.prometheusUser = QStringLiteral("grafana");
    SecretStore secrets(uniqueService());

    const auto missing = read(secrets, p, Secret::MetricsSecret);
    ASSERT_TRUE(missing.has_value());
    EXPECT_EQ(missing->message,
              QStringLiteral("Enter the Prometheus password of prod (it is kept "
                             "for this session only)."));
    ASSERT_TRUE(store(secrets, p, QStringLiteral("ops-token-1"), Secret::Token));
    ASSERT_TRUE(store(secrets, p, QStringLiteral("prom-password-2"), Secret::MetricsSecret));
    EXPECT_EQ(read(secrets, p)->token, QStringLiteral("ops-token-1"));
    EXPECT_EQ(read(secrets, p, Secret::MetricsSecret)->token, QStringLiteral("prom-password-2"));
    EXPECT_EQ(Logging::redact(QStringLiteral("pw=prom-password-2")), QStringLiteral("pw=***"));

    // The environment-variable source reads each secret from its own variable.
    p.tokenSource = EnvironmentProfile::TokenSource::EnvironmentVariable;
    p.tokenEnvVar = QStringLiteral("DREAMOPS_SECRETSTORE_TEST_OPS");
    p.prometheusSecretEnvVar = QStringLiteral("DREAMOPS_SECRETSTORE_TEST_PROM");
    const auto cleanup = qScopeGuard([] {
        qunsetenv("DREAMOPS_SECRETSTORE_TEST_OPS");
        qunsetenv("DREAMOPS_SECRETSTORE_TEST_PROM");
    });
    qputenv("DREAMOPS_SECRETSTORE_TEST_OPS", "env-ops-3");
    qunsetenv("DREAMOPS_SECRETSTORE_TEST_PROM");
    EXPECT_EQ(read(secrets, p)->token, QStringLiteral("env-ops-3"));
    const auto unset = read(secrets, p, Secret::MetricsSecret);
    ASSERT_TRUE(unset.has_value());
    EXPECT_TRUE(unset->token.isEmpty());
    EXPECT_EQ(unset->message,
              QStringLiteral("The environment variable DREAMOPS_SECRETSTORE_TEST_PROM is not set "
                             "or empty: put the Prometheus password of prod in it before starting "
                             "the console."));
    qputenv("DREAMOPS_SECRETSTORE_TEST_PROM", "env-prom-4");
    EXPECT_EQ(read(secrets, p, Secret::MetricsSecret)->token, QStringLiteral("env-prom-4"));

    // Removing the profile forgets both session copies.
    p.tokenSource = EnvironmentProfile::TokenSource::SessionOnly;
    bool forgotten = false;
    secrets.forgetToken(p, &secrets, [&](const SecretStore::StoreResult &) { forgotten = true; });
    ASSERT_TRUE(TestSupport::waitUntil([&] { return forgotten; }, 10000));
    EXPECT_TRUE(secrets.sessionToken(p).isEmpty());
    EXPECT_TRUE(secrets.sessionToken(p, Secret::MetricsSecret).isEmpty());
}

TEST(SecretStore, CallbackIsDroppedWhenItsContextIsGone)
{
    EnvironmentProfile p;
    p.name = QStringLiteral("gone");
    p.tokenSource = EnvironmentProfile::TokenSource::SessionOnly;
    SecretStore secrets(uniqueService());
    bool called = false;
    {
        QObject context;
        secrets.readToken(p, &context,
                          [&called](const SecretStore::TokenResult &) { called = true; });
    }
    bool later = false;
    secrets.readToken(p, &secrets, [&later](const SecretStore::TokenResult &) { later = true; });
    ASSERT_TRUE(TestSupport::waitUntil([&later] { return later; }));
    EXPECT_FALSE(called);
}
