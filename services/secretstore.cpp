#include "secretstore.h"

#include "logging.h"

#include <QPointer>
#include <QTimer>

#include <qt6keychain/keychain.h>
#include <spdlog/spdlog.h>

#include <memory>

namespace {

constexpr int kTimedOut = -1; ///< runJob's error code when the keychain did not answer in time

// Calls back on the event loop, and only while the caller's context object lives.
template<typename Result>
std::function<void(const Result &)> guarded(QObject *context,
                                            std::function<void(const Result &)> callback)
{
    return [guard = QPointer<QObject>(context), hadContext = context != nullptr,
            callback = std::move(callback)](const Result &result) {
        if (callback && (!hadContext || guard))
            callback(result);
    };
}

QString capitalised(QString sentence)
{
    if (!sentence.isEmpty())
        sentence[0] = sentence.at(0).toUpper();
    return sentence;
}

} // namespace

SecretStore::SecretStore(const QString &service, QObject *parent)
    : QObject(parent)
    , m_service(service)
{ }

SecretStore::~SecretStore() = default;

QString SecretStore::noKeychainMessage(const QString &why)
{
    return tr("No system keychain answered (%1); the token is kept for this session only.")
        .arg(why);
}

QString SecretStore::keyOf(const EnvironmentProfile &profile, Secret secret)
{
    const QString key = profile.id.isEmpty() ? profile.name : profile.id;
    return secret == Secret::Token ? key : key + QStringLiteral(":prometheus");
}

QString SecretStore::describe(const EnvironmentProfile &profile, Secret secret)
{
    if (secret == Secret::Token)
        return tr("the token of %1").arg(profile.name);
    return profile.prometheusAuth == EnvironmentProfile::MetricsAuth::Basic
        ? tr("the Prometheus password of %1").arg(profile.name)
        : tr("the Prometheus token of %1").arg(profile.name);
}

QString SecretStore::sessionToken(const EnvironmentProfile &profile, Secret secret) const
{
    return m_session.value(keyOf(profile, secret));
}

void SecretStore::markUnavailable(const QString &why)
{
    if (m_keychain == Keychain::Unavailable)
        return;
    m_keychain = Keychain::Unavailable;
    m_problem = noKeychainMessage(why);
    Logging::get("services")->warn("secrets: {}", m_problem.toStdString());
    Q_EMIT notice(m_problem);
}

void SecretStore::runJob(Job kind,
                         const QString &key,
                         const QString &token,
                         std::function<void(int, const QString &, const QString &)> done)
{
    QKeychain::Job *job = nullptr;
    switch (kind) {
    case Job::Read:
        job = new QKeychain::ReadPasswordJob(m_service);
        break;
    case Job::Write: {
        auto *write = new QKeychain::WritePasswordJob(m_service);
        write->setTextData(token);
        job = write;
        break;
    }
    case Job::Delete:
        job = new QKeychain::DeletePasswordJob(m_service);
        break;
    }
    // Never let QtKeychain fall back to a plain-text QSettings copy.
    job->setInsecureFallback(false);
    job->setAutoDelete(true);
    job->setKey(key);

    // Whichever comes first, the job's answer or the deadline, is the answer. A job that never
    // answers is left to QtKeychain (deleting it mid-call is not safe); its late answer is
    // ignored.
    auto answered = std::make_shared<bool>(false);
    connect(job, &QKeychain::Job::finished, this, [kind, answered, done](QKeychain::Job *finished) {
        if (*answered)
            return;
        *answered = true;
        QString data;
        if (kind == Job::Read && finished->error() == QKeychain::NoError)
            data = static_cast<QKeychain::ReadPasswordJob *>(finished)->textData();
        done(finished->error(), finished->errorString(), data);
    });
    QTimer::singleShot(m_timeoutMs, this, [this, answered, done] {
        if (*answered)
            return;
        *answered = true;
        done(kTimedOut, tr("no answer within %1 s").arg(m_timeoutMs / 1000.0), {});
    });
    job->start();
}

