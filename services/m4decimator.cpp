#include "m4decimator.h"

#include <cmath>

namespace M4Decimator {
namespace {

struct Column
{
    qint64 firstSecond = 0, minSecond = 0, maxSecond = 0, lastSecond = 0;
    double first = 0, min = 0, max = 0, last = 0;
    bool empty = true;

    void add(qint64 second, double value)
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

    // Appends the column's points in time order, each second at most once.
    void emitInto(Segment &segment) const
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
};

} // namespace

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

qsizetype pointCount(const QList<Segment> &segments)
{
    qsizetype n = 0;
    for (const Segment &segment : segments)
        n += segment.size();
    return n;
}

} // namespace M4Decimator
