#include "agentspage.h"

#include "actioncontroller.h"
#include "actionoutcomerow.h"
#include "agenttablemodel.h"
#include "controlspoller.h"
#include "quarantinefields.h"
#include "reasondialog.h"
#include "statebadge.h"
#include "tablesection.h"

#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace {

ActionRequest quarantineRequest(const QString &agentId,
                                const QString &reason,
                                std::optional<int> duration,
                                bool overrideCap)
{
    ActionRequest request;
    request.kind = ActionRequest::Kind::QuarantineAgent;
    request.target = agentId;
    request.reason = reason;
    request.durationSeconds = duration;
    request.overrideCap = overrideCap;
    return request;
}

QIcon badgeIcon(StateBadge::Severity severity)
{
    return QIcon(StateBadge::icon(severity, 16));
}

} // namespace

AgentsPage::AgentsPage(ActionController *controller,
                       ControlsPoller *poller,
                       const QString &environment,
                       QWidget *parent)
    : QWidget(parent)
    , m_controller(controller)
    , m_poller(poller)
    , m_environment(environment)
    , m_model(new AgentTableModel(this))
    , m_section(new TableSection(tr("Agents"), m_model, this))
    , m_quarantine(new QPushButton(tr("&Quarantine…"), this))
    , m_release(new QPushButton(tr("Re&lease…"), this))
    , m_readOnly(new QLabel(this))
    , m_outcome(new ActionOutcomeRow(controller, this))
{
    setObjectName(QStringLiteral("agentsPage"));
    m_model->setStatusIcon(AgentStatus::Active, badgeIcon(StateBadge::Severity::Ok));
    m_model->setStatusIcon(AgentStatus::Degraded, badgeIcon(StateBadge::Severity::Warning));
    m_model->setStatusIcon(AgentStatus::Quarantined, badgeIcon(StateBadge::Severity::Critical));
    m_section->setObjectName(QStringLiteral("agentsSection"));
    m_section->setStretchColumn(AgentTableModel::WhyColumn);

    m_quarantine->setObjectName(QStringLiteral("quarantine"));
    m_quarantine->setAccessibleName(tr("Quarantine the selected agent"));
    m_quarantine->setAutoDefault(false);
    m_release->setObjectName(QStringLiteral("release"));
    m_release->setAccessibleName(tr("Release the selected agent"));
    m_release->setAutoDefault(false);
    m_readOnly->setObjectName(QStringLiteral("readOnly"));
    m_readOnly->setTextFormat(Qt::PlainText);
    m_readOnly->setWordWrap(true);
    m_readOnly->hide();
    m_section->actionRow()->addWidget(m_quarantine);
    m_section->actionRow()->addWidget(m_release);
    m_section->actionRow()->addWidget(m_outcome, 1);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_section);
    layout->addWidget(m_readOnly);
    layout->addStretch();

    connect(m_quarantine, &QPushButton::clicked, this,
            [this] { requestQuarantine(selectedAgent()); });
    connect(m_release, &QPushButton::clicked, this, [this] { requestRelease(selectedAgent()); });
    connect(m_section->view()->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this] { updateButtons(); });
    connect(m_model, &QAbstractItemModel::dataChanged, this, [this] { updateButtons(); });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] { updateButtons(); });
    connect(controller, &ActionController::actionStarted, this,
            [this](const ActionOutcome &outcome) { actionStarted(outcome); });
    connect(controller, &ActionController::actionFinished, this,
            [this](const ActionOutcome &outcome) { actionFinished(outcome); });
    connect(controller, &ActionController::readOnlyChanged, this, [this] { updateButtons(); });
    connect(poller, &ControlsPoller::agentsUpdated, this, [this](const AgentList &agents) {
        m_model->setAgents(agents.agents);
        showSource();
    });
    connect(poller, &ControlsPoller::sourceFailed, this, [this](ControlsPoller::Source source) {
        if (source == ControlsPoller::Source::Agents)
            showSource();
    });
    if (poller->agents())
        m_model->setAgents(poller->agents()->agents);
    showSource();
    updateButtons();
}

QString AgentsPage::selectedAgent() const
{
    const QModelIndexList rows = m_section->view()->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().data(AgentTableModel::IdRole).toString();
}

bool AgentsPage::selectAgent(const QString &agentId)
{
    const int row = m_model->rowOf(agentId);
    if (row < 0)
        return false;
    m_section->view()->selectRow(row);
    return true;
}

