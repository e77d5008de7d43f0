#pragma once

#include "timeseries.h"

#include <QList>
#include <QPointF>

// Reduces a window of a TimeSeries to at most four points per pixel column
// (first, min, max, last: "M4"), so that a chart's cost depends on its width,
// not on the hours of data, and no one-sample spike is lost (LTTB can drop
// them). A pixel column without any sample breaks the line: the result is a
// list of segments, each drawn as its own polyline, so gaps stay gaps. Points
// are (epoch milliseconds, value).
namespace M4Decimator {

using Segment = QList<QPointF>;

/// Decimates seconds [fromSecond, toSecond] of `series`, drawn across `pixelWidth` device
/// pixels whose first boundary lies `pixelOffset` pixels before fromSecond (pass the fractional
/// part of the plot's left edge so that columns match the pixels exactly).
QList<Segment> decimate(const TimeSeries &series,
                        qint64 fromSecond,
                        qint64 toSecond,
                        double pixelWidth,
                        double pixelOffset = 0.0);

/// Total number of points over all segments.
qsizetype pointCount(const QList<Segment> &segments);

} // namespace M4Decimator
