// The severity banner: a suggestion in words with all its reasons, the lead's confirm/override,
// and a declared severity that a later suggestion never changes; the dashboard tab's badge.
#include "reasondialog.h"
#include "severitybanner.h"
#include "severitytabbadge.h"

#include <gtest/gtest.h>

#include <QComboBox>
#include <QDateTime>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>

namespace {

SeveritySuggestion p1()
{
    SeveritySuggestion s;
    s.severity = Severity::P1;
    s.reasons = {QStringLiteral("error rate 62 % ≥ 50 % for the last 60 s"),
                 QStringLiteral("critical health gate down: citadel")};
    return s;
}

QString levelText(const SeverityBanner &banner)
{
    return banner.findChild<QLabel *>(QStringLiteral("severityLevel"))->text();
}

} // namespace

TEST(SeverityBanner, RendersASuggestionInWords)
{
    SeverityBanner banner;
    banner.setSuggestion(p1());
    EXPECT_EQ(banner.headlineText(),
              QStringLiteral("P1 suggested: error rate 62 % ≥ 50 % for the last 60 s"));
    EXPECT_EQ(banner.reasonsText(), QStringLiteral("Also: critical health gate down: citadel"))
        << "every reason is shown; the first one is the headline's";
    EXPECT_TRUE(banner.toolTip().contains(QStringLiteral("error rate 62 %")));
    EXPECT_TRUE(banner.toolTip().contains(QStringLiteral("critical health gate down: citadel")));
    EXPECT_EQ(levelText(banner), QStringLiteral("P1")) << "the level in text, not colour alone";
    EXPECT_FALSE(banner.confirmButton()->isHidden());
    EXPECT_EQ(banner.confirmButton()->text(), QStringLiteral("&Confirm P1"));
    EXPECT_TRUE(banner.declaredText().contains(QStringLiteral("No severity declared")));
}

TEST(SeverityBanner, NoSuggestionOffersNoConfirm)
{
    SeverityBanner banner;
    banner.setSuggestion({});
    EXPECT_TRUE(banner.headlineText().startsWith(QStringLiteral("No incident suggested")));
    EXPECT_EQ(levelText(banner), QStringLiteral("OK"));
    EXPECT_TRUE(banner.confirmButton()->isHidden());
    EXPECT_TRUE(banner.reasonsText().isEmpty());
}

TEST(SeverityBanner, ConfirmEmitsTheSuggestionShown)
{
    SeverityBanner banner;
    banner.setSuggestion(p1());
    QSignalSpy confirmed(&banner, &SeverityBanner::confirmRequested);
    banner.confirmButton()->click();
    ASSERT_EQ(confirmed.count(), 1);
    EXPECT_EQ(confirmed.at(0).at(0).value<SeveritySuggestion>().severity, Severity::P1);
}

TEST(SeverityBanner, DeclaredSeverityStaysWhenTheSuggestionChanges)
{
    SeverityBanner banner;
    SeverityDeclaration declaration;
    declaration.confirm(p1(), QDateTime::currentDateTimeUtc());
    banner.setSuggestion(p1());
    banner.setDeclared(declaration.current());
    EXPECT_TRUE(banner.declaredText().startsWith(QStringLiteral("P1 declared at")));
    EXPECT_TRUE(banner.confirmButton()->isHidden()) << "nothing to confirm: already declared";

    SeveritySuggestion p0;
    p0.severity = Severity::P0;
    p0.reasons = {QStringLiteral("the liveness probe is failing")};
    banner.setSuggestion(p0);
    EXPECT_EQ(declaration.current()->severity, Severity::P1);
    EXPECT_TRUE(banner.declaredText().startsWith(QStringLiteral("P1 declared at")));
    EXPECT_TRUE(banner.declaredText().contains(QStringLiteral("differs from the suggestion (P0)")));
    EXPECT_EQ(levelText(banner), QStringLiteral("P0"));
    EXPECT_EQ(banner.confirmButton()->text(), QStringLiteral("&Confirm P0"));
}

