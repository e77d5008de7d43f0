// The agents page on a real simulator over loopback, through a real ActionController: quarantine
// needs the exact agent id typed (U1) and takes a duration, the server shows it, release works;
// an unknown id gets a sentence; the cap blocks until overridden (U3); Enter/Escape send nothing;
// a double click sends one request (U2); a viewer cannot act; every control has a name (U5).
#include "actionoutcomerow.h"
#include "agentsfixture.h"
#include "agentspage.h"
#include "agenttablemodel.h"
#include "quarantinefields.h"
#include "reasondialog.h"
#include "statebadge.h"

#include <gtest/gtest.h>

#include <QCheckBox>
#include <QComboBox>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTest>

using TestSupport::waitUntil;

namespace {

const QString kQuarantinePath = QStringLiteral("/api/agents/quarantine");

struct AgentsPageTest
{
    AgentsPageTest()
        : page(f.controller.get(), f.poller.get(), QStringLiteral("SIMULATOR"))
    {
        page.resize(1100, 420);
        page.show();
        EXPECT_TRUE(waitUntil([this] { return page.model()->rowCount() > 0; }, 10000));
    }

    // Selects the agent, clicks the button and returns the dialog it opened.
    ReasonDialog *open(QPushButton *button, const QString &agentId)
    {
        EXPECT_TRUE(page.selectAgent(agentId));
        EXPECT_TRUE(button->isEnabled()) << agentId.toStdString();
        QTest::mouseClick(button, Qt::LeftButton);
        return page.openDialog();
    }

    QString shown(const QString &agentId, int column) const
    {
        const int row = page.model()->rowOf(agentId);
        return row < 0 ? QString() : page.model()->index(row, column).data().toString();
    }

    bool quarantinedOnScreen(const QString &agentId) const
    {
        return shown(agentId, AgentTableModel::StatusColumn) == QLatin1String("QUARANTINED");
    }

    AgentsFixture f;
    AgentsPage page;
};

QuarantineFields *fieldsOf(ReasonDialog *dialog)
{
    return dialog->findChild<QuarantineFields *>();
}

} // namespace

TEST(AgentsPage, U1_QuarantineNeedsTheExactIdThenReleaseWorks)
{
    AgentsPageTest t;
    ReasonDialog *dialog = t.open(t.page.quarantineButton(), QStringLiteral("relaybot"));
    ASSERT_NE(dialog, nullptr);
    ASSERT_NE(dialog->confirmEdit(), nullptr);
    QTest::keyClicks(dialog->reasonEdit(), QStringLiteral("relay loop floods the queue"));
    EXPECT_FALSE(dialog->confirmButton()->isEnabled()) << "a reason alone is not enough";
    for (const QString &wrong : {QStringLiteral("relaybo"), QStringLiteral("Relaybot"),
                                 QStringLiteral("relaybot "), QStringLiteral("citadel")}) {
        dialog->confirmEdit()->setText(wrong);
        EXPECT_FALSE(dialog->confirmButton()->isEnabled()) << wrong.toStdString();
    }
    dialog->confirmEdit()->clear();
    QTest::keyClicks(dialog->confirmEdit(), QStringLiteral("relaybot"));
    EXPECT_TRUE(dialog->confirmButton()->isEnabled());
    fieldsOf(dialog)->durationBox()->setCurrentIndex(1); // 15 min
    AgentsFixture::screenshot(dialog, QStringLiteral("quarantine-dialog"));
    QTest::mouseClick(dialog->confirmButton(), Qt::LeftButton);

    EXPECT_TRUE(waitUntil([&] { return t.quarantinedOnScreen(QStringLiteral("relaybot")); }));
    EXPECT_EQ(t.f.agentStatus(QStringLiteral("relaybot")), QStringLiteral("quarantined"));
    EXPECT_EQ(t.shown(QStringLiteral("relaybot"), AgentTableModel::WhyColumn),
              QStringLiteral("relay loop floods the queue"));
    EXPECT_NE(t.shown(QStringLiteral("relaybot"), AgentTableModel::UntilColumn),
              QStringLiteral("until released"))
        << "15 min gives an expiry";
    EXPECT_TRUE(waitUntil([&] {
        return t.page.outcomeRow()->badge()->severity() == StateBadge::Severity::Ok;
    })) << t.page.outcomeRow()->text().toStdString();
    EXPECT_FALSE(t.page.model()->isPending(QStringLiteral("relaybot")));
    AgentsFixture::screenshot(&t.page, QStringLiteral("page-quarantined"));

    // Release asks only for a reason.
    EXPECT_FALSE(t.page.quarantineButton()->isEnabled()) << "already quarantined";
    dialog = t.open(t.page.releaseButton(), QStringLiteral("relaybot"));
    ASSERT_NE(dialog, nullptr);
    EXPECT_EQ(dialog->confirmEdit(), nullptr);
    QTest::keyClicks(dialog->reasonEdit(), QStringLiteral("loop fixed"));
    QTest::mouseClick(dialog->confirmButton(), Qt::LeftButton);
    EXPECT_TRUE(waitUntil([&] {
        return t.shown(QStringLiteral("relaybot"), AgentTableModel::StatusColumn)
            == QLatin1String("active");
    }));
    EXPECT_EQ(t.f.agentStatus(QStringLiteral("relaybot")), QStringLiteral("active"));
    EXPECT_EQ(t.f.executed(kQuarantinePath), 1);
    EXPECT_EQ(t.f.executed(QStringLiteral("/api/agents/release")), 1);
}

