#include "signalchartview.h"

#include "timecursor.h"
#include "timeseries.h"

#include <QDateTime>
#include <QDateTimeAxis>
#include <QLegendMarker>
#include <QLineSeries>
#include <QMouseEvent>
#include <QPainter>
#include <QScopedValueRollback>
#include <QTimer>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

struct SignalChartView::Line
{
    QString name;
    const TimeSeries *series = nullptr;
    QColor color;
    double scale = 1.0;
    /// One QLineSeries per piece: each gap-free segment of the finished columns, then the newest
    /// column on its own; [0] carries the legend.
    QList<QLineSeries *> pool;
    QList<M4Decimator::Segment> loaded; ///< what each pool series holds
    M4Decimator::GridCache cache;
    qsizetype loadedPoints = 0;
    M4Decimator::DeviceMap map; ///< the pixels the columns are refined for
    bool refinePending = false;
};

namespace {

constexpr int kMinDragPixels = 6;

// Columns refined within refresh() (a live tick touches one or two) and per later slice (about
// 3 µs a column with a day at 1280 px: under a millisecond per slice).
constexpr qsizetype kRefineNow = 8;
constexpr qsizetype kRefineSlice = 256;

constexpr int kPixelsPerValueLabel = 24; // a value label's height plus a gap

// A round step (1, 2, 2.5 or 5 × 10^n) at or above `value`, so axis labels stay round.
double niceStep(double value)
{
    if (value <= 0)
        return 1.0;
    const double magnitude = std::pow(10.0, std::floor(std::log10(value)));
    for (double mantissa : {1.0, 2.0, 2.5, 5.0}) {
        if (mantissa * magnitude >= value * (1 - 1e-9))
            return mantissa * magnitude;
    }
    return 10.0 * magnitude;
}

QString formatValue(double value, const QString &unit)
{
    if (std::isnan(value))
        return QStringLiteral("no data");
    const int decimals = std::abs(value) < 10 ? 2 : (std::abs(value) < 100 ? 1 : 0);
    return QString::number(value, 'f', decimals)
        + (unit.isEmpty() ? QString() : QLatin1Char(' ') + unit);
}

} // namespace

SignalChartView::SignalChartView(const QString &title, const QString &unit, QWidget *parent)
    : QChartView(parent)
    , m_unit(unit)
    , m_refineTimer(new QTimer(this))
{
    auto *chart = new QChart; // owned by the view
    chart->setTitle(title);
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->legend()->setShowToolTips(true); // a name elided for lack of room, in full on hover
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->setBackgroundRoundness(0);
    chart->setTheme(palette().window().color().lightness() < 128 ? QChart::ChartThemeDark
                                                                 : QChart::ChartThemeLight);
    m_timeAxis = new QDateTimeAxis;
    m_timeAxis->setFormat(QStringLiteral("HH:mm:ss"));
    m_timeAxis->setTickCount(7);
    // Qt 6.4: a QDateTimeAxis handed to the view with its default 1970 range never draws its
    // labels or grid afterwards, so give it a current range first.
    const QDateTime now = QDateTime::currentDateTime();
    m_timeAxis->setRange(now.addSecs(-300), now);
    m_valueAxis = new QValueAxis;
    m_valueAxis->setLabelFormat(QStringLiteral("%g"));
    m_valueAxis->setTitleText(unit);
    m_valueAxis->setRange(0, 1);
    chart->addAxis(m_timeAxis, Qt::AlignBottom);
    chart->addAxis(m_valueAxis, Qt::AlignLeft);
    setChart(chart);
    m_refineTimer->setSingleShot(true);
    m_refineTimer->setInterval(0);
    connect(m_refineTimer, &QTimer::timeout, this, &SignalChartView::refineSlice);
    // New axis labels can move the plot's edges after a refresh: decimate for the new pixels.
    connect(chart, &QChart::plotAreaChanged, this, [this](const QRectF &area) {
        if (area != m_refinedPlot)
            refresh();
    });
    setRenderHint(QPainter::Antialiasing,
                  false); // crisp 1 px lines, cheaper repaints
    setMouseTracking(true);
    setRubberBand(QChartView::NoRubberBand); // our own drag-to-zoom picks
                                             // seconds, not pixels
    setMinimumHeight(160);
    setAccessibleName(title);
}

