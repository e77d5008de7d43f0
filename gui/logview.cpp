#include "logview.h"

#include "logfiltermodel.h"
#include "logtablemodel.h"
#include "logviewdelegate.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QHeaderView>
#include <QKeyEvent>
#include <QScrollBar>
#include <QTimer>

#include <algorithm>

LogView::LogView(QWidget *parent)
    : QTableView(parent)
    , m_delegate(new LogViewDelegate(this))
{
    setItemDelegate(m_delegate);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setWordWrap(false);
    setTextElideMode(Qt::ElideRight);
    setShowGrid(false);
    setAlternatingRowColors(false);
    setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    setVerticalScrollMode(QAbstractItemView::ScrollPerItem);
    // Uniform rows: QTableView lays out nothing per row when every section has one fixed size.
    QHeaderView *rows = verticalHeader();
    rows->setSectionResizeMode(QHeaderView::Fixed);
    rows->setDefaultSectionSize(fontMetrics().height() + 4);
    rows->setMinimumSectionSize(fontMetrics().height() + 4);
    rows->hide();
    QHeaderView *columns = horizontalHeader();
    columns->setStretchLastSection(true);
    columns->setSectionResizeMode(QHeaderView::Interactive);
    columns->setHighlightSections(false);
    const int digit = fontMetrics().horizontalAdvance(QLatin1Char('0'));
    columns->setDefaultSectionSize(digit * 14);
    // Only the user's own scrolling (wheel, bar, keys) decides about following: value changes
    // from inserts, evictions and model resets must not.
    connect(verticalScrollBar(), &QAbstractSlider::actionTriggered, this,
            [this] { onScrolled(verticalScrollBar()->sliderPosition()); });
}

void LogView::setModel(QAbstractItemModel *newModel)
{
    if (model())
        disconnect(model(), nullptr, this, nullptr);
    QTableView::setModel(newModel);
    if (!newModel)
        return;
    const int digit = fontMetrics().horizontalAdvance(QLatin1Char('0'));
    setColumnWidth(LogTableModel::TimeColumn, digit * 14);
    setColumnWidth(LogTableModel::LevelColumn, digit * 9);
    setColumnWidth(LogTableModel::SourceColumn, digit * 14);
    setColumnWidth(LogTableModel::ComponentColumn, digit * 12);
    connect(newModel, &QAbstractItemModel::rowsInserted, this, [this] {
        if (m_following)
            scrollToNewest();
    });
    connect(newModel, &QAbstractItemModel::modelReset, this, [this] {
        if (m_following)
            scrollToNewest();
    });
    if (m_following)
        scrollToNewest();
}

void LogView::setFollowing(bool following)
{
    if (m_following == following)
        return;
    m_following = following;
    if (following)
        scrollToNewest();
    Q_EMIT followingChanged(following);
}

void LogView::scrollToNewest()
{
    scrollToBottom();
}

void LogView::onScrolled(int position)
{
    // The user moved: up = stop following, back to the bottom = follow again.
    setFollowing(position >= verticalScrollBar()->maximum());
}

qint64 LogView::lineOfRow(int row) const
{
    if (const auto *filtered = qobject_cast<const LogFilterModel *>(model()))
        return filtered->lineAt(row);
    if (const auto *all = qobject_cast<const LogTableModel *>(model()))
        return all->lineAt(row);
    return -1;
}

bool LogView::goToLevel(LogLevel minimum, bool forward)
{
    const LogStore *store = nullptr;
    if (const auto *filtered = qobject_cast<const LogFilterModel *>(model()))
        store = &filtered->sourceModel()->store();
    else if (const auto *all = qobject_cast<const LogTableModel *>(model()))
        store = &all->store();
    if (!store)
        return false;
    const int rows = model()->rowCount();
    int row = currentIndex().isValid() ? currentIndex().row() : (forward ? -1 : rows);
    for (row += forward ? 1 : -1; row >= 0 && row < rows; row += forward ? 1 : -1) {
        if (store->level(lineOfRow(row)) >= minimum) {
            showRow(row);
            return true;
        }
    }
    return false;
}

void LogView::showRow(int row)
{
    if (!model() || row < 0 || row >= model()->rowCount())
        return;
    setFollowing(false);
    const QModelIndex target = model()->index(row, LogTableModel::MessageColumn);
    setCurrentIndex(target);
    selectionModel()->select(target,
                             QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    scrollTo(target, QAbstractItemView::PositionAtCenter);
}

QByteArray LogView::selectedRawLines() const
{
    if (!selectionModel())
        return {};
    QModelIndexList rows = selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    QByteArrayList lines;
    lines.reserve(rows.size());
    for (const QModelIndex &index : std::as_const(rows))
        lines.append(index.data(LogTableModel::RawLineRole).toByteArray());
    return lines.join('\n');
}

bool LogView::copySelection()
{
    const QByteArray raw = selectedRawLines();
    if (raw.isEmpty() && (!selectionModel() || !selectionModel()->hasSelection()))
        return false;
    QGuiApplication::clipboard()->setText(QString::fromUtf8(raw));
    return true;
}

void LogView::keyPressEvent(QKeyEvent *event)
{
    if (event->matches(QKeySequence::Copy)) {
        copySelection();
        event->accept();
        return;
    }
    QTableView::keyPressEvent(event);
    // Navigation keys scroll through scrollTo(), sometimes after a pending layout: look once
    // the event is done.
    QTimer::singleShot(0, this, [this] { onScrolled(verticalScrollBar()->value()); });
}
