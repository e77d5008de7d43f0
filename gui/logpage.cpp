#include "logpage.h"

#include "logbacklogloader.h"
#include "logfiltermodel.h"
#include "logmux.h"
#include "logsourcecontrols.h"
#include "logtablemodel.h"
#include "logview.h"
#include "logviewdelegate.h"
#include "logviewfilterbar.h"
#include "logviewsourcelist.h"
#include "timecursor.h"

#include <QAbstractButton>
#include <QAction>
#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollBar>
#include <QSplitter>
#include <QTabBar>
#include <QTabWidget>
#include <QVBoxLayout>

#include <climits>
#include <cstdlib>

LogPage::LogPage(LogMux *mux, TimeCursor *cursor, QWidget *parent, qint64 capacity)
    : QWidget(parent)
    , m_mux(mux)
    , m_cursor(cursor)
    , m_model(new LogTableModel(capacity, this))
    , m_filterBar(new LogViewFilterBar(this))
    , m_sources(new LogViewSourceList(this))
    , m_sourceControls(new LogSourceControls(mux, m_sources, this))
    , m_tabs(new QTabWidget(this))
    , m_mainView(nullptr)
    , m_followBox(new QCheckBox(tr("Follow"), this))
    , m_resume(new QPushButton(tr("Resume following"), this))
    , m_pauseBox(new QCheckBox(tr("Pause"), this))
    , m_status(new QLabel(this))
{
    m_status->setTextFormat(Qt::PlainText);
    m_mainView = addView(m_tabs);
    m_mainView->setModel(m_model);
    m_tabs->addTab(m_mainView, tr("All lines"));
    m_tabs->setAccessibleName(tr("Log views"));
    m_tabs->setTabsClosable(true);
    // "All lines" cannot be closed: its close button goes (QTabBar would keep it, hidden).
    for (const QTabBar::ButtonPosition side : {QTabBar::LeftSide, QTabBar::RightSide}) {
        QWidget *close = m_tabs->tabBar()->tabButton(0, side);
        m_tabs->tabBar()->setTabButton(0, side, nullptr);
        delete close;
    }
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, [this](int index) {
        if (index > 0)
            delete m_tabs->widget(index);
    });
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] { updateFollowUi(); });

    auto *toolRow = new QHBoxLayout;
    toolRow->setContentsMargins(0, 0, 0, 0);
    toolRow->addWidget(m_followBox);
    toolRow->addWidget(m_resume);
    toolRow->addWidget(m_pauseBox);
    buildActions();
    for (QAction *action : actions()) {
        auto *button = new QPushButton(action->text(), this);
        button->setToolTip(action->toolTip());
        connect(button, &QPushButton::clicked, action, &QAction::trigger);
        toolRow->addWidget(button);
    }
    toolRow->addWidget(m_status, 1);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_tabs);
    auto *sourcesBox = new QWidget(this);
    auto *sourcesLayout = new QVBoxLayout(sourcesBox);
    sourcesLayout->setContentsMargins(0, 0, 0, 0);
    sourcesLayout->addWidget(m_sourceControls);
    sourcesLayout->addWidget(m_sources, 1);
    splitter->addWidget(sourcesBox);
    splitter->setStretchFactor(0, 5);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({600, 130});
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_filterBar);
    layout->addLayout(toolRow);
    layout->addWidget(splitter, 1);

    m_followBox->setChecked(true);
    m_resume->hide();
    connect(m_followBox, &QCheckBox::toggled, this, [this](bool on) {
        if (LogView *view = currentView())
            view->setFollowing(on);
    });
    connect(m_resume, &QPushButton::clicked, this, [this] {
        if (LogView *view = currentView())
            view->setFollowing(true);
    });
    connect(m_pauseBox, &QCheckBox::toggled, this, &LogPage::setPaused);
    connect(m_filterBar, &LogViewFilterBar::specChanged, this, &LogPage::applyFilter);
    connect(m_sources, &LogViewSourceList::coloursChanged, this,
            [this](const QHash<int, QColor> &colours) {
                for (int i = 0; i < m_tabs->count(); ++i) {
                    if (auto *view = qobject_cast<LogView *>(m_tabs->widget(i))) {
                        view->logDelegate()->setSourceColours(colours);
                        view->viewport()->update();
                    }
                }
            });
    if (mux) {
        // Before any source is added through the page: file sources get their backlog indexed.
        m_backlog = new LogBacklogLoader(mux, m_model, this);
        connect(m_backlog, &LogBacklogLoader::backlogLoaded, this, [this](int id, qint64 lines) {
            if (!m_sources->hasSource(id))
                refreshSources();
            m_sources->addDiagnostic(
                id,
                tr("Loaded %n existing line(s), in file order, before the live lines", nullptr,
                   int(qMin<qint64>(lines, INT_MAX))));
            updateCounts();
        });
        connect(mux, &LogMux::batchReady, this, &LogPage::onBatch);
        connect(mux, &LogMux::sourceStateChanged, this,
                [this](int id, LogSource::State state, const QString &text) {
                    if (m_sources->hasSource(id))
                        m_sources->setState(id, state, text);
                    else
                        refreshSources();
                });
        connect(mux, &LogMux::sourceDiagnostic, this, [this](int id, const QString &text) {
            if (!m_sources->hasSource(id))
                refreshSources();
            m_sources->addDiagnostic(id, text);
        });
        connect(m_sourceControls, &LogSourceControls::sourceAdded, this, &LogPage::refreshSources);
        refreshSources();
    }
    if (cursor)
        connect(cursor, &TimeCursor::moved, this, &LogPage::onCursorMoved);
    updateCounts();
}

