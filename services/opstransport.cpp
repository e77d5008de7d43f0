#include "opstransport.h"

#include "logging.h"
#include "replyclassifier.h"
#include "requesthardening.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QSslError>
#include <QTimer>
#include <QUuid>

#include <spdlog/spdlog.h>

#include <algorithm>
#include <vector>

struct OpsTransport::Call
{
    struct Waiter
    {
        QPointer<QObject> context;
        bool guarded = false;
        RawCallback callback;
    };

    Exchange exchange;
    QUrl url;
    QNetworkReply *reply = nullptr;
    QTimer *deadline = nullptr;
    QElapsedTimer elapsed;
    QByteArray buffer;
    int redirects = 0;
    int abortKind = -1; ///< ApiError::Kind set by us before abort(), -1 = none
    QString redirectDetail;
    QList<QSslError> sslErrors; ///< what Qt reported before refusing the handshake
    std::vector<Waiter> waiters;
};

namespace {

constexpr int kMaxRedirects = 3;

bool sameOrigin(const QUrl &a, const QUrl &b)
{
    return a.scheme().compare(b.scheme(), Qt::CaseInsensitive) == 0
        && a.host().compare(b.host(), Qt::CaseInsensitive) == 0
        && a.port(a.scheme() == QLatin1String("https") ? 443 : 80)
        == b.port(b.scheme() == QLatin1String("https") ? 443 : 80);
}

} // namespace

OpsTransport::OpsTransport(const ConnectionProfile &profile, QObject *parent)
    : QObject(parent)
    , m_profile(profile)
    , m_nam(new QNetworkAccessManager(this))
{
    // Redirects are followed by hand (same origin only), never by Qt.
    m_nam->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    loadCaFile();
}

OpsTransport::~OpsTransport()
{
    // Callers are being torn down too: abort silently, no callbacks.
    const auto calls = m_calls;
    for (const CallPtr &call : calls) {
        call->waiters.clear();
        call->reply = nullptr; // retired with m_nam below: nothing here may touch it afterwards
    }
    RequestHardening::retireManager(m_nam, m_calls.keys(), this);
    m_calls.clear();
}

void OpsTransport::setProfile(const ConnectionProfile &profile)
{
    cancelAll();
    m_profile = profile;
    loadCaFile();
}

void OpsTransport::loadCaFile()
{
    RequestHardening::CaFile ca = RequestHardening::loadCaFile(m_profile.caFile);
    m_extraCas = std::move(ca.certificates);
    m_caFileError = std::move(ca.error);
}

QString OpsTransport::newTraceId()
{
    return QUuid::createUuid().toString(QUuid::Id128);
}

QString OpsTransport::newIdempotencyKey()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QUrl OpsTransport::urlFor(const QString &path) const
{
    QUrl url = m_profile.baseUrl;
    QString basePath = url.path();
    while (basePath.endsWith(QLatin1Char('/')))
        basePath.chop(1);
    const qsizetype q = path.indexOf(QLatin1Char('?'));
    // Paths arrive percent-encoded (OpsClient encodes names), so keep escapes as they are.
    url.setPath(basePath + (q < 0 ? path : path.left(q)), QUrl::TolerantMode);
    url.setQuery(q < 0 ? QString() : path.mid(q + 1));
    url.setFragment(QString());
    return url;
}

QNetworkRequest OpsTransport::buildRequest(const QByteArray &verb,
                                           const QUrl &url,
                                           const QString &traceId,
                                           const QString &idempotencyKey) const
{
    QNetworkRequest request(url);
    // A token with control characters (a pasted newline) could split the header: never send it;
    // the server's 401 then tells the user to check the token.
    const bool tokenSane
        = std::none_of(m_profile.token.cbegin(), m_profile.token.cend(),
                       [](QChar c) { return c.unicode() < 0x20 || c.unicode() == 0x7f; });
    if (!m_profile.token.isEmpty() && tokenSane) {
        if (m_profile.auth == AuthScheme::Bearer)
            request.setRawHeader("Authorization", "Bearer " + m_profile.token.toUtf8());
        else
            request.setRawHeader("x-dreamnet-api-key", m_profile.token.toUtf8());
    }
    if (verb == "POST") {
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        if (!idempotencyKey.isEmpty())
            request.setRawHeader("Idempotency-Key", idempotencyKey.toLatin1());
    }
    // Gzip stays on (Qt sends Accept-Encoding); our own counter on the decompressed bytes
    // enforces maxResponseBytes.
    RequestHardening::apply(request, traceId, m_profile.maxResponseBytes, m_profile.deadlineMs);
    RequestHardening::trustCaCertificates(request, m_extraCas);
    return request;
}

