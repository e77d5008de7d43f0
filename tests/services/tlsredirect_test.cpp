// N16: an https -> http redirect is refused before anything reaches the plain port (the token
// never travels in clear). N17's source scan: nothing under services/, gui/ or models/ ignores
// TLS errors without naming them. And dreamnet-sim's --tls-cert/--tls-key refuse bad input.
#include "clienttestutil.h"
#include "faultserver.h"
#include "jsonsamples.h"
#include "tlscertificates.h"
#include "tlsredirectserver.h"

#include <QDirIterator>
#include <QProcess>
#include <QRegularExpression>
#include <QSslSocket>

#include <gtest/gtest.h>

using namespace ClientTest;

namespace {

TEST(TlsRedirect, N16_HttpsToHttpRedirectIsRefused)
{
    if (!QSslSocket::supportsSsl())
        GTEST_SKIP() << "Qt has no TLS backend here";
    TlsCertificates certs;
    ASSERT_TRUE(certs.generate()) << certs.error().toStdString();
    FaultServer plain;
    ASSERT_TRUE(plain.listen());
    plain.setResponse(200, JsonSamples::opsStatus);
    QUrl downgrade = plain.baseUrl(); // same host, plain http
    downgrade.setPath(QStringLiteral("/api/ops/status"));
    TlsRedirectServer tls(certs.certFile(QStringLiteral("good")),
                          certs.keyFile(QStringLiteral("good")), downgrade);
    ASSERT_TRUE(tls.isConfigured());
    ASSERT_TRUE(tls.listen(QHostAddress::LocalHost));

    ConnectionProfile profile = profileFor(tls.baseUrl());
    profile.caFile = certs.caFile();
    OpsClient client(profile);
    const auto out = await<OpsStatus>([&](QObject *c, auto cb) { client.getOpsStatus(c, cb); });
    ASSERT_TRUE(out.result);
    EXPECT_EQ(out.kind(), ApiError::Kind::Redirect);
    EXPECT_EQ(out.error().httpStatus, 302);
    const QString message = out.error().userMessage();
    EXPECT_TRUE(message.contains(QLatin1String("http://127.0.0.1"))) << message.toStdString();
    // The TLS server got the request (with the token, encrypted); the plain port got nothing.
    ASSERT_EQ(tls.requestHeads().size(), 1);
    EXPECT_TRUE(tls.requestHeads().first().contains(QByteArray(QByteArray("Bearer ") + kCanary)));
    QTest::qWait(200);
    EXPECT_EQ(plain.connectionCount(), 0) << "the client followed the redirect to plain http";
    EXPECT_EQ(plain.requestCount(), 0);
}

TEST(TlsSources, N17_NothingIgnoresTlsErrorsWithoutNamingThem)
{
    // Any mention of ignoreSslErrors must be a call with an explicit list of expected errors:
    // no `ignoreSslErrors()`, and no `&QNetworkReply::ignoreSslErrors` slot for sslErrors.
    const QRegularExpression named(QStringLiteral(R"(ignoreSslErrors\s*\(\s*[^)\s])"));
    int scanned = 0;
    QStringList offenders;
    for (const char *folder : {"services", "gui", "models"}) {
        QDirIterator it(QStringLiteral(DREAMOPS_SOURCE_DIR "/") + QLatin1String(folder),
                        {QStringLiteral("*.cpp"), QStringLiteral("*.h")}, QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile file(it.next());
            ASSERT_TRUE(file.open(QIODevice::ReadOnly));
            ++scanned;
            const QString text = QString::fromUtf8(file.readAll());
            qsizetype at = text.indexOf(QLatin1String("ignoreSslErrors"));
            while (at >= 0) {
                if (!named.match(text, at).hasMatch()
                    || named.match(text, at).capturedStart() != at)
                    offenders << it.filePath();
                at = text.indexOf(QLatin1String("ignoreSslErrors"), at + 1);
            }
        }
    }
    EXPECT_GT(scanned, 50); // the scan really looked at the sources
    EXPECT_TRUE(offenders.isEmpty()) << offenders.join(QLatin1Char(' ')).toStdString();

    // The scan itself catches both forms.
    for (const QString &bad : {QStringLiteral("reply->ignoreSslErrors();"),
                               QStringLiteral("connect(r, &R::sslErrors, r, "
                                              "&QNetworkReply::ignoreSslErrors);")}) {
        const qsizetype at = bad.indexOf(QLatin1String("ignoreSslErrors"));
        const auto m = named.match(bad, at);
        EXPECT_FALSE(m.hasMatch() && m.capturedStart() == at) << bad.toStdString();
    }
    const QString good = QStringLiteral("socket.ignoreSslErrors(expected);");
    EXPECT_EQ(named.match(good).capturedStart(), good.indexOf(QLatin1String("ignoreSslErrors")));
}

int runSim(const QStringList &arguments, QByteArray *stderrText)
{
    QProcess sim;
    // dreamops_add_test's ENVIRONMENT keeps only its first variable: the path is compiled in.
    sim.start(qEnvironmentVariable("DREAMOPS_SIM", QStringLiteral(DREAMOPS_SIM_BIN)),
              QStringList {QStringLiteral("--port"), QStringLiteral("0")} + arguments);
    if (!sim.waitForFinished(10000)) {
        sim.kill();
        sim.waitForFinished();
        return -1;
    }
    *stderrText = sim.readAllStandardError();
    return sim.exitCode();
}

TEST(TlsSim, N17_SimRefusesHalfOrBrokenTlsOptions)
{
    TlsCertificates certs;
    ASSERT_TRUE(certs.generate()) << certs.error().toStdString();
    QByteArray err;
    EXPECT_EQ(runSim({QStringLiteral("--tls-cert"), certs.certFile(QStringLiteral("good"))}, &err),
              2);
    EXPECT_TRUE(err.contains("--tls-cert and --tls-key go together")) << err.toStdString();
    EXPECT_EQ(runSim({QStringLiteral("--tls-cert"), certs.keyFile(QStringLiteral("good")),
                      QStringLiteral("--tls-key"), certs.keyFile(QStringLiteral("good"))},
                     &err),
              2);
    EXPECT_TRUE(err.contains("no PEM certificate")) << err.toStdString();
    EXPECT_EQ(runSim({QStringLiteral("--tls-cert"), certs.certFile(QStringLiteral("good")),
                      QStringLiteral("--tls-key"), certs.certFile(QStringLiteral("good"))},
                     &err),
              2);
    EXPECT_TRUE(err.contains("private key")) << err.toStdString();
}

} // namespace