LogPage::~LogPage()
{
    // The backlog loader lets go of the sources it held, which starts them: the mux's signals
    // must not reach this page's lambdas while its child widgets are being deleted.
    if (m_mux)
        m_mux->disconnect(this);
    delete m_backlog;
    m_backlog = nullptr;
}

void LogPage::buildActions()
{
    const auto add = [this](const QString &text, const QKeySequence &key, auto slot) {
        auto *action = new QAction(text, this);
        action->setShortcut(key);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        if (!key.isEmpty())
            action->setToolTip(tr("%1 (%2)").arg(text, key.toString(QKeySequence::NativeText)));
        connect(action, &QAction::triggered, this, slot);
        addAction(action);
    };
    add(tr("Previous error"), QKeySequence(Qt::SHIFT | Qt::Key_F8), [this] { previousError(); });
    add(tr("Next error"), QKeySequence(Qt::Key_F8), [this] { nextError(); });
    add(tr("Copy lines"), QKeySequence(), [this] { copySelection(); });
    add(tr("Show this trace"), QKeySequence(Qt::CTRL | Qt::Key_T),
        [this] { showTraceOfCurrentRow(); });
}

LogView *LogPage::addView(QWidget *tabParent)
{
    auto *view = new LogView(tabParent);
    view->setAccessibleName(tr("Log lines"));
    view->setCornerButtonEnabled(false); // "select all" of a million lines is Ctrl+A, not a corner
    for (QAbstractButton *corner : view->findChildren<QAbstractButton *>())
        corner->setAccessibleName(tr("Select all lines"));
    view->logDelegate()->setSourceColours(m_sources->colours());
    connect(view, &LogView::followingChanged, this, [this] { updateFollowUi(); });
    connect(view, &QAbstractItemView::clicked, this, &LogPage::onRowClicked);
    return view;
}

LogView *LogPage::currentView() const
{
    return qobject_cast<LogView *>(m_tabs->currentWidget());
}

void LogPage::refreshSources()
{
    if (!m_mux)
        return;
    for (const LogSource *source : m_mux->sources()) {
        m_model->setSourceName(source->id(), source->name());
        m_sources->setSource(source->id(), source->name(), source->state(), source->statusText());
    }
}

void LogPage::onBatch(const QList<LogChunk> &chunks)
{
    for (const LogChunk &chunk : chunks) {
        if (!m_sources->hasSource(chunk.sourceId)) {
            refreshSources();
            break;
        }
    }
    appendChunks(chunks);
}

void LogPage::appendChunks(const QList<LogChunk> &chunks)
{
    if (m_paused) {
        m_pending.append(chunks);
        for (const LogChunk &chunk : chunks)
            m_pendingLines += chunk.lines.count('\n');
    } else {
        m_model->appendChunks(chunks);
    }
    updateCounts();
}

void LogPage::setPaused(bool paused)
{
    if (m_paused == paused)
        return;
    m_paused = paused;
    m_pauseBox->setChecked(paused);
    if (!paused && !m_pending.isEmpty()) {
        const QList<LogChunk> pending = std::exchange(m_pending, {});
        m_pendingLines = 0;
        m_model->appendChunks(pending);
    }
    updateCounts();
}

void LogPage::applyFilter(const LogFilterSpec &spec)
{
    const LogFilter filter(spec);
    if (!filter.isValid()) {
        m_filterBar->setError(filter.errorText());
        return;
    }
    m_filterBar->setError({});
    m_mainView->logDelegate()->setHighlight(filter.highlight());
    if (spec.isEmpty()) {
        if (m_filterModel) {
            const QModelIndex current = m_mainView->currentIndex();
            const qint64 anchor = current.isValid() ? m_mainView->lineOfRow(current.row()) : -1;
            m_mainView->setModel(m_model);
            delete std::exchange(m_filterModel, nullptr);
            if (anchor >= 0 && !m_mainView->isFollowing())
                m_mainView->showRow(m_model->rowOfLine(anchor));
        }
        m_mainView->viewport()->update();
        updateCounts();
        return;
    }
    if (!m_filterModel) {
        m_filterModel = new LogFilterModel(m_model, this);
        connect(m_filterModel, &LogFilterModel::countsChanged, this, &LogPage::updateCounts);
        connect(m_filterModel, &LogFilterModel::filteringChanged, this, &LogPage::updateCounts);
    }
    m_filterModel->setFilter(spec);
    if (m_mainView->model() != m_filterModel)
        m_mainView->setModel(m_filterModel);
    m_mainView->viewport()->update();
    updateCounts();
}

