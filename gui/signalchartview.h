#pragma once

#include "chartoverlay.h"
#include "m4decimator.h"

#include <QChartView>
#include <QColor>
#include <QList>
#include <QPointer>
#include <QString>

#include <optional>

class QDateTimeAxis;
class QTimer;
class QLineSeries;
class QValueAxis;
class TimeCursor;
class TimeSeries;

// One golden-signal chart. It never hands QtCharts more than four points per
// pixel column: each line's window is reduced per pixel column (M4, spikes kept,
// gaps kept) on a grid aligned to absolute time, and the shown range starts on a
// column boundary (less than a pixel after the requested start). A refresh
// recomputes only the columns whose samples changed (the newest, and the oldest
// when the ring drops samples), reloads only the pieces whose points changed (the
// newest column is a piece of its own), and moves the axes only when a whole
// column has passed: a new sample costs what changes visibly (P9). The shared
// TimeCursor, the P1 threshold and the action markers are painted over the plot
// (ChartOverlay), so moving them costs no series update. Fed by the dashboard page, which owns
// the window (5 min … 24 h, follow-live or paused).
class SignalChartView final : public QChartView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SignalChartView)

public:
    explicit SignalChartView(const QString &title, const QString &unit, QWidget *parent = nullptr);
    ~SignalChartView() override;

    /// Adds a line drawn from `series` (not owned; must outlive the view), values
    /// times `scale`.
    void
    addLine(const QString &name, const TimeSeries *series, const QColor &color, double scale = 1.0);
    /// Removes the lines added after the first `count` (their series leave the chart).
    void removeLinesFrom(qsizetype count);
    /// The names of the lines, in the order added (the legend's entries).
    QStringList lineNames() const;
    /// A dashed limit line (e.g. the runbook's P1 limit) with its label.
    void setThreshold(double value, const QString &label);
    void setMarkers(const QList<ChartMarker> &markers);
    void setTimeCursor(TimeCursor *cursor);

    /// Shows seconds [fromSecond, toSecond] and re-decimates.
    void setWindow(qint64 fromSecond, qint64 toSecond);
    /// Re-decimates the current window (new samples arrived).
    void refresh();

    /// True when every column holds the samples QtCharts needs to draw the full line's pixels
    /// (a refresh over many columns finishes that in slices on the event loop).
    bool isRefined() const;
    /// Points handed to QtCharts by the last refresh (for tests and benchmarks).
    qsizetype loadedPointCount() const;
    /// The value of each line at the cursor's second, "name value unit" (for the
    /// tooltip/tests).
    QStringList valuesAt(qint64 epochMs) const;

Q_SIGNALS:
    /// The user dragged across the plot: zoom to these seconds (the page
    /// decides).
    void windowSelected(qint64 fromSecond, qint64 toSecond);

protected:
    void resizeEvent(QResizeEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;
    void drawForeground(QPainter *painter, const QRectF &rect) override;

private:
    struct Line;
    void loadLine(Line &line, const QList<M4Decimator::Segment> &segments);
    void refreshPass(); ///< one decimation for the plot area as it is now
    void refineSlice();
    static QList<M4Decimator::Segment> piecesOf(const M4Decimator::GridCache &cache);
    struct ValueScale
    {
        double max = 1; ///< a whole number of round steps
        int ticks = 2;
    };
    ValueScale valueScale(double dataMax) const;
    qint64 timeAtX(qreal x) const;
    qreal xAtTime(qint64 epochMs) const;

    QList<Line *> m_lines;
    QDateTimeAxis *m_timeAxis = nullptr;
    QValueAxis *m_valueAxis = nullptr;
    QString m_unit;
    QTimer *m_refineTimer;
    std::optional<double> m_threshold;
    QString m_thresholdLabel;
    QList<ChartMarker> m_markers;
    QPointer<TimeCursor> m_cursor;
    qint64 m_fromSecond = 0;
    qint64 m_toSecond = 0;
    qint64 m_axisFromMs = 0; ///< the time axis as shown: the window snapped to the column grid
    qint64 m_axisToMs = 0;
    QRectF m_refinedPlot; ///< the plot area the columns were last refined for
    bool m_refreshing = false; ///< inside refresh(): a moved plot area asks for another pass
    bool m_plotMoved = false; ///< the plot area moved during this pass of refresh()
    std::optional<qreal> m_dragStartX;
    qreal m_dragCurrentX = 0;
};
