// FlagsPage on a real simulator: a toggle asks for a reason, shows the row pending, and the
// server's state comes back into the table; a refused toggle (viewer token: 403) reverts the row
// and says why next to the buttons; read-only and emergency mode disable the controls and say
// why; an outcome lost with the connection offers a resend with the same key, which the server
// runs once.
#include "actionoutcomerow.h"
#include "controls_test.h"
#include "flagspage.h"
#include "flagtablemodel.h"
#include "reasondialog.h"
#include "statebadge.h"

#include <gtest/gtest.h>

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QTest>

using ControlsTest::Rig;
using TestSupport::waitUntil;

namespace {

const QString kCitadel = QStringLiteral("citadel_enabled");
const QString kDisablePath = QStringLiteral("/api/integration-flags/citadel_enabled/disable");

struct FlagsRig : Rig
{
    explicit FlagsRig(bool viewer = false, int deadlineMs = 3000)
        : Rig(viewer, deadlineMs)
        , page(controller.get(), poller.get(), QStringLiteral("SIMULATOR"))
    {
        page.resize(1100, 420);
        page.show();
        poller->start();
        EXPECT_TRUE(waitUntil([this] { return page.model()->rowCount() >= 5; }, 10000));
    }

    QString state(const QString &name) const
    {
        const int row = page.model()->rowOf(name);
        return row < 0 ? QString()
                       : page.model()->index(row, FlagTableModel::StateColumn).data().toString();
    }

    /// Clicks Disable… (or Enable…) for a flag, types the reason and confirms.
    bool toggle(const QString &name, bool enable, const QString &reason)
    {
        if (!page.selectFlag(name))
            return false;
        QPushButton *button = enable ? page.enableButton() : page.disableButton();
        if (!button->isEnabled())
            return false;
        QTest::mouseClick(button, Qt::LeftButton);
        ReasonDialog *dialog = page.currentDialog();
        if (!dialog)
            return false;
        dialog->reasonEdit()->setText(reason);
        QTest::mouseClick(dialog->confirmButton(), Qt::LeftButton);
        return true;
    }

    FlagsPage page;
};

} // namespace

TEST(ControlsFlags, TogglesAFlagEndToEndWithThePendingRowInBetween)
{
    FlagsRig rig;
    ASSERT_EQ(rig.state(kCitadel), QStringLiteral("ON"));
    ASSERT_TRUE(rig.page.selectFlag(kCitadel));
    EXPECT_FALSE(rig.page.enableButton()->isEnabled()) << "already on";
    EXPECT_FALSE(rig.page.enableButton()->toolTip().isEmpty());

    QTest::mouseClick(rig.page.disableButton(), Qt::LeftButton);
    ReasonDialog *dialog = rig.page.currentDialog();
    ASSERT_NE(dialog, nullptr);
    EXPECT_TRUE(dialog->isVisible());
    EXPECT_FALSE(dialog->confirmButton()->isEnabled()) << "no reason yet";
    QStringList texts;
    for (const QLabel *label : dialog->findChildren<QLabel *>())
        texts << label->text();
    const QString shown = texts.join(QLatin1Char('\n'));
    EXPECT_TRUE(shown.contains(QStringLiteral("CITADEL_ENABLED"))) << shown.toStdString();
    EXPECT_TRUE(shown.contains(QStringLiteral("SIMULATOR"))) << "the environment";
    EXPECT_TRUE(shown.contains(QStringLiteral("kill switch"))) << "what it does";
    dialog->reasonEdit()->setText(QStringLiteral("citadel flapping"));
    QTest::mouseClick(dialog->confirmButton(), Qt::LeftButton);

    // Sent: the row says where it is going until the server answers.
    EXPECT_EQ(rig.state(kCitadel), QStringLiteral("turning off…"));
    EXPECT_FALSE(rig.page.disableButton()->isEnabled()) << "one toggle at a time";
    ASSERT_TRUE(waitUntil([&] { return rig.state(kCitadel) == QStringLiteral("OFF"); }, 5000));
    const QJsonObject server = rig.flag(kCitadel);
    EXPECT_FALSE(server.value(QLatin1String("enabled")).toBool());
    EXPECT_EQ(server.value(QLatin1String("reason")).toString(), QStringLiteral("citadel flapping"));
    EXPECT_EQ(rig.executed(kDisablePath), 1);
    const int row = rig.page.model()->rowOf(kCitadel);
    EXPECT_EQ(rig.page.model()->index(row, FlagTableModel::ReasonColumn).data().toString(),
              QStringLiteral("citadel flapping"));
    EXPECT_EQ(rig.page.outcomeRow()->badge()->severity(), StateBadge::Severity::Ok)
        << rig.page.outcomeRow()->text().toStdString();
    EXPECT_EQ(rig.page.selectedFlag(), kCitadel) << "the selection survives the update";

    // The reverse action, with the session's reason offered again.
    ASSERT_TRUE(rig.page.enableButton()->isEnabled());
    QTest::mouseClick(rig.page.enableButton(), Qt::LeftButton);
    ASSERT_NE(rig.page.currentDialog(), nullptr);
    EXPECT_EQ(rig.page.currentDialog()->reason(), QStringLiteral("citadel flapping"));
    rig.page.currentDialog()->reasonEdit()->setText(QStringLiteral("citadel stable again"));
    QTest::mouseClick(rig.page.currentDialog()->confirmButton(), Qt::LeftButton);
    EXPECT_EQ(rig.state(kCitadel), QStringLiteral("turning on…"));
    ASSERT_TRUE(waitUntil([&] { return rig.state(kCitadel) == QStringLiteral("ON"); }, 5000));
    EXPECT_TRUE(rig.flag(kCitadel).value(QLatin1String("enabled")).toBool());
}

