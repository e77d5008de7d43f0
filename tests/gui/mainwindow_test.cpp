// MainWindow composition before any answer: the simulator is unmistakable (title, banner,
// status bar) and a real server is named instead.
#include "consoleoptions.h"
#include "consolesession.h"
#include "dashboardpage.h"
#include "fleetbar.h"
#include "mainwindow.h"
#include "modeactions.h"
#include "simulatorbanner.h"
#include "statebadge.h"

#include <gtest/gtest.h>

#include <QAbstractButton>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QPalette>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QToolBar>

#include <optional>

TEST(MainWindow, SimulatorIsUnmistakable)
{
    ConsoleSession session({});
    MainWindow window(&session);
    EXPECT_EQ(window.windowTitle(), QStringLiteral("DreamOps Console — SIMULATOR"));
    ASSERT_NE(window.simulatorBanner(), nullptr);
    EXPECT_TRUE(window.simulatorBanner()->message().startsWith(QStringLiteral("SIMULATOR")));
    auto *tag = window.statusBar()->findChild<QLabel *>(QStringLiteral("modeTag"));
    ASSERT_NE(tag, nullptr);
    EXPECT_EQ(tag->text(), QStringLiteral("SIMULATOR"));
}

TEST(MainWindow, RealServerHasNoSimulatorMarker)
{
    ConsoleSession::Settings settings;
    settings.embeddedSimulator = false;
    settings.profile.name = QStringLiteral("prod");
    settings.profile.baseUrl = QUrl(QStringLiteral("https://ops.example.com"));
    ConsoleSession session(settings);
    MainWindow window(&session);
    EXPECT_EQ(window.windowTitle(), QStringLiteral("DreamOps Console — ops.example.com"));
    EXPECT_EQ(window.simulatorBanner(), nullptr);
    EXPECT_FALSE(window.windowTitle().contains(QStringLiteral("SIMULATOR")));
}

TEST(MainWindow, U5_EveryButtonAndStateHasAName)
{
    ConsoleSession session({});
    MainWindow window(&session);
    const QList<QAbstractButton *> buttons = window.findChildren<QAbstractButton *>();
    ASSERT_FALSE(buttons.isEmpty());
    for (const QAbstractButton *button : buttons) {
        if (button->objectName().startsWith(QLatin1String("qt_")))
            continue; // Qt's own, e.g. the menu bar's overflow button
        QString name
            = button->accessibleName().isEmpty() ? button->text() : button->accessibleName();
        EXPECT_FALSE(name.remove(QLatin1Char('&')).trimmed().isEmpty())
            << button->objectName().toStdString() << " " << button->metaObject()->className()
            << " in " << button->parent()->metaObject()->className();
    }
    for (const StateBadge *badge : window.findChildren<StateBadge *>())
        EXPECT_FALSE(badge->accessibleName().isEmpty()) << badge->objectName().toStdString();
}

TEST(MainWindow, EveryPageIsATabAndPageNamesReachThem)
{
    ConsoleSession session({});
    MainWindow window(&session);
    QStringList tabs;
    for (int i = 0; i < window.tabs()->count(); ++i)
        tabs << window.tabs()->tabText(i).remove(QLatin1Char('&'));
    EXPECT_EQ(
        tabs,
        (QStringList {QStringLiteral("Dashboard"), QStringLiteral("Incident"),
                      QStringLiteral("Runbooks"), QStringLiteral("Logs"), QStringLiteral("Flags"),
                      QStringLiteral("Agents"), QStringLiteral("Dead letters"),
                      QStringLiteral("Commands"), QStringLiteral("Status")}));
    for (const QString &name : ConsoleOptions::pageNames()) {
        ASSERT_TRUE(window.showPage(name)) << name.toStdString();
        EXPECT_EQ(ConsoleOptions::pageNames().at(window.tabs()->currentIndex()), name);
    }
    EXPECT_FALSE(window.showPage(QStringLiteral("nowhere")));
    // The controls are in a menu and a toolbar, with shortcuts.
    ASSERT_NE(window.modeActions(), nullptr);
    EXPECT_FALSE(window.findChildren<QToolBar *>().isEmpty());
}

TEST(MainWindow, ATeamSlaFileThatIsNotAPolicySaysSoAndTheRunbooksTargetsApply)
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation);
    ASSERT_TRUE(QDir().mkpath(folder));
    QFile sla(QDir(folder).filePath(QStringLiteral("sla.json")));
    ASSERT_TRUE(sla.open(QIODevice::WriteOnly));
    sla.write(R"({"format":"dreamops-sla","version":1,"P1":{"responseMinutes":-5}})");
    sla.close();
    {
        ConsoleSession session({});
        MainWindow window(&session);
        QStringList problems;
        for (const StateBadge *badge : window.findChildren<StateBadge *>())
            if (badge->objectName() == QLatin1String("storageProblem"))
                problems << badge->text();
        ASSERT_EQ(problems.size(), 1) << problems.join(QLatin1Char('|')).toStdString();
        EXPECT_TRUE(problems.constFirst().contains(QLatin1String("sla.json")));
        EXPECT_TRUE(problems.constFirst().contains(QLatin1String("runbook's SLA targets apply")));
    }
    sla.remove();
}

