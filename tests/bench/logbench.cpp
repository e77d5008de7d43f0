// Log view benchmarks of performance.md: P1-P5, P16, P17 on generated files in the contract's
// line format, each against a reference measured in the same run (wc -l, grep, our own raw
// scan, the same view at 1 M rows, the file size, itself early in the soak). Run
// `dreamops_logbench [P1 P2 ...]`; DREAMOPS_LOGBENCH_MB (default 400) sizes the big file and
// DREAMOPS_SOAK_SECONDS (default 60) the soak.
#include "benchreport.h"
#include "logbacklogloader.h"
#include "logfileindex.h"
#include "logfilesource.h"
#include "logfiltermodel.h"
#include "logmux.h"
#include "logstore.h"
#include "logtablemodel.h"
#include "logview.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <vector>

bool benchP17(int soakSeconds); // logsoak.cpp
qint64 logBenchRssKb(); // logsoak.cpp

namespace {

using BenchReport::Direction;

QString g_dir;

// A closing line for targets with a ratio and an absolute limit: ok only when both hold.
bool report(const char *id, double ratio, double target, bool absoluteOk, const QString &raw)
{
    const bool ok = ratio <= target && absoluteOk;
    std::printf("%s ratio=%.4g target<=%.4g %s (%s)\n", id, ratio, target, ok ? "ok" : "miss",
                qPrintable(raw));
    std::fflush(stdout);
    return ok;
}

double seconds(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e9;
}

// `count` lines in the contract's format, seeded: ~8 % errors (ECONNREFUSED, timeouts), ms
// values with 1-4 digits, trace ids, the level mix of a busy service.
QByteArray generateLines(qint64 count, quint32 seed, qint64 firstSecond = 0)
{
    static const char *const infos[]
        = {"GET /api/dreams", "POST /api/dreams", "GET /health", "cache hit", "job done"};
    QRandomGenerator rng(seed);
    QByteArray out;
    out.reserve(count * 130);
    char line[256];
    for (qint64 i = 0; i < count; ++i) {
        const qint64 t = firstSecond * 1000 + i; // 1 ms apart
        const qint64 s = t / 1000;
        const int r = int(rng.bounded(100));
        const int ms = r < 90 ? int(rng.bounded(1, 300)) : int(rng.bounded(1000, 9999));
        const quint64 trace = rng.generate64();
        int n = 0;
        const int hh = int(s / 3600 % 24), mm = int(s / 60 % 60), ss = int(s % 60);
        const int day = int(1 + s / 86400 % 28);
        if (r < 4)
            n = std::snprintf(line, sizeof line,
                              "2026-11-%02dT%02d:%02d:%02d.%03dZ ERROR [database] connect "
                              "ECONNREFUSED 10.0.0.5:5432 traceId=%016llx route=/api/dreams "
                              "status=500 ms=%d\n",
                              day, hh, mm, ss, int(t % 1000), (unsigned long long)trace, ms);
        else if (r < 8)
            n = std::snprintf(line, sizeof line,
                              "2026-11-%02dT%02d:%02d:%02d.%03dZ WARN [openai] request timeout "
                              "after %d ms traceId=%016llx status=429 ms=%d\n",
                              day, hh, mm, ss, int(t % 1000), ms, (unsigned long long)trace, ms);
        else
            n = std::snprintf(line, sizeof line,
                              "2026-11-%02dT%02d:%02d:%02d.%03dZ %s [api] %s traceId=%016llx "
                              "status=200 ms=%d\n",
                              day, hh, mm, ss, int(t % 1000), r < 30 ? "DEBUG" : "INFO",
                              infos[r % 5], (unsigned long long)trace, ms);
        out.append(line, n);
    }
    return out;
}

QString writeFile(const QString &name, qint64 lines, quint32 seed)
{
    const QString path = QDir(g_dir).filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    constexpr qint64 Step = 500'000;
    for (qint64 done = 0; done < lines; done += Step)
        file.write(
            generateLines(qMin(Step, lines - done), seed + quint32(done / Step), done / 1000));
    return path;
}

// Runs a command on the file, returns (seconds, stdout trimmed).
QPair<double, QByteArray> timeCommand(const QStringList &command)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C"));
    process.setProcessEnvironment(env);
    QElapsedTimer timer;
    timer.start();
    process.start(command.first(), command.mid(1));
    process.waitForFinished(-1);
    return {seconds(timer), process.readAllStandardOutput().trimmed()};
}

