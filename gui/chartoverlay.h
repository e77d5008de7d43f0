#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

class QFontMetrics;
class QPainter;
class QPalette;
class QRectF;

/// A vertical line on every chart at the time of an operator action or mode
/// change.
struct ChartMarker
{
    qint64 epochMs = 0;
    QString label;
};

// What SignalChartView paints over its plot: the runbook's P1 limit, the action markers, the
// drag-to-zoom band and the shared cursor with its values. Painted, not series, so that moving
// them costs no series update. `plot` is in scene coordinates; `xAt` maps epoch ms to x there.
namespace ChartOverlay {

/// A dashed limit line at `value` of an axis from 0 to `axisTop`, with its label (text, not
/// colour alone). Nothing when the limit is above the axis.
void drawThreshold(
    QPainter &painter, const QRectF &plot, double value, double axisTop, const QString &label);

/// A dotted line per marker inside the plot. Labels of markers close together go on the next
/// line down, never over each other; when the plot has no line left, the marker keeps its line
/// and loses its label.
void drawMarkers(QPainter &painter,
                 const QRectF &plot,
                 const QFontMetrics &metrics,
                 const QPalette &palette,
                 const QList<ChartMarker> &markers,
                 const std::function<qreal(qint64)> &xAt);

/// The band between two x positions while the user drags to zoom.
void drawSelection(
    QPainter &painter, const QRectF &plot, const QPalette &palette, qreal fromX, qreal toX);

/// The cursor's line at `x` and a box with `lines` (time, then each line's value) beside it,
/// on whichever side has room.
void drawCursor(QPainter &painter,
                const QRectF &plot,
                const QFontMetrics &metrics,
                const QPalette &palette,
                qreal x,
                const QStringList &lines);

} // namespace ChartOverlay
