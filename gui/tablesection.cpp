#include "tablesection.h"

#include "displayformat.h"
#include "statebadge.h"

#include <QAbstractButton>
#include <QAbstractItemModel>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace {
constexpr int kMinVisibleRows = 2;
constexpr int kMaxVisibleRows = 8;
} // namespace

TableSection::TableSection(const QString &title, QAbstractItemModel *model, QWidget *parent)
    : FreshnessBox(title, parent)
    , m_view(new QTableView(this))
    , m_actions(new QHBoxLayout)
{
    m_view->setFont(rowFont());
    m_view->setModel(model);
    m_view->setAccessibleName(title);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setWordWrap(false);
    m_view->setAlternatingRowColors(true);
    // Compact one-line rows; the first column (the name) takes what is left of the width, so
    // the table fits the health column without a horizontal scroll bar.
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_view->horizontalHeader()->setStretchLastSection(false);
    m_view->horizontalHeader()->setHighlightSections(false);
    m_view->horizontalHeader()->setMinimumSectionSize(40);
    // Single selection: the "select all" corner button has nothing to do, but it still exists
    // for screen readers, so it gets a name too (U5).
    m_view->setCornerButtonEnabled(false);
    for (QAbstractButton *corner : m_view->findChildren<QAbstractButton *>())
        corner->setAccessibleName(tr("Table corner (no action)"));
    m_view->setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    m_view->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    connect(model, &QAbstractItemModel::modelReset, this, [this] { fitHeightToRows(); });
    connect(model, &QAbstractItemModel::rowsInserted, this, [this] { fitHeightToRows(); });
    connect(model, &QAbstractItemModel::rowsRemoved, this, [this] { fitHeightToRows(); });

    m_actions->setContentsMargins(0, 0, 0, 0);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);
    layout->setSpacing(4);
    layout->addWidget(freshnessBadge());
    layout->addWidget(m_view);
    layout->addLayout(m_actions);
    fitHeightToRows();
    setStale({}, tr("Waiting for the first answer…"));
}

void TableSection::setStretchColumn(int column)
{
    QHeaderView *header = m_view->horizontalHeader();
    for (int i = 0; i < header->count(); ++i)
        header->setSectionResizeMode(i, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(column, QHeaderView::Stretch);
}

void TableSection::fitHeightToRows()
{
    // Tall enough for every row up to a cap, so a short table does not leave an empty box and a
    // long one scrolls inside the panel instead of pushing the other sections away.
    const int rows = std::clamp(m_view->model()->rowCount(), kMinVisibleRows, kMaxVisibleRows);
    const int rowHeight = m_view->verticalHeader()->defaultSectionSize();
    const int height = m_view->horizontalHeader()->sizeHint().height() + rows * rowHeight
        + 2 * m_view->frameWidth();
    m_view->setFixedHeight(height);
}

QString TableSection::staleText(const QDateTime &, const QString &reason) const
{
    return tr("Stale: %1").arg(reason);
}

void TableSection::setDimmed(bool dimmed)
{
    QPalette pal = palette();
    if (dimmed) {
        pal.setColor(
            QPalette::Text,
            DisplayFormat::mix(pal.color(QPalette::Text), pal.color(QPalette::Base), 0.55));
    }
    m_view->setPalette(pal);
}
