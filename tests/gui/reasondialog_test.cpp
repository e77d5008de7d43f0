// U1 for the reason dialog: no action without a reason, and neither Enter nor Escape acts.
#include "reasondialog.h"

#include <gtest/gtest.h>

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

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
