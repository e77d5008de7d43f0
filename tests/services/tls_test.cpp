// N17: the console over TLS to a dreamnet-sim serving test certificates made by openssl. Trusted
// through the profile's CA file it works; an unknown CA (self-signed), an expired and a
// wrong-name certificate fail closed, each with its own sentence; a CA file that is missing or
// holds no certificate fails every call before anything connects.
#include "clienttestutil.h"
#include "faultserver.h"
#include "jsonsamples.h"
#include "opstransport.h"
#include "requesthardening.h"
#include "tlstestbase.h"

#include <QSslConfiguration>
#include <QSslSocket>

#include <gtest/gtest.h>

using namespace ClientTest;

namespace {

class TlsClient : public TlsTestBase
{
protected:
    /// A simulator serving `cert`, and the outcome of one GET /api/ops/status with `caFile`.
    static Outcome<OpsStatus> statusOver(const QString &cert, const QString &caFile)
    {
        const auto sim = TestSupport::startSimulator(s_certs->simArguments(cert));
        Outcome<OpsStatus> out;
        if (!sim->isReady())
            return out;
        EXPECT_EQ(sim->baseUrl().scheme(), QStringLiteral("https"));
        ConnectionProfile profile = profileFor(sim->baseUrl(), 5000, sim->token());
        profile.caFile = caFile;
        OpsClient client(profile);
        return await<OpsStatus>([&](QObject *c, auto cb) { client.getOpsStatus(c, cb); });
    }

