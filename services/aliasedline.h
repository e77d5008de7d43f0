#pragma once

#include <QPointF>

#include <cmath>
#include <cstdlib>
#include <utility>
#include <vector>

// The pixels Qt 6.4's raster engine sets for one QPainter::drawLine of an aliased, solid, 1 px
// pen with square caps (QCosmeticStroker's aliased path: 26.6 fixed point, a half-pixel cap at
// each end, one pixel per row or column). QtCharts' QLineSeries draws each segment so, which
// lets M4Decimator keep exactly the samples the line's pixels need (P11).
namespace AliasedLine {

struct Pixel
{
    int x = 0;
    int y = 0;
    friend bool operator==(const Pixel &, const Pixel &) = default;
    friend auto operator<=>(const Pixel &, const Pixel &) = default;
};

namespace detail {
inline int fixedDiv16(int x, int y)
{
    return int(qint64(x) * 65536 / y);
}
} // namespace detail

/// Calls f(x, y) for each pixel of the line from `a` to `b` (device coordinates).
template<typename F>
void forEachPixel(QPointF a, QPointF b, F &&f)
{
    if (a == b) { // QCosmeticStroker draws a point
        f(int(std::lround(a.x())), int(std::lround(a.y())));
        return;
    }
    int x1 = int(a.x() * 64.0);
    int y1 = int(a.y() * 64.0);
    int x2 = int(b.x() * 64.0);
    int y2 = int(b.y() * 64.0);
    if (std::abs(x2 - x1) < std::abs(y2 - y1)) { // one pixel per row
        if (y1 > y2) {
            std::swap(y1, y2);
            std::swap(x1, x2);
        }
        const int xinc = detail::fixedDiv16(x2 - x1, y2 - y1);
        int x = x1 * 1024 - (xinc >> 1); // the begin cap: half a pixel before
        y1 -= 32;
        y2 += 32;
        int y = (y1 + 32) >> 6;
        const int ys = (y2 + 32) >> 6;
        const int round = xinc > 0 ? 32 : 0;
        if (y == ys)
            return;
        x += int((qint64((y * 64) + round - y1) * xinc) >> 6);
        do {
            f(x >> 16, y);
            x += xinc;
        } while (++y < ys);
        return;
    }
    if (x1 == x2)
        return;
    if (x1 > x2) { // one pixel per column
        std::swap(x1, x2);
        std::swap(y1, y2);
    }
    const int yinc = detail::fixedDiv16(y2 - y1, x2 - x1);
    int y = y1 * 1024 - (yinc >> 1);
    x1 -= 32;
    x2 += 32;
    int x = (x1 + 32) >> 6;
    const int xs = (x2 + 32) >> 6;
    const int round = yinc > 0 ? 32 : 0;
    if (x == xs)
        return;
    y += int((qint64((x * 64) + round - x1) * yinc) >> 6);
    do {
        f(x, y >> 16);
        y += yinc;
    } while (++x < xs);
}

/// Appends the pixels of the line from `a` to `b` (device coordinates) to `out`.
void rasterize(QPointF a, QPointF b, std::vector<Pixel> &out);

} // namespace AliasedLine
