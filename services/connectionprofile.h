#pragma once

#include <QString>
#include <QUrl>
#include <QtGlobal>

/// How the token travels: `Authorization: Bearer <token>` or the public server's
/// `x-dreamnet-api-key: <token>` (the contract accepts both as the same credential).
enum class AuthScheme { Bearer, ApiKeyHeader };

/// One place the console can talk to (the embedded simulator, staging, prod). Filled by the
/// profile store / connection dialog, consumed by OpsClient. The token is never logged.
struct ConnectionProfile
{
    QString name;
    QUrl baseUrl; ///< scheme://host:port, an optional path prefix is kept
    AuthScheme auth = AuthScheme::Bearer;
    QString token;
    bool isSimulator = false;
    int deadlineMs = 5000; ///< total deadline of one call, redirects included
    qint64 maxResponseBytes = 4 * 1024 * 1024; ///< larger answers are aborted (TooLarge)
    QString operatorName; ///< sent as "operator" in every mutation body
    /// A PEM file of extra CA certificates trusted for this profile (beside the system's);
    /// empty = system CAs only.
    QString caFile;
};
