// Environment profiles: storage round trip in a temporary INI file, the built-in simulator
// profile, validation sentences, and what a profile hands to the client and the CLI form.
#include "environmentprofile.h"
#include "profilestore.h"

#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>

#include <gtest/gtest.h>

namespace {

using Field = EnvironmentProfile::Issue::Field;

EnvironmentProfile staging()
{
    EnvironmentProfile p;
    p.name = QStringLiteral("staging");
    p.baseUrl = QUrl(QStringLiteral("https://ops.staging.example.com/v1"));
    p.auth = AuthScheme::ApiKeyHeader;
    p.tokenSource = EnvironmentProfile::TokenSource::EnvironmentVariable;
    p.tokenEnvVar = QStringLiteral("DREAMOPS_STAGING_TOKEN");
    p.project = QStringLiteral("dreamnet-staging");
    p.service = QStringLiteral("dreamnet");
    p.region = QStringLiteral("europe-west1");
    p.metrics = EnvironmentProfile::MetricsSource::Prometheus;
    p.prometheusUrl = QUrl(QStringLiteral("https://prometheus.example.com"));
    p.prometheusJob = QStringLiteral("dreamnet-staging");
    p.prometheusOverrides = QJsonObject {
        {QStringLiteral("signals"),
         QJsonObject {{QStringLiteral("cpuPercent"), QStringLiteral("avg(cpu{{selector}})")}}}};
    p.prometheusAuth = EnvironmentProfile::MetricsAuth::Basic;
    p.prometheusUser = QStringLiteral("grafana");
    p.prometheusSecretEnvVar = QStringLiteral("DREAMOPS_STAGING_PROM_PASSWORD");
    p.colour = QStringLiteral("#f57900");
    return p;
}

EnvironmentProfile production()
{
    EnvironmentProfile p;
    p.name = QStringLiteral("prod-eu");
    p.baseUrl = QUrl(QStringLiteral("https://ops.example.com"));
    p.production = true;
    p.colour = QStringLiteral("#cc0000");
    return p;
}

QStringList messagesFor(const QList<EnvironmentProfile::Issue> &issues, Field field)
{
    QStringList list;
    for (const auto &issue : issues) {
        if (issue.field == field)
            list << issue.message;
    }
    return list;
}

class ProfileStoreTest : public ::testing::Test
{
protected:
    QString file() const { return m_dir.filePath(QStringLiteral("dreamops.ini")); }
    QTemporaryDir m_dir;
};

} // namespace

TEST_F(ProfileStoreTest, SimulatorProfileAlwaysExistsAndCannotBeRemoved)
{
    ProfileStore store(file());
    ASSERT_EQ(store.names(), QStringList {QStringLiteral("simulator")});
    EXPECT_TRUE(store.current().isSimulator);
    QString error;
    EXPECT_FALSE(store.remove(QStringLiteral("simulator"), &error));
    EXPECT_TRUE(error.contains(QLatin1String("built in"))) << error.toStdString();
    EXPECT_FALSE(store.update(QStringLiteral("Simulator"), staging(), &error));
    EXPECT_FALSE(store.add(EnvironmentProfile::simulator(), &error));
    EnvironmentProfile impostor = staging();
    impostor.name = QStringLiteral("SIMULATOR");
    EXPECT_FALSE(store.add(impostor, &error));
    EXPECT_EQ(store.names(), QStringList {QStringLiteral("simulator")});
}

