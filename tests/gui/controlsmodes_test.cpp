// The mode hotkeys and the mode banner on a real simulator: Safe Mode armed from its shortcut
// through the reason dialog shows in the banner and turns off from it; a mode armed by another
// client shows too; Enter and Escape in the dialog send nothing (U1, U4); a double click on
// Confirm sends one request (U2); a kill switch is one keystroke away; every control has a name
// and nothing ticks faster than 1 Hz (U5).
#include "controls_test.h"
#include "dashboardpoller.h"
#include "modeactions.h"
#include "modebanner.h"
#include "reasondialog.h"

#include <gtest/gtest.h>

#include <QAccessible>
#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QPointer>
#include <QPushButton>
#include <QTest>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

using ControlsTest::Rig;
using Kind = ActionRequest::Kind;
using TestSupport::waitUntil;

namespace {

const QString kSafeModePath = QStringLiteral("/api/ops/safe-mode");

struct ModesRig : Rig
{
    explicit ModesRig(bool viewer = false)
        : Rig(viewer)
        , dashboard(client.get())
        , banner(new ModeBanner(controller.get()))
        , actions(new ModeActions(controller.get(), QStringLiteral("SIMULATOR"), &window))
    {
        dashboard.setIntervals({.metricsMs = 1000, .healthMs = 1000, .slowMs = 250});
        auto *central = new QWidget;
        auto *layout = new QVBoxLayout(central);
        layout->addWidget(banner);
        layout->addStretch(1);
        window.setCentralWidget(central);
        window.menuBar()->addMenu(actions->createMenu(&window));
        actions->addToToolBar(window.addToolBar(QStringLiteral("Controls")));
        actions->setBanner(banner);
        QObject::connect(&dashboard, &DashboardPoller::opsStatusUpdated, actions,
                         &ModeActions::setOpsStatus);
        QObject::connect(poller.get(), &ControlsPoller::flagsUpdated, actions,
                         &ModeActions::setFlags);
        window.resize(1100, 400);
        window.show();
        window.activateWindow();
        EXPECT_TRUE(QTest::qWaitForWindowActive(&window));
        dashboard.start();
        poller->start();
        EXPECT_TRUE(waitUntil([this] { return actions->opsStatus().has_value(); }, 10000));
    }

    ReasonDialog *press(int key, Qt::KeyboardModifiers modifiers)
    {
        // A closed dialog hands the focus back to the window (the window manager's job).
        window.activateWindow();
        EXPECT_TRUE(QTest::qWaitForWindowActive(&window));
        QTest::keyClick(&window, Qt::Key(key), modifiers);
        waitUntil([this] { return actions->currentDialog() != nullptr; }, 2000);
        return actions->currentDialog();
    }

    DashboardPoller dashboard;
    QMainWindow window;
    ModeBanner *banner;
    ModeActions *actions;
};

QString dialogText(const ReasonDialog *dialog)
{
    QStringList texts;
    for (const QLabel *label : dialog->findChildren<QLabel *>())
        texts << label->text();
    return texts.join(QLatin1Char('\n'));
}

} // namespace

