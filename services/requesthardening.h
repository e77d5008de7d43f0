#pragma once

#include <QList>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslCertificate>
#include <QSslError>
#include <QString>

/// The settings every request the console sends carries, whatever the server (the ops API or a
/// Prometheus server): JSON accepted, a trace id, HTTP/1.1 only (the h2 path is not what the
/// tests cover, N18), no automatic redirects (the caller decides, same-origin only), no cache
/// and no cookies, Qt's archive-bomb check from the size cap (at most Qt's 10 MiB default; the
/// callers count decompressed bytes themselves, N14), and a transfer timeout one second past the
/// total deadline as a second line of defence (N3).
///
/// TLS (N17): the system's CAs plus an optional per-profile CA file; certificate errors fail
/// closed (nothing here or in the callers ever ignores them) and are told apart in one sentence.
namespace RequestHardening {
void apply(QNetworkRequest &request,
           const QString &traceId,
           qint64 maxResponseBytes,
           int deadlineMs);

/// The extra CAs of a profile's CA file (PEM, one or more certificates).
struct CaFile
{
    QList<QSslCertificate> certificates;
    QString error; ///< non-empty: the file is missing, unreadable or holds no certificate
};
/// Empty path = no extra CAs and no error.
CaFile loadCaFile(const QString &path);

/// Trusts `extraCas` on this request beside the system CAs (a no-op for an empty list, which
/// keeps Qt's default: the system store).
void trustCaCertificates(QNetworkRequest &request, const QList<QSslCertificate> &extraCas);

/// One clause for a refused TLS handshake, naming the problem: unknown issuer / self-signed,
/// expired or not yet valid, host name mismatch (in that order when several apply); Qt's own
/// wording for anything else. `host` is the host the client asked for.
QString describeTlsErrors(const QList<QSslError> &errors, const QString &host);

/// For a client's destructor: aborts the replies still in flight (disconnected from the client
/// first), takes `manager` from its parent and deletes it from the event loop instead of at
/// once. Qt hands a TLS handshake's certificate errors from its HTTP thread to the main thread
/// with a blocking queued call, also for a connection whose reply is already gone; deleting the
/// manager while one is pending waits 5 s for that thread, then leaks it, and the process
/// crashes at exit. From the event loop the pending call is delivered first. (After the
/// application's event loop has ended, the manager is simply not deleted.)
void retireManager(QNetworkAccessManager *manager,
                   const QList<QNetworkReply *> &inFlight,
                   const QObject *client);
/// After the application's event loop (at exit, at the end of a test): delivers what is still
/// posted, a certificate-error call first, then deletes the retired managers, whose HTTP threads
/// can then finish.
void deleteRetiredManagers();
} // namespace RequestHardening
