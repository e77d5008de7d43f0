#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>

// One HTTP/1.1 response as the simulator writes it on the socket itself (GuardedConnection
// serialises it; QHttpServerResponder is not used so that chaos can delay, trickle or cut it).
struct HttpReply
{
    using Headers = QList<QPair<QByteArray, QByteArray>>;

    int status = 200;
    QByteArray body;
    QByteArray contentType = QByteArrayLiteral("application/json");
    Headers headers;
    bool headOnly = false; ///< answer to HEAD: the GET's headers and Content-Length, no body

    static HttpReply json(int status, const QJsonObject &object);
    /// The contract's error envelope {"ok":false,"error","message","traceId"}.
    static HttpReply
    error(int status, const QString &code, const QString &message, const QString &traceId);
    static QByteArray reasonPhrase(int status);

    QByteArray header(const QByteArray &name) const;
    void setHeader(const QByteArray &name, const QByteArray &value);
    /// Status line, headers (Content-Length, Connection) and body.
    QByteArray serialize(bool close) const;
};
