#include "chartgrid.h"

#include "signalstore.h"
#include "statebadge.h"
#include "timecursor.h"

#include <QDateTime>
#include <QEvent>
#include <QGraphicsColorizeEffect>
#include <QGridLayout>
#include <QVBoxLayout>

#include <algorithm>
#include <initializer_list>

namespace {

using Signal = SignalStore::Signal;

// Okabe–Ito colours: distinguishable with the common colour-vision deficiencies; the legend
// names every line as well.
const QColor kBlue(0x00, 0x72, 0xb2);
const QColor kOrange(0xe6, 0x9f, 0x00);
const QColor kVermillion(0xd5, 0x5e, 0x00);
const QColor kGreen(0x00, 0x9e, 0x73);
const QColor kPurple(0xcc, 0x79, 0xa7);
const QColor kSkyBlue(0x56, 0xb4, 0xe9);
// The per-agent queue lines, beside the total's orange.
const QColor kAgentColours[ChartGrid::kAgentLines] = {kBlue, kGreen, kPurple, kSkyBlue};

struct LineSpec
{
    const char *name;
    Signal signal;
    QColor color;
};

struct ChartSpec
{
    const char *title;
    const char *unit;
    std::initializer_list<LineSpec> lines;
    double threshold; ///< <= 0: none
    const char *thresholdLabel;
};

// The runbook's golden signals, then its watchdogs. Each chart has one unit: saturation is
// three charts because CPU %, megabytes and messages do not share an axis.
const ChartSpec kCharts[] = {
    {QT_TRANSLATE_NOOP("ChartGrid", "Latency"),
     "ms",
     {{"p50", Signal::LatencyP50, kGreen},
      {"p95", Signal::LatencyP95, kOrange},
      {"p99", Signal::LatencyP99, kVermillion}},
     5000.0,
     QT_TRANSLATE_NOOP("ChartGrid", "P1 limit: 5 s")},
    {QT_TRANSLATE_NOOP("ChartGrid", "Error rate"),
     "%",
     {{"errors (60 s)", Signal::ErrorRate, kVermillion}},
     50.0,
     QT_TRANSLATE_NOOP("ChartGrid", "P1 limit: 50 %")},
    {QT_TRANSLATE_NOOP("ChartGrid", "Traffic"),
     "req/s",
     {{"requests/s", Signal::RequestsPerSecond, kBlue}},
     0,
     ""},
    {QT_TRANSLATE_NOOP("ChartGrid", "CPU"), "%", {{"CPU", Signal::CpuPercent, kBlue}}, 0, ""},
    {QT_TRANSLATE_NOOP("ChartGrid", "Memory (RSS)"),
     "MB",
     {{"RSS", Signal::MemoryRssMb, kPurple}},
     0,
     ""},
    {QT_TRANSLATE_NOOP("ChartGrid", "Queue depth"),
     "msgs",
     {{"total", Signal::QueueDepthTotal, kOrange}},
     0,
     ""},
};

} // namespace

ChartGrid::ChartGrid(QWidget *parent)
    : QWidget(parent)
    , m_cursor(new TimeCursor(this))
    , m_staleNote(new StateBadge(this))
    , m_grid(new QGridLayout)
{
    setObjectName(QStringLiteral("chartGrid"));
    m_staleNote->setObjectName(QStringLiteral("chartsStale"));
    m_staleNote->hide();
    m_grid->setContentsMargins(0, 0, 0, 0);
    m_grid->setSpacing(4);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_staleNote);
    layout->addLayout(m_grid, 1);
    m_toSecond = QDateTime::currentSecsSinceEpoch();
}

ChartGrid::~ChartGrid() = default;

void ChartGrid::setStore(const SignalStore *store)
{
    m_store = store;
    m_cursor->clear();
    qDeleteAll(m_charts); // the views reference the old store's series
    m_charts.clear();
    m_queueChart = nullptr;
    m_agentLines.clear();
    if (!m_store)
        return;
    m_newestSample = 0;
    buildCharts();
    updateAgentLines();
    applyStale();
    if (m_followLive)
        m_toSecond = liveEnd(newestSecond());
    applyWindow();
}

void ChartGrid::buildCharts()
{
    int index = 0;
    for (const ChartSpec &spec : kCharts) {
        auto *chart = new SignalChartView(tr(spec.title), QString::fromLatin1(spec.unit), this);
        chart->setObjectName(QStringLiteral("chart%1").arg(index));
        for (const LineSpec &line : spec.lines) {
            chart->addLine(QString::fromLatin1(line.name), &m_store->series(line.signal),
                           line.color);
            if (line.signal == Signal::QueueDepthTotal)
                m_queueChart = chart;
        }
        if (spec.threshold > 0)
            chart->setThreshold(spec.threshold, tr(spec.thresholdLabel));
        chart->setTimeCursor(m_cursor);
        chart->setMarkers(m_markers);
        chart->installEventFilter(this);
        chart->viewport()->installEventFilter(this);
        connect(chart, &SignalChartView::windowSelected, this,
                [this](qint64 from, qint64 to) { zoomTo(from, to); });
        m_grid->addWidget(chart, index / 2, index % 2);
        m_charts << chart;
        ++index;
    }
    for (int row = 0; row < m_grid->rowCount(); ++row)
        m_grid->setRowStretch(row, 1);
    m_grid->setColumnStretch(0, 1);
    m_grid->setColumnStretch(1, 1);
}

