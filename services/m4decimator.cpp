#include "m4decimator.h"

#include "aliasedline.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace M4Decimator {

namespace {

// A column needs one or two steps on average (P11's day: 1.1); the cap bounds a pathological one.
constexpr int kMaxRefineSteps = 16;

// The pixels around one column: which segment of the full line sets each (0 = none, else the
// segment's first sample + 1) and whether the line through the kept samples sets it.
struct PixelGrid
{
    int left = 0, top = 0, width = 0, height = 0;
    std::vector<qsizetype> wanted;
    std::vector<char> drawn;

    void reset(const std::vector<QPointF> &device)
    {
        double minX = device.front().x(), maxX = minX, minY = device.front().y(), maxY = minY;
        for (const QPointF &p : device) {
            minX = std::min(minX, p.x());
            maxX = std::max(maxX, p.x());
            minY = std::min(minY, p.y());
            maxY = std::max(maxY, p.y());
        }
        // A segment's pixels stay within a pixel of its ends (the half-pixel caps).
        left = int(std::floor(minX)) - 2;
        top = int(std::floor(minY)) - 2;
        width = int(std::floor(maxX)) + 3 - left;
        height = int(std::floor(maxY)) + 3 - top;
        wanted.assign(std::size_t(width) * std::size_t(height), 0);
        drawn.assign(wanted.size(), 0);
    }
    std::size_t cell(int x, int y) const
    {
        return std::size_t(std::clamp(y - top, 0, height - 1)) * std::size_t(width)
            + std::size_t(std::clamp(x - left, 0, width - 1));
    }
};

// One step towards the full line's pixels: keeps both ends of a segment of the full line that
// sets a pixel the kept line misses, or else splits a kept segment that sets a pixel the full
// line does not. False when the pixels are equal or nothing can be added.
bool refineStep(const std::vector<QPointF> &device, PixelGrid &grid, std::vector<qsizetype> &kept)
{
    std::fill(grid.drawn.begin(), grid.drawn.end(), 0);
    for (std::size_t k = 1; k < kept.size(); ++k) {
        AliasedLine::forEachPixel(device[std::size_t(kept[k - 1])], device[std::size_t(kept[k])],
                                  [&grid](int x, int y) { grid.drawn[grid.cell(x, y)] = 1; });
    }
    std::size_t extra = grid.drawn.size();
    for (std::size_t i = 0; i < grid.drawn.size(); ++i) {
        if (grid.wanted[i] != 0 && !grid.drawn[i]) {
            const qsizetype segment = grid.wanted[i] - 1;
            kept.push_back(segment);
            kept.push_back(segment + 1);
            std::sort(kept.begin(), kept.end());
            kept.erase(std::unique(kept.begin(), kept.end()), kept.end());
            return true;
        }
        if (grid.wanted[i] == 0 && grid.drawn[i] && extra == grid.drawn.size())
            extra = i;
    }
    if (extra == grid.drawn.size())
        return false;
    for (std::size_t k = 1; k < kept.size(); ++k) {
        if (kept[k] - kept[k - 1] < 2)
            continue;
        bool sets = false;
        AliasedLine::forEachPixel(device[std::size_t(kept[k - 1])], device[std::size_t(kept[k])],
                                  [&](int x, int y) { sets = sets || grid.cell(x, y) == extra; });
        if (sets) {
            kept.insert(kept.begin() + qsizetype(k), (kept[k - 1] + kept[k]) / 2);
            return true;
        }
    }
    return false;
}

} // namespace

QPointF DeviceMap::map(double x, double y) const
{
    const double deltaX = width / (maxX - minX);
    const double deltaY = height / (maxY - minY);
    return {left + (x - minX) * deltaX, top + ((y - minY) * -deltaY + height)};
}

