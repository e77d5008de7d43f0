#include "consoleoptions.h"

#include <QCommandLineParser>
#include <QCoreApplication>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ConsoleOptions", text);
}

ConsoleOptions failWith(ConsoleOptions options, const QString &message)
{
    options.action = ConsoleOptions::Action::Error;
    options.error = message;
    return options;
}

bool isUsableServerUrl(const QUrl &url)
{
    return url.isValid() && !url.host().isEmpty()
        && (url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https"))
        && url.userInfo().isEmpty() && !url.hasQuery() && !url.hasFragment();
}

} // namespace

QStringList ConsoleOptions::pageNames()
{
    return {QStringLiteral("dashboard"),    QStringLiteral("incident"), QStringLiteral("runbooks"),
            QStringLiteral("logs"),         QStringLiteral("flags"),    QStringLiteral("agents"),
            QStringLiteral("dead-letters"), QStringLiteral("commands"), QStringLiteral("status")};
}

ConsoleOptions ConsoleOptions::parse(const QStringList &arguments,
                                     const QProcessEnvironment &environment)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Desktop operations console for DreamNet incidents. Without --url it starts the "
           "bundled simulator (dreamnet-sim) on a free loopback port and connects to it."));
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption = parser.addVersionOption();
    const QCommandLineOption urlOption(QStringLiteral("url"),
                                       tr("Connect to the DreamNet Ops API at <url> instead of "
                                          "the bundled simulator."),
                                       tr("url"));
    const QCommandLineOption profileOption(
        QStringLiteral("profile"),
        tr("Connect with the stored environment profile <name>; \"simulator\" is the bundled "
           "simulator. Default: the profile used last (the simulator the first time)."),
        tr("name"));
    const QCommandLineOption tokenEnvOption(
        QStringLiteral("token-env"),
        tr("Name of the environment variable that holds the token for --url (tokens are never "
           "read from the command line)."),
        tr("var"));
    const QCommandLineOption authOption(QStringLiteral("auth"),
                                        tr("How the token is sent: bearer (Authorization: "
                                           "Bearer) or api-key (x-dreamnet-api-key). Default: "
                                           "bearer."),
                                        tr("scheme"), QStringLiteral("bearer"));
    const QCommandLineOption scenarioOption(QStringLiteral("scenario"),
                                            tr("Simulator only: start with this scenario "
                                               "(db-outage, rate-limit, error-spike, "
                                               "memory-leak, latency)."),
                                            tr("name"));
    const QCommandLineOption speedOption(QStringLiteral("sim-speed"),
                                         tr("Simulator only: simulated seconds per second."),
                                         tr("n"), QStringLiteral("1"));
    const QCommandLineOption pageOption(
        QStringLiteral("page"),
        tr("Open on this page: %1.").arg(pageNames().join(QStringLiteral(", "))), tr("name"));
    const QCommandLineOption screenshotOption(QStringLiteral("screenshot"),
                                              tr("After the first successful refresh, save the "
                                                 "main window as <file> (PNG) and quit."),
                                              tr("file"));
    const QCommandLineOption delayOption(QStringLiteral("screenshot-delay"),
                                         tr("Milliseconds to wait after that refresh before "
                                            "the screenshot."),
                                         tr("ms"), QStringLiteral("300"));
    const QCommandLineOption exitOption(QStringLiteral("exit-after-connect"),
                                        tr("Print 'connected in N ms' after the first "
                                           "successful status and quit; exit 1 if not "
                                           "connected within 10 s."));
    const QCommandLineOption firstPaintOption(QStringLiteral("exit-after-first-paint"),
                                              tr("Print 'first paint after N ms' (from the "
                                                 "process start) once the main window has "
                                                 "painted, and quit (benchmark P14)."));
    const QCommandLineOption verboseOption(QStringLiteral("verbose"), tr("Log at debug level."));
    parser.addOptions({urlOption, profileOption, tokenEnvOption, authOption, scenarioOption,
                       speedOption, pageOption, screenshotOption, delayOption, exitOption,
                       firstPaintOption, verboseOption});

    ConsoleOptions options;
    options.helpText = parser.helpText();
    if (!parser.parse(arguments))
        return failWith(options, parser.errorText());
    if (parser.isSet(helpOption)) {
        options.action = Action::ShowHelp;
        return options;
    }
    if (parser.isSet(versionOption)) {
        options.action = Action::ShowVersion;
        return options;
    }
    if (!parser.positionalArguments().isEmpty())
        return failWith(options,
                        tr("Unexpected argument '%1'. Tokens are never accepted on the "
                           "command line; see --help.")
                            .arg(parser.positionalArguments().constFirst()));

    options.verbose = parser.isSet(verboseOption);
    options.exitAfterConnect = parser.isSet(exitOption);
    options.exitAfterFirstPaint = parser.isSet(firstPaintOption);
    options.screenshotFile = parser.value(screenshotOption);
    options.page = parser.value(pageOption).toLower();
    if (!options.page.isEmpty() && !pageNames().contains(options.page))
        return failWith(options,
                        tr("Unknown --page '%1': use one of %2.")
                            .arg(parser.value(pageOption), pageNames().join(QStringLiteral(", "))));
    bool ok = false;
    options.screenshotDelayMs = parser.value(delayOption).toInt(&ok);
    if (!ok || options.screenshotDelayMs < 0 || options.screenshotDelayMs > 600000)
        return failWith(options,
                        tr("--screenshot-delay needs a number of milliseconds "
                           "(0 to 600000)."));

    const QString auth = parser.value(authOption);
    if (auth == QLatin1String("bearer"))
        options.auth = AuthScheme::Bearer;
    else if (auth == QLatin1String("api-key"))
        options.auth = AuthScheme::ApiKeyHeader;
    else
        return failWith(options, tr("Unknown --auth '%1': use bearer or api-key.").arg(auth));

    if (parser.isSet(profileOption) && parser.isSet(urlOption))
        return failWith(options,
                        tr("--profile and --url cannot be combined: a profile has its own URL."));
    options.profile = parser.value(profileOption);

    if (!parser.isSet(urlOption)) {
        if (parser.isSet(tokenEnvOption))
            return failWith(options,
                            tr("--token-env needs --url: the bundled simulator makes "
                               "its own token."));
        options.scenario = parser.value(scenarioOption);
        options.simSpeed = parser.value(speedOption).toDouble(&ok);
        if (!ok || options.simSpeed <= 0 || options.simSpeed > 1000)
            return failWith(options, tr("--sim-speed needs a number above 0 and at most 1000."));
        return options;
    }

    options.embeddedSimulator = false;
    if (parser.isSet(scenarioOption) || parser.isSet(speedOption))
        return failWith(options,
                        tr("--scenario and --sim-speed only apply to the bundled "
                           "simulator, not to --url."));
    const QString urlText = parser.value(urlOption);
    options.url = QUrl(urlText, QUrl::StrictMode);
    if (!isUsableServerUrl(options.url))
        return failWith(options,
                        tr("The URL '%1' cannot be used: give http:// or https:// with a "
                           "host and optional port and path, without credentials, "
                           "query or fragment (e.g. https://ops.example.com).")
                            .arg(urlText));
    options.tokenEnv = parser.value(tokenEnvOption);
    if (options.tokenEnv.isEmpty())
        return failWith(options,
                        tr("--url needs --token-env VAR: the name of the environment "
                           "variable that holds the token."));
    if (!environment.contains(options.tokenEnv))
        return failWith(options,
                        tr("The environment variable %1 is not set. Put the token in "
                           "it (export %1=…) and start dreamops again.")
                            .arg(options.tokenEnv));
    options.token = environment.value(options.tokenEnv).trimmed();
    if (options.token.isEmpty())
        return failWith(options,
                        tr("The environment variable %1 is empty. Put the token in it "
                           "and start dreamops again.")
                            .arg(options.tokenEnv));
    return options;
}
