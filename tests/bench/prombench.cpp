// PROM: back-filling a 24-hour chart window from Prometheus (12 signals + the up ratio, query_range
// at 15 s step, parsed and written into the SignalStore) against the raw HTTP fetch of the same
// queries without parsing, in the same run. Prometheus gets 24 h of generated data through
// `promtool tsdb create-blocks-from openmetrics`.
#include "benchreport.h"
#include "fleetmetricssource.h"
#include "prometheusclient.h"
#include "prometheusharness.h"
#include "prometheusparser.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QTemporaryDir>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace {

constexpr qint64 kWindow = 24 * 3600;
constexpr int kScrape = 15;
constexpr int kReps = 5;
constexpr double kTarget = 1.5;
const char *const kBounds[]
    = {"0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10", "+Inf"};
const double kShare[] = {0.005, 0.03, 0.2, 0.45, 0.7, 0.86, 0.95, 0.99, 0.998, 1, 1, 1};

/// Three instances scraped every 15 s for [from, to]; a 10-minute fleet-wide outage at the
/// middle (a gap Prometheus reports by having no points).
bool writeOpenMetrics(const QString &path, qint64 from, qint64 to)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    const qint64 outage = from + (to - from) / 2;
    double requests[3] = {0, 0, 0};
    double errors[3] = {0, 0, 0};
    double cpu[3] = {0, 0, 0};
    QByteArray out;
    out.reserve(8 * 1024 * 1024);
    for (qint64 t = from; t <= to; t += kScrape) {
        if (t >= outage && t < outage + 600)
            continue;
        const QByteArray ts = ' ' + QByteArray::number(t);
        const double day = std::sin(double(t % 86400) / 86400.0 * 2 * M_PI);
        for (int i = 0; i < 3; ++i) {
            const QByteArray labels
                = "{job=\"dreamnet\",instance=\"10.0.0." + QByteArray::number(i + 1) + ":8080\"";
            auto sample = [&](const char *name, const QByteArray &extra, double v) {
                out += name + labels + extra + "} " + QByteArray::number(v, 'f', 4) + ts + '\n';
            };
            const double rps = 40 + 15 * day + 3 * i;
            requests[i] += rps * kScrape;
            errors[i] += rps * kScrape * (0.01 + 0.005 * i);
            cpu[i] += (0.2 + 0.05 * day) * kScrape;
            sample("up", {}, 1);
            sample("dreamnet_http_requests_total", {}, requests[i]);
            sample("dreamnet_http_responses_total", ",class=\"5xx\"", errors[i]);
            for (int b = 0; b < 12; ++b)
                sample("dreamnet_http_request_duration_seconds_bucket",
                       ",le=\"" + QByteArray(kBounds[b]) + '"',
                       std::floor(requests[i] * kShare[b]));
            sample("dreamnet_http_active_connections", {}, 10 + i);
            sample("process_cpu_user_seconds_total", {}, cpu[i]);
            sample("process_cpu_system_seconds_total", {}, cpu[i] / 10);
            sample("process_resident_memory_bytes", {}, 190e6 + 1e6 * i + 5e6 * day);
            sample("dreamnet_agent_queue_depth", ",agent=\"citadel\"", 9 + i);
            sample("dreamnet_dlq_messages_total", {}, double(t - from) / 600.0);
            sample("dreamnet_ai_call_latency_seconds", ",stat=\"p99\"", 0.9 + 0.1 * day);
            sample("dreamnet_event_loop_delay_seconds", {}, 0.003);
        }
        if (out.size() > 4 * 1024 * 1024) {
            file.write(out);
            out.clear();
        }
    }
    out += "# EOF\n";
    return file.write(out) == out.size() && file.flush();
}

QList<QString> roundQueries(const PrometheusTemplates &t)
{
    QList<QString> queries;
    for (std::size_t i = 0; i < SignalStore::kSignalCount; ++i)
        queries.append(t.query(SignalStore::Signal(i)));
    queries.append(t.instancesUpRatioQuery());
    return queries;
}

/// Ours: FleetMetricsSource::openWindow until the window is in the store. Returns ms.
double timeBackfill(PrometheusClient &client,
                    const PrometheusTemplates &templates,
                    qint64 from,
                    qint64 to,
                    qint64 *gapSeconds)
{
    FleetMetricsSource source(&client, templates);
    QEventLoop loop;
    QObject::connect(&source, &FleetMetricsSource::backfilled, &loop, [&] {
        source.stop();
        loop.quit();
    });
    QElapsedTimer timer;
    timer.start();
    source.openWindow(from, to);
    loop.exec();
    const double ms = double(timer.nsecsElapsed()) / 1e6;
    *gapSeconds = 0;
    source.signalStore()
        .series(SignalStore::Signal::RequestsPerSecond)
        .forEach(from, to, [gapSeconds](qint64, double v) { *gapSeconds += std::isnan(v); });
    if (source.lastError())
        std::fprintf(stderr, "backfill error: %s\n", qPrintable(source.lastError()->userMessage()));
    return ms;
}

