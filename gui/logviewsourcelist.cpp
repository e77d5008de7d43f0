#include "logviewsourcelist.h"

#include "logline.h"

#include <QHeaderView>
#include <QPixmap>

namespace {

// Distinguishable on white and for common colour-vision deficiencies (Okabe-Ito).
const QColor Palette[]
    = {QColor(0x00, 0x72, 0xb2), QColor(0xe6, 0x9f, 0x00), QColor(0x00, 0x9e, 0x73),
       QColor(0xcc, 0x79, 0xa7), QColor(0x56, 0xb4, 0xe9), QColor(0xd5, 0x5e, 0x00),
       QColor(0xf0, 0xe4, 0x42), QColor(0x00, 0x00, 0x00)};

QIcon tagIcon(const QColor &colour)
{
    QPixmap pixmap(12, 12);
    pixmap.fill(colour);
    return QIcon(pixmap);
}

} // namespace

LogViewSourceList::LogViewSourceList(QWidget *parent)
    : QTreeWidget(parent)
{
    setColumnCount(3);
    setHeaderLabels({tr("Source"), tr("State"), tr("Status")});
    setRootIsDecorated(true);
    setUniformRowHeights(true);
    setSelectionMode(QAbstractItemView::SingleSelection); // the source to remove
    setWordWrap(false);
    header()->setStretchLastSection(true);
    header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    setAccessibleName(tr("Log sources"));
}

void LogViewSourceList::setSource(int sourceId,
                                  const QString &name,
                                  LogSource::State state,
                                  const QString &status)
{
    if (!m_items.contains(sourceId)) {
        auto *item = new QTreeWidgetItem(this);
        const QColor colour = Palette[m_nextColour++ % std::size(Palette)];
        m_colours.insert(sourceId, colour);
        item->setIcon(0, tagIcon(colour));
        m_items.insert(sourceId, item);
        Q_EMIT coloursChanged(m_colours);
    }
    m_items.value(sourceId)->setText(0, LogLineParser::displayText(name.toUtf8(), 200));
    setState(sourceId, state, status);
}

void LogViewSourceList::setState(int sourceId, LogSource::State state, const QString &status)
{
    QTreeWidgetItem *item = m_items.value(sourceId);
    if (!item)
        return;
    item->setText(1, LogSource::stateName(state));
    item->setText(2, LogLineParser::displayText(status.toUtf8(), 500));
}

void LogViewSourceList::addDiagnostic(int sourceId, const QString &text)
{
    QTreeWidgetItem *item = m_items.value(sourceId);
    if (!item)
        return;
    auto *child = new QTreeWidgetItem;
    child->setText(0, LogLineParser::displayText(text.toUtf8(), 500));
    item->insertChild(0, child); // newest first
    child->setFirstColumnSpanned(true);
    while (item->childCount() > MaxDiagnostics)
        delete item->takeChild(item->childCount() - 1);
    item->setExpanded(true);
}

void LogViewSourceList::removeSource(int sourceId)
{
    delete m_items.take(sourceId);
}

int LogViewSourceList::selectedSourceId() const
{
    const QList<QTreeWidgetItem *> selected = selectedItems();
    if (selected.isEmpty())
        return -1;
    QTreeWidgetItem *item = selected.constFirst();
    while (item->parent())
        item = item->parent();
    return m_items.key(item, -1);
}