TEST(ControlsModes, SafeModeFromItsShortcutShowsInTheBannerAndTurnsOffFromIt)
{
    ModesRig rig;
    QAction *safeMode = rig.actions->modeAction(Kind::SafeMode);
    EXPECT_EQ(safeMode->shortcut(), QKeySequence(QStringLiteral("Ctrl+Shift+S")));
    EXPECT_FALSE(safeMode->isChecked());
    EXPECT_FALSE(rig.banner->isVisible()) << "no mode on: no banner";

    ReasonDialog *dialog = rig.press(Qt::Key_S, Qt::ControlModifier | Qt::ShiftModifier);
    ASSERT_NE(dialog, nullptr);
    EXPECT_FALSE(safeMode->isChecked()) << "the click does not check it; the server does";
    const QString shown = dialogText(dialog);
    EXPECT_TRUE(shown.contains(QStringLiteral("Disables tool use and external calls")))
        << shown.toStdString();
    EXPECT_TRUE(shown.contains(QStringLiteral("SIMULATOR")));
    EXPECT_EQ(dialog->windowTitle(), QStringLiteral("Turn on safe mode"));
    dialog->reasonEdit()->setText(QStringLiteral("openai 429 storm"));
    QTest::mouseClick(dialog->confirmButton(), Qt::LeftButton);

    ASSERT_TRUE(waitUntil([&] { return rig.banner->isModeOn(Kind::SafeMode); }, 10000));
    EXPECT_TRUE(rig.banner->isVisible());
    EXPECT_TRUE(safeMode->isChecked());
    const QString line = rig.banner->lineText(Kind::SafeMode);
    EXPECT_TRUE(line.startsWith(QStringLiteral("SAFE MODE ON since "))) << line.toStdString();
    EXPECT_TRUE(line.contains(QStringLiteral(" s) by "))) << line.toStdString();
    EXPECT_TRUE(line.endsWith(QStringLiteral("— reason: openai 429 storm"))) << line.toStdString();
    EXPECT_TRUE(rig.banner->tickTimer()->isActive()) << "the elapsed time ticks while shown";
    EXPECT_TRUE(rig.get(QStringLiteral("/api/ops/status"))
                    .value(QLatin1String("safeMode"))
                    .toObject()
                    .value(QLatin1String("enabled"))
                    .toBool());

    // "Turn off…" asks for a reason too, offering the last one.
    QTest::mouseClick(rig.banner->turnOffButton(Kind::SafeMode), Qt::LeftButton);
    ReasonDialog *off = rig.actions->currentDialog();
    ASSERT_NE(off, nullptr);
    EXPECT_EQ(off->windowTitle(), QStringLiteral("Turn off safe mode"));
    EXPECT_EQ(off->reason(), QStringLiteral("openai 429 storm")) << "remembered for the session";
    off->reasonEdit()->setText(QStringLiteral("storm over"));
    QTest::mouseClick(off->confirmButton(), Qt::LeftButton);
    ASSERT_TRUE(waitUntil([&] { return !rig.banner->isModeOn(Kind::SafeMode); }, 10000));
    EXPECT_FALSE(safeMode->isChecked());
    EXPECT_FALSE(rig.banner->tickTimer()->isActive());
    EXPECT_EQ(rig.executed(kSafeModePath), 2);
}

TEST(ControlsModes, AModeArmedByAnotherClientShowsInTheBanner)
{
    ModesRig rig;
    ASSERT_EQ(rig.post(QStringLiteral("/api/ops/write-drain"),
                       {{QStringLiteral("enabled"), true},
                        {QStringLiteral("reason"), QStringLiteral("db failover")},
                        {QStringLiteral("operator"), QStringLiteral("bob")}}),
              200);
    ASSERT_TRUE(waitUntil([&] { return rig.banner->isModeOn(Kind::WriteDrain); }, 10000));
    const QString line = rig.banner->lineText(Kind::WriteDrain);
    EXPECT_TRUE(line.startsWith(QStringLiteral("WRITE DRAIN ON since "))) << line.toStdString();
    EXPECT_TRUE(line.contains(QStringLiteral("db failover"))) << line.toStdString();
    EXPECT_TRUE(rig.actions->modeAction(Kind::WriteDrain)->isChecked());
    EXPECT_FALSE(rig.banner->isModeOn(Kind::SafeMode));

    ASSERT_EQ(rig.post(QStringLiteral("/api/integration-flags/emergency/enable"),
                       {{QStringLiteral("reason"), QStringLiteral("drill")}}),
              200);
    ASSERT_TRUE(waitUntil([&] { return rig.banner->isModeOn(Kind::EmergencyMode); }, 10000));
    EXPECT_TRUE(
        rig.banner->lineText(Kind::EmergencyMode).startsWith(QStringLiteral("EMERGENCY MODE ON")));
    ASSERT_TRUE(waitUntil(
        [&] {
            return !rig.actions->killSwitchAction(ModeActions::KillSwitch::Citadel)->isEnabled();
        },
        5000))
        << "emergency mode disables the kill switches";

    // Stale: the lines say how old they are.
    rig.banner->setStale(true, QDateTime::currentDateTime());
    EXPECT_TRUE(rig.banner->lineText(Kind::WriteDrain).contains(QStringLiteral("(as of ")));
    rig.banner->setStale(false);
    EXPECT_FALSE(rig.banner->lineText(Kind::WriteDrain).contains(QStringLiteral("(as of ")));
}

