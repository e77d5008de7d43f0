#pragma once

#include "prometheusdata.h"

#include <QHash>
#include <QNetworkRequest>
#include <QObject>
#include <QSslCertificate>
#include <QString>
#include <QUrl>

#include <functional>
#include <memory>

class QNetworkAccessManager;
class QNetworkReply;

/// Where a profile's fleet metrics live: a Prometheus server (or a managed service that answers
/// its HTTP API) and how to authenticate. Filled from the profile; the secrets are never logged.
struct PrometheusEndpoint
{
    enum class Auth { None, Bearer, Basic };

    QString profileName;
    QUrl baseUrl; ///< e.g. http://127.0.0.1:9090 or https://host/prometheus (prefix kept)
    Auth auth = Auth::None;
    QString token; ///< Bearer
    QString user; ///< Basic
    QString password; ///< Basic
    QString caFile; ///< extra trusted CAs (PEM) beside the system's; empty = system CAs only
    int deadlineMs = 10000; ///< total deadline of one query
    qint64 maxResponseBytes = 32 * 1024 * 1024; ///< a 24 h matrix at 15 s is ~0.3 MiB per series
};

/// A client of the Prometheus HTTP API (/api/v1/query, /api/v1/query_range) for the fleet
/// metrics source. Same rules as OpsClient: a total deadline, a response size cap, a fresh
/// X-Trace-Id, no redirects followed (the token stays on its origin), HTTP/1.1, the callback runs
/// exactly once unless its context object is gone, never synchronously from the call itself.
/// TLS as the ops client (N17): the system CAs plus the endpoint's CA file; a refused certificate
/// fails closed with a sentence naming the problem, and a CA file that cannot be used fails every
/// call before anything connects (never a silent fall-back to the system CAs alone).
class PrometheusClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PrometheusClient)

public:
    using Callback = std::function<void(const PromReply &)>;

    explicit PrometheusClient(const PrometheusEndpoint &endpoint, QObject *parent = nullptr);
    ~PrometheusClient() override;

    void setEndpoint(const PrometheusEndpoint &endpoint); ///< cancels calls in flight
    const PrometheusEndpoint &endpoint() const { return m_endpoint; }

    /// Instant query at `timeSeconds` (epoch; <= 0 = the server's now).
    void query(const QString &promql, double timeSeconds, QObject *context, Callback callback);
    /// Range query over [startSeconds, endSeconds] at `stepSeconds`.
    void queryRange(const QString &promql,
                    double startSeconds,
                    double endSeconds,
                    double stepSeconds,
                    QObject *context,
                    Callback callback);

    void cancelAll(); ///< callbacks get Kind::Cancelled
    int inFlight() const { return int(m_calls.size()); }

    /// The URL of an API path with its form-encoded query (for tests and the benchmark).
    QUrl urlFor(const QString &path, const QList<QPair<QString, QString>> &params) const;
    /// The request as sent: auth header, Accept, X-Trace-Id, HTTP/2 off, no redirects, the CA
    /// file's certificates trusted beside the system's.
    QNetworkRequest buildRequest(const QUrl &url, const QString &traceId) const;

Q_SIGNALS:
    /// After every exchange (network log); never carries the query's secrets or the token.
    void requestFinished(const QString &path, int httpStatus, qint64 elapsedMs, bool ok);

private:
    struct Call;
    using CallPtr = std::shared_ptr<Call>;

    void send(const QString &path,
              const QList<QPair<QString, QString>> &params,
              QObject *context,
              Callback callback);
    void finish(const CallPtr &call);
    void abortCall(const CallPtr &call, PrometheusError::Kind kind);
    void complete(const CallPtr &call, const PromReply &reply);
    PrometheusError contextError(const CallPtr &call) const;
    void adopt(const PrometheusEndpoint &endpoint); ///< registers secrets, loads the CA file

    PrometheusEndpoint m_endpoint;
    QList<QSslCertificate> m_extraCas; ///< from m_endpoint.caFile
    QString m_caFileError; ///< non-empty: every call fails with it before connecting
    QNetworkAccessManager *m_nam = nullptr;
    QHash<QNetworkReply *, CallPtr> m_calls;
};
