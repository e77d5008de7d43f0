#include "statebadge.h"

#include "displayformat.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPainterPath>
#include <QStyle>

#include <algorithm>

namespace {

QColor fillColor(StateBadge::Severity severity)
{
    switch (severity) {
    case StateBadge::Severity::Ok:
        return QColor(0x2e, 0x7d, 0x32);
    case StateBadge::Severity::Info:
        return QColor(0x15, 0x65, 0xc0);
    case StateBadge::Severity::Warning:
        return QColor(0xe8, 0xa3, 0x17);
    case StateBadge::Severity::Critical:
        return QColor(0xc6, 0x28, 0x28);
    case StateBadge::Severity::Neutral:
    case StateBadge::Severity::None:
        break;
    }
    return QColor(0x75, 0x75, 0x75);
}

void drawGlyph(QPainter &painter, StateBadge::Severity severity)
{
    // Coordinates on a 16x16 grid.
    QPen pen(severity == StateBadge::Severity::Warning ? QColor(0x2b, 0x1d, 0x00) : Qt::white, 2.0,
             Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    painter.setPen(pen);
    painter.setBrush(Qt::NoBrush);
    switch (severity) {
    case StateBadge::Severity::Ok: {
        QPainterPath check;
        check.moveTo(4.5, 8.3);
        check.lineTo(7.0, 10.8);
        check.lineTo(11.6, 5.4);
        painter.drawPath(check);
        break;
    }
    case StateBadge::Severity::Info:
        painter.drawLine(QPointF(8, 7.2), QPointF(8, 11.6));
        painter.drawPoint(QPointF(8, 4.6));
        break;
    case StateBadge::Severity::Warning:
        painter.drawLine(QPointF(8, 6.0), QPointF(8, 9.6));
        painter.drawPoint(QPointF(8, 12.4));
        break;
    case StateBadge::Severity::Critical:
        painter.drawLine(QPointF(5.4, 5.4), QPointF(10.6, 10.6));
        painter.drawLine(QPointF(10.6, 5.4), QPointF(5.4, 10.6));
        break;
    case StateBadge::Severity::Neutral:
        painter.drawLine(QPointF(5, 8), QPointF(11, 8));
        break;
    case StateBadge::Severity::None:
        break;
    }
}

} // namespace

StateBadge::StateBadge(QWidget *parent)
    : QWidget(parent)
    , m_icon(new QLabel(this))
    , m_text(new QLabel(this))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(style()->pixelMetric(QStyle::PM_LayoutHorizontalSpacing) > 0
                           ? style()->pixelMetric(QStyle::PM_LayoutHorizontalSpacing)
                           : 6);
    // The icon sits on the first text line, also when the text wraps to several lines.
    m_icon->setFixedSize(16, std::max(16, fontMetrics().height()));
    m_icon->setAlignment(Qt::AlignCenter);
    m_icon->hide();
    m_text->setTextFormat(Qt::PlainText);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_icon, 0, Qt::AlignTop);
    layout->addWidget(m_text, 1, Qt::AlignVCenter);
    setState(Severity::None, tr("—"));
}

void StateBadge::setState(Severity severity, const QString &text, const QString &toolTip)
{
    m_severity = severity;
    m_text->setText(text);
    setToolTip(toolTip);
    setAccessibleName(text);
    setAccessibleDescription(toolTip);
    updateIcon();
}

void StateBadge::setDimmed(bool dimmed)
{
    if (m_dimmed == dimmed)
        return;
    m_dimmed = dimmed;
    updateIcon();
}

void StateBadge::updateIcon()
{
    QPixmap glyph = icon(m_severity, 16, devicePixelRatioF());
    if (m_dimmed && !glyph.isNull()) {
        QPixmap faded(glyph.size());
        faded.setDevicePixelRatio(glyph.devicePixelRatio());
        faded.fill(Qt::transparent);
        QPainter painter(&faded);
        painter.setOpacity(0.4);
        painter.drawPixmap(0, 0, glyph);
        painter.end();
        glyph = faded;
    }
    m_icon->setPixmap(glyph);
    m_icon->setVisible(!glyph.isNull());
}

void StateBadge::setEmphasized(bool emphasized)
{
    QFont font = m_text->font();
    font.setBold(emphasized);
    m_text->setFont(font);
}

void StateBadge::setSecondary(bool secondary)
{
    if (!secondary) {
        m_text->setPalette(QPalette()); // inherit again
        return;
    }
    QPalette pal = palette();
    pal.setColor(
        QPalette::WindowText,
        DisplayFormat::mix(pal.color(QPalette::WindowText), pal.color(QPalette::Window), 0.6));
    m_text->setPalette(pal);
}

void StateBadge::setWordWrap(bool wrap)
{
    m_text->setWordWrap(wrap);
}

QString StateBadge::text() const
{
    return m_text->text();
}

QPixmap StateBadge::icon(Severity severity, int size, qreal devicePixelRatio)
{
    if (severity == Severity::None)
        return {};
    QPixmap pixmap(QSize(size, size) * devicePixelRatio);
    pixmap.setDevicePixelRatio(devicePixelRatio);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.scale(size / 16.0, size / 16.0);
    painter.setPen(Qt::NoPen);
    painter.setBrush(fillColor(severity));
    if (severity == Severity::Warning) {
        QPainterPath triangle;
        triangle.moveTo(8, 0.8);
        triangle.lineTo(15.4, 14.6);
        triangle.lineTo(0.6, 14.6);
        triangle.closeSubpath();
        painter.drawPath(triangle);
    } else if (severity == Severity::Critical) {
        // An octagon, like a stop sign: the shape alone says "stop".
        QPolygonF octagon;
        for (const auto &[x, y] : {std::pair {5.0, 0.5},
                                   {11.0, 0.5},
                                   {15.5, 5.0},
                                   {15.5, 11.0},
                                   {11.0, 15.5},
                                   {5.0, 15.5},
                                   {0.5, 11.0},
                                   {0.5, 5.0}})
            octagon << QPointF(x, y);
        painter.drawPolygon(octagon);
    } else {
        painter.drawEllipse(QRectF(0.5, 0.5, 15, 15));
    }
    drawGlyph(painter, severity);
    return pixmap;
}
