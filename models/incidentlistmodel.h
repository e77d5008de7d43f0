#pragma once

#include "incident.h"

#include <QAbstractTableModel>
#include <QPointer>

class IncidentStore;

/// Every incident of a store, newest first: Title, Severity, State, Declared (UTC), Commander.
/// The active one has ActiveRole = true (and a bold font). Refreshes on the store's changes.
class IncidentListModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(IncidentListModel)

public:
    enum Column {
        TitleColumn,
        SeverityColumn,
        StateColumn,
        DeclaredColumn,
        CommanderColumn,
        ColumnCount
    };
    enum Role { IdRole = Qt::UserRole + 1, ActiveRole };

    explicit IncidentListModel(QObject *parent = nullptr);

    void setStore(IncidentStore *store); ///< not owned; may be null
    void refresh();
    int rowOf(const QString &id) const; ///< -1 when absent
    const Incident &incidentAt(int row) const { return m_incidents.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant
    headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QPointer<IncidentStore> m_store;
    QList<Incident> m_incidents;
    QString m_activeId;
};
