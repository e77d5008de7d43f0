#include "httpsyntax.h"

#include <QList>

#include <algorithm>
#include <iterator>

namespace {
const char *const kMethods[] = {"GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"};
} // namespace

bool HttpSyntax::isKnownMethod(const QByteArray &method)
{
    return std::any_of(std::begin(kMethods), std::end(kMethods),
                       [&method](const char *m) { return method == m; });
}

bool HttpSyntax::isTokenChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

bool HttpSyntax::isSaneTraceId(const QByteArray &value)
{
    if (value.isEmpty() || value.size() > 128)
        return false;
    return std::all_of(value.cbegin(), value.cend(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
            || c == '.' || c == '_' || c == '-';
    });
}

bool HttpSyntax::isVersion(const QByteArray &version)
{
    return version == "HTTP/1.1" || version == "HTTP/1.0";
}

QByteArray HttpSyntax::absoluteAuthority(const QByteArray &target, bool *ok)
{
    *ok = true;
    if (target.startsWith('/'))
        return {};
    const QByteArray scheme = QByteArrayLiteral("http://");
    if (target.size() <= scheme.size() || target.left(scheme.size()).toLower() != scheme) {
        *ok = false;
        return {};
    }
    qsizetype end = scheme.size();
    while (end < target.size() && target.at(end) != '/' && target.at(end) != '?'
           && target.at(end) != '#')
        ++end;
    const QByteArray authority = target.mid(scheme.size(), end - scheme.size()).toLower();
    *ok = !authority.isEmpty();
    return authority;
}

bool HttpSyntax::hasBareLineEnd(const QByteArray &head)
{
    for (qsizetype i = 0; i < head.size(); ++i) {
        if (head.at(i) == '\n' && (i == 0 || head.at(i - 1) != '\r'))
            return true;
        if (head.at(i) == '\r' && i + 1 < head.size() && head.at(i + 1) != '\n')
            return true;
    }
    return false;
}

HttpSyntax::PrefixVerdict HttpSyntax::checkRequestPrefix(const QByteArray &head)
{
    const qsizetype lineEnd = head.indexOf("\r\n");
    const QByteArray line = lineEnd < 0 ? head : head.left(lineEnd);
    const qsizetype space = line.indexOf(' ');
    const QByteArray method = space < 0 ? line : line.left(space);
    bool ok = method.size() <= 16
        && std::all_of(method.cbegin(), method.cend(), [](char c) { return c >= 'A' && c <= 'Z'; });
    if (ok && space >= 0 && !isKnownMethod(method))
        return {405, method, {}};
    const auto startsKnown = [&method](const char *m) {
        return QByteArray(m).startsWith(method);
    };
    ok = ok && (space >= 0 || std::any_of(std::begin(kMethods), std::end(kMethods), startsKnown));
    QString why
        = ok ? QString() : QStringLiteral("The request does not start with an HTTP method.");
    if (ok && space >= 0 && std::any_of(line.cbegin() + space, line.cend(), [](char c) {
            return uchar(c) < 0x20 || uchar(c) > 0x7e;
        }))
        why = QStringLiteral("The request line contains bytes that are not printable ASCII.");
    if (why.isEmpty() && lineEnd >= 0) {
        const QList<QByteArray> parts = line.split(' ');
        bool targetOk = parts.size() == 3;
        if (targetOk)
            absoluteAuthority(parts.at(1), &targetOk);
        if (parts.size() != 3)
            why = QStringLiteral("The request line is not 'METHOD target HTTP/1.1'.");
        else if (!targetOk)
            why = QStringLiteral("The request target must be a path or an absolute http:// URL.");
        else if (!isVersion(parts.at(2)))
            why = QStringLiteral("The HTTP version must be HTTP/1.1 or HTTP/1.0.");
    }
    // Control characters anywhere in the head would make QHttpServer's parser give up on the
    // socket without an answer: refuse them here with one.
    if (why.isEmpty() && std::any_of(head.cbegin(), head.cend(), [](char c) {
            return (uchar(c) < 0x20 && c != '\r' && c != '\n' && c != '\t') || uchar(c) == 0x7f;
        }))
        why = QStringLiteral("The request contains control characters.");
    if (why.isEmpty() && hasBareLineEnd(head))
        why = QStringLiteral("Request lines must end with CRLF.");
    if (!why.isEmpty())
        return {400, {}, why};
    return {};
}
