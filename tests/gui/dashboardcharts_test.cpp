// The dashboard's chart path against QtCharts itself: AliasedLine sets the pixels QPainter sets,
// a decimated render equals the full render pixel for pixel (P11) with every spike kept, and the
// queue chart follows the agents with the deepest queues (live during error-spike).
#include "aliasedline.h"
#include "chartgrid.h"
#include "dashboardpage.h"
#include "dashboardpoller.h"
#include "m4decimator.h"
#include "opsclient.h"
#include "signalchartview.h"
#include "signalstore.h"
#include "testsupport.h"
#include "timeseries.h"

#include <gtest/gtest.h>

#include <QChart>
#include <QChartView>
#include <QCoreApplication>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QDir>
#include <QImage>
#include <QLineSeries>
#include <QPainter>
#include <QRandomGenerator>
#include <QTimeZone>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <set>

using TestSupport::waitUntil;

namespace {

constexpr qint64 kEnd = 1'796'000'000;
const QColor kInk(0x20, 0x9f, 0xdf);

// A chart like the dashboard's (1 px line, no antialiasing) over [from, to] and 0..maxValue.
struct PlainChart
{
    QChartView view;
    QDateTimeAxis *timeAxis = new QDateTimeAxis;
    QValueAxis *valueAxis = new QValueAxis;

    PlainChart(qint64 from, qint64 to, double maxValue)
    {
        auto *chart = new QChart;
        chart->setAnimationOptions(QChart::NoAnimation);
        chart->legend()->hide();
        chart->addAxis(timeAxis, Qt::AlignBottom);
        chart->addAxis(valueAxis, Qt::AlignLeft);
        timeAxis->setRange(QDateTime::fromSecsSinceEpoch(from), QDateTime::fromSecsSinceEpoch(to));
        valueAxis->setRange(0, maxValue);
        view.setChart(chart);
        view.setRenderHint(QPainter::Antialiasing, false);
        view.resize(800, 300);
    }
    void add(const QList<QPointF> &points)
    {
        auto *line = new QLineSeries;
        line->setPen(QPen(kInk, 1.0));
        line->replace(points);
        view.chart()->addSeries(line);
        line->attachAxis(timeAxis);
        line->attachAxis(valueAxis);
    }
    QImage image()
    {
        QImage image(view.size(), QImage::Format_RGB32);
        view.QWidget::render(&image);
        return image;
    }
    M4Decimator::DeviceMap map() const
    {
        const QRectF plot = view.chart()->plotArea();
        return {plot.left(),
                plot.top(),
                plot.width(),
                plot.height(),
                double(timeAxis->min().toMSecsSinceEpoch()),
                double(timeAxis->max().toMSecsSinceEpoch()),
                valueAxis->min(),
                valueAxis->max()};
    }
};

MetricsSnapshot queues(qint64 second, const QMap<QString, qint64> &perAgent)
{
    MetricsSnapshot s;
    s.timestamp = QDateTime::fromSecsSinceEpoch(second, QTimeZone::utc());
    s.watchdogs.queueDepthPerAgent = perAgent;
    qint64 total = 0;
    for (qint64 depth : perAgent)
        total += depth;
    s.watchdogs.queueDepthTotal = total;
    return s;
}

} // namespace

TEST(AliasedLine, SetsThePixelsQPainterSets)
{
    // Short and long, steep and flat segments at fractional positions, as QtCharts hands them.
    QRandomGenerator random(3);
    QImage image(64, 64, QImage::Format_RGB32);
    for (int i = 0; i < 2000; ++i) {
        const QPointF a(8 + random.bounded(48.0), 8 + random.bounded(48.0));
        const double reach = i % 2 ? 1.5 : 40.0;
        const QPointF b(std::clamp(a.x() + random.bounded(2 * reach) - reach, 1.0, 62.0),
                        std::clamp(a.y() + random.bounded(2 * reach) - reach, 1.0, 62.0));
        image.fill(Qt::white);
        {
            QPainter painter(&image);
            painter.setRenderHint(QPainter::Antialiasing, false);
            painter.setPen(QPen(Qt::black, 1.0));
            painter.drawLine(a, b);
        }
        std::set<std::pair<int, int>> painted;
        for (int y = 0; y < image.height(); ++y) {
            for (int x = 0; x < image.width(); ++x) {
                if (image.pixel(x, y) != qRgb(255, 255, 255))
                    painted.insert({x, y});
            }
        }
        std::vector<AliasedLine::Pixel> pixels;
        AliasedLine::rasterize(a, b, pixels);
        std::set<std::pair<int, int>> emulated;
        for (const AliasedLine::Pixel &p : pixels)
            emulated.insert({p.x, p.y});
        ASSERT_EQ(emulated, painted)
            << "line " << a.x() << "," << a.y() << " - " << b.x() << "," << b.y();
    }
}