TEST(AgentsPage, UnknownAgentGetsASentenceNextToTheButtons)
{
    AgentsPageTest t;
    t.page.requestQuarantine(QStringLiteral("no-such-agent"));
    ReasonDialog *dialog = t.page.openDialog();
    ASSERT_NE(dialog, nullptr);
    QTest::keyClicks(dialog->confirmEdit(), QStringLiteral("no-such-agent"));
    QTest::keyClicks(dialog->reasonEdit(), QStringLiteral("drill"));
    QTest::mouseClick(dialog->confirmButton(), Qt::LeftButton);
    ASSERT_TRUE(waitUntil([&] {
        return t.page.outcomeRow()->badge()->severity() == StateBadge::Severity::Critical;
    })) << t.page.outcomeRow()->text().toStdString();
    const QString sentence = t.page.outcomeRow()->text();
    EXPECT_TRUE(sentence.contains(QLatin1String("404"))) << sentence.toStdString();
    EXPECT_TRUE(sentence.contains(QLatin1String("no-such-agent"))) << sentence.toStdString();
    EXPECT_FALSE(t.page.outcomeRow()->resendButton()->isVisible())
        << "a clear 404 is not an unknown outcome";
    EXPECT_EQ(t.page.model()->rowOf(QStringLiteral("no-such-agent")), -1)
        << "nothing half-applied on screen";
}

TEST(AgentsPage, U3_CapBlocksWithASentenceAndTheOverridePasses)
{
    AgentsPageTest t;
    t.f.controller->setQuarantineCap(1);
    ReasonDialog *dialog = t.open(t.page.quarantineButton(), QStringLiteral("relaybot"));
    ASSERT_NE(dialog, nullptr);
    EXPECT_FALSE(fieldsOf(dialog)->overrideBox()->isVisible()) << "no override under the cap";
    QTest::keyClicks(dialog->confirmEdit(), QStringLiteral("relaybot"));
    QTest::keyClicks(dialog->reasonEdit(), QStringLiteral("first"));
    QTest::mouseClick(dialog->confirmButton(), Qt::LeftButton);
    ASSERT_TRUE(waitUntil([&] { return t.quarantinedOnScreen(QStringLiteral("relaybot")); }));

    dialog = t.open(t.page.quarantineButton(), QStringLiteral("citadel"));
    ASSERT_NE(dialog, nullptr);
    QuarantineFields *fields = fieldsOf(dialog);
    EXPECT_TRUE(fields->overrideBox()->isVisible());
    EXPECT_FALSE(fields->overrideBox()->isChecked());
    EXPECT_TRUE(dialog->problemLabel()->isVisible());
    EXPECT_TRUE(dialog->problem().contains(QLatin1String("override")))
        << dialog->problem().toStdString();
    QTest::keyClicks(dialog->confirmEdit(), QStringLiteral("citadel"));
    QTest::keyClicks(dialog->reasonEdit(), QStringLiteral("error spike"));
    EXPECT_FALSE(dialog->confirmButton()->isEnabled()) << "blocked by the cap";
    AgentsFixture::screenshot(dialog, QStringLiteral("quarantine-cap"));
    QTest::mouseClick(dialog->confirmButton(), Qt::LeftButton);
    EXPECT_EQ(t.f.executed(kQuarantinePath), 1);

    fields->overrideBox()->click();
    EXPECT_TRUE(dialog->problem().isEmpty());
    EXPECT_TRUE(dialog->confirmButton()->isEnabled());
    QTest::mouseClick(dialog->confirmButton(), Qt::LeftButton);
    EXPECT_TRUE(waitUntil([&] { return t.quarantinedOnScreen(QStringLiteral("citadel")); }));
    EXPECT_EQ(t.f.agentStatus(QStringLiteral("citadel")), QStringLiteral("quarantined"));
    EXPECT_EQ(t.f.executed(kQuarantinePath), 2);
}