double best(const QStringList &command, QByteArray *output = nullptr)
{
    double t = 1e9;
    for (int i = 0; i < 3; ++i) {
        const auto [s, out] = timeCommand(command);
        t = qMin(t, s);
        if (output)
            *output = out;
    }
    return t;
}

// The live path: whole-line chunks as a source hands them over, copied into the store.
void loadChunks(LogStore &store, const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    QByteArray buffer(8 << 20, Qt::Uninitialized);
    QByteArray carry;
    for (;;) {
        const qint64 n = file.read(buffer.data() + 0, buffer.size());
        if (n <= 0)
            break;
        QByteArrayView data(buffer.constData(), n);
        const qsizetype lastNl = data.lastIndexOf('\n');
        if (!carry.isEmpty()) {
            carry.append(data.first(lastNl + 1));
            store.append(1, carry);
            carry.clear();
        } else {
            store.append(1, data.first(lastNl + 1));
        }
        carry.append(data.sliced(lastNl + 1));
    }
    if (!carry.isEmpty())
        store.append(1, carry);
}

// A file opened from disk: mapped and indexed in place (LogFileIndex), as LogTableModel::
// appendFile() does; an unterminated last line is appended as a copy.
void loadFile(LogStore &store, const QString &path)
{
    LogFileIndex index = LogFileIndex::build(path, 0, store.linesPerBlock());
    if (!index.errorString().isEmpty())
        qFatal("cannot read %s", qPrintable(path));
    const qint64 end = index.endOffset();
    store.adopt(1, std::move(index));
    QFile file(path);
    if (file.open(QIODevice::ReadOnly) && file.size() > end && file.seek(end))
        store.append(1, file.readAll());
}

double timeLoad(const QString &path, qint64 *lines, void (*load)(LogStore &, const QString &))
{
    double t = 1e9;
    for (int i = 0; i < 3; ++i) {
        LogStore store(100'000'000);
        QElapsedTimer timer;
        timer.start();
        load(store, path);
        t = qMin(t, seconds(timer));
        *lines = store.size();
    }
    return t;
}

// P1 as the console does it: a LogFileSource added to a LogMux whose LogBacklogLoader (as
// LogPage creates it) indexes the file on a worker thread, hands the index to the model
// (appendIndex: insert, adopt, evict) and starts the follower at its end. Timed from addSource()
// until the backlog is in the model and the follower runs.
double timeAppLoad(const QString &path, qint64 *lines)
{
    double t = 1e9;
    for (int i = 0; i < 3; ++i) {
        LogMux mux;
        LogTableModel model(100'000'000);
        LogBacklogLoader loader(&mux, &model);
        QObject::connect(&mux, &LogMux::batchReady, &model, &LogTableModel::appendChunks);
        QEventLoop loop;
        QObject::connect(&loader, &LogBacklogLoader::backlogLoaded, &loop, &QEventLoop::quit);
        QElapsedTimer timer;
        timer.start();
        mux.addSource(new LogFileSource(1, path));
        if (mux.isHeld(1))
            loop.exec();
        if (mux.isHeld(1) || mux.source(1)->state() != LogSource::State::Following)
            qFatal("P1: the source did not start following after its backlog");
        t = qMin(t, seconds(timer));
        *lines = model.rowCount();
    }
    return t;
}