TEST(SeverityBanner, OverrideAsksForSeverityAndReason)
{
    SeverityBanner banner;
    banner.setSuggestion(p1());
    QSignalSpy overridden(&banner, &SeverityBanner::overrideRequested);
    banner.overrideButton()->click();
    auto *dialog = banner.findChild<ReasonDialog *>();
    ASSERT_NE(dialog, nullptr);
    ASSERT_NE(dialog->choiceBox(), nullptr);
    EXPECT_EQ(SeverityBanner::severityForChoice(dialog->choice()), Severity::P1)
        << "starts at the suggestion";
    dialog->choiceBox()->setCurrentIndex(0);
    QTest::keyClicks(dialog->reasonEdit(), QStringLiteral("payments are down"));
    dialog->confirmButton()->click();
    ASSERT_EQ(overridden.count(), 1);
    EXPECT_EQ(overridden.at(0).at(0).value<Severity>(), Severity::P0);
    EXPECT_EQ(overridden.at(0).at(1).toString(), QStringLiteral("payments are down"));
}

TEST(SeverityBanner, WithoutLiveDataTheLevelIsGreyedAndSaysWhy)
{
    SeverityBanner banner;
    banner.setSuggestion({});
    const auto *level = banner.findChild<QLabel *>(QStringLiteral("severityLevel"));
    const QColor live = level->palette().color(QPalette::Window);
    banner.setDataNote(QStringLiteral("No live data: the simulator is not running."), true);
    EXPECT_NE(level->palette().color(QPalette::Window), live) << "no green OK without data";
    EXPECT_EQ(level->text(), QStringLiteral("OK"));
    const auto *note = banner.findChild<QLabel *>(QStringLiteral("severityDataNote"));
    EXPECT_FALSE(note->isHidden());
    EXPECT_EQ(note->text(), QStringLiteral("No live data: the simulator is not running."));
    banner.setDataNote({});
    EXPECT_EQ(level->palette().color(QPalette::Window), live);
    EXPECT_TRUE(note->isHidden());
}

TEST(SeverityTabBadge, TheDashboardTabCarriesTheSuggestionAndLetsGoOfIt)
{
    QTabWidget tabs;
    auto *dashboard = new QWidget;
    tabs.addTab(dashboard, QStringLiteral("&Dashboard"));
    tabs.addTab(new QWidget, QStringLiteral("&Logs"));
    tabs.setCurrentIndex(1); // the lead is reading logs
    SeverityTabBadge badge(&tabs, dashboard);

    badge.show(p1());
    EXPECT_EQ(tabs.tabText(0), QStringLiteral("&Dashboard · P1"));
    EXPECT_FALSE(tabs.tabIcon(0).isNull()) << "a dot in the level's colour";
    EXPECT_EQ(tabs.tabToolTip(0), p1().headline());
    EXPECT_EQ(tabs.tabText(1), QStringLiteral("&Logs")) << "other tabs are left alone";
    const QImage dot = tabs.tabIcon(0).pixmap(16, 16).toImage();
    EXPECT_EQ(dot.pixelColor(8, 8), SeverityBanner::severityColor(Severity::P1));

    SeveritySuggestion p0 = p1();
    p0.severity = Severity::P0;
    badge.show(p0);
    EXPECT_EQ(tabs.tabText(0), QStringLiteral("&Dashboard · P0"));
    EXPECT_EQ(badge.shown(), Severity::P0);

    badge.show({});
    EXPECT_EQ(tabs.tabText(0), QStringLiteral("&Dashboard"));
    EXPECT_TRUE(tabs.tabIcon(0).isNull());
    EXPECT_TRUE(tabs.tabToolTip(0).isEmpty());
    EXPECT_EQ(tabs.currentIndex(), 1) << "never switches the page under the lead";
}
