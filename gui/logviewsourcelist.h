#pragma once

#include "logsource.h"

#include <QColor>
#include <QHash>
#include <QTreeWidget>

// The log page's list of sources: each one's colour tag (the same as in the table's source
// column), name, state and status sentence, with its latest diagnostics (a CLI's stderr, "file
// rotated", ...) as child rows. Fed by LogPage from LogMux's signals; plain text only.
class LogViewSourceList final : public QTreeWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogViewSourceList)

public:
    static constexpr int MaxDiagnostics = 20;

    explicit LogViewSourceList(QWidget *parent = nullptr);

    /// Adds the source if new (with the next colour of the palette) and shows its state.
    void
    setSource(int sourceId, const QString &name, LogSource::State state, const QString &status);
    void setState(int sourceId, LogSource::State state, const QString &status);
    void addDiagnostic(int sourceId, const QString &text);
    void removeSource(int sourceId);
    bool hasSource(int sourceId) const { return m_items.contains(sourceId); }
    /// The source of the selected row (or of the selected diagnostic's row); -1 when none.
    int selectedSourceId() const;

    QColor colour(int sourceId) const { return m_colours.value(sourceId, Qt::gray); }
    QHash<int, QColor> colours() const { return m_colours; }

Q_SIGNALS:
    void coloursChanged(const QHash<int, QColor> &colours);

private:
    QHash<int, QTreeWidgetItem *> m_items;
    QHash<int, QColor> m_colours;
    int m_nextColour = 0;
};
