#pragma once

#include <QHash>
#include <QPointer>
#include <QWidget>

class ActionController;
class ActionOutcomeRow;
class ControlsPoller;
class FlagTableModel;
class QPushButton;
class QTableView;
class ReasonDialog;
class StateBadge;
class TableSection;
struct ActionOutcome;
struct FlagList;

// The integration flags (the feature-flag kill switches): the table with its freshness line,
// Enable…/Disable… for the selected flag (each asks for a reason), and the outcome next to the
// buttons. A row is pending while its toggle is in flight and reverts to the server's state with
// the server's sentence when it fails; emergency mode greys the table and says why. Fed by
// ControlsPoller; actions go through ActionController.
class FlagsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FlagsPage)

public:
    FlagsPage(ActionController *controller,
              ControlsPoller *poller,
              const QString &environment,
              QWidget *parent = nullptr);
    ~FlagsPage() override;

    FlagTableModel *model() const { return m_model; }
    QTableView *view() const;
    QPushButton *enableButton() const { return m_enable; }
    QPushButton *disableButton() const { return m_disable; }
    ActionOutcomeRow *outcomeRow() const { return m_outcome; }
    StateBadge *emergencyNotice() const { return m_emergency; }
    StateBadge *readOnlyNotice() const { return m_readOnly; }
    ReasonDialog *currentDialog() const;

    /// Name of the selected flag ("" when none).
    QString selectedFlag() const;
    /// Selects a flag's row; false when it is not (yet) listed.
    bool selectFlag(const QString &name);
    /// Opens the reason dialog to enable or disable the selected flag (what the buttons do).
    void requestToggle(bool enable);

private:
    void showFlags(const FlagList &flags);
    void showFreshness();
    void finished(const ActionOutcome &outcome);
    void started(const ActionOutcome &outcome);
    void updateControls();

    QPointer<ActionController> m_controller;
    QPointer<ControlsPoller> m_poller;
    QString m_environment;
    FlagTableModel *m_model;
    StateBadge *m_emergency;
    StateBadge *m_readOnly;
    TableSection *m_table;
    QPushButton *m_enable;
    QPushButton *m_disable;
    ActionOutcomeRow *m_outcome;
    QPointer<ReasonDialog> m_dialog;
    QHash<QString, QString> m_sent; ///< id of a toggle sent here (its first send) -> flag name
};
