// dreamnet-sim: the bundled simulator of the DreamNet Ops API (see docs/ops-api.md).
// Command line and environment -> SimOptions; wiring of clock, engine, log and HTTP server;
// clean shutdown on SIGINT/SIGTERM through a self-pipe.
#include "scenariotable.h"
#include "serverlog.h"
#include "simclock.h"
#include "simengine.h"
#include "simhttpserver.h"
#include "simoptions.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QSocketNotifier>
#include <QSslCertificate>
#include <QSslKey>

#include <csignal>
#include <cstdio>
#include <sys/socket.h>
#include <unistd.h>

namespace {

int g_signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const ssize_t written = ::write(g_signalPipe[0], &byte, 1);
}

void printErr(const QString &message)
{
    std::fprintf(stderr, "dreamnet-sim: %s\n", message.toLocal8Bit().constData());
}

QString generateToken()
{
    QByteArray bytes(24, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()),
                                          bytes.size() / int(sizeof(quint32)));
    return QString::fromLatin1(
        bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString writeTokenFile(const QString &directory, const QString &token)
{
    QDir().mkpath(directory);
    // One file per process: several simulators may share a folder (tests, the temp dir).
    const QString path = QDir(directory).absoluteFilePath(
        QStringLiteral("dreamnet-sim-%1.token").arg(QCoreApplication::applicationPid()));
    QFile::remove(path);
    QFile file(path);
    // Created 0600 in one step: the token is never readable by others, not even briefly.
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, QFile::ReadOwner | QFile::WriteOwner))
        return {};
    file.write(token.toUtf8() + '\n');
    return path;
}

/// The server side of --tls-cert/--tls-key: the certificate file may hold a chain (leaf first).
QSslConfiguration loadTls(const QString &certFile, const QString &keyFile, QString *error)
{
    const QList<QSslCertificate> chain = QSslCertificate::fromPath(certFile, QSsl::Pem);
    if (chain.isEmpty()) {
        *error = QStringLiteral("no PEM certificate in %1").arg(certFile);
        return {};
    }
    QFile file(keyFile);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(keyFile, file.errorString());
        return {};
    }
    const QByteArray pem = file.readAll();
    QSslKey key(pem, QSsl::Rsa, QSsl::Pem);
    if (key.isNull())
        key = QSslKey(pem, QSsl::Ec, QSsl::Pem);
    if (key.isNull()) {
        *error = QStringLiteral("no unencrypted RSA or EC private key in %1").arg(keyFile);
        return {};
    }
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificateChain(chain);
    tls.setPrivateKey(key);
    tls.setPeerVerifyMode(QSslSocket::VerifyNone); // no client certificates
    return tls;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("dreamnet-sim"));
    QStringList arguments = QCoreApplication::arguments();
    arguments.removeFirst();
    const SimParseResult parsed = SimOptions::parse(arguments);
    if (parsed.help) {
        std::fputs(SimOptions::usage().toLocal8Bit().constData(), stdout);
        return 0;
    }
    if (!parsed.options) {
        printErr(parsed.error);
        std::fputs(SimOptions::usage().toLocal8Bit().constData(), stderr);
        return 2;
    }
    SimOptions options = *parsed.options;
    if (!SimOptions::isLoopback(options.bind)) {
        if (!options.unsafeBind) {
            printErr(QStringLiteral("refusing to listen on non-loopback address %1: the simulator "
                                    "is for local drills and tests. Pass --unsafe-bind to do it "
                                    "anyway.")
                         .arg(options.bind));
            return 2;
        }
        printErr(QStringLiteral("WARNING: listening on non-loopback address %1 (--unsafe-bind); "
                                "anyone who can reach it and knows the token can drive it.")
                     .arg(options.bind));
    }
    const QString logDir = options.logDir.isEmpty() ? QStringLiteral("logs") : options.logDir;
    QString tokenFile;
    if (options.token.isEmpty()) {
        options.token = generateToken();
        tokenFile
            = writeTokenFile(options.logDir.isEmpty() ? QDir::tempPath() : logDir, options.token);
        if (tokenFile.isEmpty()) {
            printErr(QStringLiteral("cannot write the generated token file"));
            return 2;
        }
    }

    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalPipe) != 0) {
        printErr(QStringLiteral("cannot create the signal pipe"));
        return 1;
    }
    QSocketNotifier signalNotifier(g_signalPipe[1], QSocketNotifier::Read);
    QObject::connect(&signalNotifier, &QSocketNotifier::activated, &app, [] {
        char byte = 0;
        [[maybe_unused]] const ssize_t got = ::read(g_signalPipe[1], &byte, 1);
        QCoreApplication::quit();
    });
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
    std::signal(SIGPIPE, SIG_IGN);

    ServerLog serverLog(logDir, options.logMaxBytes);
    if (!serverLog.isOpen())
        printErr(QStringLiteral("cannot open %1/server.log; logging disabled").arg(logDir));
    SimClock clock(QDateTime::currentMSecsSinceEpoch(), options.speed);
    SimEngine engine(options.seed, clock.startMs(), &serverLog);
    engine.log(ServerLog::Level::Info, QStringLiteral("process"),
               QStringLiteral("dreamnet-sim starting (seed=%1 speed=%2)")
                   .arg(options.seed)
                   .arg(options.speed));
    if (options.scenario != QLatin1String("none"))
        engine.setScenario(ScenarioTable::fromName(options.scenario), 0, QStringLiteral("cli"));

    SimHttpServer::Config config;
    config.operatorToken = options.token;
    config.viewerToken = options.viewerToken;
    config.rateLimit = options.rateLimit;
    config.authFailureLimit = options.authFailureLimit;
    config.seed = options.seed;
    config.limits.headerTimeoutMs = options.headerTimeoutMs;
    config.limits.idleTimeoutMs = options.idleTimeoutMs;
    config.maxConnections = options.maxConnections;
    if (!options.tlsCertFile.isEmpty()) {
        QString tlsError;
        config.tls = loadTls(options.tlsCertFile, options.tlsKeyFile, &tlsError);
        if (config.tls.isNull()) {
            printErr(tlsError);
            return 2;
        }
    }
    SimHttpServer server(engine, clock, config);
    const QHostAddress address
        = options.bind.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0
        ? QHostAddress(QHostAddress::LocalHost)
        : QHostAddress(options.bind);
    QString error;
    const quint16 port = server.listenOn(address, options.port, &error);
    if (port == 0) {
        printErr(QStringLiteral("cannot listen on %1:%2: %3")
                     .arg(options.bind)
                     .arg(options.port)
                     .arg(error));
        return 1;
    }
    const QString host = address.protocol() == QAbstractSocket::IPv6Protocol
        ? QLatin1Char('[') + address.toString() + QLatin1Char(']')
        : address.toString();
    std::printf("listening on %s://%s:%u\n", config.tls.isNull() ? "http" : "https",
                host.toLatin1().constData(), unsigned(port));
    if (!tokenFile.isEmpty())
        std::printf("token file: %s\n", tokenFile.toLocal8Bit().constData());
    std::fflush(stdout);

    QObject::connect(&clock, &SimClock::advanced, &app, [&engine, &serverLog](qint64 nowMs) {
        engine.advanceTo(nowMs);
        serverLog.flush();
    });
    clock.start();
    const int code = app.exec();
    engine.log(ServerLog::Level::Info, QStringLiteral("process"),
               QStringLiteral("dreamnet-sim stopping"));
    serverLog.flush();
    if (!tokenFile.isEmpty())
        QFile::remove(tokenFile); // the token dies with this process
    return code;
}
