#include "m4decimator.h"

#include <cmath>

namespace M4Decimator {
void Column::add(qint64 second, double value)
{
    if (empty) {
        firstSecond = minSecond = maxSecond = lastSecond = second;
        first = min = max = last = value;
        empty = false;
        return;
    }
    if (value < min) {
        min = value;
        minSecond = second;
    }
    if (value > max) {
        max = value;
        maxSecond = second;
    }
    last = value;
    lastSecond = second;
}

void Column::emitInto(Segment &segment) const
{
    qint64 seconds[4] = {firstSecond, minSecond, maxSecond, lastSecond};
    double values[4] = {first, min, max, last};
    if (maxSecond < minSecond) {
        std::swap(seconds[1], seconds[2]);
        std::swap(values[1], values[2]);
    }
    qint64 previous = firstSecond - 1;
    for (int i = 0; i < 4; ++i) {
        if (seconds[i] == previous)
            continue;
        segment.append(QPointF(double(seconds[i]) * 1000.0, values[i]));
        previous = seconds[i];
    }
}

QList<Segment> decimate(const TimeSeries &series,
                        qint64 fromSecond,
                        qint64 toSecond,
                        double pixelWidth,
                        double pixelOffset)
{
    QList<Segment> segments;
    if (series.isEmpty() || pixelWidth <= 0 || toSecond < fromSecond)
        return segments;
    // The axis maps fromSecond to the plot's left edge and toSecond to its right edge; columns
    // follow the device pixels, which start `pixelOffset` (the fractional part of the plot's
    // left edge) before the plot.
    const double span = double(std::max<qint64>(1, toSecond - fromSecond));
    const double columnsPerSecond = pixelWidth / span;

    Segment current;
    Column column;
    qint64 columnIndex = -1;
    auto closeColumn = [&] {
        if (column.empty) {
            // A pixel column with no sample at all is a visible gap: end the
            // polyline.
            if (!current.isEmpty())
                segments.append(std::exchange(current, {}));
        } else {
            column.emitInto(current);
        }
        column = {};
    };

    // A NaN second adds nothing to its column; a column left without any sample
    // closes the polyline. Zoomed out, a gap narrower than a pixel column
    // therefore does not break the line (it could not be seen); zoomed in, every
    // missing second is at least one empty column.
    series.forEach(fromSecond, toSecond, [&](qint64 second, double value) {
        const auto index
            = qint64(std::floor(pixelOffset + double(second - fromSecond) * columnsPerSecond));
        if (index != columnIndex) {
            if (columnIndex >= 0)
                closeColumn();
            columnIndex = index;
        }
        if (!std::isnan(value))
            column.add(second, value);
    });
    if (columnIndex >= 0)
        closeColumn();
    if (!current.isEmpty())
        segments.append(std::move(current));
    return segments;
}

qint64 GridCache::indexOf(qint64 second) const
{
    return qint64(std::floor(double(second) * 1000.0 / msPerColumn + phase));
}

qint64 GridCache::firstSecondOf(qint64 index) const
{
    // The exact inverse of indexOf, whatever the rounding of the estimate.
    auto second = qint64(std::ceil((double(index) - phase) * msPerColumn / 1000.0));
    while (indexOf(second) >= index)
        --second;
    while (indexOf(second) < index)
        ++second;
    return second;
}

qsizetype updateGrid(GridCache &cache,
                     const TimeSeries &series,
                     double msPerColumn,
                     double phase,
                     qint64 firstIndex,
                     qint64 lastIndex,
                     qint64 fromSecond,
                     qint64 toSecond)
{
    if (cache.msPerColumn != msPerColumn || cache.phase != phase) {
        cache = GridCache {msPerColumn, phase, firstIndex, {}};
    }
    const qint64 count = std::max<qint64>(0, lastIndex - firstIndex + 1);
    // Re-index: keep the columns both ranges share.
    std::vector<Column> columns(std::size_t(count), Column {});
    for (qint64 i = 0; i < count; ++i) {
        const qint64 old = firstIndex + i - cache.firstIndex;
        if (old >= 0 && old < qint64(cache.columns.size()))
            columns[std::size_t(i)] = cache.columns[std::size_t(old)];
    }
    cache.columns = std::move(columns);
    cache.firstIndex = firstIndex;
    if (series.isEmpty()) {
        fromSecond = 0;
        toSecond = -1;
    } else {
        fromSecond = std::max(fromSecond, series.firstSecond());
        toSecond = std::min(toSecond, series.lastSecond());
    }

    qsizetype recomputed = 0;
    for (qint64 i = 0; i < count; ++i) {
        const qint64 index = firstIndex + i;
        const qint64 from = std::max(fromSecond, cache.firstSecondOf(index));
        const qint64 to = std::min(toSecond, cache.firstSecondOf(index + 1) - 1);
        Column &column = cache.columns[std::size_t(i)];
        // The newest column is always recomputed: a late sample may be written in place there.
        const bool newest = i == count - 1;
        if (!newest && column.fromSecond == from && column.toSecond == to)
            continue;
        column = Column {};
        column.fromSecond = from;
        column.toSecond = to;
        series.forEach(from, to, [&column](qint64 second, double value) {
            if (!std::isnan(value))
                column.add(second, value);
        });
        ++recomputed;
    }
    return recomputed;
}

QList<Segment> segmentsOf(const GridCache &cache)
{
    QList<Segment> segments;
    Segment current;
    for (const Column &column : cache.columns) {
        if (column.empty) {
            // Only a column that holds seconds and no sample is a gap; one outside the data
            // held (before the first sample) just has nothing to draw.
            if (!current.isEmpty() && column.toSecond >= column.fromSecond)
                segments.append(std::exchange(current, {}));
            continue;
        }
        column.emitInto(current);
    }
    if (!current.isEmpty())
        segments.append(std::move(current));
    return segments;
}

qsizetype pointCount(const QList<Segment> &segments)
{
    qsizetype n = 0;
    for (const Segment &segment : segments)
        n += segment.size();
    return n;
}

} // namespace M4Decimator
