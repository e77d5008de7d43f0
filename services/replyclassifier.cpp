#include "replyclassifier.h"

#include "jsonmapping.h"

#include <QNetworkRequest>

namespace {

QString networkDetail(const ReplyClassifier::Facts &f)
{
    switch (f.error) {
    case QNetworkReply::ConnectionRefusedError:
        return QStringLiteral("connection refused");
    case QNetworkReply::RemoteHostClosedError:
        return f.status != 0 ? QStringLiteral("the connection dropped in the middle of the answer")
                             : QStringLiteral("the server closed the connection");
    case QNetworkReply::HostNotFoundError:
        return QStringLiteral("host not found");
    case QNetworkReply::TimeoutError:
        return QStringLiteral("connection timed out");
    case QNetworkReply::SslHandshakeFailedError:
        return QStringLiteral("TLS handshake failed: %1").arg(f.errorString);
    default:
        return f.errorString;
    }
}

bool looksLikeHtml(const QByteArray &body)
{
    return body.trimmed().startsWith('<');
}

ApiResult<QJsonObject> fail(ApiError e, ApiError::Kind kind, int status)
{
    e.kind = kind;
    e.httpStatus = status;
    return ApiResult<QJsonObject>::failure(std::move(e));
}

} // namespace

ReplyClassifier::Facts ReplyClassifier::from(QNetworkReply *reply, const QByteArray &body)
{
    Facts f;
    f.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    f.error = reply->error();
    f.errorString = reply->errorString();
    f.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toString();
    f.contentEncoding = reply->rawHeader("Content-Encoding");
    f.retryAfter = reply->rawHeader("Retry-After");
    f.traceIdHeader = reply->rawHeader("X-Trace-Id");
    f.replayedHeader = reply->rawHeader("Idempotent-Replayed");
    f.body = body;
    return f;
}

ApiResult<QJsonObject>
ReplyClassifier::classify(const Facts &f, const ApiError &base, const QList<int> &answerStatuses)
{
    ApiError e = base;
    if (!f.traceIdHeader.isEmpty())
        e.traceId = QString::fromLatin1(f.traceIdHeader);
    const int status = f.status;
    const bool success = (status >= 200 && status < 300) || answerStatuses.contains(status);

    if (status == 0 && f.error == QNetworkReply::OperationCanceledError)
        return fail(e, ApiError::Kind::Timeout, 0); // Qt's transfer timeout beat our deadline
    if (success && f.error == QNetworkReply::UnknownContentError && !f.contentEncoding.isEmpty()) {
        // Qt's archive-bomb check (decompressedSafetyCheckThreshold) refused to inflate more.
        e.detail = QStringLiteral("the compressed answer expands beyond the safety limit");
        return fail(e, ApiError::Kind::TooLarge, status);
    }
    if (status == 0 || (status < 400 && f.error != QNetworkReply::NoError)) {
        e.detail = networkDetail(f);
        return fail(e, ApiError::Kind::Network, status);
    }
    if (!success) {
        e.retryAfterSeconds = ApiError::parseRetryAfter(f.retryAfter);
        const auto envelope = JsonMapping::parseObject(f.body);
        if (envelope.ok()) {
            e.code = envelope.value().value(QLatin1String("error")).toString();
            e.serverMessage = envelope.value().value(QLatin1String("message")).toString();
            const QString bodyTrace = envelope.value().value(QLatin1String("traceId")).toString();
            if (f.traceIdHeader.isEmpty() && !bodyTrace.isEmpty())
                e.traceId = bodyTrace;
        }
        return fail(e, ApiError::Kind::Http, status);
    }

    const bool replayed = f.replayedHeader.trimmed().compare("true", Qt::CaseInsensitive) == 0;
    if (f.body.trimmed().isEmpty() && status != 200) // 202/204 without a body
        return ApiResult<QJsonObject>::success({}, e.traceId, replayed, status);
    const bool declaredJson = f.contentType.contains(QLatin1String("json"), Qt::CaseInsensitive);
    const auto parsed = JsonMapping::parseObject(f.body);
    if ((!f.contentType.isEmpty() && !declaredJson)
        || (!parsed.ok() && parsed.error().kind == ApiError::Kind::InvalidJson
            && looksLikeHtml(f.body))) {
        e.contentType = f.contentType.isEmpty() ? QStringLiteral("no content type, looks like HTML")
                                                : f.contentType;
        return fail(e, ApiError::Kind::NotJson, status);
    }
    if (!parsed.ok()) {
        e.detail = parsed.error().detail;
        return fail(e, parsed.error().kind, status);
    }
    return ApiResult<QJsonObject>::success(parsed.value(), e.traceId, replayed, status);
}