TEST_F(ProfileStoreTest, RoundTripKeepsEveryFieldAndTheCurrentProfile)
{
    QString id;
    {
        ProfileStore store(file());
        QSignalSpy changed(&store, &ProfileStore::profilesChanged);
        QSignalSpy current(&store, &ProfileStore::currentChanged);
        QString error;
        ASSERT_TRUE(store.add(staging(), &error)) << error.toStdString();
        ASSERT_TRUE(store.add(production(), &error)) << error.toStdString();
        EXPECT_EQ(changed.count(), 2);
        ASSERT_TRUE(store.setCurrent(QStringLiteral("STAGING"), &error));
        ASSERT_EQ(current.count(), 1);
        EXPECT_EQ(current.at(0).at(0).toString(), QStringLiteral("staging"));
        id = store.profile(QStringLiteral("staging"))->id;
        EXPECT_FALSE(id.isEmpty());
    }
    ProfileStore reopened(file());
    EXPECT_EQ(reopened.names(),
              (QStringList {QStringLiteral("simulator"), QStringLiteral("staging"),
                            QStringLiteral("prod-eu")}));
    EnvironmentProfile expected = staging();
    expected.id = id;
    EXPECT_EQ(reopened.current(), expected);
    EXPECT_TRUE(reopened.profile(QStringLiteral("prod-eu"))->production);
}

TEST_F(ProfileStoreTest, UpdateRenamesKeepsTheIdAndFollowsTheCurrentProfile)
{
    ProfileStore store(file());
    ASSERT_TRUE(store.add(staging()));
    ASSERT_TRUE(store.setCurrent(QStringLiteral("staging")));
    const QString id = store.current().id;
    QSignalSpy current(&store, &ProfileStore::currentChanged);
    EnvironmentProfile renamed = staging();
    renamed.name = QStringLiteral("staging-eu");
    QString error;
    ASSERT_TRUE(store.update(QStringLiteral("staging"), renamed, &error)) << error.toStdString();
    EXPECT_EQ(store.currentName(), QStringLiteral("staging-eu"));
    EXPECT_EQ(store.current().id, id);
    EXPECT_EQ(current.count(), 1);

    ASSERT_TRUE(store.remove(QStringLiteral("staging-eu"), &error));
    EXPECT_TRUE(store.current().isSimulator) << "removing the current one falls back";
    EXPECT_EQ(current.count(), 2);
    EXPECT_FALSE(ProfileStore(file()).profile(QStringLiteral("staging-eu")).has_value());
}

TEST_F(ProfileStoreTest, DuplicateNameIsRefusedWithASentence)
{
    ProfileStore store(file());
    ASSERT_TRUE(store.add(staging()));
    EnvironmentProfile twin = production();
    twin.name = QStringLiteral("Staging");
    QString error;
    EXPECT_FALSE(store.add(twin, &error));
    EXPECT_EQ(error,
              QStringLiteral("A profile called \"Staging\" already exists: choose another "
                             "name."));
    // Editing a profile without renaming it is not a duplicate of itself.
    EXPECT_TRUE(store.update(QStringLiteral("staging"), staging(), &error)) << error.toStdString();
    EXPECT_FALSE(store.setCurrent(QStringLiteral("nowhere"), &error));
    EXPECT_TRUE(error.contains(QLatin1String("Known profiles: simulator, staging")))
        << error.toStdString();
}

TEST(EnvironmentProfileValidation, BadUrlsAndNamesGiveSentences)
{
    EnvironmentProfile p = staging();
    p.baseUrl = QUrl(QStringLiteral("ftp://ops.example.com"));
    p.name = QStringLiteral(" padded ");
    const auto issues = p.validate();
    EXPECT_FALSE(EnvironmentProfile::isAcceptable(issues));
    ASSERT_EQ(messagesFor(issues, Field::BaseUrl).size(), 1);
    EXPECT_TRUE(messagesFor(issues, Field::BaseUrl).at(0).contains(QLatin1String("ftp://")));
    EXPECT_EQ(messagesFor(issues, Field::Name).size(), 1);

    p = staging();
    p.baseUrl = QUrl(QStringLiteral("https://user:secret@ops.example.com"));
    EXPECT_EQ(messagesFor(p.validate(), Field::BaseUrl).size(), 1);
    p.baseUrl = QUrl();
    EXPECT_EQ(
        messagesFor(p.validate(), Field::BaseUrl),
        QStringList {QStringLiteral("Enter the server's URL, e.g. https://ops.example.com.")});
}

