// FlagTableModel: every column in words, polls update changed rows only, a pending row says
// which way it is going and reverts to the server's state, emergency mode greys every row and
// says why. Always under QAbstractItemModelTester (Fatal).
#include "flagtablemodel.h"

#include <gtest/gtest.h>

#include <QAbstractItemModelTester>
#include <QIconEngine>
#include <QSignalSpy>
#include <QTimeZone>

namespace {

using State = FlagTableModel::DisplayState;

IntegrationFlag flag(const QString &name, bool enabled, const QString &fallback = {})
{
    IntegrationFlag f;
    f.name = name;
    f.enabled = enabled;
    f.envVar = name.toUpper();
    f.defaultEnabled = true;
    f.brownout = !fallback.isEmpty();
    f.brownoutFallback = fallback;
    f.description = QStringLiteral("what %1 does").arg(name);
    return f;
}

FlagList list(const QList<IntegrationFlag> &flags, bool emergency = false)
{
    FlagList l;
    l.flags = flags;
    l.emergencyMode.active = emergency;
    if (emergency) {
        l.emergencyMode.reason = QStringLiteral("openai 429 storm");
        l.emergencyMode.activatedBy = QStringLiteral("alice");
        l.emergencyMode.activatedAt = QDateTime::currentDateTimeUtc();
    }
    return l;
}

// An icon without pixmaps: the model tests run on a QCoreApplication (the layering test).
class MarkerEngine final : public QIconEngine
{
public:
    void paint(QPainter *, const QRect &, QIcon::Mode, QIcon::State) override { }
    QIconEngine *clone() const override { return new MarkerEngine; }
    QString key() const override { return QStringLiteral("marker"); }
};

QList<IntegrationFlag> threeFlags()
{
    return {flag(QStringLiteral("citadel_enabled"), true),
            flag(QStringLiteral("ai_embeddings_enabled"), true, QStringLiteral("hash")),
            flag(QStringLiteral("latent_collaboration_enabled"), false)};
}

class FlagModelTest : public ::testing::Test
{
protected:
    QString text(int row, int column) const { return m_model.index(row, column).data().toString(); }
    QString state(int row) const { return text(row, FlagTableModel::StateColumn); }

    FlagTableModel m_model;
    QAbstractItemModelTester m_tester {&m_model,
                                       QAbstractItemModelTester::FailureReportingMode::Fatal};
};

} // namespace

TEST_F(FlagModelTest, ShowsEveryColumnAsText)
{
    QList<IntegrationFlag> flags = threeFlags();
    flags[0].reason = QStringLiteral("citadel flapping");
    flags[0].updatedBy = QStringLiteral("bob");
    flags[0].updatedAt = QDateTime::currentDateTimeUtc();
    m_model.setFlags(list(flags));
    ASSERT_EQ(m_model.rowCount(), 3);
    ASSERT_EQ(m_model.columnCount(), FlagTableModel::ColumnCount);
    EXPECT_EQ(text(0, FlagTableModel::NameColumn), QStringLiteral("citadel_enabled"));
    EXPECT_EQ(state(0), QStringLiteral("ON")) << "state in words, not colour alone";
    EXPECT_EQ(state(2), QStringLiteral("OFF"));
    EXPECT_EQ(text(0, FlagTableModel::EnvVarColumn), QStringLiteral("CITADEL_ENABLED"));
    EXPECT_EQ(text(0, FlagTableModel::DefaultColumn), QStringLiteral("on"));
    EXPECT_EQ(text(0, FlagTableModel::FallbackColumn), QStringLiteral("none"));
    EXPECT_EQ(text(1, FlagTableModel::FallbackColumn), QStringLiteral("hash"));
    EXPECT_EQ(text(0, FlagTableModel::ChangedByColumn), QStringLiteral("bob"));
    EXPECT_EQ(text(0, FlagTableModel::ReasonColumn), QStringLiteral("citadel flapping"));
    EXPECT_EQ(text(0, FlagTableModel::ChangedAtColumn).size(), 8) << "hh:mm:ss for today";
    EXPECT_EQ(text(1, FlagTableModel::ChangedByColumn), QStringLiteral("—"));
    EXPECT_EQ(m_model.index(1, 0).data(FlagTableModel::NameRole).toString(),
              QStringLiteral("ai_embeddings_enabled"));
    EXPECT_TRUE(m_model.index(0, 3).data(FlagTableModel::EnabledRole).toBool());
    EXPECT_EQ(m_model.index(0, 0).data(Qt::ToolTipRole).toString(),
              QStringLiteral("what citadel_enabled does"));
    EXPECT_EQ(m_model.headerData(FlagTableModel::FallbackColumn, Qt::Horizontal).toString(),
              QStringLiteral("Brownout fallback"));
    EXPECT_TRUE(m_model.flags(m_model.index(0, 0)).testFlag(Qt::ItemIsEnabled));
    EXPECT_EQ(m_model.rowOf(QStringLiteral("latent_collaboration_enabled")), 2);
    EXPECT_EQ(m_model.rowOf(QStringLiteral("nope")), -1);
}

