// U1 for the reason dialog: no action without a reason, and neither Enter nor Escape acts.
#include "reasondialog.h"

#include <gtest/gtest.h>

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScreen>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>
#include <QWidget>

namespace {

ReasonDialog::Request tripRequest()
{
    ReasonDialog::Request request;
    request.title = QStringLiteral("Trip circuit breaker");
    request.actionText = QStringLiteral("Trip breaker");
    request.target = QStringLiteral("circuit breaker “openai”");
    request.environment = QStringLiteral("SIMULATOR");
    request.effect = QStringLiteral("Calls to openai fail fast.");
    return request;
}

} // namespace

TEST(ReasonDialog, U1_RefusesAnEmptyReason)
{
    ReasonDialog dialog(tripRequest());
    QSignalSpy accepted(&dialog, &QDialog::accepted);
    dialog.open();
    EXPECT_FALSE(dialog.confirmButton()->isEnabled());
    dialog.reasonEdit()->setText(QStringLiteral("   "));
    EXPECT_FALSE(dialog.confirmButton()->isEnabled()) << "blank is not a reason";
    dialog.confirmButton()->click(); // disabled: nothing happens
    EXPECT_EQ(accepted.count(), 0);
    EXPECT_TRUE(dialog.isVisible());

    QTest::keyClicks(dialog.reasonEdit(), QStringLiteral("  429 storm from OpenAI "));
    EXPECT_TRUE(dialog.confirmButton()->isEnabled());
    EXPECT_EQ(dialog.reason(), QStringLiteral("429 storm from OpenAI"));
    dialog.confirmButton()->click();
    EXPECT_EQ(accepted.count(), 1);
    EXPECT_EQ(dialog.result(), QDialog::Accepted);
}

TEST(ReasonDialog, U1_EnterMeansCancelEvenWithAReason)
{
    ReasonDialog dialog(tripRequest());
    QSignalSpy accepted(&dialog, &QDialog::accepted);
    QSignalSpy rejected(&dialog, &QDialog::rejected);
    dialog.open();
    EXPECT_TRUE(dialog.cancelButton()->isDefault());
    EXPECT_FALSE(dialog.confirmButton()->isDefault());
    EXPECT_FALSE(dialog.confirmButton()->autoDefault());
    QTest::keyClicks(dialog.reasonEdit(), QStringLiteral("DB failover"));
    QTest::keyClick(dialog.reasonEdit(), Qt::Key_Return);
    EXPECT_EQ(accepted.count(), 0);
    EXPECT_EQ(rejected.count(), 1);
    EXPECT_FALSE(dialog.isVisible());
}

TEST(ReasonDialog, U1_EscapeMeansCancel)
{
    ReasonDialog dialog(tripRequest());
    QSignalSpy accepted(&dialog, &QDialog::accepted);
    QSignalSpy rejected(&dialog, &QDialog::rejected);
    dialog.open();
    QTest::keyClicks(dialog.reasonEdit(), QStringLiteral("DB failover"));
    QTest::keyClick(dialog.reasonEdit(), Qt::Key_Escape);
    EXPECT_EQ(accepted.count(), 0);
    EXPECT_EQ(rejected.count(), 1);
}

TEST(ReasonDialog, U1_ShowsTargetEnvironmentAndEffect)
{
    ReasonDialog dialog(tripRequest());
    QStringList texts;
    for (const QLabel *label : dialog.findChildren<QLabel *>())
        texts << label->text();
    EXPECT_TRUE(texts.contains(QStringLiteral("circuit breaker “openai”")));
    EXPECT_TRUE(texts.contains(QStringLiteral("SIMULATOR")));
    EXPECT_TRUE(texts.contains(QStringLiteral("Calls to openai fail fast.")));
}

TEST(ReasonDialog, OffersChoicesWhenAsked)
{
    ReasonDialog::Request request = tripRequest();
    request.choiceLabel = QStringLiteral("Severity:");
    request.choices = {QStringLiteral("P0"), QStringLiteral("P1"), QStringLiteral("P2")};
    request.currentChoice = 1;
    ReasonDialog dialog(request);
    ASSERT_NE(dialog.choiceBox(), nullptr);
    EXPECT_EQ(dialog.choice(), 1);
    dialog.choiceBox()->setCurrentIndex(2);
    EXPECT_EQ(dialog.choice(), 2);
    EXPECT_EQ(ReasonDialog(tripRequest()).choice(), -1);
}

TEST(ReasonDialog, U1_ConfirmStaysDisabledUntilTheExactTargetIsTyped)
{
    ReasonDialog::Request request = tripRequest();
    request.typeToConfirm = QStringLiteral("openai");
    ReasonDialog dialog(request);
    QSignalSpy accepted(&dialog, &QDialog::accepted);
    dialog.open();
    ASSERT_NE(dialog.confirmEdit(), nullptr);
    EXPECT_TRUE(dialog.confirmEdit()->hasFocus() || !dialog.isActiveWindow())
        << "the typed confirmation comes first";
    QTest::keyClicks(dialog.reasonEdit(), QStringLiteral("429 storm"));
    for (const QString &wrong : {QString(), QStringLiteral("opena"), QStringLiteral("OpenAI"),
                                 QStringLiteral(" openai"), QStringLiteral("openai2")}) {
        dialog.confirmEdit()->setText(wrong);
        EXPECT_FALSE(dialog.targetConfirmed()) << wrong.toStdString();
        EXPECT_FALSE(dialog.confirmButton()->isEnabled()) << wrong.toStdString();
    }
    dialog.confirmEdit()->clear();
    QTest::keyClicks(dialog.confirmEdit(), QStringLiteral("openai"));
    EXPECT_TRUE(dialog.targetConfirmed());
    EXPECT_TRUE(dialog.confirmButton()->isEnabled());
    dialog.reasonEdit()->clear();
    EXPECT_FALSE(dialog.confirmButton()->isEnabled()) << "the reason is still required";
    QTest::keyClicks(dialog.reasonEdit(), QStringLiteral("429 storm"));
    QTest::keyClick(dialog.confirmEdit(), Qt::Key_Return);
    EXPECT_EQ(accepted.count(), 0) << "Enter in the typed field means Cancel";
    EXPECT_FALSE(dialog.isVisible());
    EXPECT_EQ(ReasonDialog(tripRequest()).confirmEdit(), nullptr);
    EXPECT_TRUE(ReasonDialog(tripRequest()).targetConfirmed());
}

