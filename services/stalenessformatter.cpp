#include "stalenessformatter.h"

#include <QUrl>

#include <algorithm>

namespace {

// "127.0.0.1:5000" from the error's base URL.
QString hostPort(const ApiError &error)
{
    const QUrl url(error.url);
    if (url.host().isEmpty())
        return QStringLiteral("the server");
    return url.port() < 0 ? url.host() : QStringLiteral("%1:%2").arg(url.host()).arg(url.port());
}

// "14 s", "3 min", "2 h": the coarsest unit that still says enough.
QString amount(qint64 seconds)
{
    seconds = std::max<qint64>(0, seconds);
    if (seconds < 120)
        return QStringLiteral("%1 s").arg(seconds);
    if (seconds < 2 * 3600)
        return QStringLiteral("%1 min").arg(seconds / 60);
    return QStringLiteral("%1 h").arg(seconds / 3600);
}

} // namespace

QString StalenessFormatter::ago(qint64 seconds)
{
    return amount(seconds) + QStringLiteral(" ago");
}

QString StalenessFormatter::until(qint64 seconds)
{
    return QStringLiteral("in ") + amount(seconds);
}

QString StalenessFormatter::relative(const QDateTime &at, const QDateTime &reference)
{
    if (!at.isValid())
        return {};
    if (!reference.isValid())
        return at.toLocalTime().toString(QStringLiteral("HH:mm:ss"));
    const qint64 seconds = reference.secsTo(at);
    return seconds > 0 ? until(seconds) : ago(-seconds);
}

QString StalenessFormatter::onServerClock(const QDateTime &at)
{
    if (!at.isValid())
        return {};
    return at.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
        + QStringLiteral(" UTC by the server's clock");
}

QString StalenessFormatter::failure(const ApiError &error)
{
    switch (error.kind) {
    case ApiError::Kind::Network:
        return QStringLiteral("cannot reach %1 (%2)")
            .arg(hostPort(error),
                 error.detail.isEmpty() ? QStringLiteral("network error") : error.detail);
    case ApiError::Kind::Timeout:
        return QStringLiteral("%1 did not answer within %2 s")
            .arg(hostPort(error), QString::number(error.deadlineMs / 1000.0, 'g', 3));
    case ApiError::Kind::Http: {
        QString status = QStringLiteral("HTTP %1").arg(error.httpStatus);
        if (!error.code.isEmpty())
            status += QLatin1Char(' ') + error.code;
        const QString message = error.serverMessage.trimmed();
        return message.isEmpty()
            ? QStringLiteral("the server says %1").arg(status)
            : QStringLiteral("the server says \u201c%1\u201d (%2)").arg(message, status);
    }
    case ApiError::Kind::Cancelled:
        return QStringLiteral("the request was cancelled");
    case ApiError::Kind::InvalidJson:
    case ApiError::Kind::NotJson:
    case ApiError::Kind::TooLarge:
    case ApiError::Kind::InvalidShape:
    case ApiError::Kind::Redirect:
    case ApiError::Kind::Busy:
        break;
    }
    return QStringLiteral("the server's answer was unusable: %1").arg(error.userMessage());
}

QString StalenessFormatter::describe(const PollScheduler::SourceStatus &status,
                                     const QDateTime &now)
{
    if (!status.stale)
        return {};
    const QString age = status.lastSuccess
        ? QStringLiteral("last update %1").arg(ago(status.lastSuccess->secsTo(now)))
        : QStringLiteral("no update yet");
    if (!status.lastError)
        return status.inFlight ? age + QStringLiteral(" — waiting for the first answer") : age;
    return age + QStringLiteral(" — ") + failure(*status.lastError);
}
