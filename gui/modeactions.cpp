#include "modeactions.h"

#include "jsonmapping.h"
#include "modebanner.h"
#include "reasondialog.h"

#include <QAction>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QToolBar>

namespace {

using Kind = ActionRequest::Kind;
using KillSwitch = ModeActions::KillSwitch;

// The session's last reason lives on the controller: one per connection, shared by every
// control (modes, kill switches, the flags page) without a global.
constexpr const char *kReasonProperty = "dreamops_lastReason";

constexpr std::array kModes {Kind::SafeMode, Kind::WriteDrain, Kind::EmergencyMode};
constexpr std::array kKillSwitchOrder {KillSwitch::Citadel, KillSwitch::DroneDomeScanning,
                                       KillSwitch::AiEmbeddings, KillSwitch::LatentCollaboration};

int modeIndex(Kind mode)
{
    return mode == Kind::WriteDrain ? 1 : mode == Kind::EmergencyMode ? 2 : 0;
}

QString modeLabel(Kind mode)
{
    return mode == Kind::WriteDrain   ? ModeActions::tr("Write Drain")
        : mode == Kind::EmergencyMode ? ModeActions::tr("Emergency Mode")
                                      : ModeActions::tr("Safe Mode");
}

bool modeOn(const OpsStatus &status, Kind mode)
{
    return mode == Kind::WriteDrain   ? status.writeDrain.enabled
        : mode == Kind::EmergencyMode ? status.emergencyMode.active
                                      : status.safeMode.enabled;
}

} // namespace

ModeActions::ModeActions(ActionController *controller,
                         const QString &environment,
                         QWidget *dialogParent)
    : QObject(dialogParent)
    , m_controller(controller)
    , m_environment(environment)
    , m_dialogParent(dialogParent)
{
    setObjectName(QStringLiteral("modeActions"));
    const std::array shortcuts {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S),
                                QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_W),
                                QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E)};
    for (Kind mode : kModes) {
        QAction *action = createAction(modeLabel(mode), shortcuts[modeIndex(mode)], true);
        m_modes[modeIndex(mode)] = action;
        connect(action, &QAction::triggered, this, [this, mode] {
            // Qt toggled the check on the click; the server decides what it shows.
            updateActions();
            requestMode(mode, !(m_status && modeOn(*m_status, mode)));
        });
    }
    const std::array keys {Qt::Key_1, Qt::Key_2, Qt::Key_3, Qt::Key_4};
    for (int i = 0; i < kKillSwitches; ++i) {
        const KillSwitch killSwitch = kKillSwitchOrder[i];
        QAction *action = createAction(killSwitchLabel(killSwitch),
                                       QKeySequence(Qt::CTRL | Qt::ALT | keys[i]), false);
        m_killSwitches[i] = action;
        connect(action, &QAction::triggered, this,
                [this, killSwitch] { requestKillSwitch(killSwitch); });
    }
    if (controller) {
        connect(controller, &ActionController::actionFinished, this, &ModeActions::finished);
        connect(controller, &ActionController::readOnlyChanged, this, [this] { updateActions(); });
    }
    updateActions();
}

ModeActions::~ModeActions()
{
    if (m_dialog)
        m_dialog->reject();
}

QAction *
ModeActions::createAction(const QString &text, const QKeySequence &shortcut, bool checkable)
{
    auto *action = new QAction(text, this);
    action->setShortcut(shortcut);
    action->setCheckable(checkable);
    action->setShortcutVisibleInContextMenu(true);
    return action;
}

ReasonDialog *ModeActions::currentDialog() const
{
    return m_dialog;
}

QAction *ModeActions::modeAction(Kind mode) const
{
    return m_modes[modeIndex(mode)];
}

QAction *ModeActions::killSwitchAction(KillSwitch killSwitch) const
{
    return m_killSwitches[int(killSwitch)];
}

QList<QAction *> ModeActions::modeActions() const
{
    return {m_modes.begin(), m_modes.end()};
}

QList<QAction *> ModeActions::killSwitchActions() const
{
    return {m_killSwitches.begin(), m_killSwitches.end()};
}

QMenu *ModeActions::createMenu(QWidget *parent) const
{
    auto *menu = new QMenu(tr("&Controls"), parent);
    menu->setObjectName(QStringLiteral("controlsMenu"));
    menu->addActions(modeActions());
    menu->addSection(tr("Kill switches"));
    menu->addActions(killSwitchActions());
    return menu;
}

void ModeActions::addToToolBar(QToolBar *toolBar) const
{
    toolBar->addActions(modeActions());
}

