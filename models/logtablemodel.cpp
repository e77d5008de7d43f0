#include "logtablemodel.h"

#include <QBrush>
#include <QColor>

namespace {

QVariant foreground(LogLevel level)
{
    switch (level) {
    case LogLevel::Trace:
    case LogLevel::Debug:
        return QBrush(QColor(0x6b, 0x6b, 0x6b));
    case LogLevel::Warn:
        return QBrush(QColor(0x7a, 0x4a, 0x00));
    case LogLevel::Error:
        return QBrush(QColor(0xa0, 0x10, 0x10));
    case LogLevel::Fatal:
        return QBrush(QColor(0x70, 0x00, 0x00));
    case LogLevel::Info:
    case LogLevel::Unknown:
        break;
    }
    return {};
}

QVariant background(LogLevel level)
{
    switch (level) {
    case LogLevel::Warn:
        return QBrush(QColor(0xff, 0xf4, 0xd6));
    case LogLevel::Error:
        return QBrush(QColor(0xfd, 0xe2, 0xe2));
    case LogLevel::Fatal:
        return QBrush(QColor(0xf8, 0xc4, 0xc4));
    default:
        break;
    }
    return {};
}

QString displayColumn(const LogStore &store, qint64 line, int column)
{
    const QByteArrayView raw = store.line(line);
    const LogLineFields fields = LogLineParser::parse(raw);
    switch (column) {
    case LogTableModel::TimeColumn:
        // The line's own clock, HH:MM:SS.mmm (UTC, as written); the tooltip has the date.
        return fields.timestampMs >= 0 ? QString::fromLatin1(raw.sliced(11, 12)) : QString();
    case LogTableModel::LevelColumn:
        return LogLineParser::levelName(fields.level);
    case LogTableModel::SourceColumn:
        return store.sourceName(store.sourceId(line));
    case LogTableModel::ComponentColumn:
        return LogLineParser::displayText(raw.sliced(fields.componentStart, fields.componentLength),
                                          64);
    case LogTableModel::MessageColumn:
        return LogLineParser::displayText(raw.sliced(fields.messageStart, fields.messageLength),
                                          LogTableModel::DisplayChars);
    default:
        break;
    }
    return {};
}

} // namespace

LogTableModel::LogTableModel(qint64 capacity, QObject *parent)
    : QAbstractTableModel(parent)
    , m_store(capacity)
{ }

void LogTableModel::setSourceName(int sourceId, const QString &name)
{
    m_store.setSourceName(sourceId, name);
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, SourceColumn), index(rowCount() - 1, SourceColumn));
}

void LogTableModel::appendChunks(const QList<LogChunk> &chunks)
{
    qsizetype bytes = 0;
    for (const LogChunk &chunk : chunks)
        bytes += chunk.lines.size();
    if (bytes == 0)
        return;
    const qint64 first = m_store.endLine();
    qint64 added = 0;
    // The number of new lines must be known before beginInsertRows: count the newlines.
    for (const LogChunk &chunk : chunks) {
        added += chunk.lines.count('\n');
        if (!chunk.lines.isEmpty() && !chunk.lines.endsWith('\n'))
            ++added;
    }
    const int oldRows = rowCount();
    beginInsertRows({}, oldRows, oldRows + int(added) - 1);
    for (const LogChunk &chunk : chunks)
        m_store.append(chunk.sourceId, chunk.lines);
    endInsertRows();
    Q_ASSERT(m_store.endLine() == first + added);
    Q_EMIT linesAppended(first, m_store.endLine());
    evictOverflow();
}

void LogTableModel::appendIndex(int sourceId, LogFileIndex &&index)
{
    if (index.isEmpty())
        return;
    const qint64 first = m_store.endLine();
    const int oldRows = rowCount();
    beginInsertRows({}, oldRows, oldRows + int(index.lineCount()) - 1);
    m_store.adopt(sourceId, std::move(index));
    endInsertRows();
    Q_EMIT linesAppended(first, m_store.endLine());
    evictOverflow();
}

qint64 LogTableModel::appendFile(int sourceId, const QString &path, qint64 from)
{
    LogFileIndex index = LogFileIndex::build(path, from, m_store.linesPerBlock());
    if (!index.errorString().isEmpty())
        return -1;
    const qint64 end = index.endOffset();
    appendIndex(sourceId, std::move(index));
    return end;
}

void LogTableModel::evictOverflow()
{
    const qint64 evict = m_store.evictableLines();
    if (evict > 0) {
        Q_EMIT linesEvicting(m_store.firstLine() + evict);
        beginRemoveRows({}, 0, int(evict) - 1);
        m_store.evict();
        endRemoveRows();
    }
}

void LogTableModel::clear()
{
    Q_EMIT linesEvicting(m_store.endLine());
    beginResetModel();
    m_store.clear();
    endResetModel();
}

int LogTableModel::rowOfLine(qint64 line) const
{
    if (line < m_store.firstLine() || line >= m_store.endLine())
        return -1;
    return int(line - m_store.firstLine());
}

QVariant LogTableModel::lineData(const LogStore &store, qint64 line, int column, int role)
{
    if (line < store.firstLine() || line >= store.endLine())
        return {};
    switch (role) {
    case Qt::DisplayRole:
        return displayColumn(store, line, column);
    case Qt::ToolTipRole:
        // Only the validated timestamp: untrusted text never reaches a tooltip (rich-text guess).
        if (column == TimeColumn && store.timestampMs(line) >= 0)
            return QString::fromLatin1(store.line(line).first(24));
        return {};
    case Qt::ForegroundRole:
        return foreground(store.level(line));
    case Qt::BackgroundRole:
        return background(store.level(line));
    case LineRole:
        return line;
    case LevelRole:
        return int(store.level(line));
    case SourceIdRole:
        return store.sourceId(line);
    case TimestampRole:
        return store.timestampMs(line);
    case RawLineRole:
        return store.line(line).toByteArray();
    default:
        break;
    }
    return {};
}

QVariant LogTableModel::headerText(int section, Qt::Orientation orientation, int role)
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return tr("Time (UTC)");
    case LevelColumn:
        return tr("Level");
    case SourceColumn:
        return tr("Source");
    case ComponentColumn:
        return tr("Component");
    case MessageColumn:
        return tr("Message");
    default:
        break;
    }
    return {};
}

int LogTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_store.size());
}

int LogTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LogTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid()
        || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    return lineData(m_store, lineAt(index.row()), index.column(), role);
}

QVariant LogTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    return headerText(section, orientation, role);
}

Qt::ItemFlags LogTableModel::flags(const QModelIndex &index) const
{
    if (!index.isValid()
        || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}
