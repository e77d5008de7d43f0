#include "prometheusclient.h"

#include "logging.h"
#include "prometheusparser.h"
#include "replyclassifier.h"
#include "requesthardening.h"

#include <QElapsedTimer>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QTimer>
#include <QUrlQuery>
#include <QUuid>

#include <algorithm>

#include <spdlog/spdlog.h>

struct PrometheusClient::Call
{
    QString path;
    QString traceId;
    QPointer<QObject> context;
    bool guarded = false;
    Callback callback;
    QNetworkReply *reply = nullptr;
    QTimer *deadline = nullptr;
    QElapsedTimer elapsed;
    QByteArray buffer;
    QList<QSslError> sslErrors; ///< what Qt reported before refusing the handshake
    std::optional<PrometheusError::Kind> abortKind;
};

namespace {

QString number(double v)
{
    return QLocale::c().toString(v, 'f', 3);
}

bool sane(const QString &secret)
{
    return std::none_of(secret.cbegin(), secret.cend(),
                        [](QChar c) { return c.unicode() < 0x20 || c.unicode() == 0x7f; });
}

} // namespace

PrometheusClient::PrometheusClient(const PrometheusEndpoint &endpoint, QObject *parent)
    : QObject(parent)
    , m_endpoint(endpoint)
    , m_nam(new QNetworkAccessManager(this))
{
    m_nam->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    adopt(endpoint);
}

PrometheusClient::~PrometheusClient()
{
    const auto calls = m_calls;
    for (const CallPtr &call : calls) {
        call->callback = nullptr;
        call->reply = nullptr;
    }
    RequestHardening::retireManager(m_nam, m_calls.keys(), this);
    m_calls.clear();
}

void PrometheusClient::setEndpoint(const PrometheusEndpoint &endpoint)
{
    cancelAll();
    adopt(endpoint);
}

void PrometheusClient::adopt(const PrometheusEndpoint &endpoint)
{
    m_endpoint = endpoint;
    if (!m_endpoint.token.isEmpty())
        Logging::registerSecret(m_endpoint.token);
    if (!m_endpoint.password.isEmpty())
        Logging::registerSecret(m_endpoint.password);
    RequestHardening::CaFile ca = RequestHardening::loadCaFile(m_endpoint.caFile);
    m_extraCas = std::move(ca.certificates);
    m_caFileError = std::move(ca.error);
}

QUrl PrometheusClient::urlFor(const QString &path,
                              const QList<QPair<QString, QString>> &params) const
{
    QUrl url = m_endpoint.baseUrl;
    QString basePath = url.path();
    while (basePath.endsWith(QLatin1Char('/')))
        basePath.chop(1);
    url.setPath(basePath + path);
    QUrlQuery query;
    for (const auto &[key, value] : params) {
        // PromQL is full of '+', '=', '{' and '"': encode everything but unreserved characters.
        query.addQueryItem(key, QString::fromLatin1(QUrl::toPercentEncoding(value)));
    }
    url.setQuery(query);
    url.setFragment(QString());
    return url;
}

QNetworkRequest PrometheusClient::buildRequest(const QUrl &url, const QString &traceId) const
{
    QNetworkRequest request(url);
    switch (m_endpoint.auth) {
    case PrometheusEndpoint::Auth::None:
        break;
    case PrometheusEndpoint::Auth::Bearer:
        if (!m_endpoint.token.isEmpty() && sane(m_endpoint.token))
            request.setRawHeader("Authorization", "Bearer " + m_endpoint.token.toUtf8());
        break;
    case PrometheusEndpoint::Auth::Basic:
        if (sane(m_endpoint.user) && sane(m_endpoint.password)) {
            const QByteArray pair = m_endpoint.user.toUtf8() + ':' + m_endpoint.password.toUtf8();
            request.setRawHeader("Authorization", "Basic " + pair.toBase64());
        }
        break;
    }
    RequestHardening::apply(request, traceId, m_endpoint.maxResponseBytes, m_endpoint.deadlineMs);
    RequestHardening::trustCaCertificates(request, m_extraCas);
    return request;
}

void PrometheusClient::query(const QString &promql,
                             double timeSeconds,
                             QObject *context,
                             Callback callback)
{
    QList<QPair<QString, QString>> params {{QStringLiteral("query"), promql}};
    if (timeSeconds > 0)
        params.append({QStringLiteral("time"), number(timeSeconds)});
    send(QStringLiteral("/api/v1/query"), params, context, std::move(callback));
}

void PrometheusClient::queryRange(const QString &promql,
                                  double startSeconds,
                                  double endSeconds,
                                  double stepSeconds,
                                  QObject *context,
                                  Callback callback)
{
    send(QStringLiteral("/api/v1/query_range"),
         {{QStringLiteral("query"), promql},
          {QStringLiteral("start"), number(startSeconds)},
          {QStringLiteral("end"), number(endSeconds)},
          {QStringLiteral("step"), number(stepSeconds)}},
         context, std::move(callback));
}

