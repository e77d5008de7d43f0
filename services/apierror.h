#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <optional>

/// Why one ops API call failed, typed. Produced by OpsClient (transport and JSON mapping) and
/// shown by the GUI through userMessage(); pollers look at kind/httpStatus/retryAfterSeconds.
struct ApiError
{
    enum class Kind {
        Network, ///< could not connect, connection refused/reset/dropped mid-answer
        Timeout, ///< the total deadline fired (hung or trickling server)
        Http, ///< an HTTP status >= 400 (code/serverMessage from the error envelope)
        InvalidJson, ///< the body claims to be JSON but does not parse (truncated, garbage)
        NotJson, ///< a success answer that is not JSON at all (e.g. an HTML page)
        TooLarge, ///< the answer exceeded the profile's maxResponseBytes
        InvalidShape, ///< JSON parsed, but a field is missing or has the wrong type (see detail)
        Redirect, ///< a redirect the client refused (cross-origin, https->http, too many)
        Cancelled, ///< the client cancelled the call (cancelAll, setProfile)
        Busy ///< a resend with the same Idempotency-Key while the first is in flight
    };

    Kind kind = Kind::Network;
    int httpStatus = 0;
    QString code; ///< the server's error code, e.g. "write_drain"
    QString serverMessage; ///< the server's sentence, if any
    QString traceId; ///< X-Trace-Id of the exchange (ours or the server's echo)
    std::optional<int> retryAfterSeconds;

    // Context the client fills in so that userMessage() can say what to do.
    QString profileName;
    QString method; ///< "GET", "POST"
    QString path; ///< "/api/ops/status"
    QString url; ///< base URL of the profile (never contains the token)
    QString detail; ///< client-side detail: the field for InvalidShape, Qt's error string...
    QString contentType; ///< for NotJson
    int deadlineMs = 0; ///< for Timeout
    qint64 limitBytes = 0; ///< for TooLarge

    /// One sentence a user can act on, e.g. "The server rejected the token (401). Check the
    /// token for profile 'prod'."
    QString userMessage() const;

    /// Short technical name of the kind ("timeout", "http", ...) for logs and tests.
    static QString kindName(Kind kind);

    /// Parses a Retry-After header: delta-seconds or an HTTP-date (relative to `now`).
    /// Negative or unparsable values give nullopt; dates in the past give 0.
    static std::optional<int> parseRetryAfter(const QByteArray &value,
                                              const QDateTime &now
                                              = QDateTime::currentDateTimeUtc());
};
