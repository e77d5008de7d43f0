// TimelineModel under QAbstractItemModelTester: time order, corrections attached to their
// original (which stays, struck through), live appends from the store, the shared time cursor.
#include "incidentlistmodel.h"
#include "incidentstore.h"
#include "timecursor.h"
#include "timelinemodel.h"

#include <gtest/gtest.h>

#include <QAbstractItemModelTester>
#include <QFont>
#include <QTemporaryDir>

namespace {

struct Fixture
{
    Fixture()
    {
        store.setClock([this] { return now; });
        store.setAuthor(QStringLiteral("Ops lead"));
        EXPECT_TRUE(store.open(dir.filePath(QStringLiteral("t.sqlite"))));
        IncidentStore::Declaration d;
        d.title = QStringLiteral("queue backlog");
        d.severity = Severity::P2;
        d.affected = {QStringLiteral("queue")};
        id = store.declare(d);
    }
    void advance(int minutes) { now = now.addSecs(minutes * 60); }

    QTemporaryDir dir;
    QDateTime now = QDateTime(QDate(2026, 3, 14), QTime(10, 0, 0), Qt::UTC);
    IncidentStore store;
    QString id;
};

QString text(const TimelineModel &m, int row, int column = TimelineModel::TextColumn)
{
    return m.index(row, column).data().toString();
}

} // namespace

TEST(TimelineModel, TimeOrderCorrectionsAndLiveAppends)
{
    Fixture f;
    f.advance(5);
    const auto note = f.store.addNote(f.id, QStringLiteral("drained writes"));
    f.advance(1);
    ASSERT_TRUE(f.store.markMilestone(f.id, Milestone::ResponseStarted));
    TimelineModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setStore(&f.store, f.id);
    ASSERT_EQ(model.rowCount(), 3);
    EXPECT_EQ(text(model, 0, TimelineModel::TimeColumn), QStringLiteral("10:00:00"));
    EXPECT_EQ(text(model, 0, TimelineModel::KindColumn), QStringLiteral("Declared"));
    EXPECT_EQ(text(model, 1), QStringLiteral("drained writes"));
    EXPECT_EQ(text(model, 1, TimelineModel::AuthorColumn), QStringLiteral("Ops lead"));
    // Live: a correction lands under its original, which stays and is marked superseded.
    f.advance(2);
    ASSERT_TRUE(f.store.addCorrection(f.id, note->seq, QStringLiteral("enabled write drain")));
    ASSERT_EQ(model.rowCount(), 4);
    EXPECT_EQ(text(model, 1), QStringLiteral("drained writes"));
    EXPECT_TRUE(model.index(1, 0).data(TimelineModel::SupersededRole).toBool());
    EXPECT_TRUE(model.index(1, 2).data(Qt::FontRole).value<QFont>().strikeOut());
    EXPECT_EQ(text(model, 2),
              QStringLiteral("Correction of #%1: enabled write drain").arg(note->seq));
    EXPECT_EQ(model.index(2, 0).data(TimelineModel::CorrectsSeqRole).toLongLong(), note->seq);
    EXPECT_EQ(text(model, 3), QStringLiteral("Response started"));
    // A milestone marked late for an earlier time is inserted at its place.
    ASSERT_TRUE(f.store.markMilestone(f.id, Milestone::Detected, f.now.addSecs(-30 * 60)));
    ASSERT_EQ(model.rowCount(), 5);
    EXPECT_EQ(text(model, 0), QStringLiteral("Incident detected"));
    // Another incident's entries do not show.
    IncidentStore::Declaration other;
    other.title = QStringLiteral("other");
    other.severity = Severity::P1;
    ASSERT_FALSE(f.store.declare(other).isEmpty());
    EXPECT_EQ(model.rowCount(), 5);
}

TEST(TimelineModel, FollowsTheSharedTimeCursor)
{
    Fixture f;
    f.advance(10);
    ASSERT_TRUE(f.store.addNote(f.id, QStringLiteral("at 10:10")));
    f.advance(10);
    ASSERT_TRUE(f.store.addNote(f.id, QStringLiteral("at 10:20")));
    TimelineModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setStore(&f.store, f.id);
    TimeCursor cursor;
    model.setTimeCursor(&cursor);
    EXPECT_EQ(model.cursorRow(), -1);
    const qint64 base = QDateTime(QDate(2026, 3, 14), QTime(10, 0, 0), Qt::UTC).toMSecsSinceEpoch();
    cursor.setPosition(base + 14 * 60000);
    EXPECT_EQ(model.cursorRow(), 1);
    EXPECT_TRUE(model.index(1, 0).data(TimelineModel::CursorRole).toBool());
    cursor.setPosition(base + 16 * 60000);
    EXPECT_EQ(model.cursorRow(), 2);
    EXPECT_FALSE(model.index(1, 0).data(TimelineModel::CursorRole).toBool());
    EXPECT_EQ(model.rowNearest(base - 3600000), 0);
    cursor.clear();
    EXPECT_EQ(model.cursorRow(), -1);
}

TEST(IncidentListModel, NewestFirstActiveMarkedFollowsTheStore)
{
    Fixture f;
    IncidentListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setStore(&f.store);
    ASSERT_EQ(model.rowCount(), 1);
    IncidentStore::Declaration d;
    d.title = QStringLiteral("db outage");
    d.severity = Severity::P0;
    d.commander = QStringLiteral("Sam");
    const QString second = f.store.declare(d);
    ASSERT_EQ(model.rowCount(), 2);
    EXPECT_EQ(model.index(0, IncidentListModel::TitleColumn).data().toString(),
              QStringLiteral("db outage"));
    EXPECT_EQ(model.index(0, IncidentListModel::SeverityColumn).data().toString(),
              QStringLiteral("P0"));
    EXPECT_TRUE(model.index(0, 0).data(IncidentListModel::ActiveRole).toBool());
    ASSERT_TRUE(f.store.setActiveIncident(f.id));
    EXPECT_FALSE(model.index(0, 0).data(IncidentListModel::ActiveRole).toBool());
    EXPECT_TRUE(model.index(model.rowOf(f.id), 0).data(IncidentListModel::ActiveRole).toBool());
    ASSERT_TRUE(f.store.resolve(second));
    EXPECT_EQ(model.index(model.rowOf(second), IncidentListModel::StateColumn).data().toString(),
              QStringLiteral("Resolved"));
}
