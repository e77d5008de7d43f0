#pragma once

#include <QColor>
#include <QDateTime>
#include <QString>

// Number and time formatting shared by the status panels, so that every value reads the same
// way everywhere (units spelled out, times in local time with the UTC value in the tooltip).
namespace DisplayFormat {

/// Local times use ConsoleSession::formatTime (the status bar's format) everywhere.
/// "2026-11-29 10:00:00 UTC" for tooltips.
QString utc(const QDateTime &time);
/// "3 s", "4 min", "2 h 05 min", "3 d 4 h".
QString duration(double seconds);
/// "1.3 %" from a fraction.
QString percent(double fraction);
/// "38 ms", "1.24 s".
QString milliseconds(double ms);
/// "181 MB".
QString megabytes(double mb);
/// "since 10:02:11 by alice — reason: DB failover" (parts omitted when empty).
QString modeDetails(const QDateTime &since, const QString &by, const QString &reason);

/// Red and bold: the style of a sentence saying why an action is refused until fixed.
QString problemStyleSheet();

/// `amount` of `a` mixed with the rest of `b`: tints and dimmed text derived from the palette.
QColor mix(const QColor &a, const QColor &b, double amount);

} // namespace DisplayFormat
