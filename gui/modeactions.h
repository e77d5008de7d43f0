#pragma once

#include "actioncontroller.h"
#include "opsdto.h"

#include <QObject>
#include <QPointer>
#include <QSet>

#include <array>
#include <functional>
#include <optional>

class ModeBanner;
class QAction;
class QMenu;
class QToolBar;
class QWidget;
class ReasonDialog;

// The keyboard-first operator controls: Safe Mode (Ctrl+Shift+S), Write Drain (Ctrl+Shift+W) and
// Emergency Mode (Ctrl+Shift+E) as checkable actions for the toolbar and the "Controls" menu, and
// the runbook's four kill switches on Ctrl+Alt+1..4. Each asks for a reason (ReasonDialog: what
// it does, the target, the environment; the session's last reason offered again) and sends
// through ActionController. A checked state follows the server (OpsStatus, the action's answer),
// never the click. Fed by DashboardPoller (ops status) and ControlsPoller (flags).
class ModeActions final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ModeActions)

public:
    using Kind = ActionRequest::Kind;
    /// The runbook's kill switches, in shortcut order (Ctrl+Alt+1..4).
    enum class KillSwitch { Citadel, DroneDomeScanning, AiEmbeddings, LatentCollaboration };
    Q_ENUM(KillSwitch)
    static constexpr int kKillSwitches = 4;

    /// `dialogParent` parents the reason dialogs (the main window); `environment` is shown in
    /// them ("SIMULATOR" or the server's host).
    ModeActions(ActionController *controller, const QString &environment, QWidget *dialogParent);
    ~ModeActions() override;

    QAction *modeAction(Kind mode) const;
    QAction *killSwitchAction(KillSwitch killSwitch) const;
    /// Safe Mode, Write Drain, Emergency Mode (for a toolbar).
    QList<QAction *> modeActions() const;
    QList<QAction *> killSwitchActions() const;
    /// A "&Controls" menu: the three modes, a separator, the four kill switches.
    QMenu *createMenu(QWidget *parent) const;
    void addToToolBar(QToolBar *toolBar) const;

    /// Routes ops status to the banner, its "Turn off…" here, and mode outcomes to its message.
    void setBanner(ModeBanner *banner);

    void setOpsStatus(const OpsStatus &status);
    void setFlags(const FlagList &flags);
    const std::optional<OpsStatus> &opsStatus() const { return m_status; }

    /// Opens the reason dialog to turn a mode on or off (what the actions and the banner do).
    void requestMode(Kind mode, bool enable);
    /// Opens the reason dialog to toggle a kill switch's flag (off when on, on when off).
    void requestKillSwitch(KillSwitch killSwitch);
    /// The reason dialog now open (null when none): one at a time.
    ReasonDialog *currentDialog() const;

    static QString flagName(KillSwitch killSwitch); ///< "citadel_enabled", ...
    static QString killSwitchLabel(KillSwitch killSwitch); ///< "Citadel", ...

    /// Asks for a reason for `request` (its summary, effect, `target`, `environment`; the
    /// session's last reason offered again and re-checked with ActionController::validate while
    /// typed), then performs it. `sent(actionId, rejected)` runs after perform(): an empty id
    /// means it was refused with `rejected`. Returns the dialog (open, deleted on close).
    static ReasonDialog *
    confirmAndPerform(ActionController *controller,
                      const ActionRequest &request,
                      const QString &target,
                      const QString &environment,
                      QWidget *dialogParent,
                      std::function<void(const QString &, const QString &)> sent);
    /// The last reason confirmed with this controller (the session), offered again in the next
    /// dialog: per session until incidents have their own record.
    static QString rememberedReason(const ActionController *controller);

Q_SIGNALS:
    /// A mode or kill-switch action ended (after the checked states were updated).
    void actionFinished(const ActionOutcome &outcome);

private:
    QAction *createAction(const QString &text, const QKeySequence &shortcut, bool checkable);
    void startAction(const ActionRequest &request, const QString &target);
    void finished(const ActionOutcome &outcome);
    void applyAnswer(const ActionOutcome &outcome);
    void updateActions();
    std::optional<bool> flagEnabled(KillSwitch killSwitch) const;

    QPointer<ActionController> m_controller;
    QString m_environment;
    QPointer<QWidget> m_dialogParent;
    QPointer<ModeBanner> m_banner;
    QPointer<ReasonDialog> m_dialog;
    std::array<QAction *, 3> m_modes {};
    std::array<QAction *, kKillSwitches> m_killSwitches {};
    std::optional<OpsStatus> m_status;
    std::optional<FlagList> m_flags;
    QSet<QString> m_mine; ///< ids of the actions sent from here (the first send of each)
};
