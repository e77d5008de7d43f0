#include "apierror.h"

#include <QLocale>
#include <QTimeZone>

#include <algorithm>

namespace {

QString withoutFinalDot(QString s)
{
    s = s.trimmed();
    while (s.endsWith(QLatin1Char('.')))
        s.chop(1);
    return s;
}

QString where(const ApiError &e)
{
    return e.url.isEmpty() ? QStringLiteral("the server") : e.url;
}

QString profilePart(const ApiError &e)
{
    return e.profileName.isEmpty() ? QStringLiteral("this profile")
                                   : QStringLiteral("profile '%1'").arg(e.profileName);
}

QString retryPart(const ApiError &e)
{
    if (e.retryAfterSeconds)
        return QStringLiteral("retry in %1 s").arg(*e.retryAfterSeconds);
    return QStringLiteral("retry in a moment");
}

QString serverPart(const ApiError &e)
{
    const QString msg = withoutFinalDot(e.serverMessage);
    return msg.isEmpty() ? QString() : QStringLiteral(": ") + msg;
}

QString httpMessage(const ApiError &e)
{
    const int s = e.httpStatus;
    const QString codePart = e.code.isEmpty() ? QString() : QLatin1Char(' ') + e.code;
    switch (s) {
    case 401:
        return QStringLiteral("The server rejected the token (401). Check the token for %1.")
            .arg(profilePart(e));
    case 403:
        return QStringLiteral("The token for %1 is a viewer token; this action needs an operator "
                              "token.")
            .arg(profilePart(e));
    case 404:
        if (e.code.startsWith(QLatin1String("unknown_")) && !e.serverMessage.isEmpty())
            return QStringLiteral("The server does not know that item (404)%1.").arg(serverPart(e));
        return QStringLiteral("The server has no %1 (404)%2; is the URL of %3 pointing at the "
                              "ops API?")
            .arg(e.path, serverPart(e), profilePart(e));
    case 409:
    case 422:
        return QStringLiteral("The server refused the action (%1%2)%3.")
            .arg(QString::number(s), codePart, serverPart(e));
    case 413:
        return QStringLiteral("The request was too large for the server (413)%1.")
            .arg(serverPart(e));
    case 429:
        if (e.code == QLatin1String("too_many_auth_failures"))
            return QStringLiteral("The server is blocking requests with a wrong token from this "
                                  "machine (429). Check the token for %1; %2.")
                .arg(profilePart(e), retryPart(e));
        return QStringLiteral("The server is rate limiting this console (429); %1.")
            .arg(retryPart(e));
    case 503:
        if (e.code == QLatin1String("write_drain"))
            return QStringLiteral("The service is draining writes (503)%1; %2.")
                .arg(serverPart(e), retryPart(e));
        return QStringLiteral("The service is unavailable (503)%1; %2.")
            .arg(serverPart(e), retryPart(e));
    default:
        break;
    }
    if (s >= 500)
        return QStringLiteral("The server failed to handle %1 %2 (%3%4)%5; try again or check the "
                              "service logs.")
            .arg(e.method, e.path, QString::number(s), codePart, serverPart(e));
    return QStringLiteral("The server rejected %1 %2 (%3%4)%5.")
        .arg(e.method, e.path, QString::number(s), codePart, serverPart(e));
}

} // namespace

QString ApiError::userMessage() const
{
    switch (kind) {
    case Kind::Network:
        return QStringLiteral("Could not connect to %1 (%2); check that the service is running and "
                              "the URL of %3.")
            .arg(where(*this), detail.isEmpty() ? QStringLiteral("network error") : detail,
                 profilePart(*this));
    case Kind::Timeout:
        return QStringLiteral("%1 did not answer %2 %3 within %4 s; the service may be overloaded "
                              "or hung.")
            .arg(where(*this), method, path, QLocale::c().toString(deadlineMs / 1000.0, 'g', 3));
    case Kind::Http:
        return httpMessage(*this);
    case Kind::InvalidJson:
        return QStringLiteral("%1 answered %2 with broken JSON (%3); the answer was ignored.")
            .arg(where(*this), path, detail.isEmpty() ? QStringLiteral("parse error") : detail);
    case Kind::NotJson:
        return QStringLiteral("%1 answered with something that is not JSON (%2) - is the URL of %3 "
                              "pointing at the ops API?")
            .arg(where(*this), contentType.isEmpty() ? QStringLiteral("unknown type") : contentType,
                 profilePart(*this));
    case Kind::TooLarge:
        return QStringLiteral(
                   "The answer to %1 was larger than %2 KiB and was cut off (response too "
                   "large).")
            .arg(path, QString::number(limitBytes / 1024));
    case Kind::InvalidShape:
        return QStringLiteral("The answer to %1 does not match the ops API (%2); the answer was "
                              "ignored.")
            .arg(path, detail);
    case Kind::Redirect:
        return QStringLiteral("%1 redirected %2 elsewhere (%3); the console does not follow it so "
                              "the token stays here - point %4 at the final URL.")
            .arg(where(*this), path, detail, profilePart(*this));
    case Kind::Cancelled:
        return QStringLiteral("The request %1 %2 was cancelled.").arg(method, path);
    case Kind::Busy:
        return QStringLiteral("The same action (%1) is still waiting for its first answer; resend "
                              "it once that one ends.")
            .arg(path);
    }
    return QStringLiteral("Unknown error.");
}

QString ApiError::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Network:
        return QStringLiteral("network");
    case Kind::Timeout:
        return QStringLiteral("timeout");
    case Kind::Http:
        return QStringLiteral("http");
    case Kind::InvalidJson:
        return QStringLiteral("invalid-json");
    case Kind::NotJson:
        return QStringLiteral("not-json");
    case Kind::TooLarge:
        return QStringLiteral("too-large");
    case Kind::InvalidShape:
        return QStringLiteral("invalid-shape");
    case Kind::Redirect:
        return QStringLiteral("redirect");
    case Kind::Cancelled:
        return QStringLiteral("cancelled");
    case Kind::Busy:
        return QStringLiteral("busy");
    }
    return QStringLiteral("unknown");
}

std::optional<int> ApiError::parseRetryAfter(const QByteArray &value, const QDateTime &now)
{
    const QByteArray v = value.trimmed();
    if (v.isEmpty())
        return std::nullopt;
    bool isNumber = false;
    const qlonglong seconds = v.toLongLong(&isNumber);
    if (isNumber) {
        if (seconds < 0)
            return std::nullopt;
        return int(qMin<qlonglong>(seconds, 24 * 3600));
    }
    // HTTP-date (IMF-fixdate is a subset of RFC 2822 as far as Qt's parser goes).
    // IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"), the form RFC 9110 requires senders to use.
    QDateTime when = QLocale::c().toDateTime(QString::fromLatin1(v),
                                             QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    if (when.isValid())
        when.setTimeZone(QTimeZone::utc());
    else
        when = QDateTime::fromString(QString::fromLatin1(v), Qt::RFC2822Date);
    if (!when.isValid())
        return std::nullopt;
    const qint64 delta = now.secsTo(when);
    return int(std::clamp<qint64>(delta, 0, 24 * 3600));
}
