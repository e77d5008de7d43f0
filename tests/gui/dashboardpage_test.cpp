// The dashboard page without a server: it builds, the window buttons and Live/Pause drive every
// chart's time axis, a drag zooms and pauses, and the lead's severity is recorded.
#include "chartgrid.h"
#include "dashboardpage.h"
#include "dashboardpoller.h"
#include "healthtablespanel.h"
#include "opsclient.h"
#include "severitybanner.h"
#include "severitydeclaration.h"
#include "windowbar.h"

#include <gtest/gtest.h>

#include <QDateTimeAxis>
#include <QPushButton>
#include <QSignalSpy>
#include <QToolButton>

#include <algorithm>
#include <cstdlib>

namespace {

ConnectionProfile nowhere()
{
    ConnectionProfile profile;
    profile.name = QStringLiteral("nowhere");
    profile.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:9"));
    return profile;
}

// A poller that is never started: the page gets its (empty) store and signals.
struct IdlePoller
{
    OpsClient client {nowhere()};
    DashboardPoller poller {&client};
};

// Every chart's time axis as [from, to] in epoch milliseconds.
QList<QPair<qint64, qint64>> axisRanges(const ChartGrid &grid)
{
    QList<QPair<qint64, qint64>> ranges;
    for (const SignalChartView *view : grid.charts()) {
        const auto axes = view->chart()->axes(Qt::Horizontal);
        const auto *axis = qobject_cast<QDateTimeAxis *>(axes.value(0));
        if (!axis)
            return {};
        ranges.append({axis->min().toMSecsSinceEpoch(), axis->max().toMSecsSinceEpoch()});
    }
    return ranges;
}

// Every chart shows [from, to] seconds. A chart may align its axis to its pixel columns (less
// than a pixel's worth of time, i.e. well under 1 % of the span at these widths).
bool allCharts(const ChartGrid &grid, qint64 from, qint64 to)
{
    const auto ranges = axisRanges(grid);
    if (ranges.size() != grid.charts().size() || ranges.isEmpty())
        return false;
    const qint64 slackMs = 1000 + (to - from) * 1000 / 100;
    return std::all_of(ranges.begin(), ranges.end(), [&](const auto &r) {
        return std::abs(r.first - from * 1000) <= slackMs
            && std::abs(r.second - to * 1000) <= slackMs;
    });
}

// The page at the size the dashboard is designed for, so that the charts have real widths.
void showPage(DashboardPage &page)
{
    page.resize(1280, 700);
    page.show();
}

// Where a live window of `span` ends once `newest` was recorded: the next step of span/60.
qint64 liveEnd(qint64 newest, qint64 span)
{
    const qint64 step = span / ChartGrid::kLiveSteps;
    return (newest + step - 1) / step * step;
}

} // namespace

TEST(DashboardPage, BuildsWithoutAPoller)
{
    DashboardPage page;
    page.resize(1280, 760);
    page.show();
    EXPECT_TRUE(page.chartGrid()->charts().isEmpty());
    EXPECT_TRUE(page.chartGrid()->isStale());
    EXPECT_FALSE(page.healthPanel()->tripButton()->isEnabled());
    EXPECT_TRUE(page.severityBanner()->headlineText().startsWith(QStringLiteral("No incident")));
}

TEST(DashboardPage, BuildsEveryChartOverThePollersStore)
{
    IdlePoller idle;
    DashboardPage page;
    page.setPoller(&idle.poller);
    ASSERT_EQ(page.chartGrid()->charts().size(), 6);
    QStringList titles;
    for (const SignalChartView *view : page.chartGrid()->charts())
        titles << view->chart()->title();
    EXPECT_EQ(titles,
              (QStringList {QStringLiteral("Latency"), QStringLiteral("Error rate"),
                            QStringLiteral("Traffic"), QStringLiteral("CPU"),
                            QStringLiteral("Memory (RSS)"), QStringLiteral("Queue depth")}));
    page.setPoller(nullptr);
    EXPECT_TRUE(page.chartGrid()->charts().isEmpty());
}

TEST(DashboardPage, LiveWindowMovesInStepsOfASixtiethOfItsSpan)
{
    IdlePoller idle;
    DashboardPage page;
    page.setPoller(&idle.poller);
    showPage(page);
    ChartGrid *grid = page.chartGrid();
    const qint64 t0 = 1'764'410'001; // 1 s past a 5 s step
    QSignalSpy moves(grid, &ChartGrid::windowChanged);
    grid->onSampleRecorded(t0);
    EXPECT_EQ(grid->toSecond(), t0 + 4) << "the end rounds up to the next 5 s step";
    const int movesAfterFirst = int(moves.count());
    for (qint64 t = t0 + 1; t <= t0 + 4; ++t)
        grid->onSampleRecorded(t);
    EXPECT_EQ(grid->toSecond(), t0 + 4) << "samples inside the step do not move the window";
    EXPECT_EQ(moves.count(), movesAfterFirst);
    grid->onSampleRecorded(t0 + 5);
    EXPECT_EQ(grid->toSecond(), t0 + 9);
    EXPECT_EQ(moves.count(), movesAfterFirst + 1);
}

