// Renders the mode banner with each mode on, the safe-mode confirm dialog and the flags page
// (plain and under emergency mode) from a real simulator, checks that each line is drawn on its
// strong colour, and saves the PNGs for review into $DREAMOPS_SCREENSHOT_DIR (a temporary folder
// when unset).
#include "controls_test.h"
#include "flagspage.h"
#include "flagtablemodel.h"
#include "modeactions.h"
#include "modebanner.h"
#include "reasondialog.h"

#include <gtest/gtest.h>

#include <QImage>
#include <QLineEdit>
#include <QPixmap>
#include <QTemporaryDir>
#include <QVBoxLayout>

using ControlsTest::Rig;
using Kind = ActionRequest::Kind;
using TestSupport::waitUntil;

namespace {

QString outputDir(const QTemporaryDir &fallback)
{
    const QString dir = qEnvironmentVariable("DREAMOPS_SCREENSHOT_DIR");
    return dir.isEmpty() ? fallback.path() : dir;
}

bool save(QWidget *widget, const QString &path)
{
    const QPixmap pixmap = widget->grab();
    return !pixmap.isNull() && pixmap.save(path);
}

} // namespace

TEST(ControlsScreenshots, BannerWithEachModeOnAndTheFlagsPage)
{
    Rig rig;
    QTemporaryDir fallback;
    const QString dir = outputDir(fallback);

    QWidget host;
    auto *layout = new QVBoxLayout(&host);
    auto *banner = new ModeBanner(rig.controller.get());
    layout->addWidget(banner);
    host.setFixedWidth(1100); // the banner spans the main window
    host.show();

    const QDateTime since = QDateTime::currentDateTimeUtc().addSecs(-12 * 60 - 5);
    const QString by = QStringLiteral("alice");
    struct Shot
    {
        Kind mode;
        const char *file;
        QRgb background;
    };
    for (const Shot &shot :
         {Shot {Kind::SafeMode, "controls-banner-safe-mode.png", 0xbf360c},
          Shot {Kind::WriteDrain, "controls-banner-write-drain.png", 0x4527a0},
          Shot {Kind::EmergencyMode, "controls-banner-emergency.png", 0xb71c1c}}) {
        OpsStatus status;
        if (shot.mode == Kind::SafeMode)
            status.safeMode = {true, QStringLiteral("openai 429 storm"), since, by};
        else if (shot.mode == Kind::WriteDrain)
            status.writeDrain = {true, QStringLiteral("database failover"), since, by};
        else
            status.emergencyMode
                = {true, QStringLiteral("citadel exfiltration suspected"), since, by};
        banner->setOpsStatus(status);
        host.resize(1100, host.heightForWidth(1100));
        QCoreApplication::processEvents();
        const QImage image = banner->grab().toImage();
        ASSERT_FALSE(image.isNull());
        // The line's strong colour fills its left edge (left of the icon chip).
        EXPECT_EQ(image.pixel(4, image.height() / 2) & 0xffffff, shot.background) << shot.file;
        EXPECT_TRUE(save(banner, dir + QLatin1Char('/') + QLatin1String(shot.file)));
    }
    OpsStatus all;
    all.safeMode = {true, QStringLiteral("openai 429 storm"), since, by};
    all.writeDrain
        = {true, QStringLiteral("database failover"), since.addSecs(120), QStringLiteral("bob")};
    all.emergencyMode
        = {true, QStringLiteral("citadel exfiltration suspected"), since.addSecs(300), by};
    banner->setOpsStatus(all);
    banner->setStale(true, QDateTime::currentDateTime().addSecs(-20));
    host.resize(1100, host.heightForWidth(1100));
    EXPECT_TRUE(save(banner, dir + QStringLiteral("/controls-banner-all-stale.png")));

    // The confirm dialog of a mode, as Ctrl+Shift+S opens it.
    ModeActions actions(rig.controller.get(), QStringLiteral("SIMULATOR"), &host);
    actions.requestMode(Kind::SafeMode, true);
    ReasonDialog *dialog = actions.currentDialog();
    ASSERT_NE(dialog, nullptr);
    dialog->reasonEdit()->setText(QStringLiteral("openai 429 storm"));
    EXPECT_TRUE(save(dialog, dir + QStringLiteral("/controls-dialog-safe-mode.png")));
    dialog->reject();

    FlagsPage page(rig.controller.get(), rig.poller.get(), QStringLiteral("SIMULATOR"));
    page.resize(1150, 380);
    page.show();
    rig.poller->start();
    ASSERT_TRUE(waitUntil([&] { return page.model()->rowCount() >= 5; }, 10000));
    ASSERT_EQ(rig.post(QStringLiteral("/api/integration-flags/ai_embeddings_enabled/disable"),
                       {{QStringLiteral("reason"), QStringLiteral("openai 429 storm")},
                        {QStringLiteral("operator"), QStringLiteral("alice")}}),
              200);
    rig.poller->refreshNow(ControlsPoller::Source::Flags);
    ASSERT_TRUE(waitUntil(
        [&] {
            const int row = page.model()->rowOf(QStringLiteral("ai_embeddings_enabled"));
            return row >= 0 && !page.model()->flags().at(row).enabled;
        },
        5000));
    page.selectFlag(QStringLiteral("citadel_enabled"));
    page.model()->setPending(QStringLiteral("drone_dome_scan_enabled"), true);
    EXPECT_TRUE(save(&page, dir + QStringLiteral("/controls-flags-page.png")));
    page.model()->setPending(QStringLiteral("drone_dome_scan_enabled"), false);

    ASSERT_EQ(rig.post(QStringLiteral("/api/integration-flags/emergency/enable"),
                       {{QStringLiteral("reason"), QStringLiteral("drill")}}),
              200);
    rig.poller->refreshNow(ControlsPoller::Source::Flags);
    ASSERT_TRUE(waitUntil([&] { return page.model()->isEmergency(); }, 5000));
    EXPECT_TRUE(save(&page, dir + QStringLiteral("/controls-flags-emergency.png")));
}
