#include "incidentlistmodel.h"

#include "incidentstore.h"

#include <QFont>

IncidentListModel::IncidentListModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void IncidentListModel::setStore(IncidentStore *store)
{
    if (m_store)
        disconnect(m_store, nullptr, this, nullptr);
    m_store = store;
    if (store) {
        connect(store, &IncidentStore::incidentChanged, this, &IncidentListModel::refresh);
        connect(store, &IncidentStore::activeIncidentChanged, this, &IncidentListModel::refresh);
    }
    refresh();
}

void IncidentListModel::refresh()
{
    beginResetModel();
    m_incidents.clear();
    m_activeId.clear();
    if (m_store) {
        const QStringList ids = m_store->incidentIds();
        for (auto it = ids.crbegin(); it != ids.crend(); ++it) {
            if (const auto incident = m_store->incident(*it))
                m_incidents.append(*incident);
        }
        m_activeId = m_store->activeIncidentId();
    }
    endResetModel();
}

int IncidentListModel::rowOf(const QString &id) const
{
    for (int row = 0; row < m_incidents.size(); ++row) {
        if (m_incidents.at(row).id == id)
            return row;
    }
    return -1;
}

int IncidentListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_incidents.size());
}

int IncidentListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant IncidentListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Incident &incident = m_incidents.at(index.row());
    const bool active = incident.id == m_activeId;
    if (role == IdRole)
        return incident.id;
    if (role == ActiveRole)
        return active;
    if (role == Qt::FontRole && active) {
        QFont font;
        font.setBold(true);
        return font;
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case TitleColumn:
        return incident.title;
    case SeverityColumn:
        return severityName(incident.severity);
    case StateColumn:
        return incident.isResolved() ? QStringLiteral("Resolved") : QStringLiteral("Open");
    case DeclaredColumn:
        return incident.declaredAt.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    default:
        return incident.commander;
    }
}

QVariant IncidentListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    static const std::array<const char *, ColumnCount> titles {"Title", "Severity", "State",
                                                               "Declared (UTC)", "Commander"};
    return section >= 0 && section < ColumnCount ? QLatin1String(titles.at(std::size_t(section)))
                                                 : QVariant();
}