TEST_F(FlagModelTest, StateColumnCarriesTheIconTheGuiSupplies)
{
    m_model.setFlags(list(threeFlags()));
    EXPECT_FALSE(m_model.index(0, FlagTableModel::StateColumn).data(Qt::DecorationRole).isValid());
    QSignalSpy changed(&m_model, &QAbstractItemModel::dataChanged);
    m_model.setStateIcon(State::On, QIcon(new MarkerEngine));
    EXPECT_EQ(changed.count(), 1);
    const QVariant icon = m_model.index(0, FlagTableModel::StateColumn).data(Qt::DecorationRole);
    ASSERT_TRUE(icon.canConvert<QIcon>());
    EXPECT_FALSE(icon.value<QIcon>().isNull());
    EXPECT_FALSE(m_model.index(2, FlagTableModel::StateColumn).data(Qt::DecorationRole).isValid())
        << "OFF has no icon yet";
    EXPECT_FALSE(m_model.index(0, FlagTableModel::NameColumn).data(Qt::DecorationRole).isValid());
}

TEST_F(FlagModelTest, APollUpdatesOnlyTheChangedRow)
{
    m_model.setFlags(list(threeFlags()));
    QSignalSpy reset(&m_model, &QAbstractItemModel::modelReset);
    QSignalSpy changed(&m_model, &QAbstractItemModel::dataChanged);

    m_model.setFlags(list(threeFlags()));
    EXPECT_EQ(changed.count(), 0) << "an identical poll emits nothing";

    QList<IntegrationFlag> next = threeFlags();
    next[1].enabled = false;
    next[1].updatedBy = QStringLiteral("carol");
    m_model.setFlags(list(next));
    EXPECT_EQ(reset.count(), 0);
    ASSERT_EQ(changed.count(), 1);
    EXPECT_EQ(changed.at(0).at(0).toModelIndex().row(), 1);
    EXPECT_EQ(changed.at(0).at(1).toModelIndex().row(), 1);
    EXPECT_EQ(state(1), QStringLiteral("OFF"));

    next.removeLast(); // another set of flags: a reset
    m_model.setFlags(list(next));
    EXPECT_EQ(reset.count(), 1);
    EXPECT_EQ(m_model.rowCount(), 2);
}

