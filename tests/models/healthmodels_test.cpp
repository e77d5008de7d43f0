#include "circuitbreakermodel.h"
#include "healthgatemodel.h"

#include <gtest/gtest.h>

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTimeZone>

namespace {

HealthGate gate(const QString &name, bool ready, int passes, bool critical)
{
    HealthGate g;
    g.serviceId = name + QStringLiteral("-svc");
    g.name = name;
    g.ready = ready;
    g.consecutivePasses = passes;
    g.requiredPasses = 3;
    g.critical = critical;
    g.lastCheck = QDateTime::fromSecsSinceEpoch(1'764'410'000, QTimeZone::utc());
    return g;
}

CircuitBreaker breaker(const QString &name, BreakerState state, int failures, bool forced = false)
{
    CircuitBreaker b;
    b.name = name;
    b.state = state;
    b.failureCount = failures;
    b.forced = forced;
    if (failures > 0)
        b.lastFailureAt = QDateTime::fromSecsSinceEpoch(1'764'410'000, QTimeZone::utc());
    return b;
}

} // namespace

TEST(HealthGateModel, ShowsEveryColumnAsText)
{
    HealthGateModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setGates({gate(QStringLiteral("database"), false, 1, true),
                    gate(QStringLiteral("cache"), true, 3, false)});
    ASSERT_EQ(model.rowCount(), 2);
    ASSERT_EQ(model.columnCount(), HealthGateModel::ColumnCount);
    auto text = [&](int row, int column) {
        return model.index(row, column).data().toString();
    };
    EXPECT_EQ(text(0, HealthGateModel::NameColumn), QStringLiteral("database"));
    EXPECT_EQ(text(0, HealthGateModel::ReadyColumn), QStringLiteral("NOT READY"))
        << "state in words, not colour alone";
    EXPECT_EQ(text(0, HealthGateModel::PassesColumn), QStringLiteral("1/3"));
    EXPECT_EQ(text(0, HealthGateModel::CriticalColumn), QStringLiteral("critical"));
    EXPECT_EQ(text(1, HealthGateModel::ReadyColumn), QStringLiteral("ready"));
    EXPECT_FALSE(model.index(0, 0).data(HealthGateModel::HealthyRole).toBool());
    EXPECT_TRUE(model.index(0, 0).data(HealthGateModel::CriticalRole).toBool());
    EXPECT_EQ(model.headerData(HealthGateModel::PassesColumn, Qt::Horizontal).toString(),
              QStringLiteral("Passes"));
}

TEST(HealthGateModel, SamePollChangesOnlyTheRowsThatChanged)
{
    HealthGateModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    const QList<HealthGate> first {gate(QStringLiteral("database"), false, 1, true),
                                   gate(QStringLiteral("cache"), true, 3, false),
                                   gate(QStringLiteral("auth"), true, 3, true)};
    model.setGates(first);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);

    model.setGates(first);
    EXPECT_EQ(changed.count(), 0) << "an identical poll emits nothing";

    auto second = first;
    second[0].consecutivePasses = 2;
    model.setGates(second);
    ASSERT_EQ(changed.count(), 1);
    EXPECT_EQ(changed.at(0).at(0).value<QModelIndex>().row(), 0);
    EXPECT_EQ(changed.at(0).at(1).value<QModelIndex>().column(), HealthGateModel::ColumnCount - 1);
    EXPECT_EQ(reset.count(), 0);

    second.removeLast();
    model.setGates(second);
    EXPECT_EQ(reset.count(), 1) << "a different list resets";
    EXPECT_EQ(model.rowCount(), 2);
}

TEST(CircuitBreakerModel, StateInWordsWithForcedAndTimes)
{
    CircuitBreakerModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setBreakers({breaker(QStringLiteral("database"), BreakerState::Open, 5),
                       breaker(QStringLiteral("openai"), BreakerState::Open, 0, true),
                       breaker(QStringLiteral("stripe"), BreakerState::Closed, 0),
                       breaker(QStringLiteral("google"), BreakerState::HalfOpen, 2)});
    auto text = [&](int row, int column) {
        return model.index(row, column).data().toString();
    };
    EXPECT_EQ(text(0, CircuitBreakerModel::StateColumn), QStringLiteral("OPEN"));
    EXPECT_EQ(text(1, CircuitBreakerModel::StateColumn), QStringLiteral("OPEN (forced)"));
    EXPECT_EQ(text(2, CircuitBreakerModel::StateColumn), QStringLiteral("closed"));
    EXPECT_EQ(text(3, CircuitBreakerModel::StateColumn), QStringLiteral("half-open"));
    EXPECT_EQ(text(0, CircuitBreakerModel::FailuresColumn), QStringLiteral("5"));
    EXPECT_EQ(text(2, CircuitBreakerModel::LastFailureColumn), QStringLiteral("—"));
    EXPECT_EQ(text(2, CircuitBreakerModel::NextAttemptColumn), QStringLiteral("—"));
    EXPECT_EQ(model.index(1, CircuitBreakerModel::FailuresColumn)
                  .data(CircuitBreakerModel::NameRole)
                  .toString(),
              QStringLiteral("openai"));
    EXPECT_EQ(model.index(0, 0).data(CircuitBreakerModel::StateRole).toInt(),
              int(BreakerState::Open));
}

TEST(CircuitBreakerModel, PollUpdatesExactRows)
{
    CircuitBreakerModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QList<CircuitBreaker> list {breaker(QStringLiteral("database"), BreakerState::Closed, 0),
                                breaker(QStringLiteral("openai"), BreakerState::Closed, 0)};
    model.setBreakers(list);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    list[1].state = BreakerState::Open;
    list[1].failureCount = 5;
    model.setBreakers(list);
    ASSERT_EQ(changed.count(), 1);
    EXPECT_EQ(changed.at(0).at(0).value<QModelIndex>().row(), 1);
    EXPECT_EQ(model.index(1, CircuitBreakerModel::StateColumn).data().toString(),
              QStringLiteral("OPEN"));
}

TEST(HealthGateModel, LastCheckReadsAgainstTheServersOwnClock)
{
    HealthGateModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    const HealthGate database = gate(QStringLiteral("database"), true, 3, true);
    // The server's clock is a day ahead of this machine's (or a simulator runs fast): the age
    // still reads right because both times come from the same clock.
    const QDateTime serverNow = database.lastCheck.addSecs(4);
    model.setGates({database}, serverNow);
    const QModelIndex lastCheck = model.index(0, HealthGateModel::LastCheckColumn);
    EXPECT_EQ(lastCheck.data().toString(), QStringLiteral("4 s ago"));
    EXPECT_EQ(lastCheck.data(Qt::ToolTipRole).toString(),
              QStringLiteral("2025-11-29 09:53:20 UTC by the server's clock"));
    EXPECT_EQ(lastCheck.data(HealthGateModel::SortRole).toDateTime(), database.lastCheck);

    // The next poll: the same gate, the server 10 s later. Only the age column changes.
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setGates({database}, serverNow.addSecs(10));
    ASSERT_EQ(changed.count(), 1);
    EXPECT_EQ(changed.at(0).at(0).value<QModelIndex>().column(), HealthGateModel::LastCheckColumn);
    EXPECT_EQ(changed.at(0).at(1).value<QModelIndex>().column(), HealthGateModel::LastCheckColumn);
    EXPECT_EQ(lastCheck.data().toString(), QStringLiteral("14 s ago"));
    model.setGates({database}, serverNow.addSecs(10));
    EXPECT_EQ(changed.count(), 1) << "an identical poll emits nothing";

    // An answer without a timestamp: the local clock time, as before.
    model.setGates({database});
    EXPECT_EQ(lastCheck.data().toString(),
              database.lastCheck.toLocalTime().toString(QStringLiteral("HH:mm:ss")));
}

TEST(CircuitBreakerModel, TimesReadAgainstTheServersOwnClock)
{
    CircuitBreakerModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    CircuitBreaker database = breaker(QStringLiteral("database"), BreakerState::Open, 5);
    const QDateTime serverNow = database.lastFailureAt.addSecs(150);
    database.nextAttemptAt = serverNow.addSecs(20);
    CircuitBreaker google = breaker(QStringLiteral("google"), BreakerState::HalfOpen, 2);
    google.nextAttemptAt = serverNow.addSecs(-3);
    model.setBreakers({database, google}, serverNow);
    auto text = [&](int row, int column, int role = Qt::DisplayRole) {
        return model.index(row, column).data(role).toString();
    };
    EXPECT_EQ(text(0, CircuitBreakerModel::LastFailureColumn), QStringLiteral("2 min ago"));
    EXPECT_EQ(text(0, CircuitBreakerModel::NextAttemptColumn), QStringLiteral("in 20 s"));
    EXPECT_EQ(text(1, CircuitBreakerModel::NextAttemptColumn), QStringLiteral("due"))
        << "a probe already allowed";
    EXPECT_EQ(text(0, CircuitBreakerModel::LastFailureColumn, Qt::ToolTipRole),
              QStringLiteral("2025-11-29 09:53:20 UTC by the server's clock"));

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setBreakers({database, google}, serverNow.addSecs(15));
    ASSERT_EQ(changed.count(), 1) << "one signal for the time columns of every row";
    EXPECT_EQ(changed.at(0).at(0).value<QModelIndex>().column(),
              CircuitBreakerModel::LastFailureColumn);
    EXPECT_EQ(changed.at(0).at(1).value<QModelIndex>().column(),
              CircuitBreakerModel::NextAttemptColumn);
    EXPECT_EQ(text(0, CircuitBreakerModel::NextAttemptColumn), QStringLiteral("in 5 s"));
}