SignalChartView::~SignalChartView()
{
    qDeleteAll(m_lines);
}

void SignalChartView::addLine(const QString &name,
                              const TimeSeries *series,
                              const QColor &color,
                              double scale)
{
    auto *line = new Line {name, series, color, scale, {}, {}, {}, 0};
    m_lines.append(line);
    refresh();
}

void SignalChartView::removeLinesFrom(qsizetype count)
{
    while (m_lines.size() > std::max<qsizetype>(0, count)) {
        Line *line = m_lines.takeLast();
        for (QLineSeries *series : std::as_const(line->pool)) {
            chart()->removeSeries(series);
            delete series;
        }
        delete line;
    }
    refresh(); // the value axis may shrink
}

QStringList SignalChartView::lineNames() const
{
    QStringList names;
    for (const Line *line : m_lines)
        names.append(line->name);
    return names;
}

void SignalChartView::setThreshold(double value, const QString &label)
{
    m_threshold = value;
    m_thresholdLabel = label;
    refresh();
    viewport()->update(); // the limit line is an overlay
}

void SignalChartView::setMarkers(const QList<ChartMarker> &markers)
{
    m_markers = markers;
    viewport()->update();
}

void SignalChartView::setTimeCursor(TimeCursor *cursor)
{
    if (m_cursor)
        m_cursor->disconnect(this);
    m_cursor = cursor;
    if (!cursor)
        return;
    connect(cursor, &TimeCursor::moved, this, [this] { viewport()->update(); });
    connect(cursor, &TimeCursor::cleared, this, [this] { viewport()->update(); });
}

void SignalChartView::setWindow(qint64 fromSecond, qint64 toSecond)
{
    m_fromSecond = fromSecond;
    m_toSecond = std::max(toSecond, fromSecond + 1);
    const qint64 span = m_toSecond - m_fromSecond;
    m_timeAxis->setFormat(span <= 15 * 60 ? QStringLiteral("HH:mm:ss") : QStringLiteral("HH:mm"));
    refresh();
}

void SignalChartView::refresh()
{
    if (m_refreshing) {
        // plotAreaChanged() from inside this refresh (new axis labels): one more pass below.
        m_plotMoved = true;
        return;
    }
    const QScopedValueRollback guard(m_refreshing, true);
    // New axis labels can move the plot's edges, which moves the column grid and so the time
    // axis and its labels again. Follow that a few passes, then keep the last layout: two label
    // widths can alternate for ever (seen as unbounded recursion through plotAreaChanged).
    constexpr int kMaxPasses = 4;
    for (int pass = 0; pass < kMaxPasses; ++pass) {
        m_plotMoved = false;
        refreshPass();
        if (!m_plotMoved)
            break;
    }
}

