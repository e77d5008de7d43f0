#include "logbacklogloader.h"

#include "logfileindex.h"
#include "logging.h"
#include "logmux.h"
#include "logtablemodel.h"

#include <QThread>

#include <spdlog/spdlog.h>

#include <memory>
#include <new>

LogBacklogLoader::LogBacklogLoader(LogMux *mux, LogTableModel *model, QObject *parent)
    : QObject(parent)
    , m_mux(mux)
    , m_model(model)
{
    if (!mux)
        return;
    connect(mux, &LogMux::backlogRequested, this, &LogBacklogLoader::load);
    mux->setBacklogLoading(true);
}

LogBacklogLoader::~LogBacklogLoader()
{
    for (QThread *thread : std::as_const(m_threads)) {
        thread->wait();
        delete thread;
    }
    if (m_mux)
        m_mux->setBacklogLoading(false);
}

void LogBacklogLoader::load(int sourceId, const QString &path, qint64 from)
{
    if (!m_model) {
        if (m_mux)
            m_mux->followFrom(sourceId, from);
        return;
    }
    const int linesPerSegment = m_model->store().linesPerBlock();
    auto index = std::make_shared<LogFileIndex>();
    QThread *thread = QThread::create([index, path, from, linesPerSegment] {
        try {
            *index = LogFileIndex::build(path, from, linesPerSegment);
        } catch (const std::bad_alloc &) {
            *index = LogFileIndex(); // no error text, no lines: the follower reads from `from`
        }
    });
    thread->setObjectName(QStringLiteral("log-backlog"));
    m_threads.append(thread);
    connect(thread, &QThread::finished, this,
            [this, thread, sourceId, from, index] { finish(thread, sourceId, from, *index); });
    thread->start();
}

void LogBacklogLoader::finish(QThread *thread, int sourceId, qint64 from, LogFileIndex &index)
{
    m_threads.removeOne(thread);
    thread->wait();
    delete thread;
    if (!m_mux || !m_mux->isHeld(sourceId))
        return; // removed while indexing: its lines are not wanted any more
    if (!index.errorString().isEmpty() || !m_model || index.mapping() == nullptr) {
        if (!index.errorString().isEmpty())
            Logging::get("models")->debug("log backlog of source {} read in chunks: {}", sourceId,
                                          index.errorString().toStdString());
        m_mux->followFrom(sourceId, from);
        return;
    }
    const qint64 lines = index.lineCount();
    const qint64 end = index.endOffset();
    const quint64 device = index.device();
    const quint64 inode = index.inode();
    if (const LogSource *source = m_mux->source(sourceId))
        m_model->setSourceName(sourceId, source->name());
    m_model->appendIndex(sourceId, std::move(index));
    m_mux->followFrom(sourceId, end, device, inode);
    Q_EMIT backlogLoaded(sourceId, lines, end);
}
