#include "healthtablespanel.h"

#include "circuitbreakermodel.h"
#include "healthgatemodel.h"
#include "probesbox.h"
#include "reasondialog.h"
#include "statebadge.h"
#include "tablesection.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

HealthTablesPanel::HealthTablesPanel(QWidget *parent)
    : QWidget(parent)
    , m_gateModel(new HealthGateModel(this))
    , m_breakerModel(new CircuitBreakerModel(this))
    , m_probes(new ProbesBox(this))
    , m_gatesSection(new TableSection(tr("Health gates"), m_gateModel, this))
    , m_breakersSection(new TableSection(tr("Circuit breakers"), m_breakerModel, this))
    , m_trip(new QPushButton(tr("&Trip…"), this))
    , m_reset(new QPushButton(tr("R&eset…"), this))
    , m_result(new StateBadge(this))
{
    setObjectName(QStringLiteral("healthTablesPanel"));
    m_gatesSection->setObjectName(QStringLiteral("gatesSection"));
    m_breakersSection->setObjectName(QStringLiteral("breakersSection"));

    m_trip->setObjectName(QStringLiteral("tripBreaker"));
    m_trip->setAccessibleName(tr("Trip the selected circuit breaker"));
    m_trip->setToolTip(tr("Force the selected breaker open: calls to that dependency fail fast."));
    m_reset->setObjectName(QStringLiteral("resetBreaker"));
    m_reset->setAccessibleName(tr("Reset the selected circuit breaker"));
    m_reset->setToolTip(tr("Close the selected breaker and clear its failure count."));
    m_result->setObjectName(QStringLiteral("breakerActionResult"));
    m_result->setAccessibleName(tr("Result of the last breaker action"));
    m_result->hide();

    QHBoxLayout *row = m_breakersSection->actionRow();
    row->addWidget(m_trip);
    row->addWidget(m_reset);
    row->addStretch(1);
    m_breakersSection->layout()->addWidget(m_result);

    connect(m_trip, &QPushButton::clicked, this, &HealthTablesPanel::requestTrip);
    connect(m_reset, &QPushButton::clicked, this, &HealthTablesPanel::requestReset);
    connect(m_breakersSection->view()->selectionModel(), &QItemSelectionModel::selectionChanged,
            this, [this] { updateButtons(); });
    connect(m_breakerModel, &QAbstractItemModel::modelReset, this, [this] { updateButtons(); });

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_probes);
    layout->addWidget(m_gatesSection);
    layout->addWidget(m_breakersSection);
    layout->addStretch(1);
    updateButtons();
}

void HealthTablesPanel::setEnvironment(const QString &environment)
{
    m_environment = environment;
}

void HealthTablesPanel::setActionsEnabled(bool enabled)
{
    m_actionsEnabled = enabled;
    updateButtons();
}

void HealthTablesPanel::setGates(const HealthGates &gates)
{
    m_gateModel->setGates(gates.gates, gates.timestamp);
}

void HealthTablesPanel::setBreakers(const BreakerList &breakers)
{
    m_breakerModel->setBreakers(breakers.breakers, breakers.timestamp);
    updateButtons();
}

QString HealthTablesPanel::selectedBreaker() const
{
    const QModelIndexList rows = m_breakersSection->view()->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return {};
    return rows.first().data(CircuitBreakerModel::NameRole).toString();
}

void HealthTablesPanel::updateButtons()
{
    const bool selected = !selectedBreaker().isEmpty();
    m_trip->setEnabled(m_actionsEnabled && selected);
    m_reset->setEnabled(m_actionsEnabled && selected);
    const QString hint
        = m_actionsEnabled ? tr("Select a breaker in the table first.") : tr("Not connected.");
    m_trip->setStatusTip(selected ? QString() : hint);
    m_reset->setStatusTip(selected ? QString() : hint);
}

void HealthTablesPanel::requestTrip()
{
    askReason(Action::Trip);
}

void HealthTablesPanel::requestReset()
{
    askReason(Action::Reset);
}

void HealthTablesPanel::askReason(Action action)
{
    const QString breaker = selectedBreaker();
    if (breaker.isEmpty() || !m_actionsEnabled)
        return;
    ReasonDialog::Request request;
    request.target = tr("circuit breaker “%1”").arg(breaker);
    request.environment = m_environment;
    if (action == Action::Trip) {
        request.title = tr("Trip circuit breaker");
        request.actionText = tr("Trip breaker");
        request.effect = tr("Forces the breaker open: every call to %1 fails fast until the "
                            "breaker is reset.")
                             .arg(breaker);
    } else {
        request.title = tr("Reset circuit breaker");
        request.actionText = tr("Reset breaker");
        request.effect = tr("Closes the breaker and clears its failures: calls to %1 go through "
                            "again.")
                             .arg(breaker);
    }
    auto *dialog = new ReasonDialog(request, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, action, breaker] {
        if (action == Action::Trip)
            Q_EMIT tripRequested(breaker, dialog->reason());
        else
            Q_EMIT resetRequested(breaker, dialog->reason());
    });
    dialog->open();
}

void HealthTablesPanel::showActionPending(const QString &summary)
{
    m_result->setState(StateBadge::Severity::Info, tr("%1: waiting for the server…").arg(summary));
    m_result->show();
}

void HealthTablesPanel::showActionResult(const QString &summary, bool ok, const QString &message)
{
    const QString text = message.isEmpty() ? summary : tr("%1: %2").arg(summary, message);
    m_result->setState(ok ? StateBadge::Severity::Ok : StateBadge::Severity::Critical,
                       ok ? text : tr("FAILED — %1").arg(text));
    m_result->show();
}
