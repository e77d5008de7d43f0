#include "aliasedline.h"

namespace AliasedLine {

void rasterize(QPointF a, QPointF b, std::vector<Pixel> &out)
{
    forEachPixel(a, b, [&out](int x, int y) { out.push_back({x, y}); });
}

} // namespace AliasedLine
