// The dreamops executable itself: --exit-after-connect under xvfb-run (connects fast, leaves no
// simulator behind), --screenshot offscreen, and the usage errors that need no display.
#include "simulatorprocess.h"
#include "testsupport.h"

#include <gtest/gtest.h>

#include <QDeadlineTimer>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>
#include <QUuid>

#include <algorithm>

namespace {

struct ProcessRun
{
    int exitCode = -1;
    bool finished = false;
    QString out;
    QString err;
};

ProcessRun runDreamops(const QString &program,
                       const QStringList &arguments,
                       const QProcessEnvironment &environment,
                       int timeoutMs = 30000)
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(program, arguments);
    ProcessRun run;
    run.finished = process.waitForStarted(5000) && process.waitForFinished(timeoutMs);
    if (!run.finished) {
        process.kill();
        process.waitForFinished(2000);
    }
    run.exitCode = process.exitCode();
    run.out = QString::fromLocal8Bit(process.readAllStandardOutput());
    run.err = QString::fromLocal8Bit(process.readAllStandardError());
    return run;
}

// Our own environment plus a unique marker that the simulator child inherits, so that a leftover
// child can be found in /proc even among other helpers' simulators.
QProcessEnvironment markedEnvironment(const QString &marker, const QTemporaryDir &home)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("DREAMOPS_TEST_MARKER"), marker);
    env.insert(QStringLiteral("XDG_DATA_HOME"), home.path()); // logs go to the temp dir
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), home.path());
    return env;
}

// dreamnet-sim and dreamops processes still alive that carry the marker.
QStringList processesWithMarker(const QString &marker)
{
    const QByteArray needle = "DREAMOPS_TEST_MARKER=" + marker.toLatin1();
    QStringList names;
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs);
    for (const QString &entry : entries) {
        bool isPid = false;
        const qint64 pid = entry.toLongLong(&isPid);
        if (!isPid)
            continue;
        QFile environ(QStringLiteral("/proc/%1/environ").arg(entry));
        if (!environ.open(QIODevice::ReadOnly) || !environ.readAll().split('\0').contains(needle))
            continue;
        QFile comm(QStringLiteral("/proc/%1/comm").arg(pid));
        comm.open(QIODevice::ReadOnly);
        const QString name = QString::fromLocal8Bit(comm.readAll().trimmed());
        // Xvfb and xkbcomp belong to xvfb-run, which does not wait for them to exit.
        if (name == QLatin1String("dreamnet-sim") || name == QLatin1String("dreamops"))
            names << name;
    }
    return names;
}

} // namespace

TEST(ConsoleCli, ExitAfterConnectUnderXvfbConnectsFastAndLeavesNoChild)
{
    const QString xvfbRun = QStandardPaths::findExecutable(QStringLiteral("xvfb-run"));
    if (xvfbRun.isEmpty())
        GTEST_SKIP() << "xvfb-run is not installed (apt-get install xvfb); skipping the X11 run";
    QTemporaryDir home;
    const QString marker = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QProcessEnvironment env = markedEnvironment(marker, home);
    env.remove(QStringLiteral("QT_QPA_PLATFORM")); // the real xcb platform on Xvfb
    const ProcessRun run = runDreamops(xvfbRun,
                                       {QStringLiteral("-a"), QStringLiteral(DREAMOPS_BIN),
                                        QStringLiteral("--exit-after-connect")},
                                       env);
    ASSERT_TRUE(run.finished) << run.err.toStdString();
    EXPECT_EQ(run.exitCode, 0) << run.err.toStdString();
    const QRegularExpressionMatch match
        = QRegularExpression(QStringLiteral("^connected in (\\d+) ms$"),
                             QRegularExpression::MultilineOption)
              .match(run.out);
    ASSERT_TRUE(match.hasMatch()) << "stdout: " << run.out.toStdString()
                                  << "\nstderr: " << run.err.toStdString();
    EXPECT_LT(match.captured(1).toInt(), 2000);
    const QStringList left = processesWithMarker(marker);
    EXPECT_TRUE(left.isEmpty()) << "outlived dreamops: "
                                << left.join(QLatin1Char(' ')).toStdString();
}