TEST(ReasonDialog, AProblemSentenceBlocksConfirmUntilCleared)
{
    ReasonDialog dialog(tripRequest());
    dialog.open();
    QTest::keyClicks(dialog.reasonEdit(), QStringLiteral("drill"));
    EXPECT_TRUE(dialog.confirmButton()->isEnabled());
    EXPECT_FALSE(dialog.problemLabel()->isVisible());
    dialog.setProblem(QStringLiteral("Rate cap must be 1-1000 messages/s."));
    EXPECT_TRUE(dialog.problemLabel()->isVisible());
    EXPECT_EQ(dialog.problemLabel()->text(), QStringLiteral("Rate cap must be 1-1000 messages/s."));
    EXPECT_FALSE(dialog.confirmButton()->isEnabled());
    dialog.setProblem({});
    EXPECT_FALSE(dialog.problemLabel()->isVisible());
    EXPECT_TRUE(dialog.confirmButton()->isEnabled());
}

TEST(ReasonDialog, ExtraFieldsShowAndEnterInThemStillCancels)
{
    ReasonDialog::Request request = tripRequest();
    auto *spin = new QSpinBox;
    spin->setObjectName(QStringLiteral("extraSpin"));
    request.extra = spin;
    ReasonDialog dialog(request);
    QSignalSpy accepted(&dialog, &QDialog::accepted);
    QSignalSpy rejected(&dialog, &QDialog::rejected);
    QSignalSpy changed(&dialog, &ReasonDialog::inputChanged);
    dialog.open();
    EXPECT_EQ(spin->parent(), &dialog) << "the dialog owns the extra fields";
    EXPECT_TRUE(spin->isVisible());
    QTest::keyClicks(dialog.reasonEdit(), QStringLiteral("drill"));
    EXPECT_EQ(changed.count(), 5) << "one per keystroke, so pages can re-validate";
    spin->setFocus();
    QTest::keyClick(spin, Qt::Key_Return);
    EXPECT_EQ(accepted.count(), 0);
    EXPECT_EQ(rejected.count(), 1);
}

TEST(ReasonDialog, U2_ConfirmIsDisabledAfterTheFirstPress)
{
    ReasonDialog dialog(tripRequest());
    QSignalSpy accepted(&dialog, &QDialog::accepted);
    dialog.open();
    QTest::keyClicks(dialog.reasonEdit(), QStringLiteral("drill"));
    dialog.confirmButton()->click();
    EXPECT_FALSE(dialog.confirmButton()->isEnabled());
    dialog.confirmButton()->click();
    QTest::keyClicks(dialog.reasonEdit(), QStringLiteral("x")); // typing does not re-enable it
    EXPECT_FALSE(dialog.confirmButton()->isEnabled());
    EXPECT_EQ(accepted.count(), 1);
}

TEST(ReasonDialog, U1_ConfirmIsNeverWhereTheTriggerWas)
{
    // Where Confirm lands when the dialog opens over this window without a trigger...
    QWidget window;
    window.setGeometry(QRect(QPoint(20, 20), QSize(700, 520))); // the offscreen screen is 800x600
    window.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
    QRect confirmSpot;
    {
        ReasonDialog probe(tripRequest(), &window);
        probe.show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(&probe));
        confirmSpot = QRect(probe.confirmButton()->mapToGlobal(QPoint(0, 0)),
                            probe.confirmButton()->size());
    }
    // ...is exactly where the trigger button now sits: the dialog must move away from it.
    auto *trigger = new QPushButton(QStringLiteral("Trip…"), &window);
    trigger->setGeometry(QRect(window.mapFromGlobal(confirmSpot.topLeft()), confirmSpot.size()));
    trigger->show();
    ASSERT_TRUE(QRect(trigger->mapToGlobal(QPoint(0, 0)), trigger->size()).intersects(confirmSpot));
    ReasonDialog::Request request = tripRequest();
    request.trigger = trigger;
    ReasonDialog dialog(request, &window);
    dialog.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&dialog));
    const QRect confirm(dialog.confirmButton()->mapToGlobal(QPoint(0, 0)),
                        dialog.confirmButton()->size());
    const QRect triggerRect(trigger->mapToGlobal(QPoint(0, 0)), trigger->size());
    EXPECT_FALSE(confirm.intersects(triggerRect.adjusted(-8, -8, 8, 8)))
        << "confirm " << confirm.x() << "," << confirm.y() << " trigger " << triggerRect.x() << ","
        << triggerRect.y();
    if (QScreen *screen = dialog.screen()) {
        const QRect frame = dialog.frameGeometry();
        EXPECT_TRUE(screen->availableGeometry().contains(frame))
            << "still on screen: " << frame.x() << "," << frame.y() << " " << frame.width() << "x"
            << frame.height();
    }
}
