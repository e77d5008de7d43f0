#include "logfiltermodel.h"

#include <algorithm>

LogFilterModel::LogFilterModel(LogTableModel *source, QObject *parent)
    : QAbstractTableModel(parent)
    , m_source(source)
{
    connect(source, &LogTableModel::linesAppended, this, &LogFilterModel::onAppended);
    connect(source, &LogTableModel::linesEvicting, this, &LogFilterModel::onEvicted);
    connect(&m_worker, &LogFilterWorker::finished, this,
            [this](quint64, const std::vector<qint64> &lines, qint64 endLine) {
                onFinished(lines, endLine);
            });
}

bool LogFilterModel::setFilter(const LogFilter::Spec &spec)
{
    LogFilter filter(spec);
    if (!filter.isValid()) {
        m_error = filter.errorText();
        return false;
    }
    m_error.clear();
    m_filter = filter;
    m_active = true;
    const LogStore &store = m_source->store();
    m_worker.start(spec, store.snapshot(store.firstLine()), store.firstLine(), store.endLine());
    Q_EMIT filteringChanged(true);
    return true;
}

void LogFilterModel::onFinished(const std::vector<qint64> &lines, qint64 endLine)
{
    beginResetModel();
    m_lines = lines;
    m_head = 0;
    const qint64 first = m_source->store().firstLine();
    while (m_head < m_lines.size() && m_lines[m_head] < first)
        ++m_head;
    m_matchedUntil = endLine;
    endResetModel();
    // Lines that arrived while the worker ran.
    appendMatches(m_matchedUntil, m_source->store().endLine());
    Q_EMIT filteringChanged(false);
    Q_EMIT countsChanged(shownLines(), totalLines());
}

void LogFilterModel::onAppended(qint64 firstLine, qint64 endLine)
{
    if (!m_active)
        return;
    if (m_worker.isBusy()) {
        Q_EMIT countsChanged(shownLines(), totalLines());
        return; // matched when the running filter's result arrives
    }
    appendMatches(qMax(firstLine, m_matchedUntil), endLine);
    Q_EMIT countsChanged(shownLines(), totalLines());
}

void LogFilterModel::appendMatches(qint64 from, qint64 to)
{
    if (from >= to)
        return;
    std::vector<qint64> matches;
    m_filter.match(m_source->store().snapshot(from), from, to, matches);
    m_matchedUntil = to;
    if (matches.empty())
        return;
    const int row = rowCount();
    beginInsertRows({}, row, row + int(matches.size()) - 1);
    m_lines.insert(m_lines.end(), matches.cbegin(), matches.cend());
    endInsertRows();
}

void LogFilterModel::onEvicted(qint64 newFirstLine)
{
    std::size_t head = m_head;
    while (head < m_lines.size() && m_lines[head] < newFirstLine)
        ++head;
    if (head != m_head) {
        beginRemoveRows({}, 0, int(head - m_head) - 1);
        m_head = head;
        endRemoveRows();
    }
    // Compact once the dead prefix is as long as the live part (amortised O(1) per line).
    if (m_head > 4096 && m_head * 2 > m_lines.size()) {
        m_lines.erase(m_lines.begin(), m_lines.begin() + std::ptrdiff_t(m_head));
        m_head = 0;
    }
    Q_EMIT countsChanged(shownLines(), totalLines());
}

int LogFilterModel::lowerBoundRow(qint64 line) const
{
    const auto begin = m_lines.cbegin() + std::ptrdiff_t(m_head);
    return int(std::lower_bound(begin, m_lines.cend(), line) - begin);
}

int LogFilterModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_lines.size() - m_head);
}

int LogFilterModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : LogTableModel::ColumnCount;
}

QVariant LogFilterModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid()
        || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    return LogTableModel::lineData(m_source->store(), lineAt(index.row()), index.column(), role);
}

QVariant LogFilterModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    return LogTableModel::headerText(section, orientation, role);
}

Qt::ItemFlags LogFilterModel::flags(const QModelIndex &index) const
{
    if (!index.isValid()
        || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}