void ModeActions::setBanner(ModeBanner *banner)
{
    if (m_banner)
        disconnect(m_banner, nullptr, this, nullptr);
    m_banner = banner;
    if (!banner)
        return;
    connect(banner, &ModeBanner::turnOffRequested, this,
            [this](Kind mode) { requestMode(mode, false); });
    if (m_status)
        banner->setOpsStatus(*m_status);
}

void ModeActions::setOpsStatus(const OpsStatus &status)
{
    m_status = status;
    if (m_banner)
        m_banner->setOpsStatus(status);
    updateActions();
}

void ModeActions::setFlags(const FlagList &flags)
{
    m_flags = flags;
    updateActions();
}

QString ModeActions::flagName(KillSwitch killSwitch)
{
    switch (killSwitch) {
    case KillSwitch::Citadel:
        return QStringLiteral("citadel_enabled");
    case KillSwitch::DroneDomeScanning:
        return QStringLiteral("drone_dome_scan_enabled");
    case KillSwitch::AiEmbeddings:
        return QStringLiteral("ai_embeddings_enabled");
    case KillSwitch::LatentCollaboration:
        break;
    }
    return QStringLiteral("latent_collaboration_enabled");
}

QString ModeActions::killSwitchLabel(KillSwitch killSwitch)
{
    switch (killSwitch) {
    case KillSwitch::Citadel:
        return tr("Citadel");
    case KillSwitch::DroneDomeScanning:
        return tr("DroneDome scanning");
    case KillSwitch::AiEmbeddings:
        return tr("AI embeddings (hash fallback)");
    case KillSwitch::LatentCollaboration:
        break;
    }
    return tr("Latent collaboration");
}

std::optional<bool> ModeActions::flagEnabled(KillSwitch killSwitch) const
{
    if (!m_flags)
        return std::nullopt;
    for (const IntegrationFlag &flag : m_flags->flags) {
        if (flag.name == flagName(killSwitch))
            return flag.enabled;
    }
    return std::nullopt;
}

void ModeActions::requestMode(Kind mode, bool enable)
{
    ActionRequest request;
    request.kind = mode;
    request.enable = enable;
    startAction(request, tr("%1 of the whole service").arg(modeLabel(mode).toLower()));
}

void ModeActions::requestKillSwitch(KillSwitch killSwitch)
{
    const auto enabled = flagEnabled(killSwitch);
    if (!enabled || (m_flags && m_flags->emergencyMode.active))
        return; // the action is disabled and says why
    ActionRequest request;
    request.kind = Kind::Flag;
    request.target = flagName(killSwitch);
    request.enable = !*enabled;
    startAction(request, tr("flag %1 (%2)").arg(request.target, killSwitchLabel(killSwitch)));
}

void ModeActions::startAction(const ActionRequest &request, const QString &target)
{
    if (m_dialog) {
        // One dialog at a time: a repeated shortcut must not stack a second one.
        m_dialog->raise();
        m_dialog->activateWindow();
        return;
    }
    if (!m_controller)
        return;
    const QPointer<ModeActions> self(this);
    m_dialog = confirmAndPerform(
        m_controller, request, target, m_environment, m_dialogParent,
        [self, summary = request.summary()](const QString &id, const QString &rejected) {
            if (!self)
                return;
            if (id.isEmpty()) {
                if (self->m_banner)
                    self->m_banner->showRejected(rejected);
                return;
            }
            self->m_mine.insert(id);
            if (self->m_banner)
                self->m_banner->track(id, summary);
        });
}