/// The reference: the same requests, sent at once, bodies read and dropped. Returns ms.
double timeRawFetch(PrometheusClient &client,
                    const QList<QString> &queries,
                    qint64 from,
                    qint64 to,
                    qint64 *bytes,
                    QList<QByteArray> *bodies = nullptr)
{
    QNetworkAccessManager nam;
    QEventLoop loop;
    int pending = int(queries.size());
    *bytes = 0;
    QElapsedTimer timer;
    timer.start();
    for (const QString &q : queries) {
        const QUrl url
            = client.urlFor(QStringLiteral("/api/v1/query_range"),
                            {{QStringLiteral("query"), q},
                             {QStringLiteral("start"), QString::number(double(from), 'f', 3)},
                             {QStringLiteral("end"), QString::number(double(to), 'f', 3)},
                             {QStringLiteral("step"), QString::number(double(kScrape), 'f', 3)}});
        QNetworkReply *reply = nam.get(client.buildRequest(url, QStringLiteral("bench")));
        QObject::connect(reply, &QNetworkReply::finished, &loop, [&, reply] {
            const QByteArray body = reply->readAll();
            *bytes += body.size();
            if (bodies)
                bodies->append(body);
            reply->deleteLater();
            if (--pending == 0)
                loop.quit();
        });
    }
    loop.exec();
    return double(timer.nsecsElapsed()) / 1e6;
}

/// The parts of our path alone: parsing the fetched bodies, and writing a 24 h window of 1 s
/// samples into a fresh store. Returns {parse ms, store ms}.
std::pair<double, double> timeParts(const QList<QByteArray> &bodies, qint64 from, qint64 to)
{
    QElapsedTimer timer;
    timer.start();
    std::size_t points = 0;
    for (const QByteArray &body : bodies) {
        const PromReply reply
            = PrometheusParser::parse(200, body, QStringLiteral("application/json"));
        for (const PromSeries &s : reply.data.series)
            points += s.samples.size();
    }
    const double parseMs = double(timer.nsecsElapsed()) / 1e6;
    SignalStore store;
    FleetStoreWriter writer(&store);
    FleetStoreWriter::Values values = FleetStoreWriter::missing();
    values.fill(double(points % 7 + 1));
    timer.restart();
    writer.fill(from, to, values);
    return {parseMs, double(timer.nsecsElapsed()) / 1e6};
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QString promtool = QStringLiteral("/usr/bin/promtool");
    if (!PrometheusHarness::available() || !QFileInfo(promtool).isExecutable()) {
        std::printf("PROM skipped (no %s or %s; Debian package 'prometheus')\n",
                    qPrintable(PrometheusHarness::binary()), qPrintable(promtool));
        return 0;
    }
    QTemporaryDir dir;
    const qint64 to = QDateTime::currentSecsSinceEpoch() / kScrape * kScrape - 60;
    const qint64 from = to - kWindow;
    QElapsedTimer setup;
    setup.start();
    const QString input = dir.filePath(QStringLiteral("fleet.om"));
    if (!writeOpenMetrics(input, from - 300, to)) {
        std::fprintf(stderr, "cannot write %s\n", qPrintable(input));
        return 1;
    }
    QProcess importer;
    importer.setProcessChannelMode(QProcess::MergedChannels);
    importer.start(promtool,
                   {QStringLiteral("tsdb"), QStringLiteral("create-blocks-from"),
                    QStringLiteral("openmetrics"), input, dir.filePath(QStringLiteral("tsdb"))});
    if (!importer.waitForFinished(600000) || importer.exitCode() != 0) {
        std::fprintf(stderr, "promtool failed: %s\n", importer.readAll().right(2000).constData());
        return 1;
    }
    PrometheusHarness prometheus;
    QString why;
    if (!prometheus.start("global:\n  scrape_interval: 15s\n", dir.filePath(QStringLiteral("tsdb")),
                          &why)) {
        std::fprintf(stderr, "%s\n", qPrintable(why));
        return 1;
    }
    std::fprintf(stderr, "setup (generate, promtool, start) %.1f s\n",
                 double(setup.elapsed()) / 1000);

    PrometheusEndpoint endpoint;
    endpoint.baseUrl = prometheus.url();
    endpoint.deadlineMs = 120000;
    PrometheusClient client(endpoint);
    const PrometheusTemplates templates = PrometheusTemplates::defaults();
    const QList<QString> queries = roundQueries(templates);

    qint64 gaps = 0;
    qint64 bytes = 0;
    timeBackfill(client, templates, from, to, &gaps); // warm-up: page cache, Prometheus's chunks
    timeRawFetch(client, queries, from, to, &bytes);
    std::vector<double> ours;
    std::vector<double> raw;
    for (int i = 0; i < kReps; ++i) {
        ours.push_back(timeBackfill(client, templates, from, to, &gaps));
        raw.push_back(timeRawFetch(client, queries, from, to, &bytes));
    }
    QList<QByteArray> bodies;
    timeRawFetch(client, queries, from, to, &bytes, &bodies);
    const auto [parseMs, storeMs] = timeParts(bodies, from, to);
    const double oursMs = median(ours);
    const double rawMs = median(raw);
    const bool ok = BenchReport::line(
        "PROM", oursMs / rawMs, BenchReport::Direction::AtMost, kTarget,
        QStringLiteral(
            "24 h at %1 s, %2 queries, %3 KiB: query_range+parse+store %4 ms, raw "
            "fetch %5 ms, median of %6 (of ours: parse %8 ms, store %9 ms); %7 s of gaps kept")
            .arg(kScrape)
            .arg(queries.size())
            .arg(bytes / 1024)
            .arg(oursMs, 0, 'f', 1)
            .arg(rawMs, 0, 'f', 1)
            .arg(kReps)
            .arg(gaps)
            .arg(parseMs, 0, 'f', 1)
            .arg(storeMs, 0, 'f', 1));
    return ok ? 0 : 1;
}
