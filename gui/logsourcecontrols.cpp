#include "logsourcecontrols.h"

#include "addlogsourcedialog.h"
#include "commandcatalogue.h"
#include "logmux.h"
#include "logviewsourcelist.h"

#include <QHBoxLayout>
#include <QPushButton>

#include <algorithm>

LogSourceControls::LogSourceControls(LogMux *mux, LogViewSourceList *list, QWidget *parent)
    : QWidget(parent)
    , m_mux(mux)
    , m_list(list)
    , m_add(new QPushButton(tr("&Add source…"), this))
    , m_remove(new QPushButton(tr("Remo&ve source"), this))
{
    m_add->setAccessibleName(tr("Add log source"));
    m_add->setToolTip(tr("Follow a local file, Cloud Run logs (gcloud) or App Runner logs (aws)"));
    m_remove->setAccessibleName(tr("Remove the selected log source"));
    m_remove->setToolTip(tr("Stop following the selected source; its lines stay in the view"));
    setAccessibleName(tr("Log source actions"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_add);
    layout->addWidget(m_remove);
    layout->addStretch(1);
    connect(m_add, &QPushButton::clicked, this, [this] { openAddDialog(); });
    connect(m_remove, &QPushButton::clicked, this, [this] { removeSelected(); });
    if (m_list)
        connect(m_list, &QTreeWidget::itemSelectionChanged, this, [this] { updateButtons(); });
    updateButtons();
}

LogSourceControls::~LogSourceControls() = default;

void LogSourceControls::setCatalogue(const CommandCatalogue *catalogue)
{
    m_catalogue = catalogue;
}

AddLogSourceDialog *LogSourceControls::dialog() const
{
    return m_dialog;
}

int LogSourceControls::nextSourceId(const LogMux *mux)
{
    static int last = FirstSourceId - 1; // ids are never reused in a run: old lines keep theirs
    if (mux) {
        for (const LogSource *source : mux->sources())
            last = std::max(last, source->id());
    }
    return ++last;
}

AddLogSourceDialog *LogSourceControls::openAddDialog()
{
    if (!m_mux)
        return nullptr;
    if (m_dialog) {
        m_dialog->raise();
        m_dialog->activateWindow();
        return m_dialog;
    }
    if (!m_catalogue && !m_ownCatalogue) {
        m_ownCatalogue = std::make_unique<CommandCatalogue>();
        m_ownCatalogue->loadDefaults();
    }
    m_dialog = new AddLogSourceDialog(m_catalogue ? *m_catalogue : *m_ownCatalogue, this);
    m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_dialog, &QDialog::accepted, this, &LogSourceControls::addFromDialog);
    m_dialog->open();
    return m_dialog;
}

void LogSourceControls::addFromDialog()
{
    if (!m_mux || !m_dialog)
        return;
    const int id = nextSourceId(m_mux);
    LogSource *source = m_dialog->createSource(id);
    if (!source)
        return;
    m_mux->addSource(source);
    Q_EMIT sourceAdded(id);
}

bool LogSourceControls::removeSelected()
{
    const int id = m_list ? m_list->selectedSourceId() : -1;
    if (!m_mux || id < 0)
        return false;
    m_mux->removeSource(id);
    m_list->removeSource(id);
    updateButtons();
    Q_EMIT sourceRemoved(id);
    return true;
}

void LogSourceControls::updateButtons()
{
    m_add->setEnabled(m_mux != nullptr);
    m_remove->setEnabled(m_mux && m_list && m_list->selectedSourceId() >= 0);
}