    static QString messageOf(const Outcome<OpsStatus> &out)
    {
        return out.result && !out.ok() ? out.error().userMessage() : QString();
    }
};

TEST_F(TlsClient, N17_TrustedThroughTheProfileCaFileWorks)
{
    const auto out = statusOver(QStringLiteral("good"), s_certs->caFile());
    ASSERT_TRUE(out.result);
    ASSERT_TRUE(out.ok()) << out.error().userMessage().toStdString();
    EXPECT_EQ(out.result->httpStatus(), 200);
}

TEST_F(TlsClient, N17_WithoutTheCaFileTheSameServerIsAnUnknownIssuer)
{
    const auto out = statusOver(QStringLiteral("good"), QString());
    ASSERT_TRUE(out.result);
    EXPECT_EQ(out.kind(), ApiError::Kind::Network);
    EXPECT_TRUE(messageOf(out).contains(QLatin1String("unknown certificate authority")))
        << messageOf(out).toStdString();
}

TEST_F(TlsClient, N17_UnknownCaExpiredAndWrongNameFailClosedWithDistinctSentences)
{
    // The profile trusts the test CA: each failure has exactly one cause.
    const auto selfSigned = statusOver(QStringLiteral("selfsigned"), s_certs->caFile());
    const auto expired = statusOver(QStringLiteral("expired"), s_certs->caFile());
    const auto wrongName = statusOver(QStringLiteral("wrongname"), s_certs->caFile());
    for (const auto *out : {&selfSigned, &expired, &wrongName}) {
        ASSERT_TRUE(out->result);
        EXPECT_FALSE(out->ok());
        EXPECT_EQ(out->kind(), ApiError::Kind::Network);
        EXPECT_EQ(out->error().httpStatus, 0); // no HTTP exchange happened
        EXPECT_TRUE(messageOf(*out).contains(QLatin1String("TLS refused")));
    }
    const QString a = messageOf(selfSigned);
    const QString b = messageOf(expired);
    const QString c = messageOf(wrongName);
    std::cout << "[unknown CA] " << a.toStdString() << "\n[expired] " << b.toStdString()
              << "\n[wrong name] " << c.toStdString() << std::endl;
    EXPECT_TRUE(a.contains(QLatin1String("self-signed or issued by an unknown certificate "
                                         "authority")))
        << a.toStdString();
    EXPECT_FALSE(a.contains(QLatin1String("expired")));
    EXPECT_TRUE(b.contains(QLatin1String("expired on"))) << b.toStdString();
    EXPECT_FALSE(b.contains(QLatin1String("unknown certificate authority")));
    EXPECT_TRUE(c.contains(QLatin1String("host name mismatch"))) << c.toStdString();
    EXPECT_TRUE(c.contains(QLatin1String("wrong.example"))) << c.toStdString();
    EXPECT_TRUE(c.contains(QLatin1String("127.0.0.1"))) << c.toStdString();
    EXPECT_NE(a, b);
    EXPECT_NE(b, c);
    EXPECT_NE(a, c);
}

TEST_F(TlsClient, N17_AMissingOrEmptyCaFileFailsBeforeConnecting)
{
    FaultServer server;
    ASSERT_TRUE(server.listen());
    server.setResponse(200, JsonSamples::opsStatus);
    ConnectionProfile profile = profileFor(server.baseUrl());
    profile.caFile = s_certs->path(QStringLiteral("no-such-ca.pem"));
    OpsClient client(profile);
    const auto missing = await<OpsStatus>([&](QObject *c, auto cb) { client.getOpsStatus(c, cb); });
    ASSERT_TRUE(missing.result);
    EXPECT_EQ(missing.kind(), ApiError::Kind::Network);
    EXPECT_TRUE(missing.error().userMessage().contains(QLatin1String("does not exist")))
        << missing.error().userMessage().toStdString();

    // A key file is PEM but holds no certificate.
    profile.caFile = s_certs->keyFile(QStringLiteral("good"));
    client.setProfile(profile);
    const auto empty = await<OpsStatus>([&](QObject *c, auto cb) { client.getOpsStatus(c, cb); });
    ASSERT_TRUE(empty.result);
    EXPECT_EQ(empty.kind(), ApiError::Kind::Network);
    EXPECT_TRUE(empty.error().userMessage().contains(QLatin1String("holds no PEM certificate")))
        << empty.error().userMessage().toStdString();
    QTest::qWait(100);
    EXPECT_EQ(server.connectionCount(), 0) << "a call went out without its CA file";

    profile.caFile.clear(); // and a profile without one talks as before
    client.setProfile(profile);
    const auto plain = await<OpsStatus>([&](QObject *c, auto cb) { client.getOpsStatus(c, cb); });
    EXPECT_TRUE(plain.ok()) << plain.error().userMessage().toStdString();
}

TEST_F(TlsClient, N17_RequestsTrustTheProfileCaBesideTheSystemCas)
{
    ConnectionProfile profile = profileFor(QUrl(QStringLiteral("https://127.0.0.1:1")));
    OpsTransport none(profile);
    const QNetworkRequest plain
        = none.buildRequest("GET", none.urlFor(QStringLiteral("/x")), QStringLiteral("t"));
    // No CA file: Qt's default configuration (the system store, loaded on demand).
    EXPECT_EQ(plain.sslConfiguration().caCertificates(),
              QSslConfiguration::defaultConfiguration().caCertificates());

    profile.caFile = s_certs->caFile();
    OpsTransport with(profile);
    const QNetworkRequest request
        = with.buildRequest("GET", with.urlFor(QStringLiteral("/x")), QStringLiteral("t"));
    const QList<QSslCertificate> cas = request.sslConfiguration().caCertificates();
    const QList<QSslCertificate> testCa = QSslCertificate::fromPath(s_certs->caFile());
    ASSERT_EQ(testCa.size(), 1);
    EXPECT_TRUE(cas.contains(testCa.first()));
    const QList<QSslCertificate> system = QSslConfiguration::systemCaCertificates();
    EXPECT_GE(cas.size(), system.size() + 1);
    if (!system.isEmpty()) {
        EXPECT_TRUE(cas.contains(system.first()));
    }
    // Verification stays on: nothing lowers the peer verify mode.
    EXPECT_NE(request.sslConfiguration().peerVerifyMode(), QSslSocket::VerifyNone);
    EXPECT_NE(request.sslConfiguration().peerVerifyMode(), QSslSocket::QueryPeer);
}

TEST(TlsSentences, N17_EachCertificateProblemHasItsOwnSentence)
{
    const QString host = QStringLiteral("ops.example");
    const QString unknown = RequestHardening::describeTlsErrors(
        {QSslError(QSslError::UnableToGetLocalIssuerCertificate)}, host);
    const QString selfSigned
        = RequestHardening::describeTlsErrors({QSslError(QSslError::SelfSignedCertificate)}, host);
    const QString notYet
        = RequestHardening::describeTlsErrors({QSslError(QSslError::CertificateNotYetValid)}, host);
    const QString revoked
        = RequestHardening::describeTlsErrors({QSslError(QSslError::CertificateRevoked)}, host);
    EXPECT_EQ(unknown, selfSigned); // the same remedy: trust the CA through the profile
    EXPECT_TRUE(notYet.contains(QLatin1String("not valid before"))) << notYet.toStdString();
    EXPECT_TRUE(revoked.contains(QLatin1String("was refused")))
        << revoked.toStdString(); // anything else: Qt's words and the error's number
    EXPECT_TRUE(revoked.contains(QString::number(int(QSslError::CertificateRevoked))));
    const QString both = RequestHardening::describeTlsErrors(
        {QSslError(QSslError::HostNameMismatch), QSslError(QSslError::SelfSignedCertificate)},
        host);
    EXPECT_LT(both.indexOf(QLatin1String("unknown certificate authority")),
              both.indexOf(QLatin1String("host name mismatch")));
    EXPECT_TRUE(RequestHardening::describeTlsErrors({}, host).contains(QLatin1String("failed")));
}

} // namespace
