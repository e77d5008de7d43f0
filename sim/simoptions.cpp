#include "simoptions.h"

#include "scenariotable.h"

namespace {

using L1 = QLatin1String;

bool takesValue(const QString &flag)
{
    static const QStringList valued {QStringLiteral("--bind"),
                                     QStringLiteral("--port"),
                                     QStringLiteral("--token"),
                                     QStringLiteral("--viewer-token"),
                                     QStringLiteral("--log-dir"),
                                     QStringLiteral("--speed"),
                                     QStringLiteral("--scenario"),
                                     QStringLiteral("--seed"),
                                     QStringLiteral("--rate-limit"),
                                     QStringLiteral("--auth-failure-limit"),
                                     QStringLiteral("--log-max-bytes"),
                                     QStringLiteral("--header-timeout-ms"),
                                     QStringLiteral("--idle-timeout-ms"),
                                     QStringLiteral("--max-connections"),
                                     QStringLiteral("--tls-cert"),
                                     QStringLiteral("--tls-key")};
    return valued.contains(flag);
}

} // namespace

bool SimOptions::isLoopback(const QString &host)
{
    if (host.compare(L1("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

QString SimOptions::usage()
{
    return QStringLiteral(
        "usage: dreamnet-sim [--bind 127.0.0.1] [--port 5000] [--token T] [--viewer-token V]\n"
        "                    [--log-dir DIR] [--speed N] [--scenario NAME] [--seed N]\n"
        "                    [--unsafe-bind] [--rate-limit RPS] [--auth-failure-limit N]\n"
        "                    [--log-max-bytes N] [--header-timeout-ms MS] [--idle-timeout-ms MS]\n"
        "                    [--max-connections N] [--tls-cert PEM --tls-key PEM]\n"
        "Tokens are better passed in DREAMNET_SIM_TOKEN / DREAMNET_SIM_VIEWER_TOKEN (argv is\n"
        "world-readable). --port 0 picks a free port. --tls-cert/--tls-key serve HTTPS instead\n"
        "of plain HTTP on the same port.\n");
}

SimParseResult SimOptions::parse(const QStringList &arguments)
{
    SimOptions options;
    SimParseResult result;
    const auto fail = [&result](const QString &message) {
        result.error = message;
        return result;
    };
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        QString flag = arguments.at(i);
        QString value;
        bool hasValue = false;
        if (const qsizetype eq = flag.indexOf(QLatin1Char('='));
            flag.startsWith(L1("--")) && eq > 0) {
            value = flag.mid(eq + 1);
            flag = flag.left(eq);
            hasValue = true;
        }
        if (flag == L1("--help") || flag == L1("-h")) {
            result.help = true;
            return result;
        }
        if (flag == L1("--unsafe-bind")) {
            options.unsafeBind = true;
            continue;
        }
        if (!takesValue(flag))
            return fail(QStringLiteral("unknown argument '%1'").arg(flag));
        if (!hasValue) {
            if (i + 1 >= arguments.size())
                return fail(QStringLiteral("%1 needs a value").arg(flag));
            value = arguments.at(++i);
        }
        bool ok = true;
        if (flag == L1("--bind")) {
            options.bind = value;
            ok = value.compare(L1("localhost"), Qt::CaseInsensitive) == 0
                || !QHostAddress(value).isNull();
        } else if (flag == L1("--port")) {
            const uint port = value.toUInt(&ok);
            ok = ok && port <= 65535;
            options.port = quint16(port);
        } else if (flag == L1("--token")) {
            options.token = value;
            ok = !value.isEmpty();
        } else if (flag == L1("--viewer-token")) {
            options.viewerToken = value;
            ok = !value.isEmpty();
        } else if (flag == L1("--log-dir")) {
            options.logDir = value;
            ok = !value.isEmpty();
        } else if (flag == L1("--speed")) {
            options.speed = value.toDouble(&ok);
            ok = ok && options.speed > 0.0 && options.speed <= 1000.0;
        } else if (flag == L1("--scenario")) {
            options.scenario = value;
            ok = ScenarioTable::isKnown(value);
        } else if (flag == L1("--seed")) {
            options.seed = value.toUInt(&ok);
        } else if (flag == L1("--rate-limit")) {
            options.rateLimit = value.toDouble(&ok);
            ok = ok && options.rateLimit > 0.0 && options.rateLimit <= 1e6;
        } else if (flag == L1("--auth-failure-limit")) {
            options.authFailureLimit = value.toInt(&ok);
            ok = ok && options.authFailureLimit >= 0 && options.authFailureLimit <= 1000000;
        } else if (flag == L1("--log-max-bytes")) {
            options.logMaxBytes = value.toLongLong(&ok);
            ok = ok && options.logMaxBytes >= 1024;
        } else if (flag == L1("--header-timeout-ms")) {
            options.headerTimeoutMs = value.toInt(&ok);
            ok = ok && options.headerTimeoutMs >= 50;
        } else if (flag == L1("--idle-timeout-ms")) {
            options.idleTimeoutMs = value.toInt(&ok);
            ok = ok && options.idleTimeoutMs >= 50;
        } else if (flag == L1("--max-connections")) {
            options.maxConnections = value.toInt(&ok);
            ok = ok && options.maxConnections >= 1 && options.maxConnections <= 10000;
        } else if (flag == L1("--tls-cert")) {
            options.tlsCertFile = value;
            ok = !value.isEmpty();
        } else if (flag == L1("--tls-key")) {
            options.tlsKeyFile = value;
            ok = !value.isEmpty();
        }
        if (!ok)
            return fail(QStringLiteral("invalid value '%1' for %2").arg(value, flag));
    }
    if (options.tlsCertFile.isEmpty() != options.tlsKeyFile.isEmpty())
        return fail(QStringLiteral("--tls-cert and --tls-key go together"));
    if (options.token.isEmpty())
        options.token = qEnvironmentVariable("DREAMNET_SIM_TOKEN");
    if (options.viewerToken.isEmpty())
        options.viewerToken = qEnvironmentVariable("DREAMNET_SIM_VIEWER_TOKEN");
    if (!options.viewerToken.isEmpty() && options.viewerToken == options.token)
        return fail(QStringLiteral("the viewer token must differ from the operator token"));
    result.options = options;
    return result;
}