void SignalChartView::refreshPass()
{
    if (m_toSecond <= m_fromSecond)
        return;
    // Pixel columns on an absolute time grid (M4Decimator::GridCache): the shown range starts on
    // a column boundary at most one column after the requested start (less than a pixel), so a
    // sliding window keeps its earlier columns and the time axis moves only when a whole
    // column has passed. A new sample then costs its own column, not the window (P9).
    const QRectF plot = chart()->plotArea();
    const double width = std::max(1.0, plot.width());
    const double msPerColumn = double(m_toSecond - m_fromSecond) * 1000.0 / width;
    const double phase = plot.left() - std::floor(plot.left());
    const double columns = std::ceil(double(m_fromSecond) * 1000.0 / msPerColumn);
    const double fromMs = columns * msPerColumn;
    const double toMs = fromMs + double(m_toSecond - m_fromSecond) * 1000.0;
    const auto firstSecond = qint64(std::ceil(fromMs / 1000.0));
    const auto lastSecond = qint64(std::floor(toMs / 1000.0));
    double dataMax = 0;
    for (Line *line : std::as_const(m_lines)) {
        M4Decimator::updateGrid(line->cache, *line->series, msPerColumn, phase, qint64(columns),
                                qint64(std::floor(toMs / msPerColumn + phase)), firstSecond,
                                lastSecond);
        for (const M4Decimator::Column &column : line->cache.columns) {
            if (!column.empty)
                dataMax = std::max({dataMax, column.max * line->scale, column.min * line->scale});
        }
    }
    const auto axisFrom = qint64(std::llround(fromMs));
    const auto axisTo = qint64(std::llround(toMs));
    const ValueScale scale = valueScale(dataMax);
    const double valueMax = scale.max;
    const bool axesChanged = axisFrom != m_axisFromMs || axisTo != m_axisToMs
        || m_valueAxis->max() != valueMax || m_valueAxis->min() != 0
        || m_valueAxis->tickCount() != scale.ticks;
    if (axesChanged) {
        // Every point moves: empty the series first, so that QtCharts strokes each line once
        // (on the reload below) instead of once for the new axes and again for the new points.
        for (Line *line : std::as_const(m_lines)) {
            for (qsizetype i = 0; i < line->pool.size(); ++i) {
                if (!line->loaded.at(i).isEmpty())
                    line->pool.at(i)->clear();
                line->loaded[i].clear();
            }
        }
        m_axisFromMs = axisFrom;
        m_axisToMs = axisTo;
        // Tick counts first: QtCharts sizes the labels when the range changes.
        constexpr int kPixelsPerTimeLabel = 110; // "HH:mm:ss" plus a gap
        const int timeTicks
            = std::clamp(int(chart()->plotArea().width()) / kPixelsPerTimeLabel + 1, 2, 7);
        if (m_timeAxis->tickCount() != timeTicks) // each change re-lays out the labels
            m_timeAxis->setTickCount(timeTicks);
        if (m_valueAxis->tickCount() != scale.ticks)
            m_valueAxis->setTickCount(scale.ticks);
        m_timeAxis->setRange(QDateTime::fromMSecsSinceEpoch(axisFrom),
                             QDateTime::fromMSecsSinceEpoch(axisTo));
        m_valueAxis->setRange(0, valueMax);
    }
    // Each column keeps the samples that make QtCharts draw the pixels of the full line (P11),
    // for the plot and axes as they are now (a later layout change refreshes again). A few
    // columns (the newest, live) are refined now; a whole window is refined in slices after
    // this frame, which shows its M4 points meanwhile (P8: the frame's cost stays M4's).
    m_refinedPlot = chart()->plotArea();
    bool pending = false;
    for (Line *line : std::as_const(m_lines)) {
        line->map = {m_refinedPlot.left(),
                     m_refinedPlot.top(),
                     m_refinedPlot.width(),
                     m_refinedPlot.height(),
                     double(m_axisFromMs),
                     double(m_axisToMs),
                     m_valueAxis->min() / line->scale,
                     m_valueAxis->max() / line->scale};
        line->refinePending
            = M4Decimator::refineGrid(line->cache, *line->series, line->map, kRefineNow) > 0;
        pending = pending || line->refinePending;
        loadLine(*line, piecesOf(line->cache));
    }
    if (pending)
        m_refineTimer->start();
    if (axesChanged || (!m_cursor.isNull() && m_cursor->position().has_value()))
        viewport()->update(); // the overlays follow the axes; else QtCharts repaints what changed
}

void SignalChartView::refineSlice()
{
    qsizetype budget = kRefineSlice;
    bool pending = false;
    for (Line *line : std::as_const(m_lines)) {
        if (!line->refinePending)
            continue;
        const qsizetype left
            = M4Decimator::refineGrid(line->cache, *line->series, line->map, budget);
        budget = std::max<qsizetype>(0, budget - kRefineSlice);
        line->refinePending = left > 0;
        if (left == 0)
            loadLine(*line, piecesOf(line->cache)); // once, when the whole line is exact
        pending = pending || line->refinePending;
    }
    if (pending)
        m_refineTimer->start();
}

