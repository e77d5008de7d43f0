// Benchmark P13 of performance.md: input -> paint latency while 8 charts of 24 h follow live at
// 1 Hz and the real LogPage receives 10,000 lines a second (a generator source through LogMux,
// like a log storm on a followed file). Mouse moves are posted at 60 Hz over one chart (each
// moves the shared time cursor, so every chart repaints and the log scrolls to that time) and
// Up/Down keys at 60 Hz to the log view (each moves its current row); the latency is from
// posting an input event to the end of the repaint pass that shows it. Following resumes once a
// second, so the view also autoscrolls under the storm. A 5 ms heartbeat timer measures the
// longest stall of the event loop. DREAMOPS_BENCH_P13_LINES sets the lines a second.
#include "benchreport.h"
#include "logmux.h"
#include "logpage.h"
#include "logsource.h"
#include "logtablemodel.h"
#include "logview.h"
#include "signalchartview.h"
#include "timecursor.h"
#include "timeseries.h"

#include <QApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QGridLayout>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPointingDevice>
#include <QRandomGenerator>
#include <QSplitter>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <memory>
#include <optional>
#include <vector>

namespace {

using BenchReport::Direction;

constexpr int kDay = 24 * 60 * 60;
constexpr int kCharts = 8;
constexpr int kLinesPerChart = 3;

// Measures the time from a posted input event (of `inputType`, seen on any watched object) to
// the repaint of the watched widget that shows it.
class LatencyProbe final : public QObject
{
    Q_DISABLE_COPY_MOVE(LatencyProbe)

public:
    LatencyProbe(const QElapsedTimer &clock, QEvent::Type inputType)
        : m_clock(clock)
        , m_inputType(inputType)
    { }

    void posted()
    {
        if (!m_pendingSinceMs)
            m_pendingSinceMs = m_clock.nsecsElapsed() / 1e6;
    }
    std::vector<double> latenciesMs;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == m_inputType)
            m_delivered = true;
        if (event->type() == QEvent::Paint && m_delivered && m_pendingSinceMs) {
            // This paint pass (every chart the cursor moved) ends before a zero timer fires:
            // the latency is taken then, so it includes the whole repaint.
            const double since = *m_pendingSinceMs;
            m_pendingSinceMs.reset();
            m_delivered = false;
            QTimer::singleShot(0, this, [this, since] {
                latenciesMs.push_back(m_clock.nsecsElapsed() / 1e6 - since);
            });
        }
        return QObject::eventFilter(watched, event);
    }

private:
    const QElapsedTimer &m_clock;
    const QEvent::Type m_inputType;
    std::optional<double> m_pendingSinceMs;
    bool m_delivered = false;
};

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return -1;
    std::sort(values.begin(), values.end());
    const auto index = std::size_t(std::ceil(p * double(values.size()))) - 1;
    return values[std::min(index, values.size() - 1)];
}

// A log storm: `perSecond` contract-format lines a second, stamped with the wall clock, in
// batches every 10 ms; a late tick catches up, so the rate holds even when the event loop is
// busy (LogMux then hands them to the page at most 30 times a second).
class GeneratorSource final : public LogSource
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GeneratorSource)

public:
    GeneratorSource(int id, int perSecond, QObject *parent = nullptr)
        : LogSource(id, QStringLiteral("generator"), parent)
        , m_perSecond(perSecond)
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        connect(&m_timer, &QTimer::timeout, this, &GeneratorSource::tick);
    }
    void start() override
    {
        m_clock.start();
        m_timer.start(10);
        setState(State::Following, QStringLiteral("generating"));
    }
    void stop() override
    {
        m_timer.stop();
        setState(State::Stopped, QStringLiteral("stopped"));
    }
    qint64 generated() const { return m_generated; }

