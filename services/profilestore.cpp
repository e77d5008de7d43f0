#include "profilestore.h"

#include "logging.h"

#include <QJsonDocument>
#include <QSettings>
#include <QUuid>

#include <algorithm>

#include <spdlog/spdlog.h>

namespace {

using Issue = EnvironmentProfile::Issue;

QString authKey(AuthScheme auth)
{
    return auth == AuthScheme::ApiKeyHeader ? QStringLiteral("api-key") : QStringLiteral("bearer");
}

QString metricsKey(EnvironmentProfile::MetricsSource source)
{
    return source == EnvironmentProfile::MetricsSource::Prometheus ? QStringLiteral("prometheus")
                                                                   : QStringLiteral("ops-api");
}

// One profile's keys inside the current array entry. There is deliberately no token key.
void write(QSettings &s, const EnvironmentProfile &p)
{
    s.setValue(QStringLiteral("id"), p.id);
    s.setValue(QStringLiteral("name"), p.name);
    s.setValue(QStringLiteral("baseUrl"), p.baseUrl.toString());
    s.setValue(QStringLiteral("auth"), authKey(p.auth));
    s.setValue(QStringLiteral("tokenSource"), EnvironmentProfile::tokenSourceKey(p.tokenSource));
    s.setValue(QStringLiteral("tokenEnvVar"), p.tokenEnvVar);
    s.setValue(QStringLiteral("cli/project"), p.project);
    s.setValue(QStringLiteral("cli/service"), p.service);
    s.setValue(QStringLiteral("cli/region"), p.region);
    s.setValue(QStringLiteral("metrics/source"), metricsKey(p.metrics));
    s.setValue(QStringLiteral("metrics/prometheusUrl"), p.prometheusUrl.toString());
    s.setValue(QStringLiteral("metrics/job"), p.prometheusJob);
    s.setValue(
        QStringLiteral("metrics/overrides"),
        QString::fromUtf8(QJsonDocument(p.prometheusOverrides).toJson(QJsonDocument::Compact)));
    s.setValue(QStringLiteral("metrics/auth"),
               EnvironmentProfile::metricsAuthKey(p.prometheusAuth));
    s.setValue(QStringLiteral("metrics/user"), p.prometheusUser);
    s.setValue(QStringLiteral("metrics/secretEnvVar"), p.prometheusSecretEnvVar);
    s.setValue(QStringLiteral("colour"), p.colour);
    s.setValue(QStringLiteral("production"), p.production);
    s.setValue(QStringLiteral("caFile"), p.caFile);
}

EnvironmentProfile read(const QSettings &s)
{
    EnvironmentProfile p;
    p.id = s.value(QStringLiteral("id")).toString();
    p.name = s.value(QStringLiteral("name")).toString();
    p.baseUrl = QUrl(s.value(QStringLiteral("baseUrl")).toString());
    p.auth = s.value(QStringLiteral("auth")).toString() == QLatin1String("api-key")
        ? AuthScheme::ApiKeyHeader
        : AuthScheme::Bearer;
    p.tokenSource
        = EnvironmentProfile::tokenSourceFromKey(s.value(QStringLiteral("tokenSource")).toString());
    p.tokenEnvVar = s.value(QStringLiteral("tokenEnvVar")).toString();
    p.project = s.value(QStringLiteral("cli/project")).toString();
    p.service = s.value(QStringLiteral("cli/service")).toString();
    p.region = s.value(QStringLiteral("cli/region")).toString();
    p.metrics = s.value(QStringLiteral("metrics/source")).toString() == QLatin1String("prometheus")
        ? EnvironmentProfile::MetricsSource::Prometheus
        : EnvironmentProfile::MetricsSource::OpsApi;
    p.prometheusUrl = QUrl(s.value(QStringLiteral("metrics/prometheusUrl")).toString());
    p.prometheusJob = s.value(QStringLiteral("metrics/job")).toString();
    p.prometheusOverrides
        = QJsonDocument::fromJson(s.value(QStringLiteral("metrics/overrides")).toString().toUtf8())
              .object();
    p.prometheusAuth = EnvironmentProfile::metricsAuthFromKey(
        s.value(QStringLiteral("metrics/auth")).toString());
    p.prometheusUser = s.value(QStringLiteral("metrics/user")).toString();
    p.prometheusSecretEnvVar = s.value(QStringLiteral("metrics/secretEnvVar")).toString();
    p.colour = s.value(QStringLiteral("colour"), p.colour).toString();
    p.production = s.value(QStringLiteral("production")).toBool();
    p.caFile = s.value(QStringLiteral("caFile")).toString();
    return p;
}

QString firstBlocking(const QList<Issue> &issues)
{
    for (const Issue &issue : issues) {
        if (issue.blocking)
            return issue.message;
    }
    return {};
}

} // namespace