TEST(ConsoleCli, ScreenshotOffscreenWritesTheWindow)
{
    QTemporaryDir home;
    const QString marker = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QProcessEnvironment env = markedEnvironment(marker, home);
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    const QString file = home.filePath(QStringLiteral("window.png"));
    const ProcessRun run = runDreamops(QStringLiteral(DREAMOPS_BIN),
                                       {QStringLiteral("--screenshot"), file,
                                        QStringLiteral("--screenshot-delay"), QStringLiteral("0")},
                                       env);
    ASSERT_TRUE(run.finished);
    EXPECT_EQ(run.exitCode, 0) << run.err.toStdString();
    const QImage image(file);
    ASSERT_FALSE(image.isNull());
    EXPECT_GE(image.width(), 800);
    EXPECT_GE(image.height(), 500);
    // The log went where the app data goes, not into the working directory.
    EXPECT_TRUE(
        QFile::exists(home.filePath(QStringLiteral("DreamNet/dreamops/logs/dreamops.log"))));
    const QStringList left = processesWithMarker(marker);
    EXPECT_TRUE(left.isEmpty()) << "outlived dreamops: "
                                << left.join(QLatin1Char(' ')).toStdString();
}

TEST(ConsoleCli, UsageErrorsNeedNoDisplayAndExit2)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    env.remove(QStringLiteral("QT_QPA_PLATFORM"));
    env.remove(QStringLiteral("DREAMOPS_UNSET_TOKEN_VAR"));

    const ProcessRun unset
        = runDreamops(QStringLiteral(DREAMOPS_BIN),
                      {QStringLiteral("--url"), QStringLiteral("http://127.0.0.1:9"),
                       QStringLiteral("--token-env"), QStringLiteral("DREAMOPS_UNSET_TOKEN_VAR")},
                      env);
    ASSERT_TRUE(unset.finished);
    EXPECT_EQ(unset.exitCode, 2);
    EXPECT_TRUE(unset.err.contains(QStringLiteral("DREAMOPS_UNSET_TOKEN_VAR is not set")))
        << unset.err.toStdString();

    const ProcessRun badUrl = runDreamops(QStringLiteral(DREAMOPS_BIN),
                                          {QStringLiteral("--url"), QStringLiteral("ftp://x"),
                                           QStringLiteral("--token-env"), QStringLiteral("HOME")},
                                          env);
    EXPECT_EQ(badUrl.exitCode, 2);
    EXPECT_TRUE(badUrl.err.contains(QStringLiteral("cannot be used"))) << badUrl.err.toStdString();

    const ProcessRun help
        = runDreamops(QStringLiteral(DREAMOPS_BIN), {QStringLiteral("--help")}, env);
    EXPECT_EQ(help.exitCode, 0);
    EXPECT_TRUE(help.out.contains(QStringLiteral("--token-env")));
    const ProcessRun version
        = runDreamops(QStringLiteral(DREAMOPS_BIN), {QStringLiteral("--version")}, env);
    EXPECT_EQ(version.exitCode, 0);
    EXPECT_TRUE(version.out.startsWith(QStringLiteral("dreamops ")));
}

TEST(ConsoleCli, SigtermStopsTheSimulatorChild)
{
    QTemporaryDir home;
    const QString marker = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QProcessEnvironment env = markedEnvironment(marker, home);
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    QProcess process;
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(DREAMOPS_BIN), QStringList {});
    ASSERT_TRUE(process.waitForStarted(5000));
    // Running: its simulator child is up once the log says so.
    const QString log = home.filePath(QStringLiteral("DreamNet/dreamops/logs/dreamops.log"));
    QDeadlineTimer deadline(10000);
    while (!deadline.hasExpired()
           && !processesWithMarker(marker).contains(QStringLiteral("dreamnet-sim")))
        QThread::msleep(50);
    ASSERT_TRUE(processesWithMarker(marker).contains(QStringLiteral("dreamnet-sim")));
    process.terminate(); // SIGTERM
    ASSERT_TRUE(process.waitForFinished(10000));
    EXPECT_EQ(process.exitStatus(), QProcess::NormalExit);
    EXPECT_EQ(process.exitCode(), 0);
    const QStringList left = processesWithMarker(marker);
    EXPECT_TRUE(left.isEmpty()) << "outlived dreamops: "
                                << left.join(QLatin1Char(' ')).toStdString();
    QFile logFile(log);
    ASSERT_TRUE(logFile.open(QIODevice::ReadOnly));
    EXPECT_TRUE(logFile.readAll().contains("signal 15 received: quitting"));
}

