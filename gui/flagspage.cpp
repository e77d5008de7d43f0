#include "flagspage.h"

#include "actioncontroller.h"
#include "actionoutcomerow.h"
#include "controlspoller.h"
#include "flagtablemodel.h"
#include "jsonmapping.h"
#include "modeactions.h"
#include "reasondialog.h"
#include "statebadge.h"
#include "tablesection.h"

#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace {

using DisplayState = FlagTableModel::DisplayState;
using Severity = StateBadge::Severity;

// The state column's icons: the same glyphs as every other on/off value of the console.
Severity iconOf(DisplayState state)
{
    switch (state) {
    case DisplayState::On:
        return Severity::Ok;
    case DisplayState::Off:
        return Severity::Neutral;
    case DisplayState::EmergencyOff:
        return Severity::Critical;
    case DisplayState::TurningOn:
    case DisplayState::TurningOff:
        break;
    }
    return Severity::Info;
}

} // namespace

FlagsPage::FlagsPage(ActionController *controller,
                     ControlsPoller *poller,
                     const QString &environment,
                     QWidget *parent)
    : QWidget(parent)
    , m_controller(controller)
    , m_poller(poller)
    , m_environment(environment)
    , m_model(new FlagTableModel(this))
    , m_emergency(new StateBadge(this))
    , m_readOnly(new StateBadge(this))
    , m_table(new TableSection(tr("Integration flags"), m_model, this))
    , m_enable(new QPushButton(tr("&Enable…"), this))
    , m_disable(new QPushButton(tr("&Disable…"), this))
    , m_outcome(new ActionOutcomeRow(controller, this))
{
    setObjectName(QStringLiteral("flagsPage"));
    setAccessibleName(tr("Integration flags page"));
    m_table->setStretchColumn(FlagTableModel::ReasonColumn);
    for (DisplayState state : {DisplayState::On, DisplayState::Off, DisplayState::EmergencyOff,
                               DisplayState::TurningOn, DisplayState::TurningOff})
        m_model->setStateIcon(state,
                              QIcon(StateBadge::icon(iconOf(state), 16, devicePixelRatioF())));

    m_emergency->setObjectName(QStringLiteral("emergencyNotice"));
    m_emergency->setEmphasized(true);
    m_emergency->hide();
    m_readOnly->setObjectName(QStringLiteral("readOnlyNotice"));
    m_readOnly->hide();

    m_table->setObjectName(QStringLiteral("flagsTable"));
    view()->setObjectName(QStringLiteral("flagsView"));
    m_enable->setObjectName(QStringLiteral("enableFlagButton"));
    m_enable->setAccessibleName(tr("Enable the selected flag"));
    m_disable->setObjectName(QStringLiteral("disableFlagButton"));
    m_disable->setAccessibleName(tr("Disable the selected flag"));
    m_table->actionRow()->addWidget(m_enable);
    m_table->actionRow()->addWidget(m_disable);
    m_table->actionRow()->addWidget(m_outcome, 1);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_emergency);
    layout->addWidget(m_readOnly);
    layout->addWidget(m_table);
    layout->addStretch(1);

    connect(m_enable, &QPushButton::clicked, this, [this] { requestToggle(true); });
    connect(m_disable, &QPushButton::clicked, this, [this] { requestToggle(false); });
    connect(view()->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this] { updateControls(); });
    if (controller) {
        connect(controller, &ActionController::actionStarted, this, &FlagsPage::started);
        connect(controller, &ActionController::actionFinished, this, &FlagsPage::finished);
        connect(controller, &ActionController::readOnlyChanged, this, [this] { updateControls(); });
    }
    if (poller) {
        connect(poller, &ControlsPoller::flagsUpdated, this, &FlagsPage::showFlags);
        connect(poller, &ControlsPoller::staleChanged, this, [this](ControlsPoller::Source source) {
            if (source == ControlsPoller::Source::Flags)
                showFreshness();
        });
        connect(poller, &ControlsPoller::sourceFailed, this, [this](ControlsPoller::Source source) {
            if (source == ControlsPoller::Source::Flags)
                showFreshness(); // the reason may have changed while stale
        });
        if (poller->flags())
            showFlags(*poller->flags());
    }
    updateControls();
}

FlagsPage::~FlagsPage()
{
    if (m_dialog)
        m_dialog->reject();
}

ReasonDialog *FlagsPage::currentDialog() const
{
    return m_dialog;
}

QTableView *FlagsPage::view() const
{
    return m_table->view();
}

QString FlagsPage::selectedFlag() const
{
    const QModelIndexList rows = view()->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.constFirst().data(FlagTableModel::NameRole).toString();
}

