#pragma once

#include <QString>

#include <cstdio>

// The closing line format of every benchmark (performance.md): id, the measured ratio, the
// target, ok/miss, and the raw numbers in brackets, e.g.
// `P8 ratio=0.41 target<=1.0 ok (frame 6.8 ms)`.
namespace BenchReport {

enum class Direction { AtMost, AtLeast };

inline bool
line(const char *id, double ratio, Direction direction, double target, const QString &raw)
{
    const bool ok = direction == Direction::AtMost ? ratio <= target : ratio >= target;
    std::printf("%s ratio=%.4g target%s%.4g %s (%s)\n", id, ratio,
                direction == Direction::AtMost ? "<=" : ">=", target, ok ? "ok" : "miss",
                qPrintable(raw));
    std::fflush(stdout);
    return ok;
}

} // namespace BenchReport