void OpsTransport::send(Exchange exchange, QObject *context, RawCallback callback)
{
    Call::Waiter waiter {QPointer<QObject>(context), context != nullptr, std::move(callback)};
    if (exchange.verb == "GET") {
        if (const CallPtr joined = m_getsInFlight.value(exchange.path)) {
            joined->waiters.push_back(std::move(waiter));
            return;
        }
    } else if (!exchange.idempotencyKey.isEmpty()
               && m_postsInFlight.contains(exchange.idempotencyKey)) {
        auto call = std::make_shared<Call>();
        call->exchange = std::move(exchange);
        call->waiters.push_back(std::move(waiter));
        failSoon(call, makeError(call, int(ApiError::Kind::Busy)));
        return;
    }
    if (!m_caFileError.isEmpty()) {
        // A CA file that cannot be used never falls back to the system CAs alone.
        auto call = std::make_shared<Call>();
        call->exchange = std::move(exchange);
        call->waiters.push_back(std::move(waiter));
        ApiError error = makeError(call, int(ApiError::Kind::Network));
        error.detail = m_caFileError;
        failSoon(call, error);
        return;
    }

    auto call = std::make_shared<Call>();
    if (exchange.traceId.isEmpty())
        exchange.traceId = newTraceId();
    call->exchange = std::move(exchange);
    call->url = urlFor(call->exchange.path);
    call->waiters.push_back(std::move(waiter));
    call->elapsed.start();
    call->deadline = new QTimer(this);
    call->deadline->setSingleShot(true);
    connect(call->deadline, &QTimer::timeout, this,
            [this, call] { abortCall(call, int(ApiError::Kind::Timeout)); });
    call->deadline->start(qMax(1, m_profile.deadlineMs));
    if (call->exchange.verb == "GET")
        m_getsInFlight.insert(call->exchange.path, call);
    else if (!call->exchange.idempotencyKey.isEmpty())
        m_postsInFlight.insert(call->exchange.idempotencyKey, call);
    start(call);
}

void OpsTransport::failSoon(const CallPtr &call, const ApiError &error)
{
    QTimer::singleShot(0, this, [call, error] {
        for (const auto &w : call->waiters) {
            if (!w.guarded || w.context)
                w.callback(ApiResult<QJsonObject>::failure(error));
        }
    });
}

void OpsTransport::start(const CallPtr &call)
{
    const QNetworkRequest request = buildRequest(
        call->exchange.verb, call->url, call->exchange.traceId, call->exchange.idempotencyKey);
    QNetworkReply *reply = call->exchange.verb == "GET" ? m_nam->get(request)
                                                        : m_nam->post(request, call->exchange.body);
    call->reply = reply;
    call->buffer.clear();
    call->sslErrors.clear();
    m_calls.insert(reply, call);
    connect(reply, &QNetworkReply::metaDataChanged, this, [this, call] { onMetaData(call); });
    connect(reply, &QIODevice::readyRead, this, [this, call] { onReadyRead(call); });
    connect(reply, &QNetworkReply::finished, this, [this, call] { onFinished(call); });
    // Recorded only to name the problem: never ignored, so Qt refuses the handshake (N17).
    connect(reply, &QNetworkReply::sslErrors, this,
            [call](const QList<QSslError> &errors) { call->sslErrors = errors; });
}

void OpsTransport::onMetaData(const CallPtr &call)
{
    if (!call->reply)
        return;
    const QVariant length = call->reply->header(QNetworkRequest::ContentLengthHeader);
    if (length.isValid() && length.toLongLong() > m_profile.maxResponseBytes)
        abortCall(call, int(ApiError::Kind::TooLarge));
}

void OpsTransport::onReadyRead(const CallPtr &call)
{
    if (!call->reply)
        return;
    call->buffer += call->reply->readAll();
    if (call->buffer.size() > m_profile.maxResponseBytes)
        abortCall(call, int(ApiError::Kind::TooLarge));
}

void OpsTransport::abortCall(const CallPtr &call, int kind)
{
    if (!call->reply || call->abortKind >= 0)
        return;
    call->abortKind = kind;
    call->reply->abort(); // emits finished() synchronously -> onFinished
}

void OpsTransport::cancelAll()
{
    const QPointer<OpsTransport> self(this);
    const auto calls = m_calls.values();
    for (const CallPtr &call : calls) {
        if (!self)
            return; // a callback deleted this transport (and every other reply with it)
        abortCall(call, int(ApiError::Kind::Cancelled));
    }
}

