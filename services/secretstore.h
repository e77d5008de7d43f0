#pragma once

#include "environmentprofile.h"

#include <QHash>
#include <QObject>
#include <QString>

#include <functional>

/// Where each profile's token is found: the system keychain through QtKeychain (Secret Service
/// on Linux), an environment variable named by the profile, or memory for this session only.
/// When no keychain answers (no D-Bus session, no Secret Service, or no answer in time) it says
/// so once and keeps tokens for the session only; it never writes a token anywhere else. Every
/// token it sees is registered with Logging::registerSecret. The profile dialog stores tokens
/// through it; main.cpp / ConsoleSession read them before connecting.
class SecretStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecretStore)

public:
    enum class Keychain { Unknown, Available, Unavailable };
    Q_ENUM(Keychain)
    enum class Origin { None, Keychain, Environment, Session };
    Q_ENUM(Origin)
    /// Which of a profile's secrets: the ops API token, or the metrics secret of its Prometheus
    /// (EnvironmentProfile::needsMetricsSecret), a keychain entry of its own.
    enum class Secret { Token, MetricsSecret };
    Q_ENUM(Secret)

    /// The outcome of readToken(): the token (empty = none) and, when the user should know
    /// something, one sentence (no keychain, variable not set, nothing stored yet).
    struct TokenResult
    {
        QString token;
        Origin origin = Origin::None;
        QString message;
    };
    /// The outcome of storeToken()/forgetToken(): true when the keychain holds (or no longer
    /// holds) the token; else `message` says where it is kept instead or what failed.
    struct StoreResult
    {
        bool persisted = false;
        QString message;
    };
    using TokenCallback = std::function<void(const TokenResult &)>;
    using StoreCallback = std::function<void(const StoreResult &)>;

    /// `service` names the keychain entries ("DreamOps Console" by default; tests use their own).
    explicit SecretStore(const QString &service = defaultService(), QObject *parent = nullptr);
    ~SecretStore() override;

    static QString defaultService() { return QStringLiteral("DreamOps Console"); }
    QString service() const { return m_service; }

    /// A keychain that has not answered after this long counts as absent (default 5 s).
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }

    /// Finds the profile's token (or its metrics secret). The callback runs later on the event
    /// loop, and only while `context` lives.
    void readToken(const EnvironmentProfile &profile,
                   QObject *context,
                   TokenCallback callback,
                   Secret secret = Secret::Token);
    /// Keeps `token` for the session at once, then writes it to the keychain when the profile's
    /// source is the keychain.
    void storeToken(const EnvironmentProfile &profile,
                    const QString &token,
                    QObject *context,
                    StoreCallback callback,
                    Secret secret = Secret::Token);
    /// Forgets the session copies and deletes the keychain entries of both secrets (a missing
    /// entry is fine); the callback reports the token's entry.
    void forgetToken(const EnvironmentProfile &profile, QObject *context, StoreCallback callback);

    /// The token (or metrics secret) typed this session for the profile (empty = none).
    QString sessionToken(const EnvironmentProfile &profile, Secret secret = Secret::Token) const;
    /// "the token of staging" / "the Prometheus password of staging": for sentences.
    static QString describe(const EnvironmentProfile &profile, Secret secret);
    Keychain keychain() const { return m_keychain; }
    /// Empty while the keychain works or is not yet known; else the sentence to show.
    QString keychainProblem() const { return m_problem; }

    /// "No system keychain answered (<why>); the token is kept for this session only."
    static QString noKeychainMessage(const QString &why);

Q_SIGNALS:
    /// A sentence for the status bar: emitted when the keychain is found absent, and each time
    /// a token meant for the keychain is kept for the session only.
    void notice(const QString &message);

private:
    enum class Job { Read, Write, Delete };
    /// Runs one QtKeychain job with a deadline; `done(ok, error, errorText, data)` runs once.
    void runJob(Job kind,
                const QString &key,
                const QString &token,
                std::function<void(int error, const QString &errorText, const QString &data)> done);
    void markUnavailable(const QString &why);
    static QString keyOf(const EnvironmentProfile &profile, Secret secret);

    QString m_service;
    int m_timeoutMs = 5000;
    Keychain m_keychain = Keychain::Unknown;
    QString m_problem;
    QHash<QString, QString> m_session; ///< keyOf() -> secret typed this session
};