TEST(DashboardCharts, P11_DecimatedRenderEqualsFullRender)
{
    // Six hours at 1 s with noise and one-sample spikes, 800 px wide: ~27 samples per column.
    constexpr qint64 kSpan = 6 * 3600;
    const qint64 from = kEnd - kSpan + 1;
    TimeSeries series;
    QRandomGenerator random(11);
    for (qint64 s = from; s <= kEnd; ++s)
        series.append(s, 100.0 + 30.0 * std::sin(double(s) / 700.0) + random.bounded(10.0));
    QList<qint64> spikes;
    for (int k = 0; k < 8; ++k) {
        spikes.append(from + random.bounded(kSpan));
        series.append(spikes.last(), 5000.0);
    }
    PlainChart full(from, kEnd, 6000);
    QList<QPointF> all;
    series.forEach(from, kEnd,
                   [&](qint64 s, double v) { all.append(QPointF(double(s) * 1e3, v)); });
    full.add(all);
    PlainChart decimated(from, kEnd, 6000);
    decimated.image(); // lay out: the plot area is final
    const auto segments = M4Decimator::decimateExact(series, from, kEnd, decimated.map());
    for (const auto &segment : segments)
        decimated.add(segment);

    const QImage a = full.image();
    const QImage b = decimated.image();
    qint64 differing = 0;
    for (int y = 0; y < a.height(); ++y) {
        for (int x = 0; x < a.width(); ++x)
            differing += a.pixel(x, y) != b.pixel(x, y);
    }
    EXPECT_EQ(differing, 0) << "of " << a.width() * a.height() << " pixels";
    const qsizetype kept = M4Decimator::pointCount(segments);
    EXPECT_LT(kept, kSpan / 3) << "decimated, not the whole series";
    // Every kept point is a sample, in time order; every spike is kept.
    QList<QPointF> points;
    for (const auto &segment : segments)
        points << segment;
    EXPECT_TRUE(std::is_sorted(points.cbegin(), points.cend(),
                               [](const QPointF &p, const QPointF &q) { return p.x() < q.x(); }));
    for (const QPointF &p : std::as_const(points))
        ASSERT_EQ(float(series.valueAt(qint64(p.x() / 1e3))), float(p.y()));
    for (qint64 spike : std::as_const(spikes)) {
        EXPECT_TRUE(std::any_of(points.cbegin(), points.cend(), [&](const QPointF &p) {
            return p.x() == double(spike) * 1e3;
        })) << spike;
    }
}

TEST(DashboardCharts, QueueChartShowsTheDeepestAgents)
{
    SignalStore store(3600);
    QMap<QString, qint64> depths {
        {QStringLiteral("a-agent"), 1},    {QStringLiteral("citadel"), 9},
        {QStringLiteral("drone-dome"), 8}, {QStringLiteral("mirror"), 5},
        {QStringLiteral("oracle"), 4},     {QStringLiteral("zz-idle"), 0}};
    for (qint64 s = kEnd - 10; s <= kEnd; ++s)
        store.ingest(s, queues(s, depths));
    ChartGrid grid;
    grid.resize(1000, 700);
    grid.setStore(&store);
    grid.onSampleRecorded(kEnd);
    SignalChartView *queueChart = grid.charts().at(5);
    const QStringList topFour {QStringLiteral("citadel"), QStringLiteral("drone-dome"),
                               QStringLiteral("mirror"), QStringLiteral("oracle")};
    EXPECT_EQ(grid.agentLines(), topFour);
    EXPECT_EQ(queueChart->lineNames(), QStringList {QStringLiteral("total")} + topFour);

    // a-agent's queue grows past oracle's; mirror leaves (absent from the answers).
    depths[QStringLiteral("a-agent")] = 30;
    depths.remove(QStringLiteral("mirror"));
    store.ingest(kEnd + 1, queues(kEnd + 1, depths));
    grid.onSampleRecorded(kEnd + 1);
    const QStringList now {QStringLiteral("a-agent"), QStringLiteral("citadel"),
                           QStringLiteral("drone-dome"), QStringLiteral("oracle")};
    EXPECT_EQ(grid.agentLines(), now);
    EXPECT_EQ(queueChart->lineNames(), QStringList {QStringLiteral("total")} + now);
    EXPECT_GT(queueChart->loadedPointCount(), 0);
    const QStringList values = queueChart->valuesAt((kEnd + 1) * 1000);
    EXPECT_TRUE(values.contains(QStringLiteral("a-agent 30.0 msgs")))
        << values.join(u'|').toStdString();
}

