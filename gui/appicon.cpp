#include "appicon.h"

#include <QImageReader>
#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

namespace {

// Paints resources/icons/dreamops.svg (viewBox 0 0 128 128) at `size` pixels.
QPixmap paintIcon(int size)
{
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.scale(size / 128.0, size / 128.0);

    painter.setPen(QPen(QColor(0x0f, 0x22, 0x38), 4));
    painter.setBrush(QColor(0x1d, 0x35, 0x57));
    painter.drawRoundedRect(QRectF(6, 6, 116, 116), 24, 24);

    QPainterPath pulse;
    pulse.moveTo(20, 72);
    const QPointF points[] = {{44, 72}, {54, 44}, {66, 96}, {78, 60}, {86, 72}, {108, 72}};
    for (const QPointF &point : points)
        pulse.lineTo(point);
    painter.setPen(QPen(QColor(0xf1, 0xfa, 0xee), 9, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    painter.setBrush(Qt::NoBrush);
    painter.drawPath(pulse);

    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(0xf4, 0xa2, 0x61));
    painter.drawEllipse(QPointF(98, 32), 11, 11);
    return pixmap;
}

} // namespace

namespace AppIcon {

QIcon create()
{
    if (QImageReader::supportedImageFormats().contains(QByteArrayLiteral("svg")))
        return QIcon(QStringLiteral(":/icons/dreamops.svg"));
    QIcon icon;
    for (const int size : {16, 22, 24, 32, 48, 64, 128, 256})
        icon.addPixmap(paintIcon(size));
    return icon;
}

} // namespace AppIcon