// S1: with the token as a canary, every log verbosity on (ours and Qt's), and a server that fails
// a third of its answers, no file the console writes contains the token.
TEST(ConsoleCli, S1_TokenIsInNoFileTheConsoleWrites)
{
    const std::unique_ptr<SimulatorProcess> sim = TestSupport::startSimulator();
    ASSERT_TRUE(sim && sim->isReady());
    const QString canary = sim->token();
    ASSERT_GE(canary.size(), 16);
    const TestSupport::HttpResult chaos = TestSupport::request(
        "POST", sim->baseUrl().resolved(QUrl(QStringLiteral("/api/sim/chaos"))),
        {{"Authorization", "Bearer " + canary.toLatin1()}, {"Content-Type", "application/json"}},
        R"({"errorRate":0.3,"malformedRate":0.1})");
    ASSERT_EQ(chaos.status, 200) << chaos.body.toStdString();

    QTemporaryDir home;
    const QString marker = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QProcessEnvironment env = markedEnvironment(marker, home);
    env.insert(QStringLiteral("HOME"), home.path());
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_CACHE_HOME"), home.filePath(QStringLiteral("cache")));
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("*.debug=true"));
    env.insert(QStringLiteral("DREAMOPS_S1_TOKEN"), canary);
    const QString shot = home.filePath(QStringLiteral("window.png"));
    const ProcessRun run
        = runDreamops(QStringLiteral(DREAMOPS_BIN),
                      {QStringLiteral("--url"), sim->baseUrl().toString(),
                       QStringLiteral("--token-env"), QStringLiteral("DREAMOPS_S1_TOKEN"),
                       QStringLiteral("--verbose"), QStringLiteral("--screenshot"), shot,
                       QStringLiteral("--screenshot-delay"), QStringLiteral("3000")},
                      env,
                      // Qt's own debug output (text layout alone is thousands of lines a
                      // second) makes this run slow on a loaded machine; it ends by itself.
                      120000);
    ASSERT_TRUE(run.finished) << run.err.toStdString();
    EXPECT_FALSE(run.out.contains(canary));
    EXPECT_FALSE(run.err.contains(canary));

    QStringList written;
    QStringList leaking;
    QDirIterator it(home.path(), QDir::Files | QDir::Hidden | QDir::System,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile file(path);
        ASSERT_TRUE(file.open(QIODevice::ReadOnly)) << path.toStdString();
        written << QDir(home.path()).relativeFilePath(path);
        if (file.readAll().contains(canary.toLatin1()))
            leaking << path;
    }
    EXPECT_TRUE(leaking.isEmpty()) << leaking.join(QLatin1Char(' ')).toStdString();
    // The search saw what the console writes: its log (with debug lines) and its journal.
    const QString log = home.filePath(QStringLiteral("DreamNet/dreamops/logs/dreamops.log"));
    ASSERT_TRUE(written.contains(QStringLiteral("DreamNet/dreamops/logs/dreamops.log")))
        << written.join(QLatin1Char(' ')).toStdString();
    QFile logFile(log);
    ASSERT_TRUE(logFile.open(QIODevice::ReadOnly));
    EXPECT_TRUE(logFile.readAll().contains(" debug ")) << "the log ran at debug level";
    EXPECT_TRUE(std::any_of(written.begin(), written.end(), [](const QString &path) {
        return path.contains(QLatin1String("journal/")) && path.endsWith(QLatin1String(".sqlite"));
    })) << written.join(QLatin1Char(' ')).toStdString();
}
