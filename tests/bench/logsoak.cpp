// P17, shortened: lines written at 1 k/s into a file rotated by rename, followed by
// LogFileSource through LogMux into LogTableModel, for DREAMOPS_SOAK_SECONDS (default 60).
// The ring holds a quarter of the run, so it is full from then on; RSS and the time to filter
// the whole ring are compared between the first third and the end (1 h run: minute 5 vs 60
// with a ring of 900 k lines).
#include "benchreport.h"
#include "logfilesource.h"
#include "logfilter.h"
#include "logmux.h"
#include "logtablemodel.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

namespace {

double filterMs(const LogStore &store)
{
    LogFilterSpec spec;
    spec.regex = true;
    spec.text = QStringLiteral("timeout|refused|ms=\\d{4}");
    const LogFilter filter(spec);
    std::vector<double> samples;
    for (int i = 0; i < 5; ++i) {
        std::vector<qint64> out;
        QElapsedTimer timer;
        timer.start();
        filter.match(store.snapshot(), store.firstLine(), store.endLine(), out);
        samples.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    std::sort(samples.begin(), samples.end());
    return samples[2];
}

QByteArray soakLine(qint64 n)
{
    const qint64 s = n / 1000;
    char line[200];
    const int len = std::snprintf(
        line, sizeof line,
        "2026-11-29T%02d:%02d:%02d.%03dZ %s [api] request %lld traceId=%016llx ms=%lld\n",
        int(s / 3600 % 24), int(s / 60 % 60), int(s % 60), int(n % 1000),
        n % 50 == 0 ? "ERROR" : "INFO", (long long)n, (unsigned long long)(n * 2654435761u),
        (long long)(n % 97 == 0 ? 1000 + n % 9000 : n % 300));
    return QByteArray(line, len);
}

} // namespace

/// VmRSS of this process in kB (also used by logbench.cpp).
qint64 logBenchRssKb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

bool benchP17(int soakSeconds)
{
    constexpr int Rate = 1000;
    QTemporaryDir dir(QDir::tempPath() + QStringLiteral("/logsoak-XXXXXX"));
    const QString path = dir.filePath(QStringLiteral("server.log"));
    const qint64 ring = qint64(soakSeconds) * Rate / 4;
    LogTableModel model(ring);
    LogMux mux;
    QObject::connect(&mux, &LogMux::batchReady, &model, &LogTableModel::appendChunks);
    QFile file(path);
    file.open(QIODevice::WriteOnly | QIODevice::Append);
    mux.addSource(new LogFileSource(1, path));

    qint64 written = 0;
    QElapsedTimer clock;
    clock.start();
    const qint64 rotateMs = qMax<qint64>(10'000, qint64(soakSeconds) * 1000 / 6);
    qint64 nextRotation = rotateMs;
    QTimer writer;
    writer.setInterval(10);
    QObject::connect(&writer, &QTimer::timeout, &writer, [&] {
        const qint64 due = clock.elapsed() * Rate / 1000;
        QByteArray bytes;
        while (written < due)
            bytes += soakLine(written++);
        file.write(bytes);
        file.flush();
        if (clock.elapsed() >= nextRotation) { // rename-based rotation, as the service does
            file.close();
            QFile::remove(path + QStringLiteral(".1"));
            QFile::rename(path, path + QStringLiteral(".1"));
            file.open(QIODevice::WriteOnly | QIODevice::Append);
            nextRotation += rotateMs;
        }
    });
    writer.start();

    qint64 rssEarly = 0;
    double filterEarly = 0;
    QEventLoop loop;
    QTimer::singleShot(soakSeconds * 1000 / 3, &loop, [&] {
        rssEarly = logBenchRssKb();
        filterEarly = filterMs(model.store());
    });
    QTimer::singleShot(soakSeconds * 1000, &loop, &QEventLoop::quit);
    loop.exec();
    writer.stop();
    const qint64 rssEnd = logBenchRssKb();
    const double filterEnd = filterMs(model.store());
    const double growth = double(rssEnd - rssEarly) / double(rssEarly);
    const double drift = (filterEnd - filterEarly) / filterEarly;
    const bool ok = growth <= 0.05 && drift <= 0.10;
    std::printf("P17 ratio=%.4g target<=0.05 %s (RSS %lld -> %lld kB (+%.1f %%), filter %.2f -> "
                "%.2f ms (%+.1f %%, limit 10 %%), %d s at %d lines/s, %lld written, %lld seen, "
                "ring %lld, rotation every %lld s)\n",
                growth, ok ? "ok" : "miss", (long long)rssEarly, (long long)rssEnd, growth * 100,
                filterEarly, filterEnd, drift * 100, soakSeconds, Rate, (long long)written,
                (long long)model.store().endLine(), (long long)ring, (long long)(rotateMs / 1000));
    std::fflush(stdout);
    return ok;
}