ProfileStore::ProfileStore(QObject *parent)
    : QObject(parent)
    , m_settings(std::make_unique<QSettings>())
{
    load();
}

ProfileStore::ProfileStore(const QString &settingsFile, QObject *parent)
    : QObject(parent)
    , m_settings(std::make_unique<QSettings>(settingsFile, QSettings::IniFormat))
{
    load();
}

ProfileStore::~ProfileStore() = default;

void ProfileStore::load()
{
    m_profiles.clear();
    const int count = m_settings->beginReadArray(QStringLiteral("profiles"));
    for (int i = 0; i < count; ++i) {
        m_settings->setArrayIndex(i);
        EnvironmentProfile p = read(*m_settings);
        // A hand-edited file may hold a broken or duplicate entry: skip it, keep the rest.
        if (p.name.isEmpty() || p.id.isEmpty() || indexOf(p.name) >= 0
            || p.name.compare(EnvironmentProfile::simulatorName(), Qt::CaseInsensitive) == 0) {
            Logging::get("services")
                ->warn("profiles: skipping stored entry {} ({})", i, p.name.toStdString());
            continue;
        }
        m_profiles.append(p);
    }
    m_settings->endArray();
    m_current = m_settings->value(QStringLiteral("currentProfile")).toString();
}

bool ProfileStore::save(QString *error)
{
    m_settings->remove(QStringLiteral("profiles"));
    m_settings->beginWriteArray(QStringLiteral("profiles"), int(m_profiles.size()));
    for (int i = 0; i < m_profiles.size(); ++i) {
        m_settings->setArrayIndex(i);
        write(*m_settings, m_profiles.at(i));
    }
    m_settings->endArray();
    m_settings->setValue(QStringLiteral("currentProfile"), m_current);
    m_settings->sync();
    if (m_settings->status() == QSettings::NoError)
        return true;
    const QString message
        = tr("The profiles could not be saved to %1: check that the folder is writable.")
              .arg(m_settings->fileName());
    Logging::get("services")->error("profiles: {}", message.toStdString());
    if (error)
        *error = message;
    return false;
}

int ProfileStore::indexOf(const QString &name) const
{
    for (int i = 0; i < m_profiles.size(); ++i) {
        if (m_profiles.at(i).name.compare(name, Qt::CaseInsensitive) == 0)
            return i;
    }
    return -1;
}

QList<EnvironmentProfile> ProfileStore::profiles() const
{
    return QList<EnvironmentProfile> {EnvironmentProfile::simulator()} + m_profiles;
}

QStringList ProfileStore::names() const
{
    QStringList list {EnvironmentProfile::simulatorName()};
    for (const EnvironmentProfile &p : m_profiles)
        list << p.name;
    return list;
}

std::optional<EnvironmentProfile> ProfileStore::profile(const QString &name) const
{
    if (name.compare(EnvironmentProfile::simulatorName(), Qt::CaseInsensitive) == 0)
        return EnvironmentProfile::simulator();
    const int i = indexOf(name);
    if (i < 0)
        return std::nullopt;
    return m_profiles.at(i);
}

