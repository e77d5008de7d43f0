// N17 for the fleet metrics source: PrometheusClient over TLS. A real prometheus serving a test
// certificate (its --web.config.file) and asking for basic credentials answers through the
// profile's CA file; without the CA file, and with an expired, wrong-name or self-signed
// certificate (dreamnet-sim serving them: the handshake fails before any HTTP), each call fails
// closed with its own sentence; an unusable CA file fails every call before anything connects.
// The profile's CA file and Prometheus sign-in reach the client through the resolver.
#include "environmentprofileresolver.h"
#include "faultserver.h"
#include "prometheusclient.h"
#include "prometheusharness.h"
#include "secretstore.h"
#include "testsupport.h"
#include "tlstestbase.h"

#include <QSslConfiguration>
#include <QSslSocket>
#include <QTest>
#include <QUuid>

#include <gtest/gtest.h>

#include <iostream>

namespace {

const QString kUser = QStringLiteral("fleet");
const QString kPassword = QStringLiteral("fleet-pass-7");
// bcrypt of kPassword at cost 4 (prometheus checks basic_auth_users against bcrypt hashes).
const QByteArray kPasswordHash = "$2b$04$MtR.kJOExvhCdH9DzMCdwujNRfRK9ODYJ3jln0..idFoKjJTjaX16";

PromReply queryOnce(const PrometheusEndpoint &endpoint)
{
    PrometheusClient client(endpoint);
    std::optional<PromReply> out;
    QObject context;
    client.query(QStringLiteral("vector(1)"), 0, &context, [&](const PromReply &r) { out = r; });
    EXPECT_FALSE(out.has_value()) << "never synchronous";
    EXPECT_TRUE(
        TestSupport::waitUntil([&] { return out.has_value(); }, endpoint.deadlineMs + 5000));
    return out.value_or(PromReply {});
}

QString messageOf(const PromReply &reply)
{
    return reply.error ? reply.error->userMessage() : QString();
}

class PrometheusTls : public TlsTestBase
{
protected:
    static PrometheusEndpoint endpoint(const QUrl &url, const QString &caFile)
    {
        PrometheusEndpoint e;
        e.profileName = QStringLiteral("prod");
        e.baseUrl = url;
        e.caFile = caFile;
        e.deadlineMs = 5000;
        return e;
    }
};

TEST_F(PrometheusTls, N17_APrivateCaPrometheusAnswersThroughTheProfileCaFileWithCredentials)
{
    if (!PrometheusHarness::available())
        GTEST_SKIP() << PrometheusHarness::binary().toStdString()
                     << " is not installed (scripts/deps --test installs it)";
    PrometheusHarness prometheus;
    const QByteArray web
        = "tls_server_config:\n  cert_file: " + s_certs->certFile(QStringLiteral("good")).toUtf8()
        + "\n  key_file: " + s_certs->keyFile(QStringLiteral("good")).toUtf8()
        + "\nbasic_auth_users:\n  " + kUser.toUtf8() + ": " + kPasswordHash + "\n";
    PrometheusEndpoint trusted = endpoint({}, s_certs->caFile());
    trusted.auth = PrometheusEndpoint::Auth::Basic;
    trusted.user = kUser;
    trusted.password = kPassword;
    prometheus.serveWith(web, true, trusted);
    QString why;
    // The harness's own readiness queries go through the CA file and the credentials.
    ASSERT_TRUE(prometheus.start(PrometheusHarness::scrapeConfig({}), {}, &why))
        << why.toStdString();
    ASSERT_EQ(prometheus.url().scheme(), QStringLiteral("https"));
    trusted.baseUrl = prometheus.url();

    const PromReply ok = queryOnce(trusted);
    ASSERT_TRUE(ok.ok()) << messageOf(ok).toStdString();
    ASSERT_EQ(ok.data.series.size(), 1u);
    ASSERT_EQ(ok.data.series.front().samples.size(), 1u);
    EXPECT_EQ(ok.data.series.front().samples.front().value, 1.0);

    PrometheusEndpoint wrongPassword = trusted;
    wrongPassword.password = QStringLiteral("not-it");
    const PromReply refused = queryOnce(wrongPassword);
    ASSERT_TRUE(refused.error);
    EXPECT_EQ(refused.error->kind, PrometheusError::Kind::Http);
    EXPECT_EQ(refused.error->httpStatus, 401);
    EXPECT_TRUE(messageOf(refused).contains(QLatin1String("refused the credentials")))
        << messageOf(refused).toStdString();

    PrometheusEndpoint systemCasOnly = trusted;
    systemCasOnly.caFile.clear();
    const PromReply unknown = queryOnce(systemCasOnly);
    ASSERT_TRUE(unknown.error);
    EXPECT_EQ(unknown.error->kind, PrometheusError::Kind::Tls);
    EXPECT_EQ(unknown.error->httpStatus, 0);
    const QString sentence = messageOf(unknown);
    std::cout << "[no CA file] " << sentence.toStdString() << std::endl;
    EXPECT_TRUE(sentence.startsWith(QLatin1String("Prometheus at https://127.0.0.1:")))
        << sentence.toStdString();
    EXPECT_TRUE(sentence.contains(QLatin1String("unknown certificate authority")))
        << sentence.toStdString();
    EXPECT_FALSE(sentence.contains(kPassword));

    // The same through a profile: its CA file and Prometheus sign-in, the password found by the
    // SecretStore, the endpoint made by the resolver.
    EnvironmentProfile profile;
    profile.id = QStringLiteral("tls-fleet");
    profile.name = QStringLiteral("prod");
    profile.baseUrl = QUrl(QStringLiteral("https://ops.example.com"));
    profile.caFile = s_certs->caFile();
    profile.tokenSource = EnvironmentProfile::TokenSource::SessionOnly;
    profile.metrics = EnvironmentProfile::MetricsSource::Prometheus;
    profile.prometheusUrl = prometheus.url();
    profile.prometheusAuth = EnvironmentProfile::MetricsAuth::Basic;
    profile.prometheusUser = kUser;
    SecretStore secrets(QUuid::createUuid().toString());
    secrets.storeToken(profile, QStringLiteral("ops-token"), &secrets, {});
    secrets.storeToken(profile, kPassword, &secrets, {}, SecretStore::Secret::MetricsSecret);
    std::optional<EnvironmentProfileResolver::Outcome> outcome;
    QObject context;
    EnvironmentProfileResolver::resolve(profile, &secrets, {}, &context,
                                        [&](const auto &got) { outcome = got; });
    ASSERT_TRUE(TestSupport::waitUntil([&] { return outcome.has_value(); }, 10000));
    ASSERT_TRUE(outcome->ready && outcome->metricsReady) << outcome->metricsMessage.toStdString();
    PrometheusEndpoint resolved = outcome->settings.prometheus;
    resolved.deadlineMs = 5000;
    const PromReply viaProfile = queryOnce(resolved);
    EXPECT_TRUE(viaProfile.ok()) << messageOf(viaProfile).toStdString();
}

TEST_F(PrometheusTls, N17_ExpiredWrongNameAndSelfSignedFailClosedWithDistinctSentences)
{
    QStringList sentences;
    for (const QString &cert :
         {QStringLiteral("expired"), QStringLiteral("wrongname"), QStringLiteral("selfsigned")}) {
        const auto server = TestSupport::startSimulator(s_certs->simArguments(cert));
        ASSERT_TRUE(server->isReady());
        const PromReply reply = queryOnce(endpoint(server->baseUrl(), s_certs->caFile()));
        ASSERT_TRUE(reply.error) << cert.toStdString();
        EXPECT_EQ(reply.error->kind, PrometheusError::Kind::Tls) << cert.toStdString();
        EXPECT_EQ(reply.error->httpStatus, 0) << "no HTTP exchange happened";
        sentences << messageOf(reply);
        std::cout << '[' << cert.toStdString() << "] " << sentences.last().toStdString()
                  << std::endl;
        EXPECT_TRUE(sentences.last().contains(QLatin1String("TLS refused, nothing was sent")));
    }
    EXPECT_TRUE(sentences.at(0).contains(QLatin1String("expired on")));
    EXPECT_TRUE(sentences.at(1).contains(QLatin1String("host name mismatch")));
    EXPECT_TRUE(sentences.at(1).contains(QLatin1String("wrong.example")));
    EXPECT_TRUE(sentences.at(2).contains(QLatin1String("unknown certificate authority")));
    EXPECT_FALSE(sentences.at(0).contains(QLatin1String("unknown certificate authority")));
    EXPECT_FALSE(sentences.at(2).contains(QLatin1String("expired")));
    EXPECT_EQ(QSet<QString>(sentences.cbegin(), sentences.cend()).size(), 3);
}

TEST_F(PrometheusTls, N17_AMissingOrEmptyCaFileFailsBeforeConnecting)
{
    FaultServer server;
    ASSERT_TRUE(server.listen());
    server.setResponse(200, R"({"status":"success","data":{"resultType":"vector","result":[]}})");
    // A missing file, and a key file: PEM, but no certificate in it.
    const QList<QPair<QString, QLatin1String>> unusable {
        {s_certs->path(QStringLiteral("no-such-ca.pem")), QLatin1String("does not exist")},
        {s_certs->keyFile(QStringLiteral("good")), QLatin1String("holds no PEM certificate")}};
    for (const auto &[caFile, problem] : unusable) {
        const PromReply reply = queryOnce(endpoint(server.baseUrl(), caFile));
        ASSERT_TRUE(reply.error) << caFile.toStdString();
        EXPECT_EQ(reply.error->kind, PrometheusError::Kind::Tls);
        EXPECT_TRUE(messageOf(reply).contains(problem)) << messageOf(reply).toStdString();
        EXPECT_TRUE(messageOf(reply).contains(QLatin1String("nothing was sent")));
    }
    QTest::qWait(100);
    EXPECT_EQ(server.connectionCount(), 0) << "a call went out without its CA file";

    // setEndpoint without a CA file: the same client talks again.
    PrometheusClient client(endpoint(server.baseUrl(), s_certs->caFile() + QStringLiteral("x")));
    client.setEndpoint(endpoint(server.baseUrl(), QString()));
    std::optional<PromReply> plain;
    QObject context;
    client.query(QStringLiteral("up"), 0, &context, [&](const PromReply &r) { plain = r; });
    ASSERT_TRUE(TestSupport::waitUntil([&] { return plain.has_value(); }, 10000));
    EXPECT_TRUE(plain->ok()) << messageOf(*plain).toStdString();
}

TEST_F(PrometheusTls, N17_RequestsTrustTheCaFileBesideTheSystemCas)
{
    const QUrl url(QStringLiteral("https://127.0.0.1:1"));
    PrometheusClient none(endpoint(url, QString()));
    const QNetworkRequest plain = none.buildRequest(url, QStringLiteral("t"));
    EXPECT_EQ(plain.sslConfiguration().caCertificates(),
              QSslConfiguration::defaultConfiguration().caCertificates());

    PrometheusClient with(endpoint(url, s_certs->caFile()));
    const QNetworkRequest request = with.buildRequest(url, QStringLiteral("t"));
    const QList<QSslCertificate> testCa = QSslCertificate::fromPath(s_certs->caFile());
    ASSERT_EQ(testCa.size(), 1);
    const QList<QSslCertificate> cas = request.sslConfiguration().caCertificates();
    EXPECT_TRUE(cas.contains(testCa.first()));
    EXPECT_GE(cas.size(), QSslConfiguration::systemCaCertificates().size() + 1);
    EXPECT_NE(request.sslConfiguration().peerVerifyMode(), QSslSocket::VerifyNone);
}

} // namespace
