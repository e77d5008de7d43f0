#pragma once

#include <QByteArray>
#include <QString>

// Byte-level HTTP/1.1 syntax checks shared by the front guard (GuardedConnection) and the HTTP
// front (SimHttpServer): pure functions, no state.
namespace HttpSyntax {

/// The methods the guard lets through to QHttpServer (others get 405).
bool isKnownMethod(const QByteArray &method);
/// RFC 9110 tchar (header names, methods).
bool isTokenChar(char c);
/// 1-128 characters of [A-Za-z0-9._-]: safe to echo in X-Trace-Id and in server.log.
bool isSaneTraceId(const QByteArray &value);
bool isVersion(const QByteArray &version);
/// The authority of an absolute-form target ("http://host:port/path"), lower case; empty when
/// the target is origin-form ("/path"). `ok` is false for any other form or an empty authority.
QByteArray absoluteAuthority(const QByteArray &target, bool *ok);
/// Bare LF or bare CR: QHttpServer 6.4's parser (http_parser) takes them as line ends where the
/// guard does not, so the two would frame the request differently (a smuggling hole).
bool hasBareLineEnd(const QByteArray &head);

struct PrefixVerdict
{
    int status = 0; ///< 0 = acceptable so far, 405 = unknown method, 400 = malformed
    QByteArray method; ///< for 405
    QString message; ///< for 400: what is wrong, one sentence
};
/// Checks the bytes received so far of a request head (possibly incomplete): method, request
/// line, control characters and line ends, so that QHttpServer never sees what it would choke on.
PrefixVerdict checkRequestPrefix(const QByteArray &head);

} // namespace HttpSyntax