TEST(ControlsModes, U1_U4_EnterAndEscapeInTheDialogSendNothing)
{
    ModesRig rig;
    for (int key : {Qt::Key_Return, Qt::Key_Enter, Qt::Key_Escape}) {
        ReasonDialog *dialog = rig.press(Qt::Key_S, Qt::ControlModifier | Qt::ShiftModifier);
        ASSERT_NE(dialog, nullptr);
        QTest::keyClicks(dialog->reasonEdit(), QStringLiteral("typed then cancelled"));
        EXPECT_TRUE(dialog->confirmButton()->isEnabled());
        QTest::keyClick(dialog->reasonEdit(), Qt::Key(key));
        ASSERT_TRUE(waitUntil([&] { return rig.actions->currentDialog() == nullptr; }, 2000))
            << "the key closed the dialog (Cancel)";
    }
    ReasonDialog *emergency = rig.press(Qt::Key_E, Qt::ControlModifier | Qt::ShiftModifier);
    ASSERT_NE(emergency, nullptr);
    EXPECT_TRUE(dialogText(emergency).contains(QStringLiteral("Every integration flag reads as "
                                                              "disabled")));
    QTest::keyClick(emergency->reasonEdit(), Qt::Key_Escape);
    waitUntil([] { return false; }, 500); // anything sent would have arrived by now
    EXPECT_EQ(rig.executed(kSafeModePath), 0);
    EXPECT_EQ(rig.executed(QStringLiteral("/api/integration-flags/emergency/enable")), 0);
    EXPECT_FALSE(rig.banner->isVisible());
}

TEST(ControlsModes, U2_DoubleClickOnConfirmAndKeyRepeatSendOneRequest)
{
    ModesRig rig;
    const auto citadel = ModeActions::KillSwitch::Citadel;
    ASSERT_TRUE(
        waitUntil([&] { return rig.actions->killSwitchAction(citadel)->isEnabled(); }, 5000));
    EXPECT_EQ(rig.actions->killSwitchAction(citadel)->shortcut(),
              QKeySequence(QStringLiteral("Ctrl+Alt+1")));
    ReasonDialog *dialog = rig.press(Qt::Key_1, Qt::ControlModifier | Qt::AltModifier);
    ASSERT_NE(dialog, nullptr);
    // Key repeat on the shortcut: still one dialog.
    QTest::keyClick(&rig.window, Qt::Key_1, Qt::ControlModifier | Qt::AltModifier);
    EXPECT_EQ(rig.window.findChildren<ReasonDialog *>().size(), 1);
    EXPECT_TRUE(dialogText(dialog).contains(QStringLiteral("citadel_enabled")));
    dialog->reasonEdit()->setText(QStringLiteral("citadel flapping"));
    // A real double click: press, release, double-click press, release. The first release
    // confirms and closes the dialog; the rest must not send again.
    QPointer<QPushButton> confirm = dialog->confirmButton();
    QTest::mouseClick(confirm, Qt::LeftButton);
    ASSERT_FALSE(confirm.isNull());
    EXPECT_FALSE(confirm->isEnabled()) << "disabled after the first press";
    QTest::mouseDClick(confirm, Qt::LeftButton);
    QTest::mouseRelease(confirm, Qt::LeftButton);
    const QString path = QStringLiteral("/api/integration-flags/citadel_enabled/disable");
    ASSERT_TRUE(waitUntil([&] { return rig.executed(path) >= 1; }, 5000));
    waitUntil([] { return false; }, 500);
    EXPECT_EQ(rig.executed(path), 1) << "one request for a double click";
    // The action names what it will do next, from the server's answer.
    ASSERT_TRUE(waitUntil(
        [&] {
            return rig.actions->killSwitchAction(citadel)->text().startsWith(
                QStringLiteral("Restore Citadel"));
        },
        5000))
        << rig.actions->killSwitchAction(citadel)->text().toStdString();
}

