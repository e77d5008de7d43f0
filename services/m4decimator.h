#pragma once

#include "timeseries.h"

#include <QList>
#include <QPointF>

#include <limits>
#include <vector>

// Reduces a window of a TimeSeries to at most four points per pixel column
// (first, min, max, last: "M4"), so that a chart's cost depends on its width,
// not on the hours of data, and no one-sample spike is lost (LTTB can drop
// them). A pixel column without any sample breaks the line: the result is a
// list of segments, each drawn as its own polyline, so gaps stay gaps. Points
// are (epoch milliseconds, value).
namespace M4Decimator {

using Segment = QList<QPointF>;

/// How QtCharts maps a point (epoch ms, value) to device pixels: its plot area and axis ranges,
/// with its own floating-point formula (XYDomain::calculateGeometryPoints plus the item's
/// position), so that AliasedLine sees the very coordinates QtCharts draws.
struct DeviceMap
{
    double left = 0, top = 0, width = 0, height = 0;
    double minX = 0, maxX = 1, minY = 0, maxY = 1;

    QPointF map(double x, double y) const;
    bool isValid() const { return width > 0 && height > 0 && maxX > minX && maxY > minY; }
    friend bool operator==(const DeviceMap &, const DeviceMap &) = default;
};

/// Decimates seconds [fromSecond, toSecond] of `series`, drawn across `pixelWidth` device
/// pixels whose first boundary lies `pixelOffset` pixels before fromSecond (pass the fractional
/// part of the plot's left edge so that columns match the pixels exactly).
QList<Segment> decimate(const TimeSeries &series,
                        qint64 fromSecond,
                        qint64 toSecond,
                        double pixelWidth,
                        double pixelOffset = 0.0);

/// decimate(), each column refined for `map` (Column::refine): the decimated line draws the
/// pixels of the full line, and the window is the map's x range.
QList<Segment>
decimateExact(const TimeSeries &series, qint64 fromSecond, qint64 toSecond, const DeviceMap &map);

/// Total number of points over all segments.
qsizetype pointCount(const QList<Segment> &segments);

/// The first/min/max/last of one pixel column.
struct Column
{
    qint64 firstSecond = 0, minSecond = 0, maxSecond = 0, lastSecond = 0;
    double first = 0, min = 0, max = 0, last = 0;
    bool empty = true;
    qint64 fromSecond = 0, toSecond = -1; ///< the held seconds it was computed over
    /// The samples refine() kept for `exactFor` (empty: not refined, emit the M4 points).
    QList<QPointF> exact;
    DeviceMap exactFor;

    void add(qint64 second, double value);
    /// Appends the column's points in time order, each second at most once.
    void emitInto(Segment &segment) const;
    /// Adds to the M4 points the samples needed for QtCharts' aliased 1 px line through the
    /// kept points to set exactly the pixels of the line through all the column's samples
    /// (the line through first/min/max/last alone misses or adds a pixel where QtCharts
    /// extrapolates a short flat segment to its pixel's edge). Every kept point is a sample,
    /// in time order; spikes stay (min and max are always kept).
    void refine(const TimeSeries &series, const DeviceMap &map);
};

/// Columns on an absolute time grid: column k holds the seconds s with
/// floor(s * 1000 / msPerColumn + phase) == k. A chart whose window starts on a column
/// boundary (see GridCache::snapFromMs) keeps every earlier column when it slides by whole
/// columns, so a new sample costs the recomputation of the columns it touches, not of the
/// window (P9).
struct GridCache
{
    double msPerColumn = 0;
    double phase = 0;
    qint64 firstIndex = 0; ///< absolute index of columns[0]
    std::vector<Column> columns;

    qint64 indexOf(qint64 second) const;
    /// The first second of column `index` (the last one is firstSecondOf(index + 1) - 1).
    qint64 firstSecondOf(qint64 index) const;
};

/// Brings `cache` to the columns [firstIndex, lastIndex] of the grid (msPerColumn, phase),
/// over the seconds [fromSecond, toSecond] of `series`: keeps every column whose held second
/// range is unchanged and recomputes only the others (the newest, and the oldest when the ring
/// drops samples). A grid change recomputes all. Returns the number of columns recomputed.
qsizetype updateGrid(GridCache &cache,
                     const TimeSeries &series,
                     double msPerColumn,
                     double phase,
                     qint64 firstIndex,
                     qint64 lastIndex,
                     qint64 fromSecond,
                     qint64 toSecond);

/// Refines up to `maxColumns` of the non-empty columns of `cache` not yet refined for `map`
/// (refined for another map, or recomputed since), newest first. Returns how many are left.
qsizetype refineGrid(GridCache &cache,
                     const TimeSeries &series,
                     const DeviceMap &map,
                     qsizetype maxColumns = std::numeric_limits<qsizetype>::max());

/// The segments of the cached columns (an empty column ends a segment).
QList<Segment> segmentsOf(const GridCache &cache);

} // namespace M4Decimator
