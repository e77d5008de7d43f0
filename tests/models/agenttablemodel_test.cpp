// The agents table: every column in words (status never by colour alone), "until released" for a
// quarantine without expiry, diff updates on a poll, pending marks that survive polls.
#include "agenttablemodel.h"

#include <gtest/gtest.h>

#include <QAbstractItemModelTester>
#include <QIconEngine>
#include <QSignalSpy>
#include <QTimeZone>

namespace {

// An icon that needs no QGuiApplication (models tests run on a QCoreApplication).
class GlyphEngine final : public QIconEngine
{
public:
    void paint(QPainter *, const QRect &, QIcon::Mode, QIcon::State) override { }
    QIconEngine *clone() const override { return new GlyphEngine; }
    bool isNull() override { return false; }
};

Agent agent(const QString &id, AgentStatus status, qint64 depth)
{
    Agent a;
    a.id = id;
    a.name = id.toUpper();
    a.description = QStringLiteral("does %1 things").arg(id);
    a.status = status;
    a.queueDepth = depth;
    if (status == AgentStatus::Quarantined) {
        Quarantine q;
        q.since = QDateTime::fromSecsSinceEpoch(1'764'410'000, QTimeZone::utc());
        q.by = QStringLiteral("alice");
        q.reason = QStringLiteral("error spike");
        a.quarantine = q;
    }
    return a;
}

QList<Agent> threeAgents()
{
    return {agent(QStringLiteral("citadel"), AgentStatus::Quarantined, 9),
            agent(QStringLiteral("relaybot"), AgentStatus::Active, 3),
            agent(QStringLiteral("drone-dome"), AgentStatus::Degraded, 8)};
}

} // namespace

TEST(AgentTableModel, ShowsEveryColumnAsText)
{
    AgentTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setAgents(threeAgents());
    ASSERT_EQ(model.rowCount(), 3);
    ASSERT_EQ(model.columnCount(), AgentTableModel::ColumnCount);
    auto text = [&](int row, int column) {
        return model.index(row, column).data().toString();
    };
    EXPECT_EQ(text(0, AgentTableModel::IdColumn), QStringLiteral("citadel"));
    EXPECT_EQ(text(0, AgentTableModel::NameColumn), QStringLiteral("CITADEL"));
    EXPECT_EQ(text(0, AgentTableModel::StatusColumn), QStringLiteral("QUARANTINED"));
    EXPECT_EQ(text(2, AgentTableModel::StatusColumn), QStringLiteral("degraded"));
    EXPECT_EQ(text(1, AgentTableModel::StatusColumn), QStringLiteral("active"));
    EXPECT_EQ(model.index(0, AgentTableModel::QueueDepthColumn).data().toLongLong(), 9);
    EXPECT_EQ(text(0, AgentTableModel::ByColumn), QStringLiteral("alice"));
    EXPECT_EQ(text(0, AgentTableModel::WhyColumn), QStringLiteral("error spike"));
    EXPECT_EQ(text(0, AgentTableModel::UntilColumn), QStringLiteral("until released"));
    EXPECT_FALSE(text(0, AgentTableModel::SinceColumn).isEmpty());
    EXPECT_EQ(text(1, AgentTableModel::SinceColumn), QStringLiteral("—"));
    EXPECT_EQ(text(1, AgentTableModel::UntilColumn), QStringLiteral("—"));
    EXPECT_EQ(model.index(0, 3).data(AgentTableModel::IdRole).toString(),
              QStringLiteral("citadel"));
    EXPECT_TRUE(model.index(0, 0).data(AgentTableModel::QuarantinedRole).toBool());
    EXPECT_EQ(model.index(2, 0).data(AgentTableModel::StatusRole).toInt(),
              int(AgentStatus::Degraded));
    EXPECT_EQ(model.index(1, AgentTableModel::IdColumn).data(Qt::ToolTipRole).toString(),
              QStringLiteral("does relaybot things"));
    EXPECT_EQ(model.headerData(AgentTableModel::UntilColumn, Qt::Horizontal).toString(),
              QStringLiteral("Until"));
}

TEST(AgentTableModel, UntilShowsTheExpiry)
{
    AgentTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QList<Agent> agents = threeAgents();
    agents[0].quarantine->expiresAt = agents[0].quarantine->since.addSecs(900);
    model.setAgents(agents);
    const QString until = model.index(0, AgentTableModel::UntilColumn).data().toString();
    EXPECT_NE(until, QStringLiteral("until released"));
    EXPECT_TRUE(until.contains(QLatin1Char(':'))) << until.toStdString();
    EXPECT_EQ(
        model.index(0, AgentTableModel::UntilColumn).data(AgentTableModel::SortRole).toDateTime(),
        agents[0].quarantine->expiresAt);
}

TEST(AgentTableModel, StatusHasAnIconBesideTheWords)
{
    AgentTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setAgents(threeAgents());
    EXPECT_TRUE(model.index(0, AgentTableModel::StatusColumn)
                    .data(Qt::DecorationRole)
                    .value<QIcon>()
                    .isNull());
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setStatusIcon(AgentStatus::Quarantined, QIcon(new GlyphEngine));
    EXPECT_EQ(changed.count(), 1);
    EXPECT_FALSE(model.index(0, AgentTableModel::StatusColumn)
                     .data(Qt::DecorationRole)
                     .value<QIcon>()
                     .isNull());
    EXPECT_TRUE(model.index(1, AgentTableModel::StatusColumn)
                    .data(Qt::DecorationRole)
                    .value<QIcon>()
                    .isNull())
        << "only quarantined agents got an icon";
}

TEST(AgentTableModel, SamePollChangesOnlyTheRowsThatChanged)
{
    AgentTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    const QList<Agent> first = threeAgents();
    model.setAgents(first);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);

