#include "environmentprofile.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QHostAddress>
#include <QRegularExpression>

#include <algorithm>

namespace {

using Field = EnvironmentProfile::Issue::Field;

QString tr(const char *text)
{
    return QCoreApplication::translate("EnvironmentProfile", text);
}

bool isHttpUrl(const QUrl &url)
{
    return url.isValid() && !url.host().isEmpty()
        && (url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https"));
}

void checkServerUrl(const EnvironmentProfile &p, QList<EnvironmentProfile::Issue> *issues)
{
    const QString shown = p.baseUrl.toString();
    if (!isHttpUrl(p.baseUrl)) {
        issues->append({Field::BaseUrl,
                        shown.isEmpty()
                            ? tr("Enter the server's URL, e.g. https://ops.example.com.")
                            : tr("The URL '%1' cannot be used: give http:// or https:// with a "
                                 "host, e.g. https://ops.example.com.")
                                  .arg(shown)});
        return;
    }
    if (!p.baseUrl.userInfo().isEmpty() || p.baseUrl.hasQuery() || p.baseUrl.hasFragment()) {
        issues->append({Field::BaseUrl,
                        tr("The URL may not carry a user name, password, query or fragment: the "
                           "token is kept in the keychain, not in the URL.")});
        return;
    }
    if (p.baseUrl.scheme() == QLatin1String("http")
        && !EnvironmentProfile::isLoopbackHost(p.baseUrl.host())) {
        if (p.production)
            issues->append({Field::BaseUrl,
                            tr("A production profile needs https:// (http:// would send the token "
                               "in clear text to %1).")
                                .arg(p.baseUrl.host())});
        else
            issues->append({Field::BaseUrl,
                            tr("http:// sends the token in clear text to %1: use https:// unless "
                               "this is a private test network.")
                                .arg(p.baseUrl.host()),
                            false});
    }
}

void checkMetrics(const EnvironmentProfile &p, QList<EnvironmentProfile::Issue> *issues)
{
    if (p.metrics != EnvironmentProfile::MetricsSource::Prometheus)
        return;
    if (!isHttpUrl(p.prometheusUrl) || p.prometheusUrl.hasQuery())
        issues->append({Field::PrometheusUrl,
                        tr("Enter the Prometheus server's URL, e.g. "
                           "https://prometheus.example.com (the console adds /api/v1/...).")});
    else if (!p.prometheusUrl.userInfo().isEmpty())
        issues->append({Field::PrometheusUrl,
                        tr("The Prometheus URL may not carry a user name or password: choose "
                           "Basic sign-in below, and the password is kept with the token.")});
    else if (p.prometheusAuth != EnvironmentProfile::MetricsAuth::None
             && p.prometheusUrl.scheme() == QLatin1String("http")
             && !EnvironmentProfile::isLoopbackHost(p.prometheusUrl.host()))
        issues->append({Field::PrometheusUrl,
                        tr("http:// sends the Prometheus credentials in clear text to %1: use "
                           "https://.")
                            .arg(p.prometheusUrl.host()),
                        p.production});
    if (p.prometheusAuth == EnvironmentProfile::MetricsAuth::Basic
        && (p.prometheusUser.trimmed().isEmpty() || p.prometheusUser.contains(QLatin1Char(':'))))
        issues->append({Field::PrometheusUser, tr("Basic sign-in needs a user name without ':'.")});
    if (p.needsMetricsSecret()
        && p.tokenSource == EnvironmentProfile::TokenSource::EnvironmentVariable
        && !EnvironmentProfile::isValidEnvVarName(p.prometheusSecretEnvVar))
        issues->append(
            {Field::PrometheusSecretEnvVar,
             tr("Name the environment variable that holds the Prometheus %1, e.g. "
                "DREAMOPS_PROMETHEUS_SECRET.")
                 .arg(p.prometheusAuth == EnvironmentProfile::MetricsAuth::Basic ? tr("password")
                                                                                 : tr("token"))});
    // The format of templates.json: job, selector, instancesUpRatio, instanceUp, description
    // and "signals" (PromQL per signal key); any subset.
    auto bad = [issues](const QString &key) {
        issues->append({Field::PrometheusTemplates,
                        tr("The template override '%1' is not a key of templates.json, or its "
                           "value is not a PromQL string.")
                            .arg(key)});
    };
    static const QStringList topLevel
        = {QStringLiteral("job"), QStringLiteral("selector"), QStringLiteral("instancesUpRatio"),
           QStringLiteral("instanceUp"), QStringLiteral("description")};
    for (auto it = p.prometheusOverrides.begin(); it != p.prometheusOverrides.end(); ++it) {
        if (it.key() == QLatin1String("signals") && it.value().isObject())
            continue;
        if (!topLevel.contains(it.key()) || !it.value().isString())
            return bad(it.key());
    }
    const QJsonObject perSignal = p.prometheusOverrides.value(QLatin1String("signals")).toObject();
    for (auto it = perSignal.begin(); it != perSignal.end(); ++it) {
        bool known = false;
        for (std::size_t i = 0; !known && i < SignalStore::kSignalCount; ++i)
            known = PrometheusTemplates::key(SignalStore::Signal(i)) == it.key();
        if (!known || !it.value().isString())
            return bad(QStringLiteral("signals.") + it.key());
    }
}

} // namespace

EnvironmentProfile EnvironmentProfile::simulator()
{
    EnvironmentProfile p;
    p.id = simulatorName();
    p.name = simulatorName();
    p.baseUrl = QUrl(QStringLiteral("http://127.0.0.1"));
    p.tokenSource = TokenSource::SessionOnly;
    p.colour = QStringLiteral("#73d216");
    p.isSimulator = true;
    return p;
}

ConnectionProfile EnvironmentProfile::toConnectionProfile(const QString &token) const
{
    ConnectionProfile c;
    c.name = name;
    c.baseUrl = baseUrl;
    c.auth = auth;
    c.token = token;
    c.isSimulator = isSimulator;
    c.caFile = caFile;
    return c;
}

CommandValidator::Values EnvironmentProfile::cliDefaults() const
{
    CommandValidator::Values values;
    const std::pair<const char *, QString> fields[]
        = {{"project", project}, {"service", service}, {"region", region}};
    for (const auto &[key, value] : fields) {
        if (!value.trimmed().isEmpty())
            values.insert(QLatin1String(key), value.trimmed());
    }
    return values;
}

bool EnvironmentProfile::needsMetricsSecret() const
{
    return metrics == MetricsSource::Prometheus
        && (prometheusAuth == MetricsAuth::Bearer || prometheusAuth == MetricsAuth::Basic);
}

PrometheusEndpoint EnvironmentProfile::prometheusEndpoint(const QString &token,
                                                          const QString &metricsSecret) const
{
    PrometheusEndpoint e;
    e.profileName = name;
    e.baseUrl = prometheusUrl;
    e.caFile = caFile;
    switch (prometheusAuth) {
    case MetricsAuth::None:
        break;
    case MetricsAuth::OpsToken:
        e.auth = PrometheusEndpoint::Auth::Bearer;
        e.token = token;
        break;
    case MetricsAuth::Bearer:
        e.auth = PrometheusEndpoint::Auth::Bearer;
        e.token = metricsSecret;
        break;
    case MetricsAuth::Basic:
        e.auth = PrometheusEndpoint::Auth::Basic;
        e.user = prometheusUser.trimmed();
        e.password = metricsSecret;
        break;
    }
    return e;
}

PrometheusTemplates EnvironmentProfile::prometheusTemplates() const
{
    PrometheusTemplates templates = PrometheusTemplates::defaults();
    if (!prometheusJob.isEmpty())
        templates.setJob(prometheusJob);
    templates.apply(prometheusOverrides);
    return templates;
}

QList<EnvironmentProfile::Issue> EnvironmentProfile::validate() const
{
    QList<Issue> issues;
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty())
        issues.append({Field::Name, tr("Give the profile a name, e.g. \"staging\".")});
    else if (trimmed != name || name.size() > 64 || name.contains(QLatin1Char('/'))
             || name.contains(QLatin1Char('\\')))
        issues.append({Field::Name,
                       tr("The name must be at most 64 characters, without a slash or "
                          "backslash or spaces around it.")});
    if (!isSimulator) {
        if (name.compare(simulatorName(), Qt::CaseInsensitive) == 0)
            issues.append(
                {Field::Name, tr("\"simulator\" is the built-in profile's name: choose another.")});
        checkServerUrl(*this, &issues);
    }
    if (tokenSource == TokenSource::EnvironmentVariable && !isValidEnvVarName(tokenEnvVar))
        issues.append({Field::TokenEnvVar,
                       tokenEnvVar.isEmpty()
                           ? tr("Name the environment variable that holds the token, e.g. "
                                "DREAMOPS_TOKEN.")
                           : tr("'%1' is not an environment variable name: use letters, digits "
                                "and _ and do not start with a digit.")
                                 .arg(tokenEnvVar)});
    checkMetrics(*this, &issues);
    static const QRegularExpression colourPattern(QStringLiteral("^#[0-9A-Fa-f]{6}$"));
    if (!colourPattern.match(colour).hasMatch())
        issues.append({Field::Colour, tr("The colour must look like #1a2b3c.")});
    if (!caFile.isEmpty()) {
        const QFileInfo info(caFile);
        if (!info.isFile() || !info.isReadable())
            issues.append({Field::CaFile,
                           tr("The CA file %1 does not exist or cannot be read.").arg(caFile)});
    }
    std::stable_partition(issues.begin(), issues.end(),
                          [](const Issue &issue) { return issue.blocking; });
    return issues;
}

