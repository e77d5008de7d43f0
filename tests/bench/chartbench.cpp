// Chart benchmarks P8, P9 and P11 of performance.md: each measures our decimated chart path and
// a reference in the same run, and prints one closing line per target.
#include "benchreport.h"
#include "m4decimator.h"
#include "signalchartview.h"
#include "timeseries.h"

#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QElapsedTimer>
#include <QImage>
#include <QLineSeries>
#include <QRandomGenerator>
#include <QValueAxis>

#include <cmath>
#include <ctime>
#include <memory>
#include <vector>

namespace {

using BenchReport::Direction;

constexpr int kDay = 24 * 60 * 60;
constexpr QSize kChartSize(1280, 360);

struct Day
{
    qint64 end = 0;
    std::vector<std::unique_ptr<TimeSeries>> series;
    QList<qint64> spikes; ///< seconds holding a one-sample spike
};

Day makeDay(int seriesCount, quint32 seed)
{
    Day day;
    day.end = QDateTime::currentSecsSinceEpoch();
    QRandomGenerator random(seed);
    for (int i = 0; i < seriesCount; ++i) {
        auto series = std::make_unique<TimeSeries>();
        for (qint64 s = day.end - kDay + 1; s <= day.end; ++s)
            series->append(
                s, 100.0 * (i + 1) + 30.0 * std::sin(double(s) / 700.0) + random.bounded(10.0));
        day.series.push_back(std::move(series));
    }
    for (int k = 0; k < 20; ++k) {
        const qint64 s = day.end - kDay + 1 + random.bounded(kDay);
        day.series.front()->append(s, 5000.0);
        day.spikes.append(s);
    }
    return day;
}

QImage render(QWidget &view)
{
    QImage image(view.size(), QImage::Format_RGB32);
    view.render(&image);
    return image;
}

// A chart the naive way: every sample of every series handed to QtCharts.
struct NaiveChart
{
    QChartView view;
    QList<QLineSeries *> lines;
    QDateTimeAxis *timeAxis = new QDateTimeAxis;
    QValueAxis *valueAxis = new QValueAxis;