bool FlagsPage::selectFlag(const QString &name)
{
    const int row = m_model->rowOf(name);
    if (row < 0 || !m_model->flags(m_model->index(row, 0)).testFlag(Qt::ItemIsEnabled))
        return false;
    view()->selectRow(row);
    return selectedFlag() == name;
}

void FlagsPage::showFlags(const FlagList &flags)
{
    m_model->setFlags(flags);
    m_emergency->setState(Severity::Critical, m_model->emergencyText());
    m_emergency->setVisible(m_model->isEmergency());
    if (m_model->isEmergency())
        view()->clearSelection();
    showFreshness();
    updateControls();
}

void FlagsPage::showFreshness()
{
    if (!m_poller)
        return;
    using Source = ControlsPoller::Source;
    if (m_poller->isStale(Source::Flags))
        m_table->setStale(m_poller->lastSuccess(Source::Flags),
                          m_poller->staleReason(Source::Flags));
    else
        m_table->setFresh(m_poller->lastSuccess(Source::Flags));
}

void FlagsPage::requestToggle(bool enable)
{
    const QString name = selectedFlag();
    if (name.isEmpty() || !m_controller || m_controller->isReadOnly() || m_model->isEmergency()
        || m_dialog || m_model->isPending(name))
        return; // the buttons are disabled and say why
    const int row = m_model->rowOf(name);
    const QString envVar = m_model->flags().at(row).envVar;
    ActionRequest request;
    request.kind = ActionRequest::Kind::Flag;
    request.target = name;
    request.enable = enable;
    const QString target
        = envVar.isEmpty() ? tr("flag %1").arg(name) : tr("flag %1 (%2)").arg(name, envVar);
    const QPointer<FlagsPage> self(this);
    m_dialog = ModeActions::confirmAndPerform(
        m_controller, request, target, m_environment, this,
        [self, name, enable](const QString &id, const QString &rejected) {
            if (!self)
                return;
            if (id.isEmpty()) {
                self->m_outcome->showRejected(rejected);
                return;
            }
            self->m_sent.insert(id, name);
            self->m_model->setPending(name, true);
            self->m_outcome->track(
                id, enable ? tr("Enabling %1").arg(name) : tr("Disabling %1").arg(name));
            self->updateControls();
        });
}

void FlagsPage::started(const ActionOutcome &outcome)
{
    // A resend of one of our toggles (from the outcome row): the row is pending again.
    if (const QString name = m_sent.value(outcome.resendOf); !name.isEmpty()) {
        m_model->setPending(name, true);
        updateControls();
    }
}

void FlagsPage::finished(const ActionOutcome &outcome)
{
    const QString root = outcome.resendOf.isEmpty() ? outcome.actionId : outcome.resendOf;
    const QString name = m_sent.value(root);
    if (name.isEmpty())
        return;
    if (!m_controller || !m_controller->canResend(outcome.actionId))
        m_sent.remove(root);
    const auto answer = outcome.state == ActionOutcome::State::Succeeded
        ? std::optional(JsonMapping::parseFlagAnswer(outcome.answer))
        : std::nullopt;
    if (answer && answer->ok())
        m_model->updateFlag(answer->value());
    else
        m_model->setPending(name, false); // back to the server's last word
    // Whatever happened, the server's list is the truth (an unknown outcome may have applied).
    if (m_poller)
        m_poller->refreshNow(ControlsPoller::Source::Flags);
    updateControls();
}

void FlagsPage::updateControls()
{
    const bool readOnly = !m_controller || m_controller->isReadOnly();
    const QString readOnlyWhy
        = !m_controller ? tr("Not connected.") : m_controller->readOnlyReason();
    m_readOnly->setState(Severity::Info, tr("Read-only: %1").arg(readOnlyWhy));
    m_readOnly->setVisible(readOnly);

    const QString name = selectedFlag();
    const int row = name.isEmpty() ? -1 : m_model->rowOf(name);
    const bool pending = row >= 0 && m_model->isPending(name);
    const bool on = row >= 0 && m_model->flags().at(row).enabled;
    QString why;
    if (readOnly)
        why = readOnlyWhy;
    else if (m_model->isEmergency())
        why = m_model->emergencyText();
    else if (row < 0)
        why = tr("Select a flag in the table first.");
    else if (pending)
        why = tr("A change of %1 is on its way; wait for its answer.").arg(name);
    const auto apply = [&why](QPushButton *button, bool possible, const QString &already) {
        button->setEnabled(why.isEmpty() && possible);
        const QString tip = !why.isEmpty() ? why : possible ? QString() : already;
        button->setToolTip(tip);
        button->setStatusTip(tip);
    };
    apply(m_enable, !on, tr("%1 is already on.").arg(name));
    apply(m_disable, on, tr("%1 is already off.").arg(name));
}
