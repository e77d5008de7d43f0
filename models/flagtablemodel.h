#pragma once

#include "opsdto.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QIcon>
#include <QList>

// The integration flags of /api/integration-flags as a table: name, state in words (plus an
// icon the GUI supplies), env var, default, brownout fallback and the last change (when, who,
// why). Fed by ControlsPoller on every poll (rows that did not change emit nothing); FlagsPage
// marks a row pending while a toggle is in flight. Under emergency mode every row is disabled.
class FlagTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FlagTableModel)

public:
    enum Column {
        NameColumn,
        StateColumn,
        EnvVarColumn,
        DefaultColumn,
        FallbackColumn,
        ChangedAtColumn,
        ChangedByColumn,
        ReasonColumn,
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole + 1, ///< raw value for sorting
        NameRole, ///< the flag's name, whatever the column
        DisplayStateRole, ///< int(DisplayState)
        EnabledRole, ///< bool: the server's last word
        PendingRole, ///< bool: a toggle is in flight
    };
    /// What the state column says; each has its own words and icon, never colour alone.
    enum class DisplayState { On, Off, EmergencyOff, TurningOn, TurningOff };
    Q_ENUM(DisplayState)

    explicit FlagTableModel(QObject *parent = nullptr);

    /// A polled list: rows whose content changed emit dataChanged; a different set of flags
    /// resets. Pending rows stay pending (the poll may predate the action).
    void setFlags(const FlagList &list);
    /// One flag from an action's answer: updates its row (if known) and clears its pending mark.
    void updateFlag(const IntegrationFlag &flag);
    /// Marks a row as being toggled (state "turning off…"/"turning on…", from the shown state)
    /// or clears the mark, which shows the server's last state again (the revert on failure).
    void setPending(const QString &name, bool pending);
    bool isPending(const QString &name) const;
    /// The icon the state column shows for a state (the GUI draws them; none by default).
    void setStateIcon(DisplayState state, const QIcon &icon);

    const QList<IntegrationFlag> &flags() const { return m_flags; }
    const EmergencyMode &emergencyMode() const { return m_emergency; }
    bool isEmergency() const { return m_emergency.active; }
    /// Row of a flag, -1 if unknown.
    int rowOf(const QString &name) const;
    DisplayState displayState(int row) const;

    static QString stateText(DisplayState state); ///< "ON", "OFF", "OFF (emergency)", ...
    /// Why every row is greyed out: "Emergency mode is on: every integration flag reads as
    /// disabled (since 10:02:13 by alice — reason: …)."
    QString emergencyText() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant
    headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void rowChanged(int row);
    QVariant display(const IntegrationFlag &flag, int row, int column) const;
    QVariant sortValue(const IntegrationFlag &flag, int row, int column) const;

    QList<IntegrationFlag> m_flags;
    EmergencyMode m_emergency;
    QHash<QString, bool> m_pendingTarget; ///< flag name -> the state the toggle asks for
    QHash<int, QIcon> m_icons;
};