TEST(ControlsModes, ReadOnlyDisablesEveryControlAndSaysWhy)
{
    ModesRig rig;
    const QString why = QStringLiteral("Viewer token: read-only.");
    rig.controller->setReadOnly(true, why);
    for (QAction *action : rig.actions->modeActions() + rig.actions->killSwitchActions()) {
        EXPECT_FALSE(action->isEnabled()) << action->text().toStdString();
        EXPECT_EQ(action->toolTip(), why);
        EXPECT_EQ(action->statusTip(), why);
    }
    QTest::keyClick(&rig.window, Qt::Key_S, Qt::ControlModifier | Qt::ShiftModifier);
    EXPECT_EQ(rig.actions->currentDialog(), nullptr);
}

TEST(ControlsModes, U5_EveryControlHasANameAndNothingTicksFasterThan1Hz)
{
    ModesRig rig;
    for (const char *path : {"/api/ops/safe-mode", "/api/ops/write-drain"})
        ASSERT_EQ(rig.post(QString::fromLatin1(path),
                           {{QStringLiteral("enabled"), true},
                            {QStringLiteral("reason"), QStringLiteral("u5")}}),
                  200);
    ASSERT_EQ(rig.post(QStringLiteral("/api/integration-flags/emergency/enable"),
                       {{QStringLiteral("reason"), QStringLiteral("u5")}}),
              200);
    ASSERT_TRUE(waitUntil(
        [&] {
            return rig.banner->isModeOn(Kind::SafeMode) && rig.banner->isModeOn(Kind::WriteDrain)
                && rig.banner->isModeOn(Kind::EmergencyMode);
        },
        10000));

    // Walk the accessibility tree of the window: every button, menu item and text has a name.
    QStringList unnamed;
    std::function<void(QAccessibleInterface *)> walk = [&](QAccessibleInterface *node) {
        if (!node || node->state().invisible)
            return;
        const QAccessible::Role role = node->role();
        const bool interactive = role == QAccessible::PushButton || role == QAccessible::Button
            || role == QAccessible::CheckBox || role == QAccessible::ComboBox
            || role == QAccessible::EditableText || role == QAccessible::Table
            || role == QAccessible::MenuItem;
        if (interactive
            && node->text(QAccessible::Name).remove(QLatin1Char('&')).trimmed().isEmpty())
            unnamed << QStringLiteral("%1 (role %2)")
                           .arg(node->object() ? node->object()->objectName() : QString())
                           .arg(int(role));
        for (int i = 0; i < node->childCount(); ++i)
            walk(node->child(i));
    };
    walk(QAccessible::queryAccessibleInterface(&rig.window));
    EXPECT_TRUE(unnamed.isEmpty()) << unnamed.join(QStringLiteral(", ")).toStdString();
    for (Kind mode : {Kind::SafeMode, Kind::WriteDrain, Kind::EmergencyMode}) {
        QPushButton *turnOff = rig.banner->turnOffButton(mode);
        EXPECT_TRUE(turnOff->accessibleName().startsWith(QStringLiteral("Turn off ")));
    }
    // The banner's only timer ticks once a second (no blinking above 3 Hz) and stops when hidden.
    for (const QTimer *timer : rig.banner->findChildren<QTimer *>()) {
        if (timer->isActive() && !timer->isSingleShot()) {
            EXPECT_GE(timer->interval(), 1000) << timer->objectName().toStdString();
        }
    }
    EXPECT_TRUE(rig.banner->tickTimer()->isActive());
    rig.banner->hide();
    EXPECT_FALSE(rig.banner->tickTimer()->isActive());
}

