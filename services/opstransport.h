#pragma once

#include "apiresult.h"
#include "connectionprofile.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QNetworkRequest>
#include <QObject>
#include <QSslCertificate>
#include <QString>
#include <QUrl>

#include <functional>
#include <memory>

class QNetworkAccessManager;
class QNetworkReply;

/// The HTTP half of OpsClient: owns the QNetworkAccessManager and the one function that builds
/// every request, and turns each exchange into ApiResult<QJsonObject> (deadline, size cap,
/// same-origin redirects, error envelope, Retry-After, single-flight GETs, the profile's CA file
/// and fail-closed TLS errors told apart). OpsClient maps the
/// JSON to DTOs. Internal to services/, public only so that tests can inspect buildRequest().
class OpsTransport final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OpsTransport)

public:
    using RawCallback = std::function<void(const ApiResult<QJsonObject> &)>;

    struct Exchange
    {
        QByteArray verb; ///< "GET" or "POST"
        QString path; ///< "/api/ops/status" (may carry a query)
        QByteArray body; ///< POST only
        QString idempotencyKey; ///< POST only
        QString traceId; ///< empty = fresh
        /// Error statuses whose body is the endpoint's own answer, not an error envelope
        /// (/health and /health/ready answer 503 with their normal body when not ok).
        QList<int> answerStatuses;
    };

    explicit OpsTransport(const ConnectionProfile &profile, QObject *parent = nullptr);
    ~OpsTransport() override;

    void setProfile(const ConnectionProfile &profile);
    const ConnectionProfile &profile() const { return m_profile; }

    /// THE request factory: URL, auth header per scheme, X-Trace-Id, Accept, Content-Type and
    /// Idempotency-Key for POSTs, HTTP/2 off, manual redirects, Qt's decompression safety check,
    /// the profile's extra CAs beside the system's.
    QNetworkRequest buildRequest(const QByteArray &verb,
                                 const QUrl &url,
                                 const QString &traceId,
                                 const QString &idempotencyKey = {}) const;
    /// Base URL + path (a base path prefix is kept).
    QUrl urlFor(const QString &path) const;

    /// Sends one exchange; GETs join an in-flight GET of the same path (single-flight). A POST
    /// whose Idempotency-Key is in flight here already gets Busy at once.
    void send(Exchange exchange, QObject *context, RawCallback callback);

    void cancelAll();
    int inFlightCount(const QString &path) const;
    int inFlightTotal() const;

    static QString newTraceId();
    static QString newIdempotencyKey();

Q_SIGNALS:
    void finished(const QString &method,
                  const QString &path,
                  int httpStatus,
                  qint64 elapsedMs,
                  const QString &traceId,
                  bool ok);

private:
    struct Call;
    using CallPtr = std::shared_ptr<Call>;

    void start(const CallPtr &call);
    void onReadyRead(const CallPtr &call);
    void onMetaData(const CallPtr &call);
    void onFinished(const CallPtr &call);
    void abortCall(const CallPtr &call, int kind);
    bool followRedirect(const CallPtr &call, QNetworkReply *reply, ApiError *error);
    void complete(const CallPtr &call, const ApiResult<QJsonObject> &result);
    ApiError makeError(const CallPtr &call, int kind) const;
    void failSoon(const CallPtr &call, const ApiError &error);
    void loadCaFile();

    ConnectionProfile m_profile;
    QList<QSslCertificate> m_extraCas; ///< from m_profile.caFile
    QString m_caFileError; ///< non-empty: every call fails with it before connecting
    QNetworkAccessManager *m_nam = nullptr;
    QHash<QString, CallPtr> m_getsInFlight; ///< path -> call
    QHash<QString, CallPtr> m_postsInFlight; ///< idempotency key -> call
    QHash<QNetworkReply *, CallPtr> m_calls; ///< every reply in flight
};