bool ChartGrid::eventFilter(QObject *watched, QEvent *event)
{
    // The pointer left a chart: no chart shows a cursor for a time nobody points at.
    if (event->type() == QEvent::Leave)
        m_cursor->clear();
    return QWidget::eventFilter(watched, event);
}

void ChartGrid::updateAgentLines()
{
    // The agents with the deepest queues at the newest sample, in name order so that an agent
    // keeps its colour while the ranking among the shown ones changes.
    if (!m_store || !m_queueChart)
        return;
    QStringList deepest = m_store->deepestAgents(newestSecond(), kAgentLines);
    deepest.sort();
    if (deepest == m_agentLines && m_store->agentsGeneration() == m_agentsGeneration)
        return;
    m_agentLines = deepest;
    m_agentsGeneration = m_store->agentsGeneration();
    m_queueChart->removeLinesFrom(1); // keeps "total"
    for (qsizetype i = 0; i < deepest.size(); ++i)
        m_queueChart->addLine(deepest.at(i), &m_store->agentQueue(deepest.at(i)), kAgentColours[i]);
    m_queueChart->setWindow(fromSecond(), m_toSecond);
}

void ChartGrid::setMarkers(const QList<ChartMarker> &markers)
{
    m_markers = markers;
    for (SignalChartView *chart : std::as_const(m_charts))
        chart->setMarkers(markers);
}

void ChartGrid::setStale(const QString &reason)
{
    if (reason == m_staleReason)
        return;
    m_staleReason = reason;
    applyStale();
}

QString ChartGrid::staleText() const
{
    return isStale() ? m_staleNote->text() : QString();
}

void ChartGrid::applyStale()
{
    if (isStale()) {
        m_staleNote->setState(StateBadge::Severity::Warning,
                              tr("Charts stale: %1").arg(m_staleReason));
        m_staleNote->show();
    } else {
        m_staleNote->hide();
    }
    for (SignalChartView *chart : std::as_const(m_charts)) {
        if (isStale() && !chart->graphicsEffect()) {
            auto *grey = new QGraphicsColorizeEffect(chart);
            grey->setColor(QColor(0x80, 0x80, 0x80));
            grey->setStrength(0.85);
            chart->setGraphicsEffect(grey); // the chart takes ownership
        } else if (!isStale() && chart->graphicsEffect()) {
            chart->setGraphicsEffect(nullptr);
        }
    }
}

qint64 ChartGrid::liveEnd(qint64 newest) const
{
    // The live window steps by 1/60 of its span (5 s at 5 min, 1 min at 1 h), its end at or just
    // after the newest sample: between steps a sample redraws only its own pixel columns, while
    // moving the axes re-lays out every label and reloads every line (P15: idle CPU).
    const qint64 step = std::max<qint64>(1, m_presetSpan / kLiveSteps);
    return (newest + step - 1) / step * step;
}

qint64 ChartGrid::newestSecond() const
{
    if (m_newestSample > 0)
        return m_newestSample;
    if (m_store && !m_store->series(Signal::RequestsPerSecond).isEmpty())
        return m_store->series(Signal::RequestsPerSecond).lastSecond();
    return QDateTime::currentSecsSinceEpoch();
}

void ChartGrid::setSpan(qint64 seconds)
{
    m_spanSeconds = std::max<qint64>(seconds, kMinZoomSeconds);
    m_presetSpan = seconds;
    if (m_followLive)
        m_toSecond = liveEnd(newestSecond());
    applyWindow();
}

void ChartGrid::setFollowLive(bool follow)
{
    m_followLive = follow;
    if (follow) {
        // Back to live: the last preset span, whatever was zoomed.
        m_spanSeconds = m_presetSpan;
        m_toSecond = liveEnd(newestSecond());
    }
    applyWindow();
}

void ChartGrid::zoomTo(qint64 fromSecond, qint64 toSecond)
{
    if (toSecond - fromSecond < kMinZoomSeconds) {
        const qint64 middle = (fromSecond + toSecond) / 2;
        fromSecond = middle - kMinZoomSeconds / 2;
        toSecond = fromSecond + kMinZoomSeconds;
    }
    m_followLive = false;
    m_spanSeconds = toSecond - fromSecond;
    m_toSecond = toSecond;
    applyWindow(); // not a preset: Live returns to the preset it came from
}

void ChartGrid::onSampleRecorded(qint64 second)
{
    m_newestSample = std::max(m_newestSample, second);
    updateAgentLines();
    if (m_followLive && liveEnd(m_newestSample) != m_toSecond) {
        m_toSecond = liveEnd(m_newestSample);
        applyWindow();
        return;
    }
    // Inside the window (live between two steps, or a late sample while paused): only the
    // newest pixel columns change.
    if (second >= fromSecond() && second <= m_toSecond) {
        for (SignalChartView *chart : std::as_const(m_charts))
            chart->refresh();
    }
}

void ChartGrid::applyWindow()
{
    for (SignalChartView *chart : std::as_const(m_charts))
        chart->setWindow(fromSecond(), m_toSecond);
    const bool isPreset = m_spanSeconds == m_presetSpan;
    Q_EMIT windowChanged(fromSecond(), m_toSecond, isPreset ? m_presetSpan : 0, m_followLive);
}
