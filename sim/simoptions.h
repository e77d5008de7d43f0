#pragma once

#include <QHostAddress>
#include <QString>
#include <QStringList>

#include <optional>

// Command line of dreamnet-sim: parsed once in main(), then handed to the server and engine.
// Tokens come from the flags or (preferred, argv is world-readable) from the environment.
struct SimOptions
{
    QString bind = QStringLiteral("127.0.0.1");
    quint16 port = 5000;
    QString token;
    QString viewerToken;
    QString logDir;
    double speed = 1.0;
    QString scenario = QStringLiteral("none");
    quint32 seed = 1;
    bool unsafeBind = false;
    double rateLimit = 200.0;
    /// Requests without a valid token allowed per peer address and minute (0 = no limit).
    int authFailureLimit = 20;
    qint64 logMaxBytes = 10 * 1024 * 1024;
    // Extensions for tests: front-guard limits in wall milliseconds / counts.
    int headerTimeoutMs = 10000;
    int idleTimeoutMs = 30000;
    int maxConnections = 512;
    /// PEM certificate (chain) and private key: both given = serve HTTPS on the same port.
    QString tlsCertFile;
    QString tlsKeyFile;

    /// Parses argv (without the program name) and the environment's token variables.
    static struct SimParseResult parse(const QStringList &arguments);
    static QString usage();
    /// True for 127.0.0.0/8, ::1 and "localhost".
    static bool isLoopback(const QString &host);
};

struct SimParseResult
{
    std::optional<SimOptions> options; ///< empty when error is set or help was asked
    QString error; ///< message for stderr; exit code 2
    bool help = false;
};
