// The SLA clock bar with a fake clock: hidden without an open incident, Ok -> Near -> Missed with
// an icon and words per state, one notification each; screenshots of near and missed.
#include "incidenttestutil.h"
#include "slaclockbar.h"
#include "statebadge.h"

#include <QCoreApplication>
#include <QDir>
#include <QHBoxLayout>
#include <QSignalSpy>

using IncidentTest::Harness;

TEST(IncidentSlaBar, HiddenUntilAnIncidentIsActiveAndAfterItIsResolved)
{
    Harness h;
    QWidget window;
    SlaClockBar bar(h.store.get(), &window);
    bar.setClock(h.clock.function());
    window.show();
    EXPECT_FALSE(bar.isVisible());
    const QString id = h.declare(Severity::P1);
    EXPECT_TRUE(bar.isVisible());
    EXPECT_EQ(bar.text(), QStringLiteral("P1 · response 30:00 left · resolution 2:00:00 left"));
    ASSERT_TRUE(h.store->resolve(id));
    EXPECT_FALSE(bar.isVisible());
}

TEST(IncidentSlaBar, GoesOkNearMissedAndNotifiesOnce)
{
    Harness h;
    QWidget window;
    SlaClockBar bar(h.store.get());
    bar.setClock(h.clock.function());
    QSignalSpy notified(&bar, &SlaClockBar::notified);
    auto *layout = new QHBoxLayout(&window);
    layout->addWidget(&bar);
    layout->addStretch();
    window.resize(900, 50);
    window.show();
    h.declare(Severity::P1);
    bar.slaClock()->stop(); // the test ticks by hand
    EXPECT_EQ(bar.state(), SlaClock::State::Ok);
    auto *badge = bar.findChild<StateBadge *>();
    ASSERT_NE(badge, nullptr);
    EXPECT_EQ(badge->severity(), StateBadge::Severity::Info);

    h.clock.advanceMinutes(25); // 5 of 30 minutes left: near
    bar.slaClock()->tick();
    EXPECT_EQ(bar.state(), SlaClock::State::Near);
    EXPECT_EQ(badge->severity(), StateBadge::Severity::Warning);
    EXPECT_TRUE(bar.text().contains(QLatin1String("response 5:00 left (near)")))
        << bar.text().toStdString();
    ASSERT_EQ(notified.count(), 1);
    EXPECT_EQ(notified.at(0).at(1).value<SlaClock::State>(), SlaClock::State::Near);
    const QString dir = QDir::tempPath();
    QCoreApplication::processEvents(); // the layout follows the longer text
    EXPECT_TRUE(bar.grab().save(dir + QStringLiteral("/incidentgui-slabar-near.png")));
    bar.slaClock()->tick();
    EXPECT_EQ(notified.count(), 1); // once

    h.clock.advanceMinutes(6); // overdue 1:00
    bar.slaClock()->tick();
    bar.slaClock()->tick();
    EXPECT_EQ(bar.state(), SlaClock::State::Missed);
    EXPECT_EQ(badge->severity(), StateBadge::Severity::Critical);
    EXPECT_TRUE(bar.text().contains(QLatin1String("response overdue 1:00 (missed)")))
        << bar.text().toStdString();
    ASSERT_EQ(notified.count(), 2);
    EXPECT_EQ(notified.at(1).at(0).value<SlaClock::Which>(), SlaClock::Which::Response);
    EXPECT_EQ(notified.at(1).at(1).value<SlaClock::State>(), SlaClock::State::Missed);
    EXPECT_TRUE(notified.at(1).at(2).toString().contains(QLatin1String("missed")));
    QCoreApplication::processEvents();
    EXPECT_TRUE(bar.grab().save(dir + QStringLiteral("/incidentgui-slabar-missed.png")));
}