QList<Issue> ProfileStore::check(const EnvironmentProfile &profile,
                                 const QString &originalName) const
{
    QList<Issue> issues;
    if (profile.isSimulator) {
        issues.append({Issue::Field::Name,
                       tr("The simulator profile is built in: it cannot be added or changed.")});
        return issues;
    }
    const bool renamed = originalName.compare(profile.name, Qt::CaseInsensitive) != 0;
    if (renamed && indexOf(profile.name) >= 0)
        issues.append(
            {Issue::Field::Name,
             tr("A profile called \"%1\" already exists: choose another name.").arg(profile.name)});
    issues += profile.validate();
    std::stable_partition(issues.begin(), issues.end(),
                          [](const Issue &issue) { return issue.blocking; });
    return issues;
}

bool ProfileStore::add(const EnvironmentProfile &profile, QString *error)
{
    const QString refused = firstBlocking(check(profile));
    if (!refused.isEmpty()) {
        if (error)
            *error = refused;
        return false;
    }
    EnvironmentProfile stored = profile;
    if (stored.id.isEmpty())
        stored.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_profiles.append(stored);
    if (!save(error)) {
        m_profiles.removeLast();
        return false;
    }
    Q_EMIT profilesChanged();
    return true;
}

bool ProfileStore::update(const QString &originalName,
                          const EnvironmentProfile &profile,
                          QString *error)
{
    const int i = indexOf(originalName);
    QString refused;
    if (originalName.compare(EnvironmentProfile::simulatorName(), Qt::CaseInsensitive) == 0)
        refused = tr("The simulator profile is built in: it cannot be changed.");
    else if (i < 0)
        refused = tr("There is no profile called \"%1\" any more.").arg(originalName);
    else
        refused = firstBlocking(check(profile, originalName));
    if (!refused.isEmpty()) {
        if (error)
            *error = refused;
        return false;
    }
    const EnvironmentProfile before = m_profiles.at(i);
    const bool wasCurrent = m_current.compare(originalName, Qt::CaseInsensitive) == 0;
    m_profiles[i] = profile;
    m_profiles[i].id = before.id;
    if (wasCurrent)
        m_current = profile.name;
    if (!save(error)) {
        m_profiles[i] = before;
        if (wasCurrent)
            m_current = before.name;
        return false;
    }
    Q_EMIT profilesChanged();
    if (wasCurrent)
        Q_EMIT currentChanged(profile.name);
    return true;
}

bool ProfileStore::remove(const QString &name, QString *error)
{
    const int i = indexOf(name);
    QString refused;
    if (name.compare(EnvironmentProfile::simulatorName(), Qt::CaseInsensitive) == 0)
        refused = tr("The simulator profile is built in: it cannot be removed.");
    else if (i < 0)
        refused = tr("There is no profile called \"%1\".").arg(name);
    if (!refused.isEmpty()) {
        if (error)
            *error = refused;
        return false;
    }
    const EnvironmentProfile removed = m_profiles.takeAt(i);
    const bool wasCurrent = m_current.compare(name, Qt::CaseInsensitive) == 0;
    if (wasCurrent)
        m_current.clear();
    if (!save(error)) {
        m_profiles.insert(i, removed);
        if (wasCurrent)
            m_current = removed.name;
        return false;
    }
    Q_EMIT profilesChanged();
    if (wasCurrent)
        Q_EMIT currentChanged(EnvironmentProfile::simulatorName());
    return true;
}

EnvironmentProfile ProfileStore::current() const
{
    return profile(m_current).value_or(EnvironmentProfile::simulator());
}

bool ProfileStore::setCurrent(const QString &name, QString *error)
{
    const std::optional<EnvironmentProfile> chosen = profile(name);
    if (!chosen) {
        if (error)
            *error = tr("There is no profile called \"%1\". Known profiles: %2.")
                         .arg(name, names().join(QStringLiteral(", ")));
        return false;
    }
    if (chosen->name == currentName())
        return true;
    const QString before = m_current;
    m_current = chosen->name;
    if (!save(error)) {
        m_current = before;
        return false;
    }
    Q_EMIT currentChanged(m_current);
    return true;
}

QString ProfileStore::settingsPath() const
{
    return m_settings->fileName();
}
