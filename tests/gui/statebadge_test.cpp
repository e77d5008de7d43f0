// StateBadge and SimulatorBanner: states are told by words and shapes, not by colour alone (U5).
#include "simulatorbanner.h"
#include "statebadge.h"

#include <gtest/gtest.h>

#include <QImage>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>

namespace {

// The icon's silhouette: which pixels are painted at all, whatever their colour.
QImage silhouette(StateBadge::Severity severity)
{
    QImage image = StateBadge::icon(severity, 32).toImage().convertToFormat(QImage::Format_ARGB32);
    QImage mask(image.size(), QImage::Format_Grayscale8);
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            mask.setPixel(x, y, qAlpha(image.pixel(x, y)) > 128 ? 0xffffffff : 0xff000000);
    return mask;
}

} // namespace

TEST(StateBadge, U5_SeveritiesDifferInShapeNotOnlyColour)
{
    using S = StateBadge::Severity;
    // Warning (triangle), Critical (octagon) and the round ones differ in outline; the round
    // ones differ in their glyph, checked on a greyscale rendering below.
    EXPECT_NE(silhouette(S::Warning), silhouette(S::Ok));
    EXPECT_NE(silhouette(S::Critical), silhouette(S::Ok));
    EXPECT_NE(silhouette(S::Warning), silhouette(S::Critical));
    const QList<S> all {S::Neutral, S::Ok, S::Info, S::Warning, S::Critical};
    for (qsizetype i = 0; i < all.size(); ++i) {
        for (qsizetype j = i + 1; j < all.size(); ++j) {
            const QImage a
                = StateBadge::icon(all[i], 32).toImage().convertToFormat(QImage::Format_Grayscale8);
            const QImage b
                = StateBadge::icon(all[j], 32).toImage().convertToFormat(QImage::Format_Grayscale8);
            EXPECT_NE(a, b) << "severities " << i << " and " << j << " look alike in grey";
        }
    }
    EXPECT_TRUE(StateBadge::icon(S::None, 16).isNull());
}

TEST(StateBadge, U5_TextAndAccessibleNameCarryTheState)
{
    StateBadge badge;
    badge.setState(StateBadge::Severity::Critical, QStringLiteral("NOT READY"),
                   QStringLiteral("since 10:00"));
    EXPECT_EQ(badge.text(), QStringLiteral("NOT READY"));
    EXPECT_EQ(badge.accessibleName(), QStringLiteral("NOT READY"));
    EXPECT_EQ(badge.toolTip(), QStringLiteral("since 10:00"));
    EXPECT_EQ(badge.severity(), StateBadge::Severity::Critical);
}

TEST(SimulatorBanner, RunningNamesTheSimulatorAndItsUrl)
{
    SimulatorBanner banner;
    banner.showRunning(QUrl(QStringLiteral("http://127.0.0.1:5123")));
    EXPECT_TRUE(banner.message().startsWith(QStringLiteral("SIMULATOR")));
    EXPECT_TRUE(banner.message().contains(QStringLiteral("http://127.0.0.1:5123")));
    EXPECT_FALSE(banner.isStopped());
    auto *restart = banner.findChild<QPushButton *>(QStringLiteral("restartSimulatorButton"));
    ASSERT_NE(restart, nullptr);
    EXPECT_TRUE(restart->isHidden());
}

TEST(SimulatorBanner, StoppedOffersRestart)
{
    SimulatorBanner banner;
    banner.showStopped(QStringLiteral("The simulator stopped unexpectedly (exit code 9)."));
    EXPECT_TRUE(banner.isStopped());
    EXPECT_TRUE(banner.message().contains(QStringLiteral("STOPPED")));
    EXPECT_TRUE(banner.message().contains(QStringLiteral("exit code 9")));
    auto *restart = banner.findChild<QPushButton *>(QStringLiteral("restartSimulatorButton"));
    ASSERT_NE(restart, nullptr);
    EXPECT_FALSE(restart->isHidden());
    QSignalSpy spy(&banner, &SimulatorBanner::restartRequested);
    restart->click();
    EXPECT_EQ(spy.count(), 1);
}