TEST(MainWindow, LayoutAndOpenPageAreRememberedAcrossRuns)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("window.ini"));
    QRect closedAt;
    {
        ConsoleSession session({});
        MainWindow window(&session);
        window.rememberLayout(path);
        window.setGeometry(QRect(40, 50, 1024, 700));
        window.show();
        window.showPage(QStringLiteral("agents"));
        closedAt = window.geometry();
        window.close();
    }
    ASSERT_TRUE(QFile::exists(path));
    {
        ConsoleSession session({});
        MainWindow window(&session);
        window.rememberLayout(path);
        EXPECT_EQ(window.currentPageName(), QStringLiteral("agents"));
        EXPECT_EQ(window.size(), closedAt.size());
    }
    {
        // --page wins over the remembered page; the geometry is still restored.
        ConsoleSession session({});
        MainWindow window(&session);
        window.rememberLayout(path, QStringLiteral("logs"));
        EXPECT_EQ(window.currentPageName(), QStringLiteral("logs"));
    }
}

TEST(MainWindow, TheFleetChoiceIsRememberedPerPrometheus)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("window.ini"));
    // Never started: nothing is asked of these addresses.
    const auto settingsFor = [](const char *prometheus) {
        ConsoleSession::Settings settings;
        settings.prometheus.baseUrl = QUrl(QLatin1String(prometheus));
        return settings;
    };
    // Opens a window, says what its dashboard shows, then leaves it showing `pick` (if given).
    const auto showsFleet
        = [&](const ConsoleSession::Settings &settings, std::optional<bool> pick = std::nullopt) {
              ConsoleSession session(settings);
              MainWindow window(&session);
              window.rememberLayout(path);
              const bool shown = window.dashboardPage()->fleetBar()->showsFleet();
              if (pick)
                  window.dashboardPage()->fleetBar()->setShowsFleet(*pick);
              window.saveLayout();
              return shown;
          };
    const ConsoleSession::Settings eu = settingsFor("http://127.0.0.1:9/eu");
    EXPECT_FALSE(showsFleet(eu, true)) << "This instance the first time";
    EXPECT_TRUE(showsFleet(eu)) << "the fleet, as the lead left it";
    EXPECT_FALSE(showsFleet(settingsFor("http://127.0.0.1:9/us")))
        << "another Prometheus has its own choice";
    EXPECT_TRUE(showsFleet(eu, false));
    EXPECT_FALSE(showsFleet(eu)) << "This instance once the lead went back";
    EXPECT_FALSE(showsFleet(ConsoleSession::Settings {})) << "no fleet, nothing to show";
}

TEST(MainWindow, ADamagedLayoutFileIsIgnored)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("window.ini"));
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write("[window]\ngeometry=@ByteArray(garbage)\npage=nonsense\n");
    file.close();
    ConsoleSession session({});
    MainWindow window(&session);
    const QSize chosen = window.size();
    window.rememberLayout(path);
    EXPECT_EQ(window.size(), chosen);
    EXPECT_EQ(window.currentPageName(), QStringLiteral("dashboard"));
}

// The console takes the system's palette as it is: with a dark palette, the pages are dark too
// (no page paints its own light background). DREAMOPS_SCREENSHOT_DIR keeps the image to look at.
TEST(MainWindow, FollowsADarkSystemPalette)
{
    const QPalette light = QApplication::palette();
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
    dark.setColor(QPalette::WindowText, QColor(0xe0, 0xe0, 0xe0));
    dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    dark.setColor(QPalette::AlternateBase, QColor(0x33, 0x33, 0x33));
    dark.setColor(QPalette::Text, QColor(0xe0, 0xe0, 0xe0));
    dark.setColor(QPalette::Button, QColor(0x3a, 0x3a, 0x3a));
    dark.setColor(QPalette::ButtonText, QColor(0xe0, 0xe0, 0xe0));
    QApplication::setPalette(dark);
    {
        ConsoleSession session({});
        MainWindow window(&session);
        window.resize(1280, 800);
        for (const QString &page : ConsoleOptions::pageNames()) {
            ASSERT_TRUE(window.showPage(page));
            const QImage image = window.grab().toImage();
            if (qEnvironmentVariableIsSet("DREAMOPS_SCREENSHOT_DIR"))
                image.save(qEnvironmentVariable("DREAMOPS_SCREENSHOT_DIR")
                           + QStringLiteral("/dark-%1.png").arg(page));
            // Most of the window is the page's background: it must be dark.
            qint64 darkPixels = 0;
            for (int y = 0; y < image.height(); y += 8) {
                for (int x = 0; x < image.width(); x += 8)
                    darkPixels += qGray(image.pixel(x, y)) < 96 ? 1 : 0;
            }
            const qint64 samples = qint64(image.height() / 8 + 1) * (image.width() / 8 + 1);
            EXPECT_GT(darkPixels * 2, samples) << page.toStdString();
        }
    }
    QApplication::setPalette(light);
}
