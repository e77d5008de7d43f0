// The log page on a live simulator: its server.log followed by LogFileSource through LogMux,
// during a db-outage, filtered and highlighted (DREAMOPS_LOGVIEW_SHOTS=1 saves a screenshot).
#include "logfilesource.h"
#include "logfiltermodel.h"
#include "logmux.h"
#include "logpage.h"
#include "logtablemodel.h"
#include "logviewfilterbar.h"
#include "logviewsourcelist.h"
#include "testsupport.h"
#include "timecursor.h"

#include <gtest/gtest.h>

#include <QDir>
#include <QTest>

TEST(LogPageLive, FollowsTheSimulatorLogDuringAnOutage)
{
    auto sim
        = TestSupport::startSimulator({QStringLiteral("--scenario"), QStringLiteral("db-outage"),
                                       QStringLiteral("--seed"), QStringLiteral("7")},
                                      20.0);
    ASSERT_TRUE(sim && sim->isReady());
    TimeCursor cursor;
    LogMux mux;
    LogPage page(&mux, &cursor);
    page.resize(1500, 820);
    page.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&page));
    mux.addSource(new LogFileSource(1, QDir(sim->logDir()).filePath(QStringLiteral("server.log"))));
    page.refreshSources();
    ASSERT_TRUE(TestSupport::waitUntil([&] { return page.model()->rowCount() >= 60; }, 20000))
        << page.model()->rowCount();
    EXPECT_TRUE(page.sourceList()->hasSource(1));
    EXPECT_EQ(page.model()->index(0, LogTableModel::SourceColumn).data().toString(),
              QStringLiteral("server.log"));

    LogFilterSpec spec;
    spec.minimumLevel = LogLevel::Warn;
    spec.text = QStringLiteral("ECONNREFUSED|database|timeout");
    spec.regex = true;
    page.filterBar()->setSpec(spec);
    ASSERT_NE(page.filterModel(), nullptr);
    ASSERT_TRUE(TestSupport::waitUntil(
        [&] { return !page.filterModel()->isFiltering() && page.filterModel()->rowCount() >= 3; },
        20000))
        << page.filterModel()->rowCount();
    for (int r = 0; r < page.filterModel()->rowCount(); ++r) {
        const QModelIndex index = page.filterModel()->index(r, LogTableModel::LevelColumn);
        EXPECT_GE(index.data(LogTableModel::LevelRole).toInt(), int(LogLevel::Warn));
    }
    if (qEnvironmentVariableIsSet("DREAMOPS_LOGVIEW_SHOTS")) {
        TestSupport::waitUntil([] { return false; }, 300);
        page.grab().save(QStringLiteral("/tmp/logview-live.png"));
        page.filterBar()->setSpec({});
        TestSupport::waitUntil([] { return false; }, 300);
        page.grab().save(QStringLiteral("/tmp/logview-all.png"));
    }
}