TEST(AgentsPage, U1_EnterAndEscapeInTheDialogSendNothing)
{
    AgentsPageTest t;
    ReasonDialog *dialog = t.open(t.page.quarantineButton(), QStringLiteral("relaybot"));
    ASSERT_NE(dialog, nullptr);
    QTest::keyClicks(dialog->confirmEdit(), QStringLiteral("relaybot"));
    QTest::keyClicks(dialog->reasonEdit(), QStringLiteral("drill"));
    ASSERT_TRUE(dialog->confirmButton()->isEnabled());
    QTest::keyClick(dialog->reasonEdit(), Qt::Key_Return);
    EXPECT_TRUE(waitUntil([&] { return t.page.openDialog() == nullptr; }));

    dialog = t.open(t.page.quarantineButton(), QStringLiteral("relaybot"));
    ASSERT_NE(dialog, nullptr);
    QTest::keyClicks(dialog->confirmEdit(), QStringLiteral("relaybot"));
    QTest::keyClicks(dialog->reasonEdit(), QStringLiteral("drill"));
    QTest::keyClick(dialog->confirmEdit(), Qt::Key_Enter);
    EXPECT_TRUE(waitUntil([&] { return t.page.openDialog() == nullptr; }));

    dialog = t.open(t.page.quarantineButton(), QStringLiteral("relaybot"));
    ASSERT_NE(dialog, nullptr);
    QTest::keyClicks(dialog->confirmEdit(), QStringLiteral("relaybot"));
    QTest::keyClicks(dialog->reasonEdit(), QStringLiteral("drill"));
    QTest::keyClick(dialog->reasonEdit(), Qt::Key_Escape);
    EXPECT_TRUE(waitUntil([&] { return t.page.openDialog() == nullptr; }));

    QTest::qWait(300); // a poll or two: nothing may arrive late
    EXPECT_EQ(t.f.executed(kQuarantinePath), 0);
    EXPECT_EQ(t.f.agentStatus(QStringLiteral("relaybot")), QStringLiteral("active"));
    EXPECT_TRUE(t.page.outcomeRow()->text().isEmpty());
}

TEST(AgentsPage, U2_DoubleClickOnConfirmSendsOneRequest)
{
    AgentsPageTest t;
    ReasonDialog *dialog = t.open(t.page.quarantineButton(), QStringLiteral("drone-dome"));
    ASSERT_NE(dialog, nullptr);
    QTest::keyClicks(dialog->confirmEdit(), QStringLiteral("drone-dome"));
    QTest::keyClicks(dialog->reasonEdit(), QStringLiteral("scanner stuck"));
    QPushButton *confirm = dialog->confirmButton();
    // A double click as the window system delivers it: press, release, press (double), release.
    QTest::mouseClick(confirm, Qt::LeftButton);
    EXPECT_FALSE(confirm->isEnabled()) << "Confirm is disabled after the first press";
    QTest::mouseDClick(confirm, Qt::LeftButton);
    QTest::mouseRelease(confirm, Qt::LeftButton);
    // The page's button is disabled while the action is in flight.
    EXPECT_TRUE(t.page.model()->isPending(QStringLiteral("drone-dome")));
    EXPECT_FALSE(t.page.quarantineButton()->isEnabled());
    QTest::mouseClick(t.page.quarantineButton(), Qt::LeftButton);
    EXPECT_EQ(t.page.openDialog(), nullptr) << "no second dialog while the first is in flight";
    ASSERT_TRUE(waitUntil([&] { return t.quarantinedOnScreen(QStringLiteral("drone-dome")); }));
    EXPECT_EQ(t.f.executed(kQuarantinePath), 1);
    EXPECT_EQ(t.f.journal->entries().size(), 2) << "one intent, one result";
    EXPECT_FALSE(t.page.outcomeRow()->text().contains(QLatin1String("Not sent")))
        << t.page.outcomeRow()->text().toStdString();
}

