// MainWindow composition before any answer: the simulator is unmistakable (title, banner,
// status bar) and a real server is named instead.
#include "consolesession.h"
#include "mainwindow.h"
#include "simulatorbanner.h"
#include "statebadge.h"

#include <gtest/gtest.h>

#include <QAbstractButton>
#include <QLabel>
#include <QStatusBar>

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