    NaiveChart(const Day &day, int count)
    {
        auto *chart = new QChart;
        chart->setAnimationOptions(QChart::NoAnimation);
        chart->legend()->hide();
        chart->addAxis(timeAxis, Qt::AlignBottom);
        chart->addAxis(valueAxis, Qt::AlignLeft);
        for (int i = 0; i < count; ++i) {
            auto *line = new QLineSeries;
            line->setPen(QPen(QColor(0x20, 0x9f, 0xdf), 1.0)); // the dashboard's line width
            QList<QPointF> points;
            points.reserve(kDay);
            day.series[std::size_t(i)]->forEach(
                day.end - kDay + 1, day.end,
                [&](qint64 s, double v) { points.append(QPointF(double(s) * 1000.0, v)); });
            line->replace(points);
            chart->addSeries(line);
            line->attachAxis(timeAxis);
            line->attachAxis(valueAxis);
            lines.append(line);
        }
        timeAxis->setRange(QDateTime::fromSecsSinceEpoch(day.end - kDay + 1),
                           QDateTime::fromSecsSinceEpoch(day.end));
        valueAxis->setRange(0, 6000);
        view.setChart(chart);
        view.setRenderHint(QPainter::Antialiasing, false);
        view.resize(kChartSize);
    }
};

std::unique_ptr<SignalChartView> decimatedChart(const Day &day, int count)
{
    auto view = std::make_unique<SignalChartView>(QString(), QString());
    for (int i = 0; i < count; ++i)
        view->addLine(QStringLiteral("s%1").arg(i), day.series[std::size_t(i)].get(),
                      QColor::fromHsv(40 * i, 200, 180));
    view->chart()->legend()->hide();
    view->resize(kChartSize);
    view->setWindow(day.end - kDay + 1, day.end);
    return view;
}

// CPU time of this (the GUI) thread: the machine is shared, so wall time would measure the
// other processes too.
double threadCpuMs()
{
    timespec ts {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

// What the event loop does after a tick: deliver the posted scene/widget updates and repaint
// what changed, into the (offscreen) window's backing store.
void settle()
{
    for (int i = 0; i < 4; ++i) {
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents();
    }
}

// Counts the paint events of a viewport, to show that both charts really repaint every tick.
class PaintCounter final : public QObject
{
public:
    int paints = 0;
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint)
            ++paints;
        return QObject::eventFilter(watched, event);
    }
};

bool benchP8()
{
    const Day day = makeDay(4, 8);
    auto view = decimatedChart(day, 4);
    render(*view);
    constexpr int kFrames = 30;
    QElapsedTimer timer;
    timer.start();
    const double cpuStart = threadCpuMs();
    for (int i = 0; i < kFrames; ++i) {
        // A span one second different each frame changes the column grid, so every frame
        // decimates all 4 x 86,400 samples again (a cached refresh would measure nothing).
        view->setWindow(day.end - kDay + 1 + (i % 2), day.end);
        render(*view);
    }
    // The budget is the GUI thread's: CPU time of this thread (the machine is shared, so wall
    // time, printed beside it, also counts the other processes).
    const double frameMs = (threadCpuMs() - cpuStart) / kFrames;
    const double wallMs = double(timer.nsecsElapsed()) / 1e6 / kFrames;
    return BenchReport::line("P8", frameMs / 16.7, Direction::AtMost, 1.0,
                             QStringLiteral("frame %1 ms CPU (%2 ms wall), %3 points for "
                                            "4 x 86400 samples")
                                 .arg(frameMs, 0, 'f', 2)
                                 .arg(wallMs, 0, 'f', 2)
                                 .arg(view->loadedPointCount()));
}

bool benchP9()
{
    constexpr int kSeries = 8;
    Day day = makeDay(kSeries, 9);
    NaiveChart naive(day, kSeries);
    auto view = decimatedChart(day, kSeries);
    PaintCounter naivePaints;
    PaintCounter ourPaints;
    naive.view.viewport()->installEventFilter(&naivePaints);
    view->viewport()->installEventFilter(&ourPaints);
    naive.view.show();
    view->show();
    settle();

    // One new point a second on every series, then the event loop runs until the repaint is
    // done; both charts are measured the same way (CPU time of the GUI thread per tick). The
    // naive chart appends to a full-resolution series (dropping the oldest to keep 24 h), ours
    // appends to the rings and moves its window like the dashboard does in follow-live.
    constexpr int kNaiveTicks = 3;
    naivePaints.paints = 0;
    double start = threadCpuMs();
    for (int t = 1; t <= kNaiveTicks; ++t) {
        for (QLineSeries *line : std::as_const(naive.lines)) {
            line->remove(0);
            line->append(double(day.end + t) * 1000.0, 150.0 + t % 7);
        }
        naive.timeAxis->setRange(QDateTime::fromSecsSinceEpoch(day.end + t - kDay + 1),
                                 QDateTime::fromSecsSinceEpoch(day.end + t));
        settle();
    }
    const double naiveMs = (threadCpuMs() - start) / kNaiveTicks;

    // Long enough to cross several pixel columns (one every kDay / width seconds), so the
    // average includes the ticks where the window slides and everything is recomputed.
    const int ourTicks = int(5.0 * kDay / view->chart()->plotArea().width()) + 1;
    ourPaints.paints = 0;
    start = threadCpuMs();
    for (int t = 1; t <= ourTicks; ++t) {
        for (auto &series : day.series)
            series->append(day.end + t, 150.0 + t % 7);
        view->setWindow(day.end + t - kDay + 1, day.end + t);
        settle();
    }
    const double oursMs = (threadCpuMs() - start) / ourTicks;
    return BenchReport::line("P9", naiveMs / oursMs, Direction::AtLeast, 50.0,
                             QStringLiteral("CPU per tick: naive %1 ms (%2 ticks, %3 paints), "
                                            "decimated %4 ms (%5 ticks, %6 paints), 8 series")
                                 .arg(naiveMs, 0, 'f', 1)
                                 .arg(kNaiveTicks)
                                 .arg(naivePaints.paints)
                                 .arg(oursMs, 0, 'f', 2)
                                 .arg(ourTicks)
                                 .arg(ourPaints.paints));
}

bool benchP11()
{
    // Same chart, same pen, same axes: one loaded with all 86,400 samples, one with the samples
    // the decimator keeps for the plot's pixels (M4 per pixel column, refined against QtCharts'
    // aliased raster). Only the decimation can make the two images differ.
    const Day day = makeDay(1, 11);
    NaiveChart full(day, 1);
    NaiveChart decimated(day, 1);
    QChart *chart = decimated.view.chart();
    chart->removeSeries(decimated.lines.first());
    delete decimated.lines.takeFirst();
    render(decimated.view); // lay out, so plotArea() is final
    const QRectF plot = chart->plotArea();
    const M4Decimator::DeviceMap map {plot.left(),
                                      plot.top(),
                                      plot.width(),
                                      plot.height(),
                                      double(decimated.timeAxis->min().toMSecsSinceEpoch()),
                                      double(decimated.timeAxis->max().toMSecsSinceEpoch()),
                                      decimated.valueAxis->min(),
                                      decimated.valueAxis->max()};
    const auto segments
        = M4Decimator::decimateExact(*day.series.front(), day.end - kDay + 1, day.end, map);
    const QPen pen = full.lines.first()->pen();
    for (const auto &segment : segments) {
        auto *line = new QLineSeries;
        line->setPen(pen);
        line->replace(segment);
        chart->addSeries(line);
        line->attachAxis(decimated.timeAxis);
        line->attachAxis(decimated.valueAxis);
    }
    const QImage reference = render(full.view);
    const QImage image = render(decimated.view);
    if (qEnvironmentVariableIsSet("DREAMOPS_BENCH_IMAGES")) {
        reference.save(QStringLiteral("p11-full.png"));
        image.save(QStringLiteral("p11-decimated.png"));
        // Where the two differ: red = only the full render drew there, green = only ours.
        QImage diff = reference.copy();
        for (int y = 0; y < reference.height(); ++y) {
            for (int x = 0; x < reference.width(); ++x) {
                if (reference.pixel(x, y) != image.pixel(x, y))
                    diff.setPixel(x, y,
                                  image.pixel(x, y) == image.pixel(0, 0) ? qRgb(255, 0, 0)
                                                                         : qRgb(0, 200, 0));
            }
        }
        diff.save(QStringLiteral("p11-diff.png"));
    }

    qint64 equal = 0;
    const qint64 total = qint64(reference.width()) * reference.height();
    for (int y = 0; y < reference.height(); ++y) {
        const auto *a = reinterpret_cast<const QRgb *>(reference.constScanLine(y));
        const auto *b = reinterpret_cast<const QRgb *>(image.constScanLine(y));
        for (int x = 0; x < reference.width(); ++x)
            equal += (a[x] == b[x]);
    }
    // Every one-sample spike must reach near its value in the column that holds it.
    int spikesSeen = 0;
    const QRgb background
        = image.pixel(int(chart->plotArea().center().x()), int(chart->plotArea().top()) + 2);
    for (qint64 spike : std::as_const(day.spikes)) {
        const QPointF top = chart->mapToPosition(QPointF(double(spike) * 1000.0, 4900.0));
        bool seen = false;
        for (int dx = -1; dx <= 1 && !seen; ++dx)
            seen = image.pixel(qRound(top.x()) + dx, qRound(top.y())) != background;
        spikesSeen += seen;
    }
    const bool ok
        = BenchReport::line("P11", double(equal) / double(total), Direction::AtLeast, 0.999,
                            QStringLiteral("%1 of %2 pixels equal, %3 vs %4 points; "
                                           "spikes visible %5/%6")
                                .arg(equal)
                                .arg(total)
                                .arg(M4Decimator::pointCount(segments))
                                .arg(kDay)
                                .arg(spikesSeen)
                                .arg(day.spikes.size()));
    return ok && spikesSeen == day.spikes.size();
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const QStringList wanted = app.arguments().mid(1);
    auto run = [&](const char *id) {
        return wanted.isEmpty() || wanted.contains(QString::fromLatin1(id));
    };
    bool ok = true;
    if (run("P8"))
        ok = benchP8() && ok;
    if (run("P9"))
        ok = benchP9() && ok;
    if (run("P11"))
        ok = benchP11() && ok;
    return ok ? 0 : 1;
}
