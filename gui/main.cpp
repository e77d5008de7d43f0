// dreamops: the DreamOps Console. Parses the command line, sets up logging, starts a
// ConsoleSession (bundled simulator or --url) and shows the main window.
#include "consoleoptions.h"
#include "consolesession.h"
#include "consoleshell.h"
#include "environmentprofile.h"
#include "environmentprofileresolver.h"
#include "firstpaintprobe.h"
#include "logging.h"
#include "mainwindow.h"
#include "profilestore.h"
#include "quitsignalhandler.h"
#include "requesthardening.h"
#include "secretstore.h"
#include "windowlayout.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QGuiApplication>
#include <QMessageBox>
#include <QStandardPaths>
#include <QTimer>

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdio>

namespace {

constexpr int kConnectTimeoutMs = 10000;

void setApplicationIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral("DreamNet"));
    QCoreApplication::setApplicationName(QStringLiteral("dreamops"));
    QCoreApplication::setApplicationVersion(QStringLiteral(DREAMOPS_VERSION));
}

void printLine(FILE *stream, const QString &text)
{
    std::fputs(text.toLocal8Bit().constData(), stream);
    std::fputc('\n', stream);
    std::fflush(stream);
}

ConsoleOptions parseOptions(int argc, char **argv)
{
    // A QCoreApplication is enough for --help/--version/usage errors: they work without a display.
    QCoreApplication probe(argc, argv);
    setApplicationIdentity();
    return ConsoleOptions::parse(QCoreApplication::arguments(),
                                 QProcessEnvironment::systemEnvironment());
}

bool hasInteractiveDisplay()
{
    const QByteArray platform = qgetenv("QT_QPA_PLATFORM");
    if (platform == "offscreen" || platform == "minimal")
        return false;
    return qEnvironmentVariableIsSet("DISPLAY") || qEnvironmentVariableIsSet("WAYLAND_DISPLAY");
}

ConsoleSession::Settings sessionSettings(const ConsoleOptions &options)
{
    ConsoleSession::Settings settings;
    settings.embeddedSimulator = options.embeddedSimulator;
    settings.profile.name = options.url.host(); // ConsoleSession names the simulator's profile
    settings.profile.baseUrl = options.url;
    settings.profile.auth = options.auth;
    settings.profile.token = options.token;
    settings.profile.isSimulator = options.embeddedSimulator;
    // A poll that outlives the 2 s refresh interval is as good as lost: end it in time, so a
    // hung server shows as stale after one interval instead of after the client's default 5 s.
    settings.profile.deadlineMs = std::min(settings.profile.deadlineMs, 1900);
    settings.simulator.speed = options.simSpeed;
    if (!options.scenario.isEmpty())
        settings.simulator.extraArguments << QStringLiteral("--scenario") << options.scenario;
    return settings;
}

// --exit-after-connect: "connected in N ms" on the first good status, exit 1 after 10 s.
void armExitAfterConnect(ConsoleSession *session, const QElapsedTimer &sinceStart)
{
    QObject::connect(session, &ConsoleSession::opsStatusUpdated, session, [sinceStart] {
        printLine(stdout, QStringLiteral("connected in %1 ms").arg(sinceStart.elapsed()));
        QCoreApplication::exit(0);
    });
    QObject::connect(session, &ConsoleSession::stateChanged, session,
                     [](ConsoleSession::State state, const QString &message) {
                         if (state != ConsoleSession::State::SimulatorDown)
                             return;
                         printLine(stderr, message);
                         QCoreApplication::exit(1);
                     });
    QTimer::singleShot(kConnectTimeoutMs, session, [session] {
        printLine(stderr,
                  QStringLiteral("not connected within %1 s: %2")
                      .arg(kConnectTimeoutMs / 1000)
                      .arg(session->stateMessage()));
        QCoreApplication::exit(1);
    });
}

// --screenshot FILE: grab the window after the first good refresh (or, failing that, after
// 10 s, so that failure states can be reviewed too: then exit 1).
void armScreenshot(ConsoleSession *session, MainWindow *window, const ConsoleOptions &options)
{
    const QString file = options.screenshotFile;
    auto grab = [window, file](int exitCode) {
        const bool saved = window->grab().save(file, "PNG");
        if (!saved)
            printLine(stderr, QStringLiteral("could not write the screenshot to %1").arg(file));
        QCoreApplication::exit(saved ? exitCode : 1);
    };
    QObject::connect(
        session, &ConsoleSession::refreshFinished, window,
        [window, grab, delay = options.screenshotDelayMs, armed = true](bool ok) mutable {
            if (!ok || !armed)
                return;
            armed = false;
            QTimer::singleShot(delay, window, [grab] { grab(0); });
        });
    QTimer::singleShot(kConnectTimeoutMs + options.screenshotDelayMs, window, [grab, session] {
        printLine(stderr,
                  QStringLiteral("screenshot taken without a successful refresh: %1")
                      .arg(session->stateMessage()));
        grab(1);
    });
}

