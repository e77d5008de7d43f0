// StatusPage wired to a ConsoleSession on a real simulator: the panels fill in, and when the
// simulator dies every panel keeps its values marked stale while the banner offers a restart.
#include "consolesession.h"
#include "healthpanel.h"
#include "livenesspanel.h"
#include "mainwindow.h"
#include "opsstatuspanel.h"
#include "readinesspanel.h"
#include "simulatorbanner.h"
#include "statuspage.h"
#include "testsupport.h"

#include <gtest/gtest.h>

#include <QPushButton>

#include <csignal>
#include <sys/types.h>

using TestSupport::waitUntil;

TEST(StatusPage, U6_SimulatorKilledMarksEveryPanelStaleAndOffersRestart)
{
    ConsoleSession::Settings settings;
    settings.intervals.healthMs = 500;
    settings.intervals.slowMs = 500;
    ConsoleSession session(settings);
    MainWindow window(&session);
    StatusPage *page = window.statusPage();
    session.start();
    ASSERT_TRUE(waitUntil(
        [&] {
            return !page->opsStatusPanel()->isStale() && !page->healthPanel()->isStale()
                && !page->livenessPanel()->isStale() && !page->readinessPanel()->isStale();
        },
        10000))
        << session.stateMessage().toStdString();
    EXPECT_TRUE(window.statusText().contains(QStringLiteral("(simulator) — last update")));

    ASSERT_EQ(::kill(pid_t(session.simulator()->pid()), SIGKILL), 0);
    ASSERT_TRUE(waitUntil([&] { return window.simulatorBanner()->isStopped(); }, 5000));
    for (const SectionBox *panel : {static_cast<SectionBox *>(page->opsStatusPanel()),
                                    static_cast<SectionBox *>(page->healthPanel()),
                                    static_cast<SectionBox *>(page->livenessPanel()),
                                    static_cast<SectionBox *>(page->readinessPanel())}) {
        EXPECT_TRUE(panel->isStale()) << panel->title().toStdString();
        EXPECT_TRUE(panel->freshnessText().startsWith(QStringLiteral("Stale")));
    }
    EXPECT_TRUE(window.windowTitle().contains(QStringLiteral("SIMULATOR")));
    EXPECT_TRUE(window.windowTitle().contains(QStringLiteral("stopped")));
    EXPECT_TRUE(window.statusText().contains(QStringLiteral("stale")));

    // The banner's button restarts it; the panels come back fresh.
    auto *restart = window.simulatorBanner()->findChild<QPushButton *>(
        QStringLiteral("restartSimulatorButton"));
    ASSERT_NE(restart, nullptr);
    restart->click();
    EXPECT_TRUE(waitUntil([&] { return !page->opsStatusPanel()->isStale(); }, 10000))
        << session.stateMessage().toStdString();
    EXPECT_FALSE(window.simulatorBanner()->isStopped());
}
