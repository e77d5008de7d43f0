#pragma once

#include <QColor>
#include <QHash>
#include <QRegularExpression>
#include <QStyledItemDelegate>

// Paints log rows as plain text only (never rich text, never links): the filter's matches in
// the message column get a highlight behind them, and the source column a colour tag. Set up
// by LogView from LogPage's filter and source colours.
class LogViewDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogViewDelegate)

public:
    explicit LogViewDelegate(QObject *parent = nullptr);

    void setHighlight(const QRegularExpression &expression) { m_highlight = expression; }
    QRegularExpression highlight() const { return m_highlight; }
    void setSourceColours(const QHash<int, QColor> &colours) { m_sourceColours = colours; }

    /// Match ranges (start, length) of the highlight in `text`, at most 64.
    QList<QPair<int, int>> highlightRanges(const QString &text) const;

    void paint(QPainter *painter,
               const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;

private:
    QRegularExpression m_highlight;
    QHash<int, QColor> m_sourceColours;
};