void OpsTransport::onFinished(const CallPtr &call)
{
    QNetworkReply *reply = call->reply;
    if (!reply)
        return;
    if (call->abortKind < 0) {
        call->buffer += reply->readAll();
        if (call->buffer.size() > m_profile.maxResponseBytes)
            call->abortKind = int(ApiError::Kind::TooLarge);
    }
    m_calls.remove(reply);
    call->reply = nullptr;
    reply->disconnect(this);
    // Out of m_nam's children: a callback below may delete this transport (and m_nam) while
    // Qt is still inside this reply's abort() or finished() emission.
    reply->setParent(nullptr);
    reply->deleteLater();

    if (call->abortKind >= 0) {
        complete(call, ApiResult<QJsonObject>::failure(makeError(call, call->abortKind)));
        return;
    }
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 0 && reply->error() == QNetworkReply::SslHandshakeFailedError) {
        ApiError error = makeError(call, int(ApiError::Kind::Network));
        error.detail = call->sslErrors.isEmpty()
            ? QStringLiteral("TLS handshake failed: %1").arg(reply->errorString())
            : RequestHardening::describeTlsErrors(call->sslErrors, call->url.host());
        complete(call, ApiResult<QJsonObject>::failure(error));
        return;
    }
    if (status >= 300 && status < 400 && reply->hasRawHeader("Location")) {
        ApiError error;
        if (followRedirect(call, reply, &error))
            return;
        complete(call, ApiResult<QJsonObject>::failure(error));
        return;
    }
    complete(call,
             ReplyClassifier::classify(ReplyClassifier::from(reply, call->buffer),
                                       makeError(call, int(ApiError::Kind::Network)),
                                       call->exchange.answerStatuses));
}

bool OpsTransport::followRedirect(const CallPtr &call, QNetworkReply *reply, ApiError *error)
{
    const QUrl target = call->url.resolved(QUrl::fromEncoded(reply->rawHeader("Location")));
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    QString why;
    if (!sameOrigin(call->url, target))
        why = QStringLiteral("to another origin, %1")
                  .arg(target.toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery));
    else if (call->exchange.verb != "GET")
        why = QStringLiteral("a %1 redirect of a POST").arg(status);
    else if (call->redirects >= kMaxRedirects)
        why = QStringLiteral("more than %1 redirects").arg(kMaxRedirects);
    if (!why.isEmpty()) {
        call->redirectDetail = why;
        *error = makeError(call, int(ApiError::Kind::Redirect));
        error->httpStatus = status;
        return false;
    }
    ++call->redirects;
    call->url = target;
    start(call);
    return true;
}

ApiError OpsTransport::makeError(const CallPtr &call, int kind) const
{
    ApiError e;
    e.kind = ApiError::Kind(kind);
    e.traceId = call->exchange.traceId;
    e.profileName = m_profile.name;
    e.method = QString::fromLatin1(call->exchange.verb);
    e.path = call->exchange.path;
    e.url = m_profile.baseUrl.toString(QUrl::RemoveUserInfo | QUrl::RemovePath | QUrl::RemoveQuery);
    e.deadlineMs = m_profile.deadlineMs;
    e.limitBytes = m_profile.maxResponseBytes;
    e.detail = call->redirectDetail;
    return e;
}

void OpsTransport::complete(const CallPtr &call, const ApiResult<QJsonObject> &result)
{
    if (call->deadline) {
        call->deadline->stop();
        call->deadline->deleteLater();
        call->deadline = nullptr;
    }
    if (m_getsInFlight.value(call->exchange.path) == call)
        m_getsInFlight.remove(call->exchange.path);
    if (m_postsInFlight.value(call->exchange.idempotencyKey) == call)
        m_postsInFlight.remove(call->exchange.idempotencyKey);

    const qint64 ms = call->elapsed.elapsed();
    const QString method = QString::fromLatin1(call->exchange.verb);
    const int status = result.ok() ? result.httpStatus() : result.error().httpStatus;
    const QString traceId = result.traceId().isEmpty() ? call->exchange.traceId : result.traceId();
    const QString outcome
        = result.ok() ? QStringLiteral("ok") : ApiError::kindName(result.error().kind);
    // Never the URL's user info, headers or bodies: they may carry secrets.
    Logging::get("services")
        ->debug("{} {} -> {} {} in {} ms traceId={}", method.toStdString(),
                call->exchange.path.toStdString(), status, outcome.toStdString(), ms,
                traceId.left(128).toStdString());
    Q_EMIT finished(method, call->exchange.path, status, ms, traceId, result.ok());

    const std::vector<Call::Waiter> waiters = std::move(call->waiters);
    call->waiters.clear();
    for (const Call::Waiter &w : waiters) {
        if (!w.guarded || w.context)
            w.callback(result);
    }
}

int OpsTransport::inFlightCount(const QString &path) const
{
    int n = 0;
    for (const CallPtr &call : m_calls) {
        if (call->exchange.path == path)
            ++n;
    }
    return n;
}

int OpsTransport::inFlightTotal() const
{
    return int(m_calls.size());
}
