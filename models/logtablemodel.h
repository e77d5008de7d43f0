#pragma once

#include "logstore.h"

#include <QAbstractTableModel>
#include <QList>

// Every line of the log tail (a ring over LogStore), one row each. Fed by LogMux::batchReady
// through appendChunks(): one insert and at most one removal at the top per batch. Rows
// convert to text only when a view asks for them, sanitised for plain-text display.
class LogTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogTableModel)

public:
    enum Column { TimeColumn, LevelColumn, SourceColumn, ComponentColumn, MessageColumn };
    static constexpr int ColumnCount = 5;
    enum Role {
        LineRole = Qt::UserRole + 1, ///< qint64, the absolute line number in the store
        LevelRole, ///< int(LogLevel)
        SourceIdRole, ///< int
        TimestampRole, ///< qint64 epoch ms, -1 without a timestamp
        RawLineRole, ///< QByteArray, the whole line as read (for copy)
    };
    /// Displayed text is cut after this many characters ("… (N more bytes)").
    static constexpr int DisplayChars = 4096;

    explicit LogTableModel(qint64 capacity = 1'000'000, QObject *parent = nullptr);

    const LogStore &store() const { return m_store; }
    void setSourceName(int sourceId, const QString &name);

    /// One batch of LogMux: appended in order, then the ring's overflow evicted.
    void appendChunks(const QList<LogChunk> &chunks);
    /// A file opened from disk: its whole lines, indexed in place (LogFileIndex, mapped and not
    /// copied), appended as one insert, then the ring's overflow evicted. Build the index on any
    /// thread with LogFileIndex::build(path, from, store().linesPerBlock()).
    void appendIndex(int sourceId, LogFileIndex &&index);
    /// build() + appendIndex() on this thread; returns the file offset after the last whole line
    /// (where a follower continues), or -1 when the file cannot be read.
    qint64 appendFile(int sourceId, const QString &path, qint64 from = 0);
    void clear();

    qint64 lineAt(int row) const { return m_store.firstLine() + row; }
    int rowOfLine(qint64 line) const; ///< -1 when evicted or not yet stored

    /// Data of one stored line, shared with LogFilterModel.
    static QVariant lineData(const LogStore &store, qint64 line, int column, int role);
    static QVariant headerText(int section, Qt::Orientation orientation, int role);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

Q_SIGNALS:
    /// Lines [firstLine, endLine) were added (after endInsertRows).
    void linesAppended(qint64 firstLine, qint64 endLine);
    /// Lines before newFirstLine are about to be dropped by the ring (before beginRemoveRows:
    /// they can still be read), or were dropped by clear().
    void linesEvicting(qint64 newFirstLine);

private:
    void evictOverflow(); ///< the ring's overflow, in whole blocks, as one removal

    LogStore m_store;
};