TEST(ModeBanner, ElapsedTimeComesFromTheServerUnlessItsClockIsAhead)
{
    const QDateTime now = QDateTime::currentDateTime();
    EXPECT_EQ(ModeBanner::elapsedSeconds(now.addSecs(-720), now.addSecs(-5), now), 720)
        << "armed 12 min ago, seen 5 s ago";
    EXPECT_EQ(ModeBanner::elapsedSeconds(now.addSecs(3600), now.addSecs(-30), now), 30)
        << "a server clock an hour ahead: count from first sight";
    EXPECT_EQ(ModeBanner::elapsedSeconds({}, now.addSecs(-7), now), 7);
    EXPECT_EQ(ModeBanner::elapsedSeconds({}, {}, now), 0);
}

TEST(ModeBanner, OneLinePerModeTickingEverySecondAndHiddenWhenNoneIsOn)
{
    ActionController controller(nullptr, nullptr, QStringLiteral("test"));
    QWidget host;
    auto *layout = new QVBoxLayout(&host);
    auto *banner = new ModeBanner(&controller);
    layout->addWidget(banner);
    host.show();
    QDateTime clock = QDateTime::currentDateTime();
    banner->setClock([&clock] { return clock; });
    EXPECT_FALSE(banner->isVisible());

    OpsStatus status;
    status.safeMode = {true, QStringLiteral("openai 429 storm"), clock.addSecs(-12 * 60),
                       QStringLiteral("alice")};
    banner->setOpsStatus(status);
    EXPECT_TRUE(banner->isVisible());
    const QString since = clock.addSecs(-12 * 60).toString(QStringLiteral("hh:mm:ss"));
    EXPECT_EQ(banner->lineText(Kind::SafeMode),
              QStringLiteral("SAFE MODE ON since %1 (12 min) by alice — reason: openai 429 storm")
                  .arg(since));
    EXPECT_TRUE(banner->lineText(Kind::WriteDrain).isEmpty());
    EXPECT_EQ(banner->tickTimer()->interval(), 1000);
    EXPECT_TRUE(banner->tickTimer()->isActive());

    clock = clock.addSecs(60);
    QTest::qWait(1100); // one tick
    EXPECT_TRUE(banner->lineText(Kind::SafeMode).contains(QStringLiteral("(13 min)")))
        << banner->lineText(Kind::SafeMode).toStdString();

    banner->setOpsStatus(OpsStatus {});
    EXPECT_FALSE(banner->isVisible());
    EXPECT_FALSE(banner->tickTimer()->isActive());
}

TEST(ControlsModes, AiEmbeddingsKillSwitchSaysItFallsBackToHashes)
{
    ModesRig rig;
    const auto ai = ModeActions::KillSwitch::AiEmbeddings;
    ASSERT_TRUE(waitUntil([&] { return rig.actions->killSwitchAction(ai)->isEnabled(); }, 5000));
    EXPECT_EQ(rig.actions->killSwitchAction(ai)->shortcut(),
              QKeySequence(QStringLiteral("Ctrl+Alt+3")));
    ReasonDialog *dialog = rig.press(Qt::Key_3, Qt::ControlModifier | Qt::AltModifier);
    ASSERT_NE(dialog, nullptr);
    const QString shown = dialogText(dialog);
    EXPECT_TRUE(shown.contains(QStringLiteral("ai_embeddings_enabled"))) << shown.toStdString();
    EXPECT_TRUE(shown.contains(QStringLiteral("hash-based fallback"))) << shown.toStdString();
    dialog->reasonEdit()->setText(QStringLiteral("openai 429 storm"));
    QTest::mouseClick(dialog->confirmButton(), Qt::LeftButton);
    ASSERT_TRUE(waitUntil(
        [&] {
            return !rig.flag(QStringLiteral("ai_embeddings_enabled"))
                        .value(QLatin1String("enabled"))
                        .toBool();
        },
        5000));
    EXPECT_EQ(rig.executed(QStringLiteral("/api/integration-flags/ai_embeddings_enabled/disable")),
              1);
}