TEST(EnvironmentProfileValidation, PlainHttpIsRefusedForProductionAndWarnedOtherwise)
{
    EnvironmentProfile p = production();
    p.baseUrl = QUrl(QStringLiteral("http://ops.example.com"));
    auto issues = p.validate();
    ASSERT_EQ(issues.size(), 1);
    EXPECT_TRUE(issues.at(0).blocking);
    EXPECT_EQ(issues.at(0).message,
              QStringLiteral("A production profile needs https:// (http:// would send the token in "
                             "clear text to ops.example.com)."));

    p.production = false;
    issues = p.validate();
    ASSERT_EQ(issues.size(), 1);
    EXPECT_FALSE(issues.at(0).blocking);
    EXPECT_TRUE(EnvironmentProfile::isAcceptable(issues));

    // Loopback is not on the wire: no warning, even for production.
    p.production = true;
    for (const char *url :
         {"http://127.0.0.1:8080", "http://localhost:8080", "http://[::1]:8080"}) {
        p.baseUrl = QUrl(QLatin1String(url));
        EXPECT_TRUE(p.validate().isEmpty()) << url;
    }
}

TEST(EnvironmentProfileValidation, EnvVarNameColourTemplatesAndCaFile)
{
    EnvironmentProfile p = staging();
    for (const char *bad : {"", "1TOKEN", "MY-TOKEN", "TOKEN=x", "$(id)"}) {
        p.tokenEnvVar = QLatin1String(bad);
        EXPECT_EQ(messagesFor(p.validate(), Field::TokenEnvVar).size(), 1) << bad;
    }
    p.tokenEnvVar = QStringLiteral("_DREAMOPS_TOKEN2");
    EXPECT_TRUE(p.validate().isEmpty());

    p.colour = QStringLiteral("red");
    EXPECT_EQ(messagesFor(p.validate(), Field::Colour).size(), 1);
    p.colour = QStringLiteral("#00aa00");

    p.prometheusOverrides = QJsonObject {
        {QStringLiteral("signals"), QJsonObject {{QStringLiteral("cpuPct"), QStringLiteral("x")}}}};
    EXPECT_EQ(messagesFor(p.validate(), Field::PrometheusTemplates),
              QStringList {QStringLiteral("The template override 'signals.cpuPct' is not a key of "
                                          "templates.json, or its value is not a PromQL string.")});
    p.prometheusOverrides = {};
    p.prometheusUrl = QUrl(QStringLiteral("prometheus:9090"));
    EXPECT_EQ(messagesFor(p.validate(), Field::PrometheusUrl).size(), 1);
    p.metrics = EnvironmentProfile::MetricsSource::OpsApi;
    EXPECT_TRUE(p.validate().isEmpty()) << "the Prometheus URL only matters for Prometheus";

    p.caFile = QStringLiteral("/nonexistent/ca.pem");
    EXPECT_EQ(
        messagesFor(p.validate(), Field::CaFile),
        QStringList {QStringLiteral("The CA file /nonexistent/ca.pem does not exist or cannot "
                                    "be read.")});
}

TEST(EnvironmentProfileValidation, PrometheusSignInNeedsItsUserVariableAndHttps)
{
    EnvironmentProfile p = staging();
    ASSERT_TRUE(p.validate().isEmpty());
    for (const char *bad : {"", "  ", "a:b"}) {
        p.prometheusUser = QLatin1String(bad);
        EXPECT_EQ(messagesFor(p.validate(), Field::PrometheusUser),
                  QStringList {QStringLiteral("Basic sign-in needs a user name without ':'.")})
            << bad;
    }
    p.prometheusUser = QStringLiteral("grafana");
    p.prometheusSecretEnvVar.clear();
    EXPECT_EQ(messagesFor(p.validate(), Field::PrometheusSecretEnvVar),
              QStringList {QStringLiteral("Name the environment variable that holds the "
                                          "Prometheus password, e.g. "
                                          "DREAMOPS_PROMETHEUS_SECRET.")});
    p.tokenSource = EnvironmentProfile::TokenSource::Keychain;
    EXPECT_TRUE(p.validate().isEmpty()) << "a keychain profile keeps the secret there";

    p.prometheusUrl = QUrl(QStringLiteral("https://grafana:pw@prometheus.example.com"));
    EXPECT_EQ(messagesFor(p.validate(), Field::PrometheusUrl).size(), 1);
    p.prometheusUrl = QUrl(QStringLiteral("http://prometheus.example.com"));
    auto issues = p.validate();
    ASSERT_EQ(messagesFor(issues, Field::PrometheusUrl).size(), 1);
    EXPECT_TRUE(EnvironmentProfile::isAcceptable(issues)) << "a warning outside production";
    p.production = true;
    issues = p.validate();
    EXPECT_TRUE(messagesFor(issues, Field::PrometheusUrl)
                    .value(0)
                    .contains(QLatin1String("clear text to prometheus.example.com")));
    EXPECT_FALSE(EnvironmentProfile::isAcceptable(issues));
    p.prometheusAuth = EnvironmentProfile::MetricsAuth::None;
    EXPECT_TRUE(p.validate().isEmpty()) << "no credentials, nothing to leak";
}

