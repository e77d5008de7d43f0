#pragma once

#include "apiresult.h"

#include <QByteArray>
#include <QJsonObject>
#include <QNetworkReply>
#include <QString>

/// Turns one finished HTTP exchange (status, Qt's error, headers, body) into a typed
/// ApiResult<QJsonObject>: network failure, HTTP error envelope with Retry-After, not JSON,
/// broken JSON, archive bomb. Pure and socket-free; OpsTransport feeds it every reply.
class ReplyClassifier final
{
public:
    struct Facts
    {
        int status = 0; ///< 0 = no HTTP answer
        QNetworkReply::NetworkError error = QNetworkReply::NoError;
        QString errorString;
        QString contentType;
        QByteArray contentEncoding;
        QByteArray retryAfter;
        QByteArray traceIdHeader;
        QByteArray replayedHeader;
        QByteArray body;
    };

    /// Collects the facts of a finished reply; `body` is what the transport buffered.
    static Facts from(QNetworkReply *reply, const QByteArray &body);

    /// `base` carries the call's context (profile, method, path, URL, our trace id); the result's
    /// trace id is the server's X-Trace-Id when it sent one. An error status listed in
    /// `answerStatuses` carries the endpoint's normal body and is mapped like a success (the
    /// result's httpStatus tells it apart).
    static ApiResult<QJsonObject>
    classify(const Facts &facts, const ApiError &base, const QList<int> &answerStatuses = {});
};