double timeFilter(const LogStore &store, const LogFilterSpec &spec, qint64 *count)
{
    const LogFilter filter(spec);
    double t = 1e9;
    for (int i = 0; i < 2; ++i) {
        std::vector<qint64> out;
        QElapsedTimer timer;
        timer.start();
        filter.match(store.snapshot(), store.firstLine(), store.endLine(), out);
        t = qMin(t, seconds(timer));
        *count = qint64(out.size());
    }
    return t;
}

bool benchFileAndGrep(const QStringList &ids)
{
    bool ok = true;
    const qint64 mb = qEnvironmentVariableIntValue("DREAMOPS_LOGBENCH_MB") > 0
        ? qEnvironmentVariableIntValue("DREAMOPS_LOGBENCH_MB")
        : 400;
    const QString path = writeFile(QStringLiteral("big.log"), mb * 1'000'000 / 95, 1);
    const double fileMb = double(QFileInfo(path).size()) / 1e6;
    if (ids.contains(QLatin1String("P1"))) {
        QByteArray wcOut;
        const double wc = best({QStringLiteral("wc"), QStringLiteral("-l"), path}, &wcOut);
        qint64 lines = 0;
        qint64 indexLines = 0;
        qint64 chunkLines = 0;
        const double ours = timeAppLoad(path, &lines);
        const double index = timeLoad(path, &indexLines, loadFile);
        const double chunks = timeLoad(path, &chunkLines, loadChunks);
        ok &= BenchReport::line(
            "P1", wc / ours, Direction::AtLeast, 0.25,
            QStringLiteral("app path (LogMux + LogBacklogLoader: worker-thread index, "
                           "appendIndex, follower started) %1 s, wc -l %2 s, %3 MB, %4 rows, "
                           "wc says %5; bare index + adopt %6 s; chunk path (copies) %7 s for "
                           "%8 lines")
                .arg(ours, 0, 'f', 3)
                .arg(wc, 0, 'f', 3)
                .arg(fileMb, 0, 'f', 0)
                .arg(lines)
                .arg(QString::fromLatin1(wcOut.split(' ').first()))
                .arg(index, 0, 'f', 3)
                .arg(chunks, 0, 'f', 3)
                .arg(chunkLines));
        if (lines != indexLines)
            ok = false;
    }
    if (!ids.contains(QLatin1String("P2")) && !ids.contains(QLatin1String("P3")))
        return ok;
    LogStore store(100'000'000);
    loadFile(store, path);
    if (ids.contains(QLatin1String("P2"))) {
        QByteArray grepOut;
        const double grep
            = best({QStringLiteral("grep"), QStringLiteral("-c"), QStringLiteral("ERROR"), path},
                   &grepOut);
        LogFilterSpec spec;
        spec.text = QStringLiteral("ERROR");
        spec.caseSensitive = true;
        qint64 count = 0;
        const double ours = timeFilter(store, spec, &count);
        ok &= BenchReport::line("P2", grep / ours, Direction::AtLeast, 0.5,
                                QStringLiteral("filter %1 s, grep -c %2 s, %3 matches, grep %4")
                                    .arg(ours, 0, 'f', 3)
                                    .arg(grep, 0, 'f', 3)
                                    .arg(count)
                                    .arg(QString::fromLatin1(grepOut)));
    }
    if (ids.contains(QLatin1String("P3"))) {
        const QPair<QString, QString> patterns[]
            = {{QStringLiteral("timeout|refused|reset"), QStringLiteral("timeout|refused|reset")},
               {QStringLiteral("ms=\\d{4}"), QStringLiteral("ms=[0-9]{4}")}};
        double worst = 1e9;
        QStringList raw;
        for (const auto &[ours, theirs] : patterns) {
            QByteArray grepOut;
            const double grep
                = best({QStringLiteral("grep"), QStringLiteral("-cE"), theirs, path}, &grepOut);
            LogFilterSpec spec;
            spec.text = ours;
            spec.regex = true;
            spec.caseSensitive = true;
            qint64 count = 0;
            const double t = timeFilter(store, spec, &count);
            worst = qMin(worst, grep / t);
            raw << QStringLiteral("%1: %2 s vs grep %3 s, %4/%5 matches")
                       .arg(ours)
                       .arg(t, 0, 'f', 3)
                       .arg(grep, 0, 'f', 3)
                       .arg(count)
                       .arg(QString::fromLatin1(grepOut));
        }
        ok &= BenchReport::line("P3", worst, Direction::AtLeast, 0.3,
                                raw.join(QLatin1String("; ")));
    }
    return ok;
}