TEST(EnvironmentProfile, FeedsTheClientTheCliFormAndPrometheus)
{
    EnvironmentProfile p = staging();
    p.caFile = QStringLiteral("/etc/ssl/certs/ca-certificates.crt");
    const ConnectionProfile c = p.toConnectionProfile(QStringLiteral("tok"));
    EXPECT_EQ(c.name, p.name);
    EXPECT_EQ(c.baseUrl, p.baseUrl);
    EXPECT_EQ(c.auth, AuthScheme::ApiKeyHeader);
    EXPECT_EQ(c.token, QStringLiteral("tok"));
    EXPECT_EQ(c.caFile, p.caFile);
    EXPECT_FALSE(c.isSimulator);
    EXPECT_TRUE(EnvironmentProfile::simulator().toConnectionProfile({}).isSimulator);

    p.project.clear();
    const CommandValidator::Values defaults = p.cliDefaults();
    EXPECT_EQ(defaults.value(QStringLiteral("service")), QStringLiteral("dreamnet"));
    EXPECT_EQ(defaults.value(QStringLiteral("region")), QStringLiteral("europe-west1"));
    EXPECT_FALSE(defaults.contains(QStringLiteral("project"))) << "empty = the catalogue's default";

    const PrometheusTemplates templates = p.prometheusTemplates();
    EXPECT_EQ(templates.job(), QStringLiteral("dreamnet-staging"));
    EXPECT_EQ(templates.query(SignalStore::Signal::CpuPercent),
              QStringLiteral("avg(cpu{job=\"dreamnet-staging\"})"));
    EXPECT_TRUE(templates.query(SignalStore::Signal::RequestsPerSecond)
                    .contains(QLatin1String("job=\"dreamnet-staging\"")));
}

TEST_F(ProfileStoreTest, SettingsFileHoldsNoTokenKeyAndSkipsBrokenEntries)
{
    {
        ProfileStore store(file());
        ASSERT_TRUE(store.add(staging()));
    }
    QFile ini(file());
    ASSERT_TRUE(ini.open(QIODevice::ReadOnly));
    const QByteArray text = ini.readAll();
    EXPECT_TRUE(text.contains("tokenEnvVar=DREAMOPS_STAGING_TOKEN"));
    EXPECT_FALSE(text.contains("\\token=")) << text.toStdString();
    ini.close();

    // A hand-edited duplicate and a nameless entry are skipped; the good one survives.
    ASSERT_TRUE(ini.open(QIODevice::Append));
    ini.write("\n[broken]\nx=1\n");
    ini.close();
    {
        QSettings settings(file(), QSettings::IniFormat);
        settings.beginWriteArray(QStringLiteral("profiles"), 3);
        settings.setArrayIndex(1);
        settings.setValue(QStringLiteral("id"), QStringLiteral("x"));
        settings.setValue(QStringLiteral("name"), QStringLiteral("STAGING"));
        settings.setArrayIndex(2);
        settings.setValue(QStringLiteral("id"), QStringLiteral("y"));
        settings.endArray();
    }
    EXPECT_EQ(ProfileStore(file()).names(),
              (QStringList {QStringLiteral("simulator"), QStringLiteral("staging")}));
}