TEST(ControlsFlags, RefusedToggleRevertsTheRowAndSaysWhyNextToTheButtons)
{
    FlagsRig rig(true); // a viewer token: the server answers 403
    ASSERT_EQ(rig.state(kCitadel), QStringLiteral("ON"));
    ASSERT_TRUE(rig.toggle(kCitadel, false, QStringLiteral("try as viewer")));
    EXPECT_EQ(rig.state(kCitadel), QStringLiteral("turning off…"));
    ASSERT_TRUE(waitUntil(
        [&] {
            return rig.page.outcomeRow()->badge()->severity() == StateBadge::Severity::Critical;
        },
        5000));
    EXPECT_EQ(rig.state(kCitadel), QStringLiteral("ON")) << "back to the server's state";
    const QString text = rig.page.outcomeRow()->text();
    EXPECT_TRUE(text.contains(QStringLiteral("403")) || text.contains(QStringLiteral("viewer"))
                || text.contains(QStringLiteral("role")))
        << text.toStdString();
    EXPECT_TRUE(rig.page.outcomeRow()->badge()->isVisible());
    EXPECT_TRUE(rig.flag(kCitadel).value(QLatin1String("enabled")).toBool());
    EXPECT_EQ(rig.executed(kDisablePath), 0);
}

TEST(ControlsFlags, ReadOnlyDisablesTheButtonsAndSaysWhy)
{
    FlagsRig rig;
    const QString why = QStringLiteral("This console uses a viewer token: it can look, not act.");
    rig.controller->setReadOnly(true, why);
    ASSERT_TRUE(rig.page.selectFlag(kCitadel));
    EXPECT_FALSE(rig.page.disableButton()->isEnabled());
    EXPECT_EQ(rig.page.disableButton()->toolTip(), why);
    EXPECT_TRUE(rig.page.readOnlyNotice()->isVisible());
    EXPECT_TRUE(rig.page.readOnlyNotice()->text().contains(why));
    rig.page.requestToggle(false);
    EXPECT_EQ(rig.page.currentDialog(), nullptr) << "no dialog while read-only";

    rig.controller->setReadOnly(false);
    EXPECT_TRUE(rig.page.disableButton()->isEnabled());
    EXPECT_FALSE(rig.page.readOnlyNotice()->isVisible());
}

TEST(ControlsFlags, EmergencyModeGreysTheTableAndExplains)
{
    FlagsRig rig;
    ASSERT_EQ(rig.post(QStringLiteral("/api/integration-flags/emergency/enable"),
                       {{QStringLiteral("reason"), QStringLiteral("drill")}}),
              200);
    rig.poller->refreshNow(ControlsPoller::Source::Flags);
    ASSERT_TRUE(waitUntil([&] { return rig.page.model()->isEmergency(); }, 5000));
    EXPECT_TRUE(rig.page.emergencyNotice()->isVisible());
    EXPECT_TRUE(rig.page.emergencyNotice()->text().startsWith(
        QStringLiteral("Emergency mode is on: every integration flag reads as disabled")));
    EXPECT_TRUE(rig.page.emergencyNotice()->text().contains(QStringLiteral("drill")));
    EXPECT_EQ(rig.state(kCitadel), QStringLiteral("OFF (emergency)"));
    EXPECT_FALSE(rig.page.selectFlag(kCitadel)) << "greyed rows cannot be selected";
    EXPECT_FALSE(rig.page.disableButton()->isEnabled());
    EXPECT_FALSE(rig.page.enableButton()->isEnabled());
    EXPECT_TRUE(rig.page.disableButton()->toolTip().startsWith(QStringLiteral("Emergency mode")));

    ASSERT_EQ(rig.post(QStringLiteral("/api/integration-flags/emergency/disable"),
                       {{QStringLiteral("reason"), QStringLiteral("drill over")}}),
              200);
    ASSERT_TRUE(waitUntil([&] { return !rig.page.model()->isEmergency(); }, 5000));
    EXPECT_FALSE(rig.page.emergencyNotice()->isVisible());
    EXPECT_EQ(rig.state(kCitadel), QStringLiteral("ON"));
    EXPECT_TRUE(rig.page.selectFlag(kCitadel));
}

TEST(ControlsFlags, LostAnswerOffersAResendWithTheSameKeyAndTheServerRunsItOnce)
{
    FlagsRig rig(false, 2000);
    // The server runs the handler, then drops the connection: the console cannot know.
    ASSERT_EQ(rig.post(QStringLiteral("/api/sim/chaos"),
                       {{QStringLiteral("dropRate"), 1.0},
                        {QStringLiteral("paths"), QJsonArray {kDisablePath}}}),
              200);
    ASSERT_TRUE(rig.toggle(kCitadel, false, QStringLiteral("drop test")));
    ActionOutcomeRow *outcome = rig.page.outcomeRow();
    ASSERT_TRUE(waitUntil([&] { return outcome->resendButton()->isVisible(); }, 10000))
        << outcome->text().toStdString();
    EXPECT_EQ(outcome->badge()->severity(), StateBadge::Severity::Warning);
    EXPECT_NE(rig.state(kCitadel), QStringLiteral("turning off…")) << "not pending any more";

    ASSERT_EQ(rig.post(QStringLiteral("/api/sim/chaos"), {}), 200);
    QTest::mouseClick(outcome->resendButton(), Qt::LeftButton);
    ASSERT_TRUE(
        waitUntil([&] { return outcome->badge()->severity() == StateBadge::Severity::Ok; }, 10000))
        << outcome->text().toStdString();
    ASSERT_TRUE(waitUntil([&] { return rig.state(kCitadel) == QStringLiteral("OFF"); }, 5000));
    EXPECT_EQ(rig.executed(kDisablePath), 1) << "the same key: executed exactly once";
}