void AgentsPage::requestQuarantine(const QString &agentId)
{
    if (agentId.isEmpty() || openDialog() || m_outcome->refuseIfReadOnly())
        return;
    const auto agent = m_model->agent(agentId);
    ReasonDialog::Request request;
    request.title = tr("Quarantine agent");
    request.actionText = tr("Quarantine");
    request.target = agent && !agent->name.isEmpty() && agent->name != agentId
        ? tr("agent “%1” (%2)").arg(agentId, agent->name)
        : tr("agent “%1”").arg(agentId);
    request.environment = m_environment;
    request.effect = tr("The agent takes no new work: its queue stops growing. It stays listed "
                        "and can be released.");
    request.typeToConfirm = agentId;
    auto *fields = new QuarantineFields;
    request.extra = fields;
    request.trigger = m_quarantine;
    auto *dialog = new ReasonDialog(request, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const auto revalidate = [this, dialog, fields, agentId] {
        // The cap is hit when only the override would make the request valid.
        const auto probe
            = quarantineRequest(agentId, QStringLiteral("-"), fields->durationSeconds(), false);
        const auto capSentence = m_controller->validate(probe);
        auto overridden = probe;
        overridden.overrideCap = true;
        const bool capHit = capSentence && !m_controller->validate(overridden);
        fields->setCapHit(capHit);
        QString problem;
        if (capHit && !fields->overrideCap()) {
            problem = *capSentence;
        } else if (!dialog->reason().isEmpty()) {
            problem = m_controller
                          ->validate(quarantineRequest(agentId, dialog->reason(),
                                                       fields->durationSeconds(),
                                                       fields->overrideCap()))
                          .value_or(QString());
        }
        dialog->setProblem(problem);
    };
    connect(dialog, &ReasonDialog::inputChanged, dialog, revalidate);
    connect(fields, &QuarantineFields::changed, dialog, revalidate);
    connect(dialog, &QDialog::accepted, this, [this, dialog, fields, agentId] {
        send(quarantineRequest(agentId, dialog->reason(), fields->durationSeconds(),
                               fields->overrideCap()));
    });
    revalidate();
    m_dialog = dialog;
    dialog->open();
}

void AgentsPage::requestRelease(const QString &agentId)
{
    if (agentId.isEmpty() || openDialog() || m_outcome->refuseIfReadOnly())
        return;
    ReasonDialog::Request request;
    request.title = tr("Release agent");
    request.actionText = tr("Release");
    request.target = tr("agent “%1”").arg(agentId);
    request.environment = m_environment;
    request.effect = tr("The agent takes new work again.");
    request.trigger = m_release;
    auto *dialog = new ReasonDialog(request, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ReasonDialog::inputChanged, dialog, [this, dialog, agentId] {
        ActionRequest release;
        release.kind = ActionRequest::Kind::ReleaseAgent;
        release.target = agentId;
        release.reason = dialog->reason();
        dialog->setProblem(dialog->reason().isEmpty()
                               ? QString()
                               : m_controller->validate(release).value_or(QString()));
    });
    connect(dialog, &QDialog::accepted, this, [this, dialog, agentId] {
        ActionRequest release;
        release.kind = ActionRequest::Kind::ReleaseAgent;
        release.target = agentId;
        release.reason = dialog->reason();
        send(release);
    });
    m_dialog = dialog;
    dialog->open();
}

void AgentsPage::send(const ActionRequest &request)
{
    const QString id = m_outcome->perform(request);
    if (id.isEmpty())
        return;
    m_agentOfAction.insert(id, request.target);
    m_model->setPending(request.target, true);
    updateButtons();
}

void AgentsPage::actionStarted(const ActionOutcome &outcome)
{
    // A resend ("Resend with the same key") of one of ours marks the agent pending again.
    if (!outcome.resendOf.isEmpty() && !m_agentOfAction.contains(outcome.actionId)) {
        const QString agentId = outcome.request.target;
        if (outcome.request.kind == ActionRequest::Kind::QuarantineAgent
            || outcome.request.kind == ActionRequest::Kind::ReleaseAgent) {
            m_agentOfAction.insert(outcome.actionId, agentId);
            m_model->setPending(agentId, true);
            updateButtons();
        }
    }
}

void AgentsPage::actionFinished(const ActionOutcome &outcome)
{
    const QString agentId = m_agentOfAction.take(outcome.actionId);
    if (agentId.isEmpty())
        return;
    if (!m_agentOfAction.values().contains(agentId))
        m_model->setPending(agentId, false);
    m_poller->refreshNow(ControlsPoller::Source::Agents);
    updateButtons();
}

void AgentsPage::updateButtons()
{
    const QString id = selectedAgent();
    const auto agent = m_model->agent(id);
    const bool canAct = !m_controller->isReadOnly();
    const bool idle = agent && !m_model->isPending(id);
    const bool quarantined = agent && agent->status == AgentStatus::Quarantined;
    m_quarantine->setEnabled(canAct && idle && !quarantined);
    m_release->setEnabled(canAct && idle && quarantined);
    const QString hint = !canAct ? m_controller->readOnlyReason()
        : !agent                 ? tr("Select an agent first.")
                                 : QString();
    m_quarantine->setToolTip(hint);
    m_release->setToolTip(hint);
    m_readOnly->setText(canAct ? QString()
                               : tr("Read-only: %1").arg(m_controller->readOnlyReason()));
    m_readOnly->setVisible(!canAct);
}

void AgentsPage::showSource()
{
    const QDateTime last = m_poller->lastSuccess(ControlsPoller::Source::Agents);
    if (m_poller->isStale(ControlsPoller::Source::Agents)) {
        const QString reason = m_poller->staleReason(ControlsPoller::Source::Agents);
        m_section->setStale(last, reason.isEmpty() ? tr("Waiting for the first answer…") : reason);
    } else
        m_section->setFresh(last);
}

ReasonDialog *AgentsPage::openDialog() const
{
    // A closed dialog lingers until its deleteLater runs.
    return m_dialog && m_dialog->isVisible() ? m_dialog.data() : nullptr;
}