// Feeds `lines` lines to the model in batches of 100 k (as fast as the mux would at most).
void fill(LogTableModel &model, qint64 lines, quint32 seed)
{
    for (qint64 done = 0; done < lines; done += 100'000)
        model.appendChunks({LogChunk {1,
                                      generateLines(qMin<qint64>(100'000, lines - done),
                                                    seed + quint32(done), done / 1000)}});
}

bool benchP4()
{
    LogTableModel model(2'000'000);
    fill(model, 1'000'000, 4);
    LogView view;
    view.resize(1200, 800);
    view.show();
    LogFilterModel filtered(&model);
    view.setModel(&filtered);
    QApplication::processEvents();
    LogFilterSpec spec;
    spec.text = QStringLiteral("econnrefused|timeout");
    spec.regex = true;
    qint64 count = 0;
    const double raw = timeFilter(model.store(), spec, &count);
    double change = 1e9;
    for (int i = 0; i < 3; ++i) {
        spec.minimumLevel = i % 2 ? LogLevel::Warn : LogLevel::Unknown; // a real change each time
        QEventLoop loop;
        QObject::connect(&filtered, &LogFilterModel::filteringChanged, &loop,
                         [&loop](bool filtering) {
                             if (!filtering)
                                 loop.quit();
                         });
        QElapsedTimer timer;
        timer.start();
        filtered.setFilter(spec);
        loop.exec();
        view.viewport()->repaint();
        change = qMin(change, seconds(timer));
    }
    return report(
        "P4", change / raw, 1.5, change <= 1.0,
        QStringLiteral("filter change + view %1 s (limit 1 s), raw scan %2 s, %3 of 1 M lines")
            .arg(change, 0, 'f', 3)
            .arg(raw, 0, 'f', 3)
            .arg(count));
}

double threadCpuMs()
{
    timespec ts {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

struct AppendCost
{
    double wallMs = 0; ///< median
    double cpuMs = 0; ///< median GUI-thread CPU time: what the shared machine's load leaves out
};

// Median cost of appending 100 lines with autoscroll and the repaint that shows them.
// DREAMOPS_P5_ROUNDS (default 60) sets the number of appends (more for a profiler).
AppendCost appendCost(LogTableModel &model, LogView &view)
{
    const int rounds = qEnvironmentVariableIntValue("DREAMOPS_P5_ROUNDS") > 0
        ? qEnvironmentVariableIntValue("DREAMOPS_P5_ROUNDS")
        : 60;
    std::vector<QByteArray> batches;
    for (int i = 0; i < rounds; ++i) // generated beforehand: not part of the cost
        batches.push_back(generateLines(100, 500 + i, 10'000 + i));
    std::vector<double> wall;
    std::vector<double> cpu;
    for (const QByteArray &lines : batches) {
        const double cpuStart = threadCpuMs();
        QElapsedTimer timer;
        timer.start();
        model.appendChunks({LogChunk {1, lines}});
        view.viewport()->repaint();
        QApplication::processEvents();
        wall.push_back(double(timer.nsecsElapsed()) / 1e6);
        cpu.push_back(threadCpuMs() - cpuStart);
    }
    std::sort(wall.begin(), wall.end());
    std::sort(cpu.begin(), cpu.end());
    return {wall[wall.size() / 2], cpu[cpu.size() / 2]};
}

bool benchP5()
{
    LogTableModel model(5'000'000);
    LogView view;
    view.resize(1200, 800);
    view.setModel(&model);
    view.show();
    fill(model, 1'000'000, 5);
    QApplication::processEvents();
    const AppendCost at1 = appendCost(model, view);
    fill(model, 3'000'000, 6);
    QApplication::processEvents();
    const AppendCost at4 = appendCost(model, view);
    return report("P5", at4.wallMs / at1.wallMs, 2.0, at4.wallMs <= 16.7,
                  QStringLiteral("append 100 + autoscroll: %1 ms at 4 M rows (limit 16.7 ms), %2 "
                                 "ms at 1 M (median of the appends); GUI-thread CPU %3 ms at 4 M, "
                                 "%4 ms at 1 M, CPU ratio %5")
                      .arg(at4.wallMs, 0, 'f', 2)
                      .arg(at1.wallMs, 0, 'f', 2)
                      .arg(at4.cpuMs, 0, 'f', 2)
                      .arg(at1.cpuMs, 0, 'f', 2)
                      .arg(at4.cpuMs / at1.cpuMs, 0, 'f', 2));
}

bool benchP16(const QString &self)
{
    const QString path = writeFile(QStringLiteral("p16.log"), 4'500'000, 16);
    QProcess child; // a fresh process: nothing else in its heap
    child.start(self, {QStringLiteral("--rss-child"), path});
    child.waitForFinished(-1);
    const QList<QByteArray> parts = child.readAllStandardOutput().trimmed().split(' ');
    if (parts.size() != 3)
        return BenchReport::line("P16", 0, Direction::AtMost, 1.0, QStringLiteral("child failed"));
    const double grown = parts[1].toDouble() * 1024 - parts[0].toDouble() * 1024;
    const double lines = parts[2].toDouble();
    const double file = double(QFileInfo(path).size());
    const double budget = file + 8 * lines + 64.0 * 1024 * 1024;
    QFile::remove(path);
    return BenchReport::line("P16", grown / budget, Direction::AtMost, 1.0,
                             QStringLiteral("RSS +%1 MB for %2 lines of a %3 MB file, budget %4 MB")
                                 .arg(grown / 1e6, 0, 'f', 1)
                                 .arg(qint64(lines))
                                 .arg(file / 1e6, 0, 'f', 1)
                                 .arg(budget / 1e6, 0, 'f', 1));
}

int rssChild(const QString &path)
{
    const qint64 before = logBenchRssKb();
    LogStore store(5'000'000);
    loadFile(store, path);
    std::printf("%lld %lld %lld\n", (long long)before, (long long)logBenchRssKb(),
                (long long)store.size());
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc == 3 && qstrcmp(argv[1], "--rss-child") == 0) {
        QCoreApplication app(argc, argv);
        return rssChild(QString::fromLocal8Bit(argv[2]));
    }
    QApplication app(argc, argv);
    QStringList ids = app.arguments().mid(1);
    if (ids.isEmpty())
        ids = {QStringLiteral("P1"), QStringLiteral("P2"), QStringLiteral("P3"),
               QStringLiteral("P4"), QStringLiteral("P5"), QStringLiteral("P16"),
               QStringLiteral("P17")};
    QTemporaryDir dir(QDir::tempPath() + QStringLiteral("/logbench-XXXXXX"));
    g_dir = dir.path();
    bool ok = benchFileAndGrep(ids);
    QFile::remove(QDir(g_dir).filePath(QStringLiteral("big.log")));
    if (ids.contains(QLatin1String("P4")))
        ok &= benchP4();
    if (ids.contains(QLatin1String("P5")))
        ok &= benchP5();
    if (ids.contains(QLatin1String("P16")))
        ok &= benchP16(app.applicationFilePath());
    if (ids.contains(QLatin1String("P17"))) {
        const int soak = qEnvironmentVariableIntValue("DREAMOPS_SOAK_SECONDS");
        ok &= benchP17(soak > 0 ? soak : 60);
    }
    return ok ? 0 : 1;
}