ReasonDialog *
ModeActions::confirmAndPerform(ActionController *controller,
                               const ActionRequest &request,
                               const QString &target,
                               const QString &environment,
                               QWidget *dialogParent,
                               std::function<void(const QString &, const QString &)> sent)
{
    ReasonDialog::Request dialogRequest;
    dialogRequest.title = request.summary();
    dialogRequest.actionText = request.summary();
    dialogRequest.target = target;
    dialogRequest.environment = environment;
    dialogRequest.effect = request.effect();
    auto *dialog = new ReasonDialog(dialogRequest, dialogParent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const QPointer<ActionController> guard(controller);
    const auto check = [dialog, guard, request] {
        ActionRequest typed = request;
        typed.reason = dialog->reason();
        const auto problem
            = typed.reason.isEmpty() || !guard ? std::nullopt : guard->validate(typed);
        dialog->setProblem(problem.value_or(QString()));
    };
    connect(dialog->reasonEdit(), &QLineEdit::textChanged, dialog, check);
    if (const QString last = rememberedReason(controller); !last.isEmpty()) {
        dialog->reasonEdit()->setText(last);
        dialog->reasonEdit()->selectAll(); // typing replaces it; Enter still means Cancel
    }
    connect(dialog, &QDialog::accepted, dialog, [dialog, guard, request, sent] {
        // A double click (or key repeat) on Confirm must send one request (U2).
        if (dialog->property("dreamops_sent").toBool() || !guard)
            return;
        dialog->setProperty("dreamops_sent", true);
        dialog->confirmButton()->setEnabled(false);
        ActionRequest confirmed = request;
        confirmed.reason = dialog->reason();
        guard->setProperty(kReasonProperty, confirmed.reason);
        QString rejected;
        const QString id = guard->perform(confirmed, &rejected);
        if (sent)
            sent(id, rejected);
    });
    dialog->open();
    return dialog;
}

QString ModeActions::rememberedReason(const ActionController *controller)
{
    return controller ? controller->property(kReasonProperty).toString() : QString();
}

void ModeActions::finished(const ActionOutcome &outcome)
{
    // A resend is a new action repeating one of ours.
    const QString root = outcome.resendOf.isEmpty() ? outcome.actionId : outcome.resendOf;
    if (!m_mine.contains(root))
        return;
    if (!m_controller || !m_controller->canResend(outcome.actionId))
        m_mine.remove(root);
    if (outcome.state == ActionOutcome::State::Succeeded)
        applyAnswer(outcome);
    Q_EMIT actionFinished(outcome);
}

void ModeActions::applyAnswer(const ActionOutcome &outcome)
{
    // The server's answer is the server's state: show it now rather than at the next poll.
    const ActionRequest &request = outcome.request;
    if (request.kind == Kind::Flag) {
        const auto flag = JsonMapping::parseFlagAnswer(outcome.answer);
        if (flag.ok() && m_flags) {
            for (IntegrationFlag &known : m_flags->flags) {
                if (known.name == flag.value().name)
                    known = flag.value();
            }
        }
        updateActions();
        return;
    }
    if (!m_status)
        return; // the next ops status poll brings the whole picture
    if (request.kind == Kind::SafeMode) {
        if (const auto mode = JsonMapping::parseSafeModeAnswer(outcome.answer); mode.ok())
            m_status->safeMode = mode.value();
    } else if (request.kind == Kind::WriteDrain) {
        if (const auto mode = JsonMapping::parseWriteDrainAnswer(outcome.answer); mode.ok())
            m_status->writeDrain = mode.value();
    } else if (request.kind == Kind::EmergencyMode) {
        if (const auto mode = JsonMapping::parseEmergencyAnswer(outcome.answer); mode.ok()) {
            m_status->emergencyMode = mode.value();
            if (m_flags)
                m_flags->emergencyMode = mode.value();
        }
    }
    setOpsStatus(*m_status);
}

void ModeActions::updateActions()
{
    const bool readOnly = !m_controller || m_controller->isReadOnly();
    const QString readOnlyWhy
        = !m_controller ? tr("Not connected.") : m_controller->readOnlyReason();
    for (Kind mode : kModes) {
        QAction *action = modeAction(mode);
        const bool on = m_status && modeOn(*m_status, mode);
        action->setChecked(on);
        action->setEnabled(!readOnly);
        QString tip;
        if (readOnly)
            tip = readOnlyWhy;
        else if (!m_status)
            tip = tr("%1: state not read yet (%2)")
                      .arg(modeLabel(mode), action->shortcut().toString());
        else
            tip = (on ? tr("%1 is ON: %2 turns it off (asks for a reason)")
                      : tr("%1 is off: %2 turns it on (asks for a reason)"))
                      .arg(modeLabel(mode), action->shortcut().toString());
        action->setToolTip(tip);
        action->setStatusTip(tip);
    }
    const bool emergency = m_flags && m_flags->emergencyMode.active;
    for (KillSwitch killSwitch : kKillSwitchOrder) {
        QAction *action = killSwitchAction(killSwitch);
        const auto enabled = flagEnabled(killSwitch);
        const QString label = killSwitchLabel(killSwitch);
        QString tip;
        if (readOnly)
            tip = readOnlyWhy;
        else if (emergency)
            tip = tr("Emergency mode is on: every integration flag reads as disabled.");
        else if (!enabled)
            tip = tr("The state of %1 is not known yet.").arg(flagName(killSwitch));
        action->setText(!enabled || emergency ? tr("Kill switch: %1").arg(label)
                                              : (*enabled ? tr("Kill %1 (turn %2 off)")
                                                          : tr("Restore %1 (turn %2 on)"))
                                                    .arg(label, flagName(killSwitch)));
        if (tip.isEmpty() && enabled)
            tip = tr("%1 is %2; %3 toggles it (asks for a reason)")
                      .arg(flagName(killSwitch), *enabled ? tr("ON") : tr("OFF"),
                           action->shortcut().toString());
        action->setEnabled(!readOnly && !emergency && enabled.has_value());
        action->setToolTip(tip);
        action->setStatusTip(tip);
    }
}