bool LogPage::nextError()
{
    LogView *view = currentView();
    const bool found = view && view->goToLevel(LogLevel::Error, true);
    m_status->setText(found ? QString() : tr("No later error or fatal line."));
    return found;
}

bool LogPage::previousError()
{
    LogView *view = currentView();
    const bool found = view && view->goToLevel(LogLevel::Error, false);
    m_status->setText(found ? QString() : tr("No earlier error or fatal line."));
    return found;
}

bool LogPage::copySelection()
{
    LogView *view = currentView();
    return view && view->copySelection();
}

bool LogPage::showTraceOfCurrentRow()
{
    LogView *view = currentView();
    if (!view || !view->currentIndex().isValid())
        return false;
    const QByteArray raw = view->currentIndex().data(LogTableModel::RawLineRole).toByteArray();
    const QByteArrayView id = LogLineParser::value(raw, "traceId");
    if (id.isEmpty()) {
        m_status->setText(tr("This line has no traceId."));
        return false;
    }
    return showTrace(QString::fromUtf8(id));
}

bool LogPage::showTrace(const QString &traceId)
{
    if (traceId.isEmpty())
        return false;
    for (int i = 1; i < m_tabs->count(); ++i) {
        if (m_tabs->widget(i)->property("traceId").toString() == traceId) {
            m_tabs->setCurrentIndex(i);
            return true;
        }
    }
    LogView *view = addView(m_tabs);
    view->setProperty("traceId", traceId);
    auto *model = new LogFilterModel(m_model, view);
    LogFilterSpec spec;
    spec.regex = true;
    spec.caseSensitive = true;
    spec.text = QStringLiteral("(?<!\\S)traceId=") + QRegularExpression::escape(traceId)
        + QStringLiteral("(?!\\S)");
    model->setFilter(spec);
    view->setModel(model);
    view->logDelegate()->setHighlight(QRegularExpression(QRegularExpression::escape(traceId)));
    const QString title = tr("Trace %1").arg(LogLineParser::displayText(traceId.toUtf8(), 24));
    const int index = m_tabs->addTab(view, title);
    view->setAccessibleName(tr("Log lines of %1").arg(title));
    if (QWidget *close = m_tabs->tabBar()->tabButton(index, QTabBar::RightSide))
        close->setAccessibleName(tr("Close %1").arg(title));
    m_tabs->setCurrentIndex(index);
    return true;
}

void LogPage::onRowClicked(const QModelIndex &index)
{
    if (auto *view = currentView())
        view->setFollowing(false);
    const qint64 timestamp = index.data(LogTableModel::TimestampRole).toLongLong();
    if (!m_cursor || timestamp < 0)
        return;
    m_settingCursor = true;
    m_cursor->setPosition(timestamp);
    m_settingCursor = false;
}

void LogPage::onCursorMoved(qint64 epochMs)
{
    LogView *view = currentView();
    if (m_settingCursor || !view || !view->model() || view->model()->rowCount() == 0)
        return;
    const LogStore &store = m_model->store();
    qint64 line = store.lowerBoundTime(epochMs);
    // The nearer of the lines just before and at the cursor.
    if (line > store.firstLine()) {
        const qint64 before = store.timestampMs(line - 1);
        const qint64 at = line < store.endLine() ? store.timestampMs(line) : -1;
        if (at < 0 || (before >= 0 && std::llabs(epochMs - before) <= std::llabs(at - epochMs)))
            --line;
    }
    int row = -1;
    if (const auto *filtered = qobject_cast<const LogFilterModel *>(view->model()))
        row = qMin(filtered->lowerBoundRow(line), filtered->rowCount() - 1);
    else
        row = m_model->rowOfLine(qMin(line, store.endLine() - 1));
    view->showRow(row);
}

void LogPage::updateCounts()
{
    const qint64 total = m_model->store().size();
    const bool filtered = m_filterModel && m_mainView->model() == m_filterModel;
    m_filterBar->setCounts(filtered ? m_filterModel->shownLines() : total, total,
                           filtered && m_filterModel->isFiltering());
    if (m_paused)
        m_status->setText(tr("Paused: %n new line(s) waiting.", nullptr, int(m_pendingLines)));
    else if (m_status->text().startsWith(tr("Paused")))
        m_status->clear();
}

void LogPage::updateFollowUi()
{
    const LogView *view = currentView();
    const bool following = view && view->isFollowing();
    const QSignalBlocker blocker(m_followBox);
    m_followBox->setChecked(following);
    m_resume->setVisible(!following);
}
