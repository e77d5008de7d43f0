#pragma once

#include <QPointer>
#include <QWidget>

#include <memory>

class AddLogSourceDialog;
class CommandCatalogue;
class LogMux;
class LogViewSourceList;
class QPushButton;

// The "Add source…" / "Remove" row above the log page's source list: opens AddLogSourceDialog
// and hands its source to LogMux with an id unique for the run; removes the selected source
// from the mux (its lines stay in the view). LogPage creates it.
class LogSourceControls final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogSourceControls)

public:
    /// Ids handed out here start at this value, clear of ConsoleSession's simulator-log ids
    /// (1, 2, … one per simulator start), until LogMux hands out ids itself.
    static constexpr int FirstSourceId = 1000;

    /// `mux` is not owned and may be null (the buttons are then disabled).
    LogSourceControls(LogMux *mux, LogViewSourceList *list, QWidget *parent = nullptr);
    ~LogSourceControls() override;

    /// The catalogue whose service, region and line-count rules the dialog applies (not owned);
    /// without one the built-in and user catalogue is loaded on first use.
    void setCatalogue(const CommandCatalogue *catalogue);

    QPushButton *addButton() const { return m_add; }
    QPushButton *removeButton() const { return m_remove; }
    /// The open dialog, if any.
    AddLogSourceDialog *dialog() const;

    /// Opens the dialog (window-modal, not blocking); on OK its source is added to the mux.
    AddLogSourceDialog *openAddDialog();
    /// Removes the source selected in the list; false when none is.
    bool removeSelected();

    /// An id not used by any source of `mux` nor handed out before in this run.
    static int nextSourceId(const LogMux *mux);

Q_SIGNALS:
    void sourceAdded(int sourceId);
    void sourceRemoved(int sourceId);

private:
    void addFromDialog();
    void updateButtons();

    QPointer<LogMux> m_mux;
    LogViewSourceList *m_list;
    const CommandCatalogue *m_catalogue = nullptr;
    std::unique_ptr<CommandCatalogue> m_ownCatalogue;
    QPointer<AddLogSourceDialog> m_dialog;
    QPushButton *m_add;
    QPushButton *m_remove;
};
