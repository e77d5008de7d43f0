// Benchmarks P14 and P15 of performance.md, which run the `dreamops` executable itself: each
// measures a reference in the same run and prints one closing line per target.
#include "benchreport.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QStringList>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <unistd.h>
#include <vector>

namespace {

using BenchReport::Direction;

double median(std::vector<double> values)
{
    if (values.empty())
        return -1;
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

// Both programs run on the same platform, with their own settings and log folders.
QProcessEnvironment benchEnvironment(const QString &home)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("XDG_DATA_HOME"), home + QStringLiteral("/data"));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home + QStringLiteral("/config"));
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), home);
    return env;
}

// Runs `program` once; returns the "first paint after N ms" it printed, or -1.
double firstPaintMs(const QString &program, const QStringList &arguments, const QString &home)
{
    QProcess process;
    process.setProcessEnvironment(benchEnvironment(home));
    process.start(program, arguments);
    if (!process.waitForFinished(30000)) {
        process.kill();
        process.waitForFinished();
        return -1;
    }
    static const QRegularExpression line(QStringLiteral("first paint after ([0-9.]+) ms"));
    const auto match = line.match(QString::fromLocal8Bit(process.readAllStandardOutput()));
    return match.hasMatch() ? match.captured(1).toDouble() : -1;
}

bool benchP14(const QString &home)
{
    constexpr int kRuns = 5;
    std::vector<double> ours;
    std::vector<double> reference;
    for (int i = 0; i < kRuns; ++i) { // interleaved, so that load changes hit both alike
        reference.push_back(firstPaintMs(QStringLiteral(DREAMOPS_MINIMAL_WINDOW), {}, home));
        ours.push_back(firstPaintMs(QStringLiteral(DREAMOPS_BIN),
                                    {QStringLiteral("--exit-after-first-paint")}, home));
    }
    const double oursMs = median(ours);
    const double referenceMs = median(reference);
    const bool measured = oursMs > 0 && referenceMs > 0;
    return BenchReport::line("P14", measured ? oursMs / referenceMs : 999.0, Direction::AtMost, 3.0,
                             QStringLiteral("first paint, median of %1: dreamops %2 ms, minimal "
                                            "Qt window %3 ms, offscreen")
                                 .arg(kRuns)
                                 .arg(oursMs, 0, 'f', 1)
                                 .arg(referenceMs, 0, 'f', 1));
}

// utime + stime of `pid` in ms, or -1 when it is gone.
double processCpuMs(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray text = stat.readAll();
    const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 13)
        return -1;
    // After ")": field 3 is [0]; utime is field 14, stime field 15.
    const double ticks = fields.at(11).toDouble() + fields.at(12).toDouble();
    return ticks * 1000.0 / double(sysconf(_SC_CLK_TCK));
}

// The first child of `pid` (or -1).
qint64 childOf(qint64 pid)
{
    QFile children(QStringLiteral("/proc/%1/task/%1/children").arg(pid));
    if (!children.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> pids = children.readAll().trimmed().split(' ');
    return pids.isEmpty() ? -1 : pids.first().toLongLong();
}

bool benchP15(const QString &home)
{
    const int seconds = qEnvironmentVariableIsSet("DREAMOPS_BENCH_P15_SECONDS")
        ? qEnvironmentVariableIntValue("DREAMOPS_BENCH_P15_SECONDS")
        : 60;
    QProcess console;
    console.setProcessEnvironment(benchEnvironment(home));
    console.setStandardOutputFile(QProcess::nullDevice());
    console.setStandardErrorFile(QProcess::nullDevice());
    console.start(QStringLiteral(DREAMOPS_BIN), {}); // bundled simulator, 1 Hz metrics polling
    // The reference: htop at its defaults (1.5 s refresh), alongside, on a pseudo-terminal of
    // its own made by script(1) (htop needs a terminal). Without htop (scripts/deps --test
    // installs it), `top -b -d 1.5` stands in, and the line says so.
    QProcess reference;
    reference.setStandardOutputFile(QProcess::nullDevice());
    QProcessEnvironment referenceEnv = QProcessEnvironment::systemEnvironment();
    referenceEnv.insert(QStringLiteral("TERM"), QStringLiteral("xterm"));
    reference.setProcessEnvironment(referenceEnv);
    const bool haveHtop = !QStandardPaths::findExecutable(QStringLiteral("htop")).isEmpty();
    const QString referenceName
        = haveHtop ? QStringLiteral("htop") : QStringLiteral("top -b -d 1.5");
    if (haveHtop)
        reference.start(QStringLiteral("script"),
                        {QStringLiteral("-qfc"), QStringLiteral("stty cols 160 rows 50; exec htop"),
                         QStringLiteral("/dev/null")});
    else
        reference.start(QStringLiteral("top"),
                        {QStringLiteral("-b"), QStringLiteral("-d"), QStringLiteral("1.5")});
    if (!console.waitForStarted() || !reference.waitForStarted())
        return BenchReport::line(
            "P15", 999, Direction::AtMost, 1.0,
            QStringLiteral("could not start dreamops or %1").arg(referenceName));
    QThread::sleep(8); // start-up and the first polls are not idle
    // script(1) runs htop as its child: measure htop itself.
    const qint64 referencePid = haveHtop ? childOf(reference.processId()) : reference.processId();
    const double consoleStart = processCpuMs(console.processId());
    const double topStart = processCpuMs(referencePid);
    QElapsedTimer wall;
    wall.start();
    QThread::sleep(unsigned(seconds));
    const double consoleMs = processCpuMs(console.processId()) - consoleStart;
    const double topMs = processCpuMs(referencePid) - topStart;
    const double wallMs = double(wall.elapsed());
    const bool alive = console.state() == QProcess::Running && consoleStart >= 0;
    console.terminate();
    reference.terminate();
    console.waitForFinished(10000);
    if (!reference.waitForFinished(5000))
        reference.kill();
    const double consolePercent = 100.0 * consoleMs / wallMs;
    const double topPercent = 100.0 * topMs / wallMs;
    const double ratio = alive && topMs > 0 ? consoleMs / topMs : 999.0;
    const bool ok = BenchReport::line(
        "P15", ratio, Direction::AtMost, 1.0,
        QStringLiteral("idle %1 s: dreamops %2 % of a core (limit 1 %), %3 %4 %")
            .arg(wallMs / 1000.0, 0, 'f', 0)
            .arg(consolePercent, 0, 'f', 3)
            .arg(referenceName)
            .arg(topPercent, 0, 'f', 3));
    return ok && consolePercent <= 1.0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList wanted = app.arguments().mid(1);
    auto run = [&](const char *id) {
        return wanted.isEmpty() || wanted.contains(QString::fromLatin1(id));
    };
    QTemporaryDir home;
    bool ok = true;
    if (run("P14"))
        ok = benchP14(home.path()) && ok;
    if (run("P15"))
        ok = benchP15(home.path()) && ok;
    return ok ? 0 : 1;
}
