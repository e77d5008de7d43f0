#pragma once

#include <QString>

/// Why one Prometheus HTTP API call failed, typed, with one sentence for the user. Produced by
/// PrometheusClient (transport) and PrometheusParser (the JSON answer); FleetMetricsSource passes
/// it on. Never carries the token.
struct PrometheusError
{
    enum class Kind {
        Network, ///< could not connect, refused, reset
        Tls, ///< the certificate was refused or the profile's CA file is unusable: nothing was sent
        Timeout, ///< the client's total deadline fired
        Query, ///< Prometheus answered {"status":"error"}: bad PromQL, execution error, its timeout
        Http, ///< an HTTP error status without a Prometheus error body (proxy, auth, wrong URL)
        NotJson, ///< a success answer that is not JSON (an HTML login page, a wrong URL)
        InvalidJson, ///< the body claims JSON but does not parse
        InvalidShape, ///< JSON, but not the Prometheus API's shape (detail says where)
        TooLarge, ///< the answer exceeded the client's size cap
        TooManySamples, ///< it parsed, but holds more series or samples than the console reads
        Cancelled ///< cancelAll()
    };

    Kind kind = Kind::Network;
    int httpStatus = 0;
    QString errorType; ///< Prometheus's errorType: "bad_data", "execution", "timeout", ...
    QString serverMessage; ///< Prometheus's error text, e.g. "1:5: parse error: ..."
    QString detail; ///< client-side detail (Qt's network error, the JSON field)
    QString url; ///< the server's base URL, never with user info
    QString path; ///< "/api/v1/query_range"
    QString contentType; ///< for NotJson
    QString profileName;
    int deadlineMs = 0;
    qint64 limitBytes = 0;

    /// One sentence a user can act on; for Kind::Query it carries Prometheus's own text.
    QString userMessage() const;
    /// Short technical name of the kind ("network", "query", ...) for logs and tests.
    static QString kindName(Kind kind);
};