    model.setAgents(first);
    EXPECT_EQ(changed.count(), 0) << "an identical poll emits nothing";

    auto second = first;
    second[1].queueDepth = 12;
    model.setAgents(second);
    ASSERT_EQ(changed.count(), 1);
    EXPECT_EQ(changed.at(0).at(0).value<QModelIndex>().row(), 1);
    EXPECT_EQ(changed.at(0).at(1).value<QModelIndex>().row(), 1);

    auto third = second;
    third[0].quarantine.reset();
    third[0].status = AgentStatus::Active;
    model.setAgents(third);
    EXPECT_EQ(changed.count(), 2) << "a release changes the row";
    EXPECT_EQ(model.index(0, AgentTableModel::WhyColumn).data().toString(), QStringLiteral("—"));
    EXPECT_EQ(reset.count(), 0);

    third.removeLast();
    model.setAgents(third);
    EXPECT_EQ(reset.count(), 1) << "another set of agents resets";
    EXPECT_EQ(model.rowCount(), 2);
}

TEST(AgentTableModel, PendingMarkSurvivesPollsUntilCleared)
{
    AgentTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setAgents(threeAgents());
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setPending(QStringLiteral("relaybot"), true);
    ASSERT_EQ(changed.count(), 1);
    EXPECT_EQ(changed.at(0).at(0).value<QModelIndex>().row(), 1);
    model.setPending(QStringLiteral("relaybot"), true);
    EXPECT_EQ(changed.count(), 1) << "marking twice changes nothing";
    EXPECT_TRUE(model.index(1, 0).data(AgentTableModel::PendingRole).toBool());
    EXPECT_FALSE(model.index(0, 0).data(AgentTableModel::PendingRole).toBool());
    EXPECT_EQ(model.index(1, AgentTableModel::StatusColumn).data().toString(),
              QStringLiteral("active — sending…"));

    QList<Agent> reordered = threeAgents();
    std::swap(reordered[0], reordered[1]);
    model.setAgents(reordered);
    EXPECT_TRUE(model.index(0, 0).data(AgentTableModel::PendingRole).toBool())
        << "the mark follows the agent, not the row";

    model.setPending(QStringLiteral("relaybot"), false);
    EXPECT_FALSE(model.isPending(QStringLiteral("relaybot")));
    EXPECT_EQ(model.index(0, AgentTableModel::StatusColumn).data().toString(),
              QStringLiteral("active"));
    EXPECT_EQ(model.rowOf(QStringLiteral("drone-dome")), 2);
    EXPECT_EQ(model.rowOf(QStringLiteral("nobody")), -1);
    EXPECT_FALSE(model.agent(QStringLiteral("nobody")).has_value());
}