// The session settings of the stored profile the user chose (--profile) or used last: the
// simulator's as they are; a server's with its token from the keychain, its environment
// variable, or asked for once. nullopt (after saying why on stderr) when it cannot start.
std::optional<ConsoleSession::Settings> profileSettings(ProfileStore &profiles,
                                                        SecretStore &secrets,
                                                        const ConsoleOptions &options,
                                                        const ConsoleSession::Settings &base)
{
    QString error;
    if (!options.profile.isEmpty() && !profiles.setCurrent(options.profile, &error)) {
        printLine(stderr, error);
        return std::nullopt;
    }
    const EnvironmentProfile profile = profiles.current();
    if (profile.isSimulator)
        return base;
    std::optional<EnvironmentProfileResolver::Outcome> outcome;
    QEventLoop wait;
    EnvironmentProfileResolver::resolve(profile, &secrets, base, &wait,
                                        [&](const EnvironmentProfileResolver::Outcome &got) {
                                            outcome = got;
                                            wait.quit();
                                        });
    if (!outcome)
        wait.exec();
    if (outcome->ready && outcome->metricsReady)
        return outcome->settings;
    if (options.isAutomated() || !hasInteractiveDisplay()) {
        // Nobody to ask: no token is the end; no metrics secret is a warning (the fleet charts
        // will say their credentials were refused).
        printLine(stderr, outcome->ready ? outcome->metricsMessage : outcome->message);
        return outcome->ready ? std::optional(outcome->settings) : std::nullopt;
    }
    return ConsoleShell::completeInteractively(nullptr, &secrets, profile, *outcome, base);
}

} // namespace

int main(int argc, char **argv)
{
    QElapsedTimer sinceStart;
    sinceStart.start();

    const ConsoleOptions options = parseOptions(argc, argv);
    if (options.action == ConsoleOptions::Action::ShowHelp) {
        printLine(stdout, options.helpText);
        return 0;
    }
    if (options.action == ConsoleOptions::Action::ShowVersion) {
        printLine(stdout, QStringLiteral("dreamops " DREAMOPS_VERSION));
        return 0;
    }

    if (options.action == ConsoleOptions::Action::Error) {
        // stderr first: this must work over SSH without a display, where QApplication aborts.
        printLine(stderr, options.error);
        if (!options.isAutomated() && hasInteractiveDisplay()) {
            QApplication app(argc, argv);
            setApplicationIdentity();
            QMessageBox::critical(nullptr, QObject::tr("DreamOps Console cannot start"),
                                  options.error);
        }
        return 2;
    }

    QApplication app(argc, argv);
    // resources.qrc lives in a static library: reference it so the linker keeps it.
    Q_INIT_RESOURCE(resources);
    setApplicationIdentity();
    QGuiApplication::setDesktopFileName(QStringLiteral("dreamops"));
    QGuiApplication::setApplicationDisplayName(QStringLiteral("DreamOps Console"));

    const QString logDir = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation)
        + QStringLiteral("/logs");
    QDir().mkpath(logDir);
    Logging::init({.logFile = logDir + QStringLiteral("/dreamops.log"),
                   .verbose = options.verbose,
                   .console = true});
    auto log = Logging::get("gui");

    Logging::registerSecret(options.token);

    const QuitSignalHandler quitOnSignal;
    // Profiles apply unless --url names a server for this run only.
    std::unique_ptr<ProfileStore> profiles;
    std::unique_ptr<SecretStore> secrets;
    const ConsoleSession::Settings base = sessionSettings(options);
    ConsoleSession::Settings settings = base;
    if (options.embeddedSimulator) {
        profiles = std::make_unique<ProfileStore>();
        secrets = std::make_unique<SecretStore>();
        const std::optional<ConsoleSession::Settings> chosen
            = profileSettings(*profiles, *secrets, options, base);
        if (!chosen)
            return 2;
        settings = *chosen;
    }
    log->info("dreamops {} starting: {}", DREAMOPS_VERSION,
              settings.embeddedSimulator
                  ? std::string("bundled simulator")
                  : QStringLiteral("%1 (%2)")
                        .arg(settings.profile.baseUrl.toString(),
                             profiles ? QStringLiteral("profile ") + profiles->currentName()
                                      : QStringLiteral("--url"))
                        .toStdString());
    ConsoleShell shell(profiles.get(), secrets.get());
    shell.setBaseSettings(base);
    if (!options.isAutomated())
        shell.setLayoutPath(WindowLayout::defaultPath());
    shell.open(settings);
    QObject::connect(&app, &QCoreApplication::aboutToQuit, &shell, [&shell] {
        if (shell.session())
            shell.session()->stop();
    });

    ConsoleSession *session = shell.session();
    MainWindow *window = shell.window();
    if (options.exitAfterConnect)
        armExitAfterConnect(session, sinceStart);
    if (!options.screenshotFile.isEmpty())
        armScreenshot(session, window, options);
    if (options.exitAfterFirstPaint)
        new FirstPaintProbe(window); // owned by the window

    if (!options.page.isEmpty())
        window->showPage(options.page);
    window->show();
    session->start();
    const int exitCode = app.exec();
    shell.close();
    // The network clients left their managers to the event loop (RequestHardening::
    // retireManager); it has ended, so delete them here, before the application goes.
    RequestHardening::deleteRetiredManagers();
    // Qt may still log while the process unwinds (with QT_LOGGING_RULES="*.debug=true"), after
    // spdlog's registry is gone: from here on Qt's own handler prints it.
    qInstallMessageHandler(nullptr);
    return exitCode;
}