void SecretStore::readToken(const EnvironmentProfile &profile,
                            QObject *context,
                            TokenCallback callback,
                            Secret secret)
{
    const auto deliver = guarded<TokenResult>(context, std::move(callback));
    const QString session = sessionToken(profile, secret);
    const QString what = describe(profile, secret);
    auto later = [this, deliver](TokenResult result) {
        QTimer::singleShot(0, this, [deliver, result] { deliver(result); });
    };

    if (profile.tokenSource == EnvironmentProfile::TokenSource::EnvironmentVariable) {
        const QString variable
            = secret == Secret::Token ? profile.tokenEnvVar : profile.prometheusSecretEnvVar;
        const QString token = qEnvironmentVariable(variable.toLocal8Bit().constData()).trimmed();
        Logging::registerSecret(token);
        if (token.isEmpty())
            return later({{},
                          Origin::None,
                          tr("The environment variable %1 is not set or empty: put %2 in it "
                             "before starting the console.")
                              .arg(variable, what)});
        return later({token, Origin::Environment, {}});
    }
    if (profile.tokenSource == EnvironmentProfile::TokenSource::SessionOnly
        || m_keychain == Keychain::Unavailable) {
        if (!session.isEmpty())
            return later({session, Origin::Session, m_problem});
        const QString ask = tr("Enter %1 (it is kept for this session only).").arg(what);
        return later({{}, Origin::None, m_problem.isEmpty() ? ask : m_problem + u' ' + ask});
    }

    runJob(
        Job::Read, keyOf(profile, secret), {},
        [this, deliver, session, what](int error, const QString &why, const QString &data) {
            if (error == QKeychain::NoError) {
                m_keychain = Keychain::Available;
                Logging::registerSecret(data);
                return deliver({data, Origin::Keychain, {}});
            }
            if (error == QKeychain::EntryNotFound || error == QKeychain::AccessDeniedByUser) {
                m_keychain = Keychain::Available;
                if (!session.isEmpty())
                    return deliver({session, Origin::Session, {}});
                return deliver(
                    {{},
                     Origin::None,
                     error == QKeychain::EntryNotFound
                         ? tr("The keychain does not hold %1: enter it in the profile.").arg(what)
                         : tr("Access to the keychain was refused: enter %1 again or allow "
                              "access.")
                               .arg(what)});
            }
            markUnavailable(why);
            deliver({session, session.isEmpty() ? Origin::None : Origin::Session, m_problem});
        });
}

void SecretStore::storeToken(const EnvironmentProfile &profile,
                             const QString &token,
                             QObject *context,
                             StoreCallback callback,
                             Secret secret)
{
    const auto deliver = guarded<StoreResult>(context, std::move(callback));
    auto later = [this, deliver](StoreResult result) {
        QTimer::singleShot(0, this, [deliver, result] { deliver(result); });
    };
    const QString trimmed = token.trimmed();
    Logging::registerSecret(trimmed);
    const QString what = describe(profile, secret);
    if (profile.tokenSource == EnvironmentProfile::TokenSource::EnvironmentVariable)
        return later({false,
                      tr("%1 is read from the environment variable %2; it was not stored.")
                          .arg(capitalised(what),
                               secret == Secret::Token ? profile.tokenEnvVar
                                                       : profile.prometheusSecretEnvVar)});
    if (trimmed.isEmpty())
        return later({false, tr("The token is empty: nothing was stored.")});
    m_session.insert(keyOf(profile, secret), trimmed);
    if (profile.tokenSource == EnvironmentProfile::TokenSource::SessionOnly)
        return later(
            {false,
             tr("%1 is kept for this session only, as the profile asks.").arg(capitalised(what))});
    if (m_keychain == Keychain::Unavailable) {
        Q_EMIT notice(m_problem);
        return later({false, m_problem});
    }

    runJob(Job::Write, keyOf(profile, secret), trimmed,
           [this, deliver](int error, const QString &why, const QString &) {
               if (error == QKeychain::NoError) {
                   m_keychain = Keychain::Available;
                   return deliver({true, {}});
               }
               if (error == QKeychain::AccessDeniedByUser) {
                   m_keychain = Keychain::Available;
                   const QString message
                       = tr("The keychain refused to store the token (%1); it is kept "
                            "for this session only.")
                             .arg(why);
                   Q_EMIT notice(message);
                   return deliver({false, message});
               }
               markUnavailable(why);
               deliver({false, m_problem});
           });
}

void SecretStore::forgetToken(const EnvironmentProfile &profile,
                              QObject *context,
                              StoreCallback callback)
{
    const auto deliver = guarded<StoreResult>(context, std::move(callback));
    m_session.remove(keyOf(profile, Secret::Token));
    m_session.remove(keyOf(profile, Secret::MetricsSecret));
    if (m_keychain == Keychain::Unavailable
        || profile.tokenSource == EnvironmentProfile::TokenSource::EnvironmentVariable) {
        QTimer::singleShot(0, this, [deliver] { deliver({true, {}}); });
        return;
    }
    // The metrics secret's entry first (there may be none; its outcome is not reported), then
    // the token's: when the callback runs, both are gone.
    runJob(
        Job::Delete, keyOf(profile, Secret::MetricsSecret), {},
        [this, deliver, key = keyOf(profile, Secret::Token)](int, const QString &,
                                                             const QString &) {
            runJob(
                Job::Delete, key, {},
                [this, deliver](int error, const QString &why, const QString &) {
                    if (error == QKeychain::NoError || error == QKeychain::EntryNotFound) {
                        m_keychain = Keychain::Available;
                        return deliver({true, {}});
                    }
                    if (error != QKeychain::AccessDeniedByUser
                        && error != QKeychain::CouldNotDeleteEntry)
                        markUnavailable(why);
                    deliver({false, tr("The keychain entry could not be deleted (%1).").arg(why)});
                });
        });
}
