#include "chartoverlay.h"

#include <QColor>
#include <QFontMetrics>
#include <QPainter>
#include <QPalette>
#include <QPen>
#include <QRectF>

#include <algorithm>

void ChartOverlay::drawThreshold(
    QPainter &painter, const QRectF &plot, double value, double axisTop, const QString &label)
{
    if (axisTop <= 0 || value > axisTop)
        return;
    const qreal y = plot.bottom() - (value / axisTop) * plot.height();
    painter.setPen(QPen(QColor(200, 40, 40), 1.5, Qt::DashLine));
    painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
    painter.drawText(QPointF(plot.left() + 4, y - 3), label);
}

void ChartOverlay::drawMarkers(QPainter &painter,
                               const QRectF &plot,
                               const QFontMetrics &metrics,
                               const QPalette &palette,
                               const QList<ChartMarker> &markers,
                               const std::function<qreal(qint64)> &xAt)
{
    painter.setPen(QPen(palette.color(QPalette::Highlight), 1, Qt::DotLine));
    QList<QRectF> labels;
    const int rows = std::max(1, int(plot.height() / metrics.lineSpacing()) - 1);
    QColor labelBackground = palette.color(QPalette::Base);
    labelBackground.setAlpha(210);
    for (const ChartMarker &marker : markers) {
        const qreal x = xAt(marker.epochMs);
        if (x < plot.left() || x > plot.right())
            continue;
        painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
        const int labelWidth = metrics.horizontalAdvance(marker.label);
        const qreal labelX = (x + 3 + labelWidth <= plot.right()) ? x + 3 : x - 3 - labelWidth;
        for (int row = 0; row < rows; ++row) {
            const QRectF box(labelX - 1, plot.top() + 2 + row * metrics.lineSpacing(),
                             labelWidth + 2, metrics.height());
            const bool taken = std::any_of(labels.cbegin(), labels.cend(),
                                           [&](const QRectF &r) { return r.intersects(box); });
            if (taken)
                continue;
            labels.append(box);
            painter.fillRect(box, labelBackground);
            painter.drawText(QPointF(labelX, box.top() + metrics.ascent()), marker.label);
            break;
        }
    }
}

void ChartOverlay::drawSelection(
    QPainter &painter, const QRectF &plot, const QPalette &palette, qreal fromX, qreal toX)
{
    QColor fill = palette.color(QPalette::Highlight);
    fill.setAlpha(60);
    painter.fillRect(QRectF(QPointF(std::min(fromX, toX), plot.top()),
                            QPointF(std::max(fromX, toX), plot.bottom())),
                     fill);
}

void ChartOverlay::drawCursor(QPainter &painter,
                              const QRectF &plot,
                              const QFontMetrics &metrics,
                              const QPalette &palette,
                              qreal x,
                              const QStringList &lines)
{
    if (x < plot.left() || x > plot.right())
        return;
    painter.setPen(QPen(palette.color(QPalette::WindowText), 1));
    painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
    int textWidth = 0;
    for (const QString &line : lines)
        textWidth = std::max(textWidth, metrics.horizontalAdvance(line));
    const qreal boxWidth = textWidth + 12;
    const qreal boxHeight = lines.size() * metrics.height() + 8;
    const qreal boxX = (x + 8 + boxWidth <= plot.right()) ? x + 8 : x - 8 - boxWidth;
    const QRectF box(boxX, plot.top() + 4, boxWidth, boxHeight);
    QColor background = palette.color(QPalette::ToolTipBase);
    background.setAlpha(230);
    painter.fillRect(box, background);
    painter.setPen(palette.color(QPalette::ToolTipText));
    for (qsizetype i = 0; i < lines.size(); ++i)
        painter.drawText(
            QPointF(box.left() + 6, box.top() + 4 + metrics.ascent() + i * metrics.height()),
            lines.at(i));
}
