#include "displayformat.h"

#include "consolesession.h"

#include <QCoreApplication>
#include <QLocale>
#include <QStringList>

#include <cmath>

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("DisplayFormat", text);
}
} // namespace

namespace DisplayFormat {

QString problemStyleSheet()
{
    return QStringLiteral("QLabel { color: #b71c1c; font-weight: bold; }");
}

QString utc(const QDateTime &value)
{
    if (!value.isValid())
        return tr("unknown");
    return value.toUTC().toString(QStringLiteral("yyyy-MM-dd hh:mm:ss")) + QLatin1String(" UTC");
}

QString duration(double seconds)
{
    if (!std::isfinite(seconds) || seconds < 0)
        return tr("unknown");
    const qint64 total = qint64(seconds);
    if (total < 60)
        return tr("%1 s").arg(total);
    if (total < 3600)
        return tr("%1 min").arg(total / 60);
    if (total < 86400)
        return tr("%1 h %2 min")
            .arg(total / 3600)
            .arg((total % 3600) / 60, 2, 10, QLatin1Char('0'));
    return tr("%1 d %2 h").arg(total / 86400).arg((total % 86400) / 3600);
}

QString percent(double fraction)
{
    if (!std::isfinite(fraction))
        return tr("unknown");
    const double value = fraction * 100.0;
    return tr("%1 %").arg(QLocale().toString(value, 'f', value < 10.0 ? 1 : 0));
}

QString milliseconds(double ms)
{
    if (!std::isfinite(ms))
        return tr("unknown");
    if (ms >= 1000.0)
        return tr("%1 s").arg(QLocale().toString(ms / 1000.0, 'f', 2));
    return tr("%1 ms").arg(QLocale().toString(ms, 'f', 0));
}

QString megabytes(double mb)
{
    if (!std::isfinite(mb))
        return tr("unknown");
    return tr("%1 MB").arg(QLocale().toString(mb, 'f', 0));
}

QString modeDetails(const QDateTime &since, const QString &by, const QString &reason)
{
    QStringList parts;
    if (since.isValid())
        parts << tr("since %1").arg(ConsoleSession::formatTime(since));
    if (!by.isEmpty())
        parts << tr("by %1").arg(by);
    QString text = parts.join(QLatin1Char(' '));
    if (!reason.isEmpty())
        text += (text.isEmpty() ? QString() : QStringLiteral(" — ")) + tr("reason: %1").arg(reason);
    return text;
}

QColor mix(const QColor &a, const QColor &b, double amount)
{
    const double rest = 1.0 - amount;
    return QColor::fromRgbF(float(a.redF() * amount + b.redF() * rest),
                            float(a.greenF() * amount + b.greenF() * rest),
                            float(a.blueF() * amount + b.blueF() * rest));
}

} // namespace DisplayFormat