TEST(DashboardCharts, ErrorSpikeGrowsCitadelsQueueLine)
{
    // The simulator's error-spike scenario: citadel fails and its queue grows; the queue chart
    // shows citadel's own line beside the total (screenshot into DREAMOPS_SCREENSHOT_DIR).
    auto sim = TestSupport::startSimulator(
        {QStringLiteral("--scenario"), QStringLiteral("error-spike")}, 5.0);
    ConnectionProfile profile;
    profile.name = QStringLiteral("test");
    profile.baseUrl = sim->baseUrl();
    profile.token = sim->token();
    profile.isSimulator = true;
    profile.deadlineMs = 1500;
    OpsClient client(profile);
    DashboardPoller poller(&client);
    poller.setIntervals({.metricsMs = 250, .healthMs = 1000, .slowMs = 1000});
    DashboardPage page;
    page.setEnvironment(QStringLiteral("SIMULATOR"));
    page.setPoller(&poller);
    page.resize(1400, 900);
    page.show();
    poller.start();
    const SignalStore &store = poller.signalStore();
    const TimeSeries &citadel = store.agentQueue(QStringLiteral("citadel"));
    double first = std::nan("");
    ASSERT_TRUE(waitUntil(
        [&] {
            if (std::isnan(first))
                first = store.agentQueue(QStringLiteral("citadel")).latest();
            return page.chartGrid()->agentLines().contains(QStringLiteral("citadel"))
                && store.agentQueue(QStringLiteral("citadel")).latest() >= first + 5;
        },
        20000))
        << "citadel's queue: " << citadel.latest();
    const QStringList names = page.chartGrid()->charts().at(5)->lineNames();
    EXPECT_TRUE(names.contains(QStringLiteral("citadel"))) << names.join(u',').toStdString();
    const QString dir = qEnvironmentVariable("DREAMOPS_SCREENSHOT_DIR");
    if (!dir.isEmpty()) {
        EXPECT_TRUE(page.grab().save(dir + QStringLiteral("/dash-error-spike.png")));
        EXPECT_TRUE(page.chartGrid()->charts().at(5)->grab().save(
            dir + QStringLiteral("/dash-error-spike-queue.png")));
    }
}

TEST(DashboardCharts, AxisLabelsThatMoveThePlotDoNotRecurseForEver)
{
    // The shown window starts on the column grid, up to one column after the requested start,
    // and a column's width is the plot's. A spike just after the start is in or out depending
    // on that snap; in, it widens the value labels, which narrows the plot, which widens the
    // columns, which can snap the start past the spike, which narrows the labels again... The
    // dashboard crashed on that (a stack overflow through plotAreaChanged -> refresh ->
    // setRange -> plotAreaChanged). Slide such a spike across the start at many widths.
    constexpr qint64 kSpike = kEnd - 3600;
    TimeSeries series;
    for (qint64 s = kSpike - 120; s <= kEnd; ++s)
        series.append(s, s == kSpike ? 123456.0 : 0.5);
    SignalChartView view(QStringLiteral("Latency"), QStringLiteral("ms"));
    view.addLine(QStringLiteral("p99"), &series, QColor(Qt::red));
    view.show();
    int windows = 0;
    for (int width = 260; width <= 700; width += 11) {
        view.resize(width, 240);
        QCoreApplication::processEvents();
        for (qint64 offset = 0; offset <= 40; ++offset) {
            view.setWindow(kSpike - offset, kSpike - offset + 3600);
            ++windows;
        }
    }
    EXPECT_EQ(windows, 41 * 41);
    EXPECT_GT(view.loadedPointCount(), 0);
}
