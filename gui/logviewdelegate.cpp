#include "logviewdelegate.h"

#include "logtablemodel.h"

#include <QApplication>
#include <QPainter>

LogViewDelegate::LogViewDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{ }

QList<QPair<int, int>> LogViewDelegate::highlightRanges(const QString &text) const
{
    QList<QPair<int, int>> ranges;
    if (!m_highlight.isValid() || m_highlight.pattern().isEmpty())
        return ranges;
    auto it = m_highlight.globalMatch(text);
    while (it.hasNext() && ranges.size() < 64) {
        const QRegularExpressionMatch m = it.next();
        if (m.capturedLength() > 0)
            ranges.append({int(m.capturedStart()), int(m.capturedLength())});
    }
    return ranges;
}

void LogViewDelegate::paint(QPainter *painter,
                            const QStyleOptionViewItem &option,
                            const QModelIndex &index) const
{
    QStyleOptionViewItem opt(option);
    initStyleOption(&opt, index);
    const QString text = opt.text;
    opt.text.clear(); // the style draws background, selection and focus; the text is ours
    const QWidget *widget = opt.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    QRect rect = style->subElementRect(QStyle::SE_ItemViewItemText, &opt, widget);
    painter->save();
    if (index.column() == LogTableModel::SourceColumn) {
        const QColor tag
            = m_sourceColours.value(index.data(LogTableModel::SourceIdRole).toInt(), Qt::gray);
        painter->fillRect(QRect(rect.left(), rect.top() + 2, 6, rect.height() - 4), tag);
        rect.setLeft(rect.left() + 10);
    }
    const QFontMetrics metrics(opt.font);
    if (index.column() == LogTableModel::MessageColumn) {
        const QColor mark(0xff, 0xd8, 0x4d);
        for (const auto &[start, length] : highlightRanges(text)) {
            const int x = rect.left() + metrics.horizontalAdvance(text.left(start));
            if (x > rect.right())
                break;
            const int width = metrics.horizontalAdvance(text.mid(start, length));
            painter->fillRect(QRect(x, rect.top() + 1, width, rect.height() - 2), mark);
        }
    }
    const bool selected = opt.state.testFlag(QStyle::State_Selected);
    QColor pen = opt.palette.color(QPalette::Text);
    if (selected)
        pen = opt.palette.color(QPalette::HighlightedText);
    else if (const QVariant fg = index.data(Qt::ForegroundRole); fg.canConvert<QBrush>())
        pen = fg.value<QBrush>().color();
    painter->setPen(pen);
    painter->setFont(opt.font);
    painter->drawText(rect, int(Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine),
                      metrics.elidedText(text, Qt::ElideRight, rect.width()));
    painter->restore();
}
