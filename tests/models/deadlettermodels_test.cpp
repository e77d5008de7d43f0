// The dead-letter models: recent records as a table, the breakdown by error type and conduit with
// shares of the depth, and diff updates on a poll.
#include "deadletterbreakdownmodel.h"
#include "deadletterrecordmodel.h"

#include <gtest/gtest.h>

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTimeZone>

namespace {

DeadLetterRecord record(const QString &id, const QString &type, int attempts)
{
    DeadLetterRecord r;
    r.id = id;
    r.portId = QStringLiteral("port-1");
    r.clusterId = QStringLiteral("ai");
    r.toolId = QStringLiteral("openai");
    r.conduitId = QStringLiteral("port-1::ai::openai");
    r.traceId = QStringLiteral("trace-") + id;
    r.error = QStringLiteral("429 Too Many Requests");
    r.errorType = type;
    r.timestamp = QDateTime::fromSecsSinceEpoch(1'764'410'000, QTimeZone::utc());
    r.attempts = attempts;
    return r;
}

DeadLetterStatus status(qint64 timeouts, qint64 failures, qint64 conduitA, qint64 conduitB)
{
    DeadLetterStatus s;
    s.byErrorType.insert(QStringLiteral("TIMEOUT"), timeouts);
    s.byErrorType.insert(QStringLiteral("FAILURE"), failures);
    s.byConduit.insert(QStringLiteral("a::b::c"), conduitA);
    s.byConduit.insert(QStringLiteral("d::e::f"), conduitB);
    s.depth = timeouts + failures;
    return s;
}

} // namespace

TEST(DeadLetterRecordModel, ShowsEveryColumnAsText)
{
    DeadLetterRecordModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setRecords({record(QStringLiteral("r1"), QStringLiteral("TIMEOUT"), 1),
                      record(QStringLiteral("r2"), QStringLiteral("FAILURE"), 3)});
    ASSERT_EQ(model.rowCount(), 2);
    ASSERT_EQ(model.columnCount(), DeadLetterRecordModel::ColumnCount);
    auto text = [&](int row, int column) {
        return model.index(row, column).data().toString();
    };
    EXPECT_EQ(text(1, DeadLetterRecordModel::IdColumn), QStringLiteral("r2"));
    EXPECT_EQ(text(1, DeadLetterRecordModel::ConduitColumn), QStringLiteral("port-1::ai::openai"));
    EXPECT_EQ(text(1, DeadLetterRecordModel::ToolColumn), QStringLiteral("openai"));
    EXPECT_EQ(text(1, DeadLetterRecordModel::ErrorTypeColumn), QStringLiteral("FAILURE"));
    EXPECT_EQ(text(1, DeadLetterRecordModel::ErrorColumn), QStringLiteral("429 Too Many Requests"));
    EXPECT_EQ(text(1, DeadLetterRecordModel::AttemptsColumn), QStringLiteral("3"));
    EXPECT_EQ(text(1, DeadLetterRecordModel::TraceIdColumn), QStringLiteral("trace-r2"));
    EXPECT_TRUE(text(1, DeadLetterRecordModel::TimeColumn).contains(QLatin1Char(':')));
    EXPECT_EQ(model.index(0, 2).data(DeadLetterRecordModel::TraceIdRole).toString(),
              QStringLiteral("trace-r1"));
    EXPECT_EQ(model.index(0, DeadLetterRecordModel::TimeColumn)
                  .data(DeadLetterRecordModel::SortRole)
                  .toDateTime(),
              record(QString(), QString(), 0).timestamp);
    EXPECT_EQ(model.headerData(DeadLetterRecordModel::TraceIdColumn, Qt::Horizontal).toString(),
              QStringLiteral("Trace id"));
}

TEST(DeadLetterRecordModel, NewRecordsInsertOnTopAndOldOnesFallOff)
{
    DeadLetterRecordModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QList<DeadLetterRecord> records {record(QStringLiteral("r2"), QStringLiteral("TIMEOUT"), 1),
                                     record(QStringLiteral("r1"), QStringLiteral("ERROR"), 1)};
    model.setRecords(records);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    model.setRecords(records);
    EXPECT_EQ(changed.count() + reset.count() + inserted.count() + removed.count(), 0);

    records[1].attempts = 2;
    model.setRecords(records);
    ASSERT_EQ(changed.count(), 1);
    EXPECT_EQ(changed.at(0).at(0).value<QModelIndex>().row(), 1);

    // Two new on top, the oldest falls off the end (the list holds at most N).
    records = {record(QStringLiteral("r4"), QStringLiteral("ERROR"), 1),
               record(QStringLiteral("r3"), QStringLiteral("ERROR"), 1), records.at(0)};
    model.setRecords(records);
    EXPECT_EQ(reset.count(), 0);
    ASSERT_EQ(inserted.count(), 1);
    EXPECT_EQ(inserted.at(0).at(1).toInt(), 0);
    EXPECT_EQ(inserted.at(0).at(2).toInt(), 1);
    ASSERT_EQ(removed.count(), 1);
    EXPECT_EQ(removed.at(0).at(1).toInt(), 1);
    ASSERT_EQ(model.rowCount(), 3);
    QStringList ids;
    for (int row = 0; row < model.rowCount(); ++row)
        ids << model.index(row, 0).data(DeadLetterRecordModel::IdRole).toString();
    EXPECT_EQ(ids, QStringList({QStringLiteral("r4"), QStringLiteral("r3"), QStringLiteral("r2")}));

    // A record replayed out of the middle: a reset.
    records.removeAt(1);
    model.setRecords(records);
    EXPECT_EQ(reset.count(), 1);
    EXPECT_EQ(model.rowCount(), 2);
    model.setRecords({});
    EXPECT_EQ(model.rowCount(), 0);
}

TEST(DeadLetterBreakdownModel, ErrorTypesThenConduitsWithShares)
{
    DeadLetterBreakdownModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setStatus(status(30, 10, 25, 15));
    ASSERT_EQ(model.rowCount(), 4);
    auto text = [&](int row, int column) {
        return model.index(row, column).data().toString();
    };
    // QMap order: FAILURE before TIMEOUT.
    EXPECT_EQ(text(0, DeadLetterBreakdownModel::DimensionColumn), QStringLiteral("error type"));
    EXPECT_EQ(text(0, DeadLetterBreakdownModel::KeyColumn), QStringLiteral("FAILURE"));
    EXPECT_EQ(text(0, DeadLetterBreakdownModel::CountColumn), QStringLiteral("10"));
    EXPECT_EQ(text(0, DeadLetterBreakdownModel::ShareColumn), QStringLiteral("25.0 %"));
    EXPECT_EQ(text(1, DeadLetterBreakdownModel::ShareColumn), QStringLiteral("75.0 %"));
    EXPECT_EQ(text(2, DeadLetterBreakdownModel::DimensionColumn), QStringLiteral("conduit"));
    EXPECT_EQ(text(3, DeadLetterBreakdownModel::KeyColumn), QStringLiteral("d::e::f"));
    EXPECT_EQ(model.keys(DeadLetterBreakdownModel::Dimension::ErrorType),
              QStringList({QStringLiteral("FAILURE"), QStringLiteral("TIMEOUT")}));
    EXPECT_EQ(model.keys(DeadLetterBreakdownModel::Dimension::Conduit),
              QStringList({QStringLiteral("a::b::c"), QStringLiteral("d::e::f")}));
    EXPECT_EQ(model.index(2, 0).data(DeadLetterBreakdownModel::DimensionRole).toInt(),
              int(DeadLetterBreakdownModel::Dimension::Conduit));
}

TEST(DeadLetterBreakdownModel, CountsChangeInPlaceNewKeysReset)
{
    DeadLetterBreakdownModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setStatus(status(30, 10, 25, 15));
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.setStatus(status(30, 10, 25, 15));
    EXPECT_EQ(changed.count() + reset.count(), 0) << "an identical poll emits nothing";
    model.setStatus(status(20, 20, 25, 15));
    EXPECT_EQ(reset.count(), 0);
    ASSERT_GE(changed.count(), 1);
    EXPECT_EQ(model.index(1, DeadLetterBreakdownModel::CountColumn).data().toLongLong(), 20);
    model.setStatus(status(40, 0, 25, 15)); // depth changes: every share changes
    EXPECT_EQ(model.index(0, DeadLetterBreakdownModel::ShareColumn).data().toString(),
              QStringLiteral("0.0 %"));
    EXPECT_EQ(reset.count(), 0);
    DeadLetterStatus empty;
    model.setStatus(empty);
    EXPECT_EQ(reset.count(), 1);
    EXPECT_EQ(model.rowCount(), 0);
}
