#include "timelineview.h"

#include "timecursor.h"
#include "timelinemodel.h"

#include <QHeaderView>
#include <QItemSelectionModel>

TimelineView::TimelineView(QWidget *parent)
    : QTableView(parent)
    , m_model(new TimelineModel(this))
{
    setModel(m_model);
    setAccessibleName(tr("Incident timeline"));
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setWordWrap(false);
    setAlternatingRowColors(true);
    verticalHeader()->setVisible(false);
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    horizontalHeader()->setSectionResizeMode(TimelineModel::TimeColumn,
                                             QHeaderView::ResizeToContents);
    horizontalHeader()->setSectionResizeMode(TimelineModel::KindColumn,
                                             QHeaderView::ResizeToContents);
    horizontalHeader()->setSectionResizeMode(TimelineModel::TextColumn, QHeaderView::Stretch);
    horizontalHeader()->setSectionResizeMode(TimelineModel::AuthorColumn,
                                             QHeaderView::ResizeToContents);

    connect(selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (!m_syncing && current.isValid())
                    onRowChosen(current.row());
            });
    connect(selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this] { Q_EMIT selectedEntryChanged(selectedSeq()); });
    connect(this, &QAbstractItemView::clicked, this,
            [this](const QModelIndex &index) { onRowChosen(index.row()); });
    connect(m_model, &TimelineModel::cursorRowChanged, this,
            [this](int row) { followCursorRow(row); });
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this] {
        if (!currentIndex().isValid())
            scrollToBottom();
    });
}

void TimelineView::setIncident(IncidentStore *store, const QString &incidentId)
{
    m_model->setStore(store, incidentId);
    scrollToBottom();
}

void TimelineView::setTimeCursor(TimeCursor *cursor)
{
    m_cursor = cursor;
    m_model->setTimeCursor(cursor);
}

qint64 TimelineView::selectedSeq() const
{
    const int row = selectedRow();
    return row < 0 ? 0 : m_model->entryAt(row).seq;
}

int TimelineView::selectedRow() const
{
    const QModelIndexList rows = selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : rows.first().row();
}

void TimelineView::followCursorRow(int row)
{
    if (m_syncing || row < 0 || row == selectedRow())
        return;
    m_syncing = true;
    selectRow(row);
    scrollTo(m_model->index(row, 0));
    m_syncing = false;
}

void TimelineView::onRowChosen(int row)
{
    if (!m_cursor || row < 0 || row >= m_model->rowCount())
        return;
    const qint64 ms
        = m_model->data(m_model->index(row, 0), TimelineModel::EpochMsRole).toLongLong();
    m_syncing = true; // the row chosen stays selected even when another row ties in time
    m_cursor->setPosition(ms);
    m_syncing = false;
}