TEST(AgentsPage, ViewerCannotActAndIsToldWhy)
{
    AgentsPageTest t;
    t.page.selectAgent(QStringLiteral("citadel"));
    EXPECT_TRUE(t.page.quarantineButton()->isEnabled());
    t.f.controller->setReadOnly(true, QStringLiteral("The token is a viewer token."));
    EXPECT_FALSE(t.page.quarantineButton()->isEnabled());
    EXPECT_FALSE(t.page.releaseButton()->isEnabled());
    auto *note = t.page.findChild<QLabel *>(QStringLiteral("readOnly"));
    ASSERT_NE(note, nullptr);
    EXPECT_TRUE(note->isVisible());
    EXPECT_TRUE(note->text().contains(QLatin1String("viewer token")));
    t.page.requestQuarantine(QStringLiteral("citadel")); // e.g. from the runbook
    EXPECT_EQ(t.page.openDialog(), nullptr);
    EXPECT_TRUE(t.page.outcomeRow()->text().contains(QLatin1String("viewer token")));
}

TEST(AgentsPage, U5_EveryControlHasAnAccessibleName)
{
    AgentsPageTest t;
    t.page.selectAgent(QStringLiteral("citadel"));
    t.f.controller->setQuarantineCap(0); // the override checkbox shows too
    t.page.requestQuarantine(QStringLiteral("citadel"));
    ReasonDialog *dialog = t.page.openDialog();
    ASSERT_NE(dialog, nullptr);
    fieldsOf(dialog)->durationBox()->setCurrentIndex(4); // custom minutes enabled
    EXPECT_EQ(AgentsFixture::unnamedControls(&t.page), QStringList());
    EXPECT_EQ(AgentsFixture::unnamedControls(dialog), QStringList());
    dialog->reject();
}

TEST(AgentsPage, UnknownOutcomeOffersResendWithTheSameKey)
{
    AgentsPageTest t;
    // The server executes the quarantine but the answer is lost.
    const auto chaos = t.f.post(
        QStringLiteral("/api/sim/chaos"),
        {{QStringLiteral("dropRate"), 1}, {QStringLiteral("paths"), QJsonArray {kQuarantinePath}}});
    ASSERT_EQ(chaos.status, 200) << chaos.body.toStdString();
    ReasonDialog *dialog = t.open(t.page.quarantineButton(), QStringLiteral("envkeeper"));
    ASSERT_NE(dialog, nullptr);
    QTest::keyClicks(dialog->confirmEdit(), QStringLiteral("envkeeper"));
    QTest::keyClicks(dialog->reasonEdit(), QStringLiteral("leaking env"));
    QTest::mouseClick(dialog->confirmButton(), Qt::LeftButton);
    ASSERT_TRUE(waitUntil([&] { return t.page.outcomeRow()->resendButton()->isVisible(); }, 10000))
        << t.page.outcomeRow()->text().toStdString();
    EXPECT_TRUE(t.page.outcomeRow()->text().startsWith(QLatin1String("OUTCOME UNKNOWN")))
        << t.page.outcomeRow()->text().toStdString();
    EXPECT_EQ(t.page.outcomeRow()->badge()->severity(), StateBadge::Severity::Warning);
    EXPECT_FALSE(t.page.model()->isPending(QStringLiteral("envkeeper")));

    ASSERT_EQ(t.f.post(QStringLiteral("/api/sim/chaos"), {}).status, 200);
    QTest::mouseClick(t.page.outcomeRow()->resendButton(), Qt::LeftButton);
    ASSERT_TRUE(waitUntil([&] {
        return t.page.outcomeRow()->badge()->severity() == StateBadge::Severity::Ok;
    })) << t.page.outcomeRow()->text().toStdString();
    EXPECT_FALSE(t.page.outcomeRow()->resendButton()->isVisible());
    EXPECT_TRUE(waitUntil([&] { return t.quarantinedOnScreen(QStringLiteral("envkeeper")); }));
    EXPECT_EQ(t.f.executed(kQuarantinePath), 1) << "the resend was answered from the key's store";
}