bool EnvironmentProfile::isAcceptable(const QList<Issue> &issues)
{
    return std::none_of(issues.begin(), issues.end(),
                        [](const Issue &issue) { return issue.blocking; });
}

bool EnvironmentProfile::isLoopbackHost(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

bool EnvironmentProfile::isValidEnvVarName(const QString &name)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]{0,127}$"));
    return pattern.match(name).hasMatch();
}

QString EnvironmentProfile::tokenSourceKey(TokenSource source)
{
    switch (source) {
    case TokenSource::Keychain:
        return QStringLiteral("keychain");
    case TokenSource::EnvironmentVariable:
        return QStringLiteral("env");
    case TokenSource::SessionOnly:
        return QStringLiteral("session");
    }
    return {};
}

QString EnvironmentProfile::metricsAuthKey(MetricsAuth auth)
{
    switch (auth) {
    case MetricsAuth::None:
        return QStringLiteral("none");
    case MetricsAuth::OpsToken:
        return QStringLiteral("ops-token");
    case MetricsAuth::Bearer:
        return QStringLiteral("bearer");
    case MetricsAuth::Basic:
        return QStringLiteral("basic");
    }
    return {};
}

EnvironmentProfile::MetricsAuth EnvironmentProfile::metricsAuthFromKey(const QString &key)
{
    for (MetricsAuth auth : {MetricsAuth::OpsToken, MetricsAuth::Bearer, MetricsAuth::Basic}) {
        if (key == metricsAuthKey(auth))
            return auth;
    }
    return MetricsAuth::None;
}

EnvironmentProfile::TokenSource EnvironmentProfile::tokenSourceFromKey(const QString &key)
{
    if (key == QLatin1String("env"))
        return TokenSource::EnvironmentVariable;
    if (key == QLatin1String("session"))
        return TokenSource::SessionOnly;
    return TokenSource::Keychain;
}