private:
    void tick()
    {
        static const char *const levels[] = {"INFO", "DEBUG", "INFO", "WARN", "ERROR"};
        const QByteArray stamp = QDateTime::currentDateTimeUtc()
                                     .toString(QStringLiteral("yyyy-MM-ddThh:mm:ss.zzzZ"))
                                     .toLatin1();
        const qint64 due = m_clock.elapsed() * m_perSecond / 1000 - m_generated;
        if (due <= 0)
            return;
        QByteArray lines;
        lines.reserve(due * 120);
        for (qint64 i = 0; i < due; ++i, ++m_generated) {
            lines += stamp + ' ' + levels[m_generated % 5]
                + " [api] GET /api/dreams traceId=" + QByteArray::number(m_generated, 16)
                + " status=200 ms=" + QByteArray::number(m_generated % 997) + '\n';
        }
        emitLines(std::move(lines));
    }

    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_perSecond;
    qint64 m_generated = 0;
};

QString latencyText(const char *what, const std::vector<double> &latencies)
{
    return QStringLiteral("%1 input->paint p99 %2 ms (median %3, max %4, %5 painted)")
        .arg(QLatin1String(what))
        .arg(percentile(latencies, 0.99), 0, 'f', 1)
        .arg(percentile(latencies, 0.5), 0, 'f', 1)
        .arg(percentile(latencies, 1.0), 0, 'f', 1)
        .arg(latencies.size());
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const int seconds = qEnvironmentVariableIsSet("DREAMOPS_BENCH_P13_SECONDS")
        ? qEnvironmentVariableIntValue("DREAMOPS_BENCH_P13_SECONDS")
        : 15;

    const int linesPerSecond = qEnvironmentVariableIsSet("DREAMOPS_BENCH_P13_LINES")
        ? qEnvironmentVariableIntValue("DREAMOPS_BENCH_P13_LINES")
        : 10'000;

    // 8 charts x 3 lines, 24 h of samples each, above the log page, in one window.
    qint64 now = QDateTime::currentSecsSinceEpoch();
    QRandomGenerator random(13);
    std::vector<std::unique_ptr<TimeSeries>> series;
    QSplitter window(Qt::Vertical);
    auto *chartArea = new QWidget;
    auto *grid = new QGridLayout(chartArea);
    TimeCursor cursor;
    LogMux mux;
    auto *generator = new GeneratorSource(1, linesPerSecond);
    auto *logPage = new LogPage(&mux, &cursor);
    window.addWidget(chartArea);
    window.addWidget(logPage);
    std::vector<SignalChartView *> charts;
    for (int c = 0; c < kCharts; ++c) {
        auto *chart = new SignalChartView(QStringLiteral("chart %1").arg(c), QStringLiteral("ms"));
        for (int l = 0; l < kLinesPerChart; ++l) {
            auto ts = std::make_unique<TimeSeries>();
            for (qint64 s = now - kDay + 1; s <= now; ++s)
                ts->append(
                    s, 100.0 * (l + 1) + 30.0 * std::sin(double(s) / 900.0) + random.bounded(10.0));
            chart->addLine(QStringLiteral("line %1").arg(l), ts.get(),
                           QColor::fromHsv(60 * l, 200, 180));
            series.push_back(std::move(ts));
        }
        chart->setTimeCursor(&cursor);
        chart->setWindow(now - kDay + 1, now);
        grid->addWidget(chart, c / 2, c % 2);
        charts.push_back(chart);
    }
    window.resize(1600, 1000);
    window.setSizes({560, 440});
    window.show();
    for (int i = 0; i < 5; ++i) // lay out and paint once before measuring
        QCoreApplication::processEvents();

    QElapsedTimer clock;
    clock.start();
    LatencyProbe probe(clock, QEvent::MouseMove);
    SignalChartView *hovered = charts.front();
    hovered->viewport()->installEventFilter(&probe);
    LogView *logView = logPage->mainView();
    LatencyProbe logProbe(clock, QEvent::KeyPress);
    logView->installEventFilter(&logProbe);
    logView->viewport()->installEventFilter(&logProbe);
    mux.addSource(generator); // starts the storm

    // Samples arrive once a second and every chart follows live.
    QTimer ticker;
    QObject::connect(&ticker, &QTimer::timeout, &window, [&] {
        ++now;
        for (auto &ts : series)
            ts->append(now, 100.0 + random.bounded(200.0));
        for (SignalChartView *chart : charts)
            chart->setWindow(now - kDay + 1, now);
        logView->setFollowing(true); // the user's "resume": autoscroll under the storm again
    });
    ticker.start(1000);

    // The hand: a move every 16 ms across the hovered chart's plot.
    QTimer hand;
    int step = 0;
    QObject::connect(&hand, &QTimer::timeout, &window, [&] {
        const QRect area = hovered->viewport()->rect().adjusted(80, 40, -20, -60);
        const QPointF pos(area.left() + (step++ * 7) % std::max(1, area.width()),
                          area.center().y());
        probe.posted();
        QCoreApplication::postEvent(hovered->viewport(),
                                    new QMouseEvent(QEvent::MouseMove, pos,
                                                    hovered->viewport()->mapToGlobal(pos),
                                                    Qt::NoButton, Qt::NoButton, Qt::NoModifier));
    });
    hand.start(16);
    // The other hand: Up/Down in the log view, 60 a second, offset from the mouse.
    QTimer keys;
    int keyStep = 0;
    QObject::connect(&keys, &QTimer::timeout, &window, [&] {
        logProbe.posted();
        const int key = (keyStep++ / 8) % 2 ? Qt::Key_Down : Qt::Key_Up;
        QCoreApplication::postEvent(logView, new QKeyEvent(QEvent::KeyPress, key, Qt::NoModifier));
    });
    QTimer::singleShot(8, &window, [&keys] { keys.start(16); });

    // The heartbeat: the longest gap between two 5 ms beats is the longest stall.
    QTimer heartbeat;
    heartbeat.setTimerType(Qt::PreciseTimer);
    std::optional<double> lastBeatMs; // from the first beat: the start-up paint is not a stall
    double longestGapMs = 0;
    QObject::connect(&heartbeat, &QTimer::timeout, &window, [&] {
        const double nowMs = clock.nsecsElapsed() / 1e6;
        if (lastBeatMs)
            longestGapMs = std::max(longestGapMs, nowMs - *lastBeatMs);
        lastBeatMs = nowMs;
    });
    heartbeat.start(5);

    QTimer::singleShot(seconds * 1000, &app, &QCoreApplication::quit);
    app.exec();

    mux.removeSource(generator->id());
    std::vector<double> all = probe.latenciesMs;
    all.insert(all.end(), logProbe.latenciesMs.begin(), logProbe.latenciesMs.end());
    const double p99 = percentile(all, 0.99);
    const qint64 stored = logPage->model()->store().endLine();
    // One ratio for both limits, so that the line says miss when either is missed.
    const double ratio = std::max(p99 / 100.0, longestGapMs / 50.0);
    const bool ok = BenchReport::line(
        "P13", ratio, Direction::AtMost, 1.0,
        QStringLiteral("input->paint p99 %1 ms of 100 over both; %2; %3; longest stall %4 ms "
                       "of 50; %5 charts x %6 lines of 24 h at 1 Hz, log page took %7 lines "
                       "(%8/s asked) in %9 s")
            .arg(p99, 0, 'f', 1)
            .arg(latencyText("charts", probe.latenciesMs))
            .arg(latencyText("log view", logProbe.latenciesMs))
            .arg(longestGapMs, 0, 'f', 1)
            .arg(kCharts)
            .arg(kLinesPerChart)
            .arg(stored)
            .arg(linesPerSecond)
            .arg(seconds));
    return ok ? 0 : 1;
}

#include "inputbench.moc"