void Column::refine(const TimeSeries &series, const DeviceMap &map)
{
    exact.clear();
    exactFor = map;
    if (empty)
        return;
    // Scratch buffers, reused across columns: a refresh refines every column of every line.
    thread_local std::vector<QPointF> samples;
    thread_local std::vector<QPointF> device;
    thread_local std::vector<qsizetype> kept;
    thread_local PixelGrid grid;
    samples.clear();
    kept.clear();
    series.forEach(fromSecond, toSecond, [&](qint64 second, double value) {
        if (std::isnan(value))
            return;
        if (second == firstSecond || second == minSecond || second == maxSecond
            || second == lastSecond)
            kept.push_back(qsizetype(samples.size()));
        samples.emplace_back(double(second) * 1000.0, value);
    });
    if (samples.size() > 4 && map.isValid()) {
        device.clear();
        for (const QPointF &p : samples)
            device.push_back(map.map(p.x(), p.y()));
        grid.reset(device);
        for (std::size_t i = 1; i < device.size(); ++i) {
            AliasedLine::forEachPixel(device[i - 1], device[i], [&](int x, int y) {
                qsizetype &owner = grid.wanted[grid.cell(x, y)];
                if (owner == 0)
                    owner = qsizetype(i); // segment i - 1, plus one
            });
        }
        for (int step = 0; step < kMaxRefineSteps && refineStep(device, grid, kept); ++step) { }
    } else {
        kept.clear();
        for (std::size_t i = 0; i < samples.size(); ++i)
            kept.push_back(qsizetype(i));
    }
    exact.reserve(qsizetype(kept.size()));
    for (qsizetype i : kept)
        exact.append(samples[std::size_t(i)]);
}

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
    if (!exact.isEmpty()) {
        segment.append(exact);
        return;
    }
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

namespace {

// Columns of consecutive seconds with the same `indexOf(second)`; `map` (optional) refines each.
template<typename IndexOf>
QList<Segment> decimateColumns(const TimeSeries &series,
                               qint64 fromSecond,
                               qint64 toSecond,
                               IndexOf indexOf,
                               const DeviceMap *map)
{
    QList<Segment> segments;
    Segment current;
    Column column;
    qint64 columnIndex = std::numeric_limits<qint64>::min();
    auto closeColumn = [&] {
        if (column.empty) {
            // A pixel column with no sample at all is a visible gap: end the polyline.
            if (!current.isEmpty())
                segments.append(std::exchange(current, {}));
        } else {
            if (map)
                column.refine(series, *map);
            column.emitInto(current);
        }
        column = {};
    };

    // A NaN second adds nothing to its column; a column left without any sample closes the
    // polyline. Zoomed out, a gap narrower than a pixel column therefore does not break the line
    // (it could not be seen); zoomed in, every missing second is at least one empty column.
    series.forEach(fromSecond, toSecond, [&](qint64 second, double value) {
        const qint64 index = indexOf(second);
        if (index != columnIndex) {
            if (columnIndex != std::numeric_limits<qint64>::min())
                closeColumn();
            columnIndex = index;
            column.fromSecond = second;
        }
        column.toSecond = second;
        if (!std::isnan(value))
            column.add(second, value);
    });
    if (columnIndex != std::numeric_limits<qint64>::min())
        closeColumn();
    if (!current.isEmpty())
        segments.append(std::move(current));
    return segments;
}

} // namespace

QList<Segment> decimate(const TimeSeries &series,
                        qint64 fromSecond,
                        qint64 toSecond,
                        double pixelWidth,
                        double pixelOffset)
{
    if (series.isEmpty() || pixelWidth <= 0 || toSecond < fromSecond)
        return {};
    // The axis maps fromSecond to the plot's left edge and toSecond to its right edge; columns
    // follow the device pixels, which start `pixelOffset` (the fractional part of the plot's
    // left edge) before the plot.
    const double span = double(std::max<qint64>(1, toSecond - fromSecond));
    const double columnsPerSecond = pixelWidth / span;
    return decimateColumns(
        series, fromSecond, toSecond,
        [&](qint64 second) {
            return qint64(std::floor(pixelOffset + double(second - fromSecond) * columnsPerSecond));
        },
        nullptr);
}

QList<Segment>
decimateExact(const TimeSeries &series, qint64 fromSecond, qint64 toSecond, const DeviceMap &map)
{
    if (series.isEmpty() || !map.isValid() || toSecond < fromSecond)
        return {};
    // Columns are the device pixels QtCharts draws in.
    return decimateColumns(
        series, fromSecond, toSecond,
        [&](qint64 second) { return qint64(std::floor(map.map(double(second) * 1000.0, 0).x())); },
        &map);
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

qsizetype
refineGrid(GridCache &cache, const TimeSeries &series, const DeviceMap &map, qsizetype maxColumns)
{
    qsizetype left = 0;
    for (auto column = cache.columns.rbegin(); column != cache.columns.rend(); ++column) {
        if (column->empty || (column->exactFor == map && !column->exact.isEmpty()))
            continue;
        if (maxColumns > 0) {
            column->refine(series, map);
            --maxColumns;
        } else {
            ++left;
        }
    }
    return left;
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
