#include "prometheuserror.h"

#include <QLocale>

namespace {

QString server(const PrometheusError &e)
{
    return e.url.isEmpty() ? QStringLiteral("the Prometheus server")
                           : QStringLiteral("Prometheus at %1").arg(e.url);
}

QString profile(const PrometheusError &e)
{
    return e.profileName.isEmpty() ? QStringLiteral("this profile")
                                   : QStringLiteral("profile '%1'").arg(e.profileName);
}

QString withoutFinalDot(QString s)
{
    s = s.trimmed();
    while (s.endsWith(QLatin1Char('.')))
        s.chop(1);
    return s;
}

} // namespace

QString PrometheusError::userMessage() const
{
    switch (kind) {
    case Kind::Network:
        return QStringLiteral("Could not connect to %1 (%2); check that Prometheus is running and "
                              "the metrics URL of %3.")
            .arg(server(*this), detail.isEmpty() ? QStringLiteral("network error") : detail,
                 profile(*this));
    case Kind::Tls:
        // detail: RequestHardening's sentence (which names the certificate's problem) or the CA
        // file's problem.
        return QStringLiteral("%1: %2.").arg(server(*this), withoutFinalDot(detail));
    case Kind::Timeout:
        return QStringLiteral("%1 did not answer %2 within %3 s; the query may be too heavy or the "
                              "server overloaded.")
            .arg(server(*this), path, QLocale::c().toString(deadlineMs / 1000.0, 'g', 3));
    case Kind::Query:
        return QStringLiteral("Prometheus rejected the query (%1): %2.")
            .arg(errorType.isEmpty() ? QString::number(httpStatus) : errorType,
                 withoutFinalDot(serverMessage));
    case Kind::Http:
        if (httpStatus == 401 || httpStatus == 403)
            return QStringLiteral("%1 refused the credentials (%2); check the metrics token of %3.")
                .arg(server(*this), QString::number(httpStatus), profile(*this));
        return QStringLiteral("%1 answered %2 with HTTP %3; is the metrics URL of %4 pointing at "
                              "a Prometheus server?")
            .arg(server(*this), path, QString::number(httpStatus), profile(*this));
    case Kind::NotJson:
        return QStringLiteral(
                   "%1 answered with something that is not JSON (%2); is the metrics URL "
                   "of %3 pointing at a Prometheus server?")
            .arg(server(*this),
                 contentType.isEmpty() ? QStringLiteral("unknown type") : contentType,
                 profile(*this));
    case Kind::InvalidJson:
        return QStringLiteral("%1 answered %2 with broken JSON (%3); the answer was ignored.")
            .arg(server(*this), path, detail);
    case Kind::InvalidShape:
        return QStringLiteral("The answer to %1 is not a Prometheus API answer (%2); it was "
                              "ignored.")
            .arg(path, detail);
    case Kind::TooLarge:
        return QStringLiteral("The answer to %1 was larger than %2 KiB and was cut off; narrow the "
                              "window or the query.")
            .arg(path, QString::number(limitBytes / 1024));
    case Kind::TooManySamples:
        return QStringLiteral("The answer to %1 holds more than the console charts: %2; aggregate "
                              "the query (sum, or sum by a few labels) or narrow the window.")
            .arg(path, detail);
    case Kind::Cancelled:
        return QStringLiteral("The Prometheus request %1 was cancelled.").arg(path);
    }
    return QStringLiteral("Unknown Prometheus error.");
}

QString PrometheusError::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Network:
        return QStringLiteral("network");
    case Kind::Tls:
        return QStringLiteral("tls");
    case Kind::Timeout:
        return QStringLiteral("timeout");
    case Kind::Query:
        return QStringLiteral("query");
    case Kind::Http:
        return QStringLiteral("http");
    case Kind::NotJson:
        return QStringLiteral("not-json");
    case Kind::InvalidJson:
        return QStringLiteral("invalid-json");
    case Kind::InvalidShape:
        return QStringLiteral("invalid-shape");
    case Kind::TooLarge:
        return QStringLiteral("too-large");
    case Kind::TooManySamples:
        return QStringLiteral("too-many-samples");
    case Kind::Cancelled:
        return QStringLiteral("cancelled");
    }
    return QStringLiteral("unknown");
}
