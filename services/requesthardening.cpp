#include "requesthardening.h"

#include <QCoreApplication>
#include <QEvent>
#include <QFileInfo>
#include <QSslConfiguration>
#include <QStringList>
#include <QtGlobal>

namespace {

bool isIssuerError(QSslError::SslError e)
{
    switch (e) {
    case QSslError::SelfSignedCertificate:
    case QSslError::SelfSignedCertificateInChain:
    case QSslError::UnableToGetIssuerCertificate:
    case QSslError::UnableToGetLocalIssuerCertificate:
    case QSslError::UnableToVerifyFirstCertificate:
    case QSslError::CertificateUntrusted:
    case QSslError::InvalidCaCertificate:
        return true;
    default:
        return false;
    }
}

QString day(const QDateTime &when)
{
    return when.toUTC().toString(QStringLiteral("yyyy-MM-dd"));
}

/// The names a certificate is valid for: its DNS and IP subject alternative names, else its CN.
QString namesOf(const QSslCertificate &certificate)
{
    QStringList names;
    const auto alternatives = certificate.subjectAlternativeNames();
    for (auto it = alternatives.cbegin(); it != alternatives.cend(); ++it)
        names << it.value();
    if (names.isEmpty())
        names = certificate.subjectInfo(QSslCertificate::CommonName);
    names.removeDuplicates();
    return names.isEmpty() ? QStringLiteral("no name") : names.join(QLatin1String(", "));
}

} // namespace

void RequestHardening::apply(QNetworkRequest &request,
                             const QString &traceId,
                             qint64 maxResponseBytes,
                             int deadlineMs)
{
    request.setRawHeader("Accept", "application/json");
    request.setRawHeader("X-Trace-Id", traceId.toLatin1());
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute,
                         QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    request.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    request.setDecompressedSafetyCheckThreshold(qMin<qint64>(maxResponseBytes, 10 * 1024 * 1024));
    request.setTransferTimeout(qMax(1, deadlineMs) + 1000);
}

RequestHardening::CaFile RequestHardening::loadCaFile(const QString &path)
{
    CaFile out;
    if (path.isEmpty())
        return out;
    const QFileInfo info(path);
    if (!info.exists())
        out.error = QStringLiteral("the CA file %1 does not exist").arg(path);
    else if (!info.isFile() || !info.isReadable())
        out.error = QStringLiteral("the CA file %1 is not a readable file").arg(path);
    else
        out.certificates = QSslCertificate::fromPath(path, QSsl::Pem);
    if (out.error.isEmpty() && out.certificates.isEmpty())
        out.error = QStringLiteral("the CA file %1 holds no PEM certificate").arg(path);
    return out;
}

void RequestHardening::trustCaCertificates(QNetworkRequest &request,
                                           const QList<QSslCertificate> &extraCas)
{
    if (extraCas.isEmpty())
        return;
    QSslConfiguration tls = request.sslConfiguration();
    // Adding CAs switches off Qt's on-demand loading of the system store: add it explicitly.
    if (tls.caCertificates().isEmpty())
        tls.addCaCertificates(QSslConfiguration::systemCaCertificates());
    tls.addCaCertificates(extraCas);
    request.setSslConfiguration(tls);
}

QString RequestHardening::describeTlsErrors(const QList<QSslError> &errors, const QString &host)
{
    const QSslError *issuer = nullptr;
    const QSslError *validity = nullptr;
    const QSslError *name = nullptr;
    QStringList other;
    for (const QSslError &e : errors) {
        if (isIssuerError(e.error()))
            issuer = issuer ? issuer : &e;
        else if (e.error() == QSslError::CertificateExpired
                 || e.error() == QSslError::CertificateNotYetValid)
            validity = validity ? validity : &e;
        else if (e.error() == QSslError::HostNameMismatch)
            name = name ? name : &e;
        else
            other << QStringLiteral("%1 (QSslError %2)").arg(e.errorString()).arg(int(e.error()));
    }
    QStringList clauses;
    if (issuer)
        clauses << QStringLiteral("the certificate of %1 is self-signed or issued by an unknown "
                                  "certificate authority; to trust a private CA, set the CA file "
                                  "of the profile to its PEM")
                       .arg(host);
    if (validity) {
        const QSslCertificate c = validity->certificate();
        clauses << (validity->error() == QSslError::CertificateExpired
                        ? QStringLiteral("the certificate of %1 expired on %2")
                              .arg(host, day(c.expiryDate()))
                        : QStringLiteral("the certificate of %1 is not valid before %2")
                              .arg(host, day(c.effectiveDate())));
    }
    if (name)
        clauses << QStringLiteral("the certificate is for %1, not for host %2 (host name mismatch)")
                       .arg(namesOf(name->certificate()), host);
    other.removeDuplicates();
    if (!other.isEmpty())
        clauses << QStringLiteral("the certificate of %1 was refused: %2")
                       .arg(host, other.join(QLatin1String("; ")));
    if (clauses.isEmpty())
        clauses << QStringLiteral("the TLS handshake with %1 failed").arg(host);
    return QStringLiteral("TLS refused, nothing was sent: ") + clauses.join(QLatin1String("; "));
}

void RequestHardening::retireManager(QNetworkAccessManager *manager,
                                     const QList<QNetworkReply *> &inFlight,
                                     const QObject *client)
{
    for (QNetworkReply *reply : inFlight) {
        reply->disconnect(client);
        reply->abort();
    }
    manager->setParent(nullptr);
    manager->deleteLater();
}

void RequestHardening::deleteRetiredManagers()
{
    QCoreApplication::sendPostedEvents();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
}