TEST(DashboardPage, WindowButtonsChangeEveryChartsWindow)
{
    IdlePoller idle;
    DashboardPage page;
    page.setPoller(&idle.poller);
    showPage(page);
    ChartGrid *grid = page.chartGrid();
    const qint64 now = 1'764'410'000;
    grid->onSampleRecorded(now);
    EXPECT_TRUE(allCharts(*grid, now - 300, now)) << "5 min by default";

    for (const qint64 span : WindowBar::spans()) {
        QToolButton *button = page.windowBar()->spanButton(span);
        ASSERT_NE(button, nullptr);
        button->click();
        EXPECT_TRUE(button->isChecked());
        EXPECT_EQ(grid->spanSeconds(), span);
        const qint64 end = liveEnd(now, span);
        EXPECT_TRUE(allCharts(*grid, end - span, end)) << span;
        EXPECT_TRUE(page.windowBar()->windowText().startsWith(
            QStringLiteral("Live: last %1,").arg(WindowBar::spanName(span))))
            << page.windowBar()->windowText().toStdString();
    }
}

TEST(DashboardPage, PauseStopsFollowingAndLiveCatchesUp)
{
    IdlePoller idle;
    DashboardPoller &poller = idle.poller;
    DashboardPage page;
    page.setPoller(&poller);
    showPage(page);
    ChartGrid *grid = page.chartGrid();
    QToolButton *live = page.windowBar()->liveButton();
    const qint64 t0 = 1'764'410'000;
    Q_EMIT poller.sampleRecorded(t0);
    EXPECT_TRUE(live->isChecked());
    EXPECT_TRUE(allCharts(*grid, t0 - 300, t0));

    live->click(); // pause
    EXPECT_FALSE(grid->followLive());
    EXPECT_FALSE(live->isChecked());
    EXPECT_TRUE(page.windowBar()->windowText().startsWith(QStringLiteral("Paused")));
    Q_EMIT poller.sampleRecorded(t0 + 5);
    Q_EMIT poller.sampleRecorded(t0 + 6);
    EXPECT_TRUE(allCharts(*grid, t0 - 300, t0)) << "a paused window does not move";

    page.windowBar()->spanButton(3600)->click(); // a span while paused keeps the end
    EXPECT_TRUE(allCharts(*grid, t0 - 3600, t0));
    EXPECT_FALSE(grid->followLive());

    live->click(); // live again: jumps to the newest sample
    EXPECT_TRUE(grid->followLive());
    const qint64 end = liveEnd(t0 + 6, 3600);
    EXPECT_GE(end, t0 + 6);
    EXPECT_TRUE(allCharts(*grid, end - 3600, end));
}

TEST(DashboardPage, DragZoomSetsThatWindowAndPauses)
{
    IdlePoller idle;
    DashboardPage page;
    page.setPoller(&idle.poller);
    showPage(page);
    ChartGrid *grid = page.chartGrid();
    const qint64 t0 = 1'764'410'000;
    grid->onSampleRecorded(t0);
    Q_EMIT grid->charts().at(2)->windowSelected(t0 - 200, t0 - 100);
    EXPECT_FALSE(grid->followLive());
    EXPECT_TRUE(allCharts(*grid, t0 - 200, t0 - 100)) << "every chart, not only the dragged one";
    for (const qint64 span : WindowBar::spans())
        EXPECT_FALSE(page.windowBar()->spanButton(span)->isChecked()) << "a zoom is no preset";

    Q_EMIT grid->charts().at(0)->windowSelected(t0 - 150, t0 - 148);
    EXPECT_EQ(grid->spanSeconds(), ChartGrid::kMinZoomSeconds) << "zoom has a floor";

    page.windowBar()->liveButton()->click();
    EXPECT_TRUE(allCharts(*grid, t0 - 300, t0)) << "live returns to the preset span";
    EXPECT_TRUE(page.windowBar()->spanButton(300)->isChecked());
}

TEST(DashboardPage, RecordsTheLeadsSeverityAndKeepsIt)
{
    IdlePoller idle;
    DashboardPage page;
    page.setPoller(&idle.poller);
    SeverityBanner *banner = page.severityBanner();
    Q_EMIT banner->overrideRequested(Severity::P1, QStringLiteral("checkout broken for EU"));
    ASSERT_TRUE(page.declaration()->current());
    EXPECT_EQ(page.declaration()->current()->severity, Severity::P1);
    EXPECT_TRUE(banner->declaredText().startsWith(QStringLiteral("P1 declared at")));

    // A new suggestion (here: a new poller, i.e. a reconnect) never changes it.
    IdlePoller other;
    page.setPoller(&other.poller);
    EXPECT_EQ(page.declaration()->current()->severity, Severity::P1);
    EXPECT_TRUE(banner->declaredText().startsWith(QStringLiteral("P1 declared at")));
    EXPECT_TRUE(banner->declaredText().contains(QStringLiteral("differs from the suggestion")));
}
