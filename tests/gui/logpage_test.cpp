// LogPage offscreen: follow/resume, next/previous error, time link both ways, filters with
// inline errors and counts, trace tabs, copy, and row F2 (hostile lines stay plain text).
#include "logfiltermodel.h"
#include "logpage.h"
#include "logtablemodel.h"
#include "logview.h"
#include "logviewdelegate.h"
#include "logviewfilterbar.h"
#include "testsupport.h"
#include "timecursor.h"

#include <gtest/gtest.h>

#include <QApplication>
#include <QClipboard>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QTabWidget>
#include <QTest>

namespace {

QByteArray stamp(int second)
{
    const int h = second / 3600, m = (second / 60) % 60, s = second % 60;
    return QByteArray("2026-11-29T") + QByteArray::number(10 + h).rightJustified(2, '0') + ':'
        + QByteArray::number(m).rightJustified(2, '0') + ':'
        + QByteArray::number(s).rightJustified(2, '0') + ".000Z";
}

// Line i: second i; every 25th an ERROR with a traceId, else INFO.
QByteArray lines(int from, int count)
{
    QByteArray bytes;
    for (int i = from; i < from + count; ++i) {
        if (i % 25 == 0)
            bytes += stamp(i) + " ERROR [database] connect ECONNREFUSED traceId=tr"
                + QByteArray::number(i % 100) + " ms=1043\n";
        else
            bytes += stamp(i) + " INFO [api] GET /api/dreams status=200 traceId=tr"
                + QByteArray::number(i % 100) + " ms=12\n";
    }
    return bytes;
}

struct Page
{
    TimeCursor cursor;
    LogPage page {nullptr, &cursor, nullptr, 100'000};
    Page()
    {
        page.resize(1200, 700);
        page.show();
        EXPECT_TRUE(QTest::qWaitForWindowExposed(&page));
    }
    LogView *view() const { return page.mainView(); }
    int currentRow() const { return view()->currentIndex().row(); }
};

} // namespace

TEST(LogPage, FollowStopsOnScrollUpAndResumes)
{
    Page p;
    p.page.appendChunks({LogChunk {1, lines(0, 500)}});
    QScrollBar *bar = p.view()->verticalScrollBar();
    ASSERT_GT(bar->maximum(), 0);
    EXPECT_EQ(bar->value(), bar->maximum());
    EXPECT_TRUE(p.view()->isFollowing());
    EXPECT_FALSE(p.page.resumeButton()->isVisible());

    bar->triggerAction(QAbstractSlider::SliderPageStepSub); // the user scrolls up
    EXPECT_FALSE(p.view()->isFollowing());
    EXPECT_TRUE(p.page.resumeButton()->isVisible());
    const int held = bar->value();
    p.page.appendChunks({LogChunk {1, lines(500, 100)}});
    EXPECT_EQ(bar->value(), held); // new lines do not move a reader
    EXPECT_LT(bar->value(), bar->maximum());

    QTest::mouseClick(p.page.resumeButton(), Qt::LeftButton);
    EXPECT_TRUE(p.view()->isFollowing());
    EXPECT_EQ(bar->value(), bar->maximum());
    p.page.appendChunks({LogChunk {1, lines(600, 100)}});
    EXPECT_EQ(bar->value(), bar->maximum());
    EXPECT_FALSE(p.page.resumeButton()->isVisible());

    // A filter change (a model reset) keeps following, and so do the new matches.
    LogFilterSpec spec;
    spec.minimumLevel = LogLevel::Info;
    p.page.filterBar()->setSpec(spec);
    ASSERT_TRUE(TestSupport::waitUntil([&] { return !p.page.filterModel()->isFiltering(); }));
    TestSupport::waitUntil([] { return false; }, 50); // delayed layout
    EXPECT_TRUE(p.view()->isFollowing());
    p.page.appendChunks({LogChunk {1, lines(700, 100)}});
    EXPECT_EQ(bar->value(), bar->maximum());
    // Keys count as the user's scrolling too.
    p.view()->setFocus();
    p.view()->setCurrentIndex(p.view()->model()->index(p.view()->model()->rowCount() - 1, 0));
    QTest::keyClick(p.view(), Qt::Key_Home, Qt::ControlModifier);
    EXPECT_TRUE(TestSupport::waitUntil([&] { return !p.view()->isFollowing(); }, 1000));
    EXPECT_LT(bar->value(), bar->maximum());
}

TEST(LogPage, PauseHoldsLinesUntilResumed)
{
    Page p;
    p.page.appendChunks({LogChunk {1, lines(0, 10)}});
    p.page.setPaused(true);
    p.page.appendChunks({LogChunk {1, lines(10, 10)}});
    EXPECT_EQ(p.page.model()->rowCount(), 10);
    p.page.setPaused(false);
    EXPECT_EQ(p.page.model()->rowCount(), 20);
}

TEST(LogPage, NextAndPreviousErrorWithF8)
{
    Page p;
    p.page.appendChunks({LogChunk {1, lines(1, 120)}}); // errors at lines 25, 50, 75, 100
    p.view()->setFocus();
    p.view()->setCurrentIndex(p.page.model()->index(0, 0));
    QTest::keyClick(p.view(), Qt::Key_F8);
    EXPECT_EQ(p.currentRow(), 24);
    EXPECT_FALSE(p.view()->isFollowing());
    QTest::keyClick(p.view(), Qt::Key_F8);
    EXPECT_EQ(p.currentRow(), 49);
    QTest::keyClick(p.view(), Qt::Key_F8, Qt::ShiftModifier);
    EXPECT_EQ(p.currentRow(), 24);
    EXPECT_FALSE(p.page.previousError());
    EXPECT_EQ(p.currentRow(), 24);
}

TEST(LogPage, TimeLinkBothWays)
{
    Page p;
    p.page.appendChunks({LogChunk {1, lines(0, 300)}});
    // Clicking a line moves the shared cursor to its time.
    p.view()->scrollToTop();
    const QModelIndex row3 = p.page.model()->index(3, LogTableModel::MessageColumn);
    QTest::mouseClick(p.view()->viewport(), Qt::LeftButton, {},
                      p.view()->visualRect(row3).center());
    ASSERT_TRUE(p.cursor.position().has_value());
    EXPECT_EQ(*p.cursor.position(), LogLineParser::timestampMs(stamp(3)));
    EXPECT_EQ(p.currentRow(), 3);
    // Moving the cursor elsewhere scrolls to the nearest line.
    p.cursor.setPosition(LogLineParser::timestampMs(stamp(200)) + 400);
    EXPECT_EQ(p.currentRow(), 200);
    p.cursor.setPosition(LogLineParser::timestampMs(stamp(250)) + 600);
    EXPECT_EQ(p.currentRow(), 251);
    EXPECT_TRUE(
        p.view()->visualRect(p.view()->currentIndex()).intersects(p.view()->viewport()->rect()));
    // Also in a filtered view: the nearest shown line at or after the time.
    p.page.filterBar()->setSpec([] {
        LogFilterSpec s;
        s.minimumLevel = LogLevel::Error;
        return s;
    }());
    ASSERT_TRUE(TestSupport::waitUntil([&] { return !p.page.filterModel()->isFiltering(); }));
    p.cursor.setPosition(LogLineParser::timestampMs(stamp(110)));
    EXPECT_EQ(p.view()->lineOfRow(p.currentRow()), 125);
}

TEST(LogPage, FilterCountsHighlightsAndInlineError)
{
    Page p;
    p.page.appendChunks({LogChunk {1, lines(0, 1000)}});
    LogFilterSpec spec;
    spec.text = QStringLiteral("econnrefused");
    p.page.filterBar()->setSpec(spec);
    ASSERT_TRUE(TestSupport::waitUntil([&] { return !p.page.filterModel()->isFiltering(); }));
    EXPECT_EQ(p.page.filterModel()->rowCount(), 40);
    EXPECT_EQ(p.page.filterBar()->countsText(), QStringLiteral("40 shown / 1,000 total"));
    const QString message
        = p.page.filterModel()->index(0, LogTableModel::MessageColumn).data().toString();
    const auto ranges = p.view()->logDelegate()->highlightRanges(message);
    ASSERT_EQ(ranges.size(), 1);
    EXPECT_EQ(message.mid(ranges[0].first, ranges[0].second), QStringLiteral("ECONNREFUSED"));
    // New lines are matched as they arrive.
    p.page.appendChunks({LogChunk {1, lines(1000, 100)}});
    EXPECT_EQ(p.page.filterModel()->rowCount(), 44);

    spec.regex = true;
    spec.text = QStringLiteral("ms=(\\d{4}");
    p.page.filterBar()->setSpec(spec);
    EXPECT_TRUE(p.page.filterBar()->error().contains(QStringLiteral("at character")));
    auto *errorLabel = p.page.filterBar()->findChildren<QLabel *>().last();
    EXPECT_TRUE(errorLabel->isVisible());
    EXPECT_EQ(p.page.filterModel()->rowCount(), 44); // the last valid result stays
    spec.text.clear();
    p.page.filterBar()->setSpec(spec);
    EXPECT_TRUE(p.page.filterBar()->error().isEmpty());
    EXPECT_EQ(p.page.filterModel(), nullptr);
    EXPECT_EQ(p.view()->model(), p.page.model());
}

TEST(LogPage, ShowThisTraceOpensItsLines)
{
    Page p;
    p.page.appendChunks({LogChunk {1, lines(0, 400)}});
    p.view()->setCurrentIndex(p.page.model()->index(125, 0));
    ASSERT_TRUE(p.page.showTraceOfCurrentRow());
    ASSERT_EQ(p.page.tabs()->count(), 2);
    auto *trace = qobject_cast<LogView *>(p.page.tabs()->currentWidget());
    ASSERT_NE(trace, nullptr);
    ASSERT_TRUE(TestSupport::waitUntil([&] { return trace->model()->rowCount() == 4; }));
    for (int r = 0; r < 4; ++r)
        EXPECT_EQ(trace->lineOfRow(r), 25 + r * 100); // tr25, not tr2 or tr250
    EXPECT_TRUE(p.page.showTrace(QStringLiteral("tr25")));
    EXPECT_EQ(p.page.tabs()->count(), 2);
}

TEST(LogPage, F2_HostileLinesArePlainTextAndCopyIsWhole)
{
    Page p;
    static const char hostile[] = "2026-11-29T10:00:00.000Z ERROR [x<b>] <a href=\"http://evil\">"
                                  "click</a> \x1b]8;;http://evil\x07link\x1b]8;;\x07 \x1b[31mred "
                                  "\xe2\x80\xae"
                                  "txt.exe nul\0byte bad\xff\xc0 end\n";
    QByteArray big("2026-11-29T10:00:01.000Z WARN [big] ");
    big += QByteArray(1 << 20, 'x');
    big += "\n";
    p.page.appendChunks({LogChunk {1, QByteArray(hostile, sizeof(hostile) - 1) + big}});
    ASSERT_EQ(p.page.model()->rowCount(), 2);
    const QString shown = p.page.model()->index(0, LogTableModel::MessageColumn).data().toString();
    EXPECT_TRUE(shown.startsWith(QStringLiteral("<a href=\"http://evil\">click</a>")));
    for (const QChar c : shown) {
        EXPECT_FALSE(c.unicode() < 0x20 || c.unicode() == 0x202E) << int(c.unicode());
    }
    EXPECT_TRUE(shown.contains(QStringLiteral("[U+202E]txt.exe")));
    EXPECT_EQ(p.page.model()->index(0, LogTableModel::ComponentColumn).data().toString(),
              QStringLiteral("x<b>"));
    const QString bigShown
        = p.page.model()->index(1, LogTableModel::MessageColumn).data().toString();
    EXPECT_EQ(bigShown.size(),
              4096 + QStringLiteral("… (%1 more bytes)").arg((1 << 20) - 4096).size());
    // Nothing on the page may interpret markup or open links.
    for (const QLabel *label : p.page.findChildren<QLabel *>()) {
        EXPECT_EQ(label->textFormat(), Qt::PlainText) << qPrintable(label->text());
        EXPECT_FALSE(label->openExternalLinks());
    }
    EXPECT_FALSE(p.page.model()->index(0, 0).data(Qt::ToolTipRole).toString().contains(u'<'));
    // Painting the rows (delegate: plain drawText) works, and copy gives the whole lines.
    EXPECT_FALSE(p.page.grab().isNull());
    p.view()->selectAll();
    ASSERT_TRUE(p.page.copySelection());
    const QString copied = QGuiApplication::clipboard()->text();
    EXPECT_EQ(copied.size(),
              QString::fromUtf8(QByteArray(hostile, sizeof(hostile) - 2)).size() + 1 + big.size()
                  - 1);
    EXPECT_TRUE(copied.endsWith(QString(1000, QLatin1Char('x'))));
    if (qEnvironmentVariableIsSet("DREAMOPS_LOGVIEW_SHOTS"))
        p.page.grab().save(QStringLiteral("/tmp/logview-f2.png"));
}