bool SignalChartView::isRefined() const
{
    return std::none_of(m_lines.cbegin(), m_lines.cend(),
                        [](const Line *line) { return line->refinePending; });
}

QList<M4Decimator::Segment> SignalChartView::piecesOf(const M4Decimator::GridCache &cache)
{
    // The finished columns, then the newest column on its own, joined to its predecessor by the
    // predecessor's last point: QtCharts strokes every segment of a line separately, so the
    // pieces draw the same pixels as one polyline, and a new sample reloads only the last one.
    const auto count = qsizetype(cache.columns.size());
    if (count == 0)
        return {};
    M4Decimator::GridCache finished {cache.msPerColumn,
                                     cache.phase,
                                     cache.firstIndex,
                                     {cache.columns.begin(), cache.columns.end() - 1}};
    QList<M4Decimator::Segment> pieces = M4Decimator::segmentsOf(finished);
    const M4Decimator::Column &newest = cache.columns.back();
    if (!newest.empty) {
        M4Decimator::Segment tail;
        if (count >= 2 && !cache.columns[std::size_t(count - 2)].empty && !pieces.isEmpty())
            tail.append(pieces.last().last());
        newest.emitInto(tail);
        pieces.append(tail);
    }
    return pieces;
}

void SignalChartView::loadLine(Line &line, const QList<M4Decimator::Segment> &segments)
{
    const qsizetype needed = std::max<qsizetype>(1, segments.size());
    while (line.pool.size() < needed) {
        auto *series = new QLineSeries;
        series->setName(line.name);
        QPen pen(line.color);
        pen.setWidthF(1.0); // P11: 1 px lines keep the decimated image equal to the full one
        series->setPen(pen);
        series->setPointsVisible(false);
        chart()->addSeries(series);
        series->attachAxis(m_timeAxis);
        series->attachAxis(m_valueAxis);
        const auto markers = chart()->legend()->markers(series);
        const bool first = line.pool.isEmpty();
        for (QLegendMarker *marker : markers)
            marker->setVisible(first); // one legend entry per line, not per segment
        line.pool.append(series);
        line.loaded.append(M4Decimator::Segment());
    }
    line.loadedPoints = 0;
    for (qsizetype i = 0; i < line.pool.size(); ++i) {
        QList<QPointF> points = i < segments.size() ? segments.at(i) : QList<QPointF>();
        if (line.scale != 1.0) {
            for (QPointF &p : points)
                p.setY(p.y() * line.scale);
        }
        line.loadedPoints += points.size();
        if (points == line.loaded.at(i))
            continue; // unchanged: QtCharts neither recomputes nor repaints it
        // One bulk load; append(QList) is quadratic in Qt 6.4.
        line.pool.at(i)->replace(points);
        line.loaded[i] = std::move(points);
    }
}

SignalChartView::ValueScale SignalChartView::valueScale(double dataMax) const
{
    double top = dataMax * 1.15;
    // Show the limit when the data come within reach of it, so an ops lead sees how close it is.
    if (m_threshold && dataMax >= 0.5 * *m_threshold)
        top = std::max(top, *m_threshold * 1.1);
    // Round steps, at most four intervals and never more than fit the plot's height (QtCharts
    // elides labels that overlap): the top is the next multiple of the step.
    const int intervals
        = std::clamp(int(chart()->plotArea().height()) / kPixelsPerValueLabel, 1, 4);
    const double step = niceStep(top / intervals);
    const int steps = std::max(1, int(std::ceil(top / step - 1e-9)));
    return {step * steps, steps + 1};
}

qsizetype SignalChartView::loadedPointCount() const
{
    qsizetype n = 0;
    for (const Line *line : m_lines)
        n += line->loadedPoints;
    return n;
}

QStringList SignalChartView::valuesAt(qint64 epochMs) const
{
    QStringList values;
    for (const Line *line : m_lines) {
        const double v = line->series->valueAt(epochMs / 1000) * line->scale;
        values.append(line->name + QLatin1Char(' ') + formatValue(v, m_unit));
    }
    return values;
}