TEST_F(FlagModelTest, PendingRowSaysWhichWayAndRevertsToTheServerState)
{
    m_model.setFlags(list(threeFlags()));
    QSignalSpy changed(&m_model, &QAbstractItemModel::dataChanged);
    const QString citadel = QStringLiteral("citadel_enabled");
    m_model.setPending(citadel, true);
    EXPECT_TRUE(m_model.isPending(citadel));
    EXPECT_EQ(state(0), QStringLiteral("turning off…"));
    EXPECT_TRUE(m_model.index(0, 0).data(FlagTableModel::PendingRole).toBool());
    EXPECT_EQ(changed.count(), 1);
    m_model.setPending(QStringLiteral("latent_collaboration_enabled"), true);
    EXPECT_EQ(state(2), QStringLiteral("turning on…"));

    // A poll that predates the action leaves the row pending.
    m_model.setFlags(list(threeFlags()));
    EXPECT_EQ(state(0), QStringLiteral("turning off…"));

    // The action failed: the row shows the server's state again.
    m_model.setPending(citadel, false);
    EXPECT_FALSE(m_model.isPending(citadel));
    EXPECT_EQ(state(0), QStringLiteral("ON"));
    const int before = changed.count();
    m_model.setPending(citadel, false);
    EXPECT_EQ(changed.count(), before) << "clearing twice changes nothing";
    m_model.setPending(QStringLiteral("unknown_flag"), true);
    EXPECT_FALSE(m_model.isPending(QStringLiteral("unknown_flag")));

    // The other action succeeded: its answer replaces the row and clears the mark.
    IntegrationFlag answer = flag(QStringLiteral("latent_collaboration_enabled"), true);
    answer.updatedBy = QStringLiteral("gtest");
    m_model.updateFlag(answer);
    EXPECT_FALSE(m_model.isPending(answer.name));
    EXPECT_EQ(state(2), QStringLiteral("ON"));
    EXPECT_EQ(text(2, FlagTableModel::ChangedByColumn), QStringLiteral("gtest"));
}

TEST_F(FlagModelTest, EmergencyModeGreysEveryRowAndSaysWhy)
{
    m_model.setFlags(list(threeFlags()));
    QSignalSpy changed(&m_model, &QAbstractItemModel::dataChanged);
    QList<IntegrationFlag> off = threeFlags();
    for (IntegrationFlag &f : off)
        f.enabled = false; // the server reports every flag as disabled
    m_model.setFlags(list(off, true));
    ASSERT_EQ(changed.count(), 1) << "one change over every row";
    EXPECT_EQ(changed.at(0).at(0).toModelIndex(), m_model.index(0, 0));
    EXPECT_EQ(changed.at(0).at(1).toModelIndex(),
              m_model.index(2, FlagTableModel::ColumnCount - 1));
    EXPECT_TRUE(m_model.isEmergency());
    for (int row = 0; row < m_model.rowCount(); ++row) {
        EXPECT_EQ(state(row), QStringLiteral("OFF (emergency)"));
        for (int column = 0; column < m_model.columnCount(); ++column) {
            const QModelIndex index = m_model.index(row, column);
            EXPECT_FALSE(m_model.flags(index).testFlag(Qt::ItemIsEnabled));
            EXPECT_TRUE(index.data(Qt::ToolTipRole)
                            .toString()
                            .startsWith(QStringLiteral("Emergency mode is on: every integration "
                                                       "flag reads as disabled")));
        }
    }
    EXPECT_TRUE(m_model.emergencyText().contains(QStringLiteral("by alice")));
    EXPECT_TRUE(m_model.emergencyText().contains(QStringLiteral("openai 429 storm")));

    m_model.setFlags(list(threeFlags()));
    EXPECT_FALSE(m_model.isEmergency());
    EXPECT_TRUE(m_model.emergencyText().isEmpty());
    EXPECT_EQ(state(0), QStringLiteral("ON"));
    EXPECT_TRUE(m_model.flags(m_model.index(0, 0)).testFlag(Qt::ItemIsEnabled));
}

TEST_F(FlagModelTest, SortRoleGivesRawValues)
{
    QList<IntegrationFlag> flags = threeFlags();
    flags[0].updatedAt = QDateTime::fromSecsSinceEpoch(1'764'410'000, QTimeZone::utc());
    m_model.setFlags(list(flags));
    EXPECT_EQ(m_model.index(0, FlagTableModel::ChangedAtColumn).data(FlagTableModel::SortRole),
              QVariant(flags[0].updatedAt));
    EXPECT_EQ(m_model.index(2, FlagTableModel::StateColumn).data(FlagTableModel::SortRole).toInt(),
              int(State::Off));
}