void PrometheusClient::send(const QString &path,
                            const QList<QPair<QString, QString>> &params,
                            QObject *context,
                            Callback callback)
{
    auto call = std::make_shared<Call>();
    call->path = path;
    call->traceId = QUuid::createUuid().toString(QUuid::Id128);
    call->context = context;
    call->guarded = context != nullptr;
    call->callback = std::move(callback);
    call->elapsed.start();
    if (!m_caFileError.isEmpty()) {
        // Answered on the event loop like every other outcome; nothing connects.
        QTimer::singleShot(0, this, [this, call, why = m_caFileError] {
            PromReply result;
            PrometheusError e = contextError(call);
            e.kind = PrometheusError::Kind::Tls;
            e.detail
                = QStringLiteral("nothing was sent: %1; fix the CA file of the profile").arg(why);
            result.error = e;
            complete(call, result);
        });
        return;
    }
    call->deadline = new QTimer(this);
    call->deadline->setSingleShot(true);
    connect(call->deadline, &QTimer::timeout, this,
            [this, call] { abortCall(call, PrometheusError::Kind::Timeout); });
    call->deadline->start(qMax(1, m_endpoint.deadlineMs));

    QNetworkReply *reply = m_nam->get(buildRequest(urlFor(path, params), call->traceId));
    call->reply = reply;
    m_calls.insert(reply, call);
    connect(reply, &QNetworkReply::metaDataChanged, this, [this, call] {
        const QVariant length
            = call->reply ? call->reply->header(QNetworkRequest::ContentLengthHeader) : QVariant();
        if (length.isValid() && length.toLongLong() > m_endpoint.maxResponseBytes)
            abortCall(call, PrometheusError::Kind::TooLarge);
    });
    connect(reply, &QIODevice::readyRead, this, [this, call] {
        if (!call->reply)
            return;
        call->buffer += call->reply->readAll();
        if (call->buffer.size() > m_endpoint.maxResponseBytes)
            abortCall(call, PrometheusError::Kind::TooLarge);
    });
    connect(reply, &QNetworkReply::sslErrors, this,
            [call](const QList<QSslError> &errors) { call->sslErrors = errors; });
    connect(reply, &QNetworkReply::finished, this, [this, call] { finish(call); });
}

void PrometheusClient::abortCall(const CallPtr &call, PrometheusError::Kind kind)
{
    if (!call->reply || call->abortKind)
        return;
    call->abortKind = kind;
    call->reply->abort(); // finished() -> finish()
}

void PrometheusClient::cancelAll()
{
    const QPointer<PrometheusClient> self(this);
    const auto calls = m_calls.values();
    for (const CallPtr &call : calls) {
        if (!self)
            return;
        abortCall(call, PrometheusError::Kind::Cancelled);
    }
}

PrometheusError PrometheusClient::contextError(const CallPtr &call) const
{
    PrometheusError e;
    e.profileName = m_endpoint.profileName;
    e.url = m_endpoint.baseUrl.toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery);
    e.path = call->path;
    e.deadlineMs = m_endpoint.deadlineMs;
    e.limitBytes = m_endpoint.maxResponseBytes;
    return e;
}

void PrometheusClient::finish(const CallPtr &call)
{
    QNetworkReply *reply = call->reply;
    if (!reply)
        return;
    if (!call->abortKind) {
        call->buffer += reply->readAll();
        if (call->buffer.size() > m_endpoint.maxResponseBytes)
            call->abortKind = PrometheusError::Kind::TooLarge;
    }
    m_calls.remove(reply);
    call->reply = nullptr;
    reply->disconnect(this);
    reply->setParent(nullptr); // a callback may delete this client while Qt is in finished()
    reply->deleteLater();

    PromReply result;
    PrometheusError e = contextError(call);
    if (call->abortKind) {
        e.kind = *call->abortKind;
        result.error = e;
        complete(call, result);
        return;
    }
    // Qt's view of the exchange (refused, reset, Qt's own transfer timeout) as the ops client
    // classifies it; everything that reached HTTP is Prometheus's answer to parse.
    const ReplyClassifier::Facts facts = ReplyClassifier::from(reply, call->buffer);
    const int status = facts.status;
    if (status == 0 && facts.error == QNetworkReply::SslHandshakeFailedError) {
        e.kind = PrometheusError::Kind::Tls;
        e.detail = call->sslErrors.isEmpty()
            ? QStringLiteral("TLS handshake failed, nothing was sent: %1").arg(facts.errorString)
            : RequestHardening::describeTlsErrors(call->sslErrors, reply->url().host());
        result.error = e;
    } else if (status == 0 || (status < 400 && facts.error != QNetworkReply::NoError)) {
        const auto classified = ReplyClassifier::classify(facts, ApiError());
        e.kind = !classified.ok() && classified.error().kind == ApiError::Kind::Timeout
            ? PrometheusError::Kind::Timeout
            : !classified.ok() && classified.error().kind == ApiError::Kind::TooLarge
            ? PrometheusError::Kind::TooLarge
            : PrometheusError::Kind::Network;
        e.detail = classified.ok() ? facts.errorString : classified.error().detail;
        result.error = e;
    } else if (status >= 300 && status < 400) {
        e.kind = PrometheusError::Kind::Http; // a redirect: not followed, the token stays here
        e.httpStatus = status;
        result.error = e;
    } else {
        result = PrometheusParser::parse(status, call->buffer, facts.contentType, e);
    }
    complete(call, result);
}

void PrometheusClient::complete(const CallPtr &call, const PromReply &reply)
{
    if (call->deadline) {
        call->deadline->stop();
        call->deadline->deleteLater();
        call->deadline = nullptr;
    }
    const qint64 ms = call->elapsed.elapsed();
    const int status = reply.ok() ? 200 : reply.error->httpStatus;
    const QString outcome
        = reply.ok() ? QStringLiteral("ok") : PrometheusError::kindName(reply.error->kind);
    // The path only: the query string may carry label values, and headers carry the token.
    Logging::get("services")
        ->debug("prometheus GET {} -> {} {} in {} ms traceId={}", call->path.toStdString(), status,
                outcome.toStdString(), ms, call->traceId.toStdString());
    Q_EMIT requestFinished(call->path, status, ms, reply.ok());
    const Callback callback = std::move(call->callback);
    call->callback = nullptr;
    if (callback && (!call->guarded || call->context))
        callback(reply);
}
