#pragma once

#include "opsdto.h"

#include <QWidget>

class CircuitBreakerModel;
class HealthGateModel;
class ProbesBox;
class QLabel;
class QPushButton;
class StateBadge;
class TableSection;

// The dashboard's health column: the probes, the health gates table and the circuit breakers
// table with Trip…/Reset…. It asks for a reason (ReasonDialog) and emits the intent; the page
// hands it to the DashboardPoller and reports the outcome back with showActionResult().
class HealthTablesPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HealthTablesPanel)

public:
    explicit HealthTablesPanel(QWidget *parent = nullptr);

    /// Shown in the reason dialog: "SIMULATOR" or the server's host.
    void setEnvironment(const QString &environment);
    /// Breaker actions are possible (a poller is attached).
    void setActionsEnabled(bool enabled);

    void setGates(const HealthGates &gates);
    void setBreakers(const BreakerList &breakers);
    /// "Tripped openai" with the server's message; shown under the breakers table.
    void showActionResult(const QString &summary, bool ok, const QString &message);
    void showActionPending(const QString &summary);

    /// Opens the reason dialog for the selected breaker (what the buttons do).
    void requestTrip();
    void requestReset();
    QString selectedBreaker() const;

    ProbesBox *probes() const { return m_probes; }
    TableSection *gatesSection() const { return m_gatesSection; }
    TableSection *breakersSection() const { return m_breakersSection; }
    HealthGateModel *gateModel() const { return m_gateModel; }
    CircuitBreakerModel *breakerModel() const { return m_breakerModel; }
    QPushButton *tripButton() const { return m_trip; }
    QPushButton *resetButton() const { return m_reset; }
    StateBadge *actionResult() const { return m_result; }

Q_SIGNALS:
    void tripRequested(const QString &breaker, const QString &reason);
    void resetRequested(const QString &breaker, const QString &reason);

private:
    enum class Action { Trip, Reset };
    void askReason(Action action);
    void updateButtons();

    HealthGateModel *m_gateModel;
    CircuitBreakerModel *m_breakerModel;
    ProbesBox *m_probes;
    TableSection *m_gatesSection;
    TableSection *m_breakersSection;
    QPushButton *m_trip;
    QPushButton *m_reset;
    StateBadge *m_result;
    QString m_environment;
    bool m_actionsEnabled = false;
};
