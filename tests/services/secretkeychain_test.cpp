// S4: a real keychain round trip (store, read from a fresh store, delete) of a token and a
// profile's Prometheus token, checked from outside
// with secret-tool. Runs only where a Secret Service answers: ctest's
// Secrets.S4_KeychainUnderDbusRunSession starts one with gnome-keyring under dbus-run-session
// and sets DREAMOPS_REQUIRE_KEYCHAIN=1 so that a missing keychain fails instead of skipping.
#include "secretstore.h"
#include "testsupport.h"

#include <QProcess>
#include <QStandardPaths>
#include <QUuid>

#include <gtest/gtest.h>

#include <optional>

namespace {

template<typename Result, typename Start>
std::optional<Result> await(Start start)
{
    std::optional<Result> result;
    start([&result](const Result &r) { result = r; });
    TestSupport::waitUntil([&result] { return result.has_value(); }, 20000);
    return result;
}

// What `secret-tool search --all server <service>` prints (attributes and secrets), or nullopt
// when secret-tool is not installed.
std::optional<QString> secretToolSearch(const QString &service)
{
    const QString tool = QStandardPaths::findExecutable(QStringLiteral("secret-tool"));
    if (tool.isEmpty())
        return std::nullopt;
    QProcess process;
    process.start(tool,
                  {QStringLiteral("search"), QStringLiteral("--all"), QStringLiteral("--unlock"),
                   QStringLiteral("server"), service});
    process.waitForFinished(10000);
    return QString::fromUtf8(process.readAllStandardOutput() + process.readAllStandardError());
}

} // namespace

TEST(SecretKeychain, S4_KeychainStoresReadsAndDeletesAToken)
{
    const QString service
        = QStringLiteral("DreamOps S4 ") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    EnvironmentProfile profile;
    profile.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    profile.name = QStringLiteral("staging");
    profile.metrics = EnvironmentProfile::MetricsSource::Prometheus;
    profile.prometheusAuth = EnvironmentProfile::MetricsAuth::Bearer;
    const QString token = QStringLiteral("S4token-") + QUuid::createUuid().toString(QUuid::Id128);
    const QString promToken
        = QStringLiteral("S4prom-") + QUuid::createUuid().toString(QUuid::Id128);
    using Secret = SecretStore::Secret;

    SecretStore secrets(service);
    secrets.setTimeoutMs(15000);
    const auto stored = await<SecretStore::StoreResult>(
        [&](auto done) { secrets.storeToken(profile, token, &secrets, done); });
    ASSERT_TRUE(stored.has_value());
    if (!stored->persisted) {
        if (qEnvironmentVariableIntValue("DREAMOPS_REQUIRE_KEYCHAIN") == 1)
            FAIL() << "a keychain was required here: " << stored->message.toStdString();
        GTEST_SKIP() << "no Secret Service answers here (" << stored->message.toStdString()
                     << "); run ctest -R S4_KeychainUnderDbusRunSession";
    }
    EXPECT_EQ(secrets.keychain(), SecretStore::Keychain::Available);
    const auto promStored = await<SecretStore::StoreResult>([&](auto done) {
        secrets.storeToken(profile, promToken, &secrets, done, Secret::MetricsSecret);
    });
    ASSERT_TRUE(promStored.has_value());
    EXPECT_TRUE(promStored->persisted) << promStored->message.toStdString();

    // Visible to the desktop's own tool, under our service and the profile's id.
    if (const auto listed = secretToolSearch(service)) {
        EXPECT_TRUE(listed->contains(profile.id)) << listed->toStdString();
        EXPECT_TRUE(listed->contains(token)) << listed->toStdString();
        EXPECT_TRUE(listed->contains(promToken)) << listed->toStdString();
    }

    // A fresh store (the next session) reads it from the keychain, not from memory.
    SecretStore nextSession(service);
    nextSession.setTimeoutMs(15000);
    const auto read = await<SecretStore::TokenResult>(
        [&](auto done) { nextSession.readToken(profile, &nextSession, done); });
    ASSERT_TRUE(read.has_value());
    EXPECT_EQ(read->token, token);
    EXPECT_EQ(read->origin, SecretStore::Origin::Keychain);
    const auto promRead = await<SecretStore::TokenResult>([&](auto done) {
        nextSession.readToken(profile, &nextSession, done, Secret::MetricsSecret);
    });
    ASSERT_TRUE(promRead.has_value());
    EXPECT_EQ(promRead->token, promToken) << "its own entry, not the token's";

    const auto forgotten = await<SecretStore::StoreResult>(
        [&](auto done) { nextSession.forgetToken(profile, &nextSession, done); });
    ASSERT_TRUE(forgotten.has_value());
    EXPECT_TRUE(forgotten->persisted) << forgotten->message.toStdString();

    SecretStore third(service);
    third.setTimeoutMs(15000);
    const auto gone = await<SecretStore::TokenResult>(
        [&](auto done) { third.readToken(profile, &third, done); });
    ASSERT_TRUE(gone.has_value());
    EXPECT_TRUE(gone->token.isEmpty());
    EXPECT_EQ(gone->message,
              QStringLiteral("The keychain does not hold the token of staging: enter it in the "
                             "profile."));
    if (const auto listed = secretToolSearch(service)) {
        EXPECT_FALSE(listed->contains(token)) << listed->toStdString();
        EXPECT_FALSE(listed->contains(promToken)) << listed->toStdString();
    }
}
