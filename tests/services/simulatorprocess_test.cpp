// SimulatorProcess start-up failures: a failure is final (no `ready` after `failed`) and the
// abandoned child does not run on. Uses the real dreamnet-sim (DREAMOPS_SIM).
#include "simulatorprocess.h"
#include "testsupport.h"

#include <gtest/gtest.h>

#include <QFileInfo>
#include <QSignalSpy>
#include <QTest>

TEST(SimulatorProcess, TimedOutStartIsFinalAndStopsTheChild)
{
    SimulatorProcess sim;
    QSignalSpy ready(&sim, &SimulatorProcess::ready);
    QSignalSpy failed(&sim, &SimulatorProcess::failed);
    SimulatorProcess::Options options;
    options.startTimeoutMs = 1; // fires long before the child can print its first line
    sim.start(options);
    const qint64 pid = sim.pid();
    ASSERT_GT(pid, 0);
    ASSERT_TRUE(TestSupport::waitUntil([&] { return failed.count() == 1; }, 5000));
    // Before the fix the child kept starting and `ready` followed `failed` a moment later.
    QTest::qWait(1500);
    EXPECT_EQ(ready.count(), 0) << "a caller would see failed, then ready";
    EXPECT_FALSE(sim.isReady());
    EXPECT_FALSE(QFileInfo::exists(QStringLiteral("/proc/%1/cmdline").arg(pid)))
        << "the abandoned simulator still runs";
    // A failed start can be retried on the same object.
    options.startTimeoutMs = 10000;
    EXPECT_TRUE(sim.startAndWait(options)) << sim.errorString().toStdString();
}