qreal SignalChartView::xAtTime(qint64 epochMs) const
{
    const QRectF plot = chart()->plotArea();
    const double span = double(std::max<qint64>(1, m_axisToMs - m_axisFromMs));
    const double fraction = (double(epochMs) - double(m_axisFromMs)) / span;
    return chart()->mapToScene(QPointF(plot.left() + fraction * plot.width(), 0)).x();
}

void SignalChartView::resizeEvent(QResizeEvent *event)
{
    QChartView::resizeEvent(event);
    refresh(); // the decimation width is the plot's pixel width
}

void SignalChartView::mouseMoveEvent(QMouseEvent *event)
{
    const QPointF scenePos = mapToScene(event->position().toPoint());
    const QRectF plot = chart()->mapRectToScene(chart()->plotArea());
    if (m_dragStartX) {
        m_dragCurrentX = std::clamp(scenePos.x(), plot.left(), plot.right());
        viewport()->update();
    }
    if (m_cursor && plot.contains(scenePos)) {
        const double fraction = (scenePos.x() - plot.left()) / plot.width();
        m_cursor->setPosition(
            qint64(double(m_axisFromMs) + fraction * double(m_axisToMs - m_axisFromMs)));
    }
    QChartView::mouseMoveEvent(event);
}

void SignalChartView::mousePressEvent(QMouseEvent *event)
{
    const QPointF scenePos = mapToScene(event->position().toPoint());
    const QRectF plot = chart()->mapRectToScene(chart()->plotArea());
    if (event->button() == Qt::LeftButton && plot.contains(scenePos)) {
        m_dragStartX = scenePos.x();
        m_dragCurrentX = scenePos.x();
        event->accept();
        return;
    }
    QChartView::mousePressEvent(event);
}

void SignalChartView::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton && m_dragStartX) {
        const qreal a = std::min(*m_dragStartX, m_dragCurrentX);
        const qreal b = std::max(*m_dragStartX, m_dragCurrentX);
        m_dragStartX.reset();
        viewport()->update();
        if (b - a >= kMinDragPixels) {
            const QRectF plot = chart()->mapRectToScene(chart()->plotArea());
            const double span = double(m_axisToMs - m_axisFromMs) / 1000.0;
            const double start = double(m_axisFromMs) / 1000.0;
            const auto from = qint64(start + (a - plot.left()) / plot.width() * span);
            const auto to = qint64(start + (b - plot.left()) / plot.width() * span);
            if (to > from)
                Q_EMIT windowSelected(from, to);
        }
        event->accept();
        return;
    }
    QChartView::mouseReleaseEvent(event);
}

void SignalChartView::leaveEvent(QEvent *event)
{
    QChartView::leaveEvent(event);
}

void SignalChartView::drawForeground(QPainter *painter, const QRectF &rect)
{
    QChartView::drawForeground(painter, rect);
    const QRectF plot = chart()->mapRectToScene(chart()->plotArea());
    if (plot.width() <= 0 || m_toSecond <= m_fromSecond)
        return;
    painter->save();
    painter->setClipRect(plot.adjusted(0, -2, 0, 2));
    const QFontMetrics metrics(font());
    if (m_threshold)
        ChartOverlay::drawThreshold(*painter, plot, *m_threshold, m_valueAxis->max(),
                                    m_thresholdLabel);
    ChartOverlay::drawMarkers(*painter, plot, metrics, palette(), m_markers,
                              [this](qint64 ms) { return xAtTime(ms); });
    if (m_dragStartX)
        ChartOverlay::drawSelection(*painter, plot, palette(), *m_dragStartX, m_dragCurrentX);
    if (m_cursor && m_cursor->position()) {
        const qint64 ms = *m_cursor->position();
        const QStringList lines
            = QStringList {QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("HH:mm:ss"))}
            + valuesAt(ms);
        ChartOverlay::drawCursor(*painter, plot, metrics, palette(), xAtTime(ms), lines);
    }
    painter->restore();
}
