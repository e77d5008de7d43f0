// The action journal on its own: append/reopen, the hash chain, tamper detection, the
// append-only triggers, the file mode, an unwritable folder, and redaction of secrets.
#include "actionjournal.h"
#include "logging.h"

#include <gtest/gtest.h>

#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QUuid>

namespace {

JournalEntry sample(int i, JournalEntry::Kind kind = JournalEntry::Kind::Intent)
{
    JournalEntry e;
    e.kind = kind;
    e.actionId = QStringLiteral("action-%1").arg(i / 2);
    e.action = QStringLiteral("flag.disable");
    e.target = QStringLiteral("citadel_enabled");
    e.reason = QStringLiteral("incident %1: citadel floods the queue").arg(i);
    e.operatorName = QStringLiteral("lead");
    e.environment = QStringLiteral("simulator");
    e.idempotencyKey = QStringLiteral("key-%1").arg(i / 2);
    e.details = {{QLatin1String("body"), QJsonObject {{QLatin1String("reason"), e.reason}}}};
    if (kind == JournalEntry::Kind::Result) {
        e.outcome = JournalEntry::Outcome::Succeeded;
        e.httpStatus = 200;
        e.traceId = QStringLiteral("trace-%1").arg(i);
        e.message = QStringLiteral("done");
        e.durationMs = 12;
    }
    return e;
}

// Raw SQL on the journal file, as someone with the sqlite3 CLI would do it.
class RawSql
{
public:
    explicit RawSql(const QString &path)
        : m_name(QUuid::createUuid().toString())
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(path);
        db.open();
    }
    ~RawSql()
    {
        QSqlDatabase::database(m_name, false).close();
        QSqlDatabase::removeDatabase(m_name);
    }
    QString exec(const QString &sql) const
    {
        QSqlQuery q(QSqlDatabase::database(m_name, false));
        return q.exec(sql) ? QString() : q.lastError().text();
    }

private:
    QString m_name;
};

class ActionJournalTest : public ::testing::Test
{
protected:
    QString path() const { return m_dir.filePath(QStringLiteral("journal/simulator.sqlite")); }
    QTemporaryDir m_dir;
};

} // namespace

TEST_F(ActionJournalTest, AppendReopenAndReadBack)
{
    {
        ActionJournal journal;
        QSignalSpy appended(&journal, &ActionJournal::appended);
        QString error;
        ASSERT_TRUE(journal.open(path(), &error)) << error.toStdString();
        EXPECT_TRUE(journal.isOpen());
        EXPECT_EQ(journal.path(), path());
        for (int i = 0; i < 4; ++i) {
            const auto kind = i % 2 ? JournalEntry::Kind::Result : JournalEntry::Kind::Intent;
            const auto stored = journal.append(sample(i, kind), &error);
            ASSERT_TRUE(stored) << error.toStdString();
            EXPECT_EQ(stored->seq, i + 1);
            EXPECT_TRUE(stored->timeUtc.isValid());
            EXPECT_EQ(stored->hash.size(), 64);
        }
        EXPECT_EQ(appended.count(), 4);
    }
    ActionJournal journal;
    ASSERT_TRUE(journal.open(path()));
    const auto stored = journal.append(sample(4));
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->seq, 5);
    const QList<JournalEntry> all = journal.entries();
    ASSERT_EQ(all.size(), 5);
    EXPECT_TRUE(all[0].prevHash.isEmpty());
    for (int i = 1; i < all.size(); ++i)
        EXPECT_EQ(all[i].prevHash, all[i - 1].hash);
    const JournalEntry &result = all[1];
    EXPECT_EQ(result.kind, JournalEntry::Kind::Result);
    EXPECT_EQ(result.actionId, QStringLiteral("action-0"));
    EXPECT_EQ(result.outcome, JournalEntry::Outcome::Succeeded);
    EXPECT_EQ(result.httpStatus, 200);
    EXPECT_EQ(result.traceId, QStringLiteral("trace-1"));
    EXPECT_EQ(result.durationMs, 12);
    EXPECT_EQ(result.operatorName, QStringLiteral("lead"));
    EXPECT_EQ(result.details.value(QLatin1String("body"))[QLatin1String("reason")].toString(),
              sample(1).reason);
    EXPECT_EQ(journal.entries(3).size(), 2);
    const auto integrity = journal.verify();
    EXPECT_TRUE(integrity.ok) << integrity.message.toStdString();
    EXPECT_EQ(integrity.entries, 5);
    EXPECT_EQ(integrity.message, QStringLiteral("journal intact (5 entries)"));
}

TEST_F(ActionJournalTest, FileIsOwnerOnlyAndUsesWal)
{
    ActionJournal journal;
    ASSERT_TRUE(journal.open(path()));
    ASSERT_TRUE(journal.append(sample(0)));
    const QFileDevice::Permissions perms = QFileInfo(path()).permissions();
    EXPECT_EQ(perms
                  & (QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ReadOther
                     | QFileDevice::WriteOther),
              QFileDevice::Permissions());
    EXPECT_TRUE(perms & QFileDevice::ReadOwner);
    EXPECT_TRUE(perms & QFileDevice::WriteOwner);
    EXPECT_TRUE(QFileInfo::exists(path() + QStringLiteral("-wal")));
}

TEST_F(ActionJournalTest, TriggersRefuseUpdateAndDelete)
{
    ActionJournal journal;
    ASSERT_TRUE(journal.open(path()));
    ASSERT_TRUE(journal.append(sample(0)));
    RawSql sql(path());
    EXPECT_TRUE(sql.exec(QStringLiteral("UPDATE journal SET reason = 'x' WHERE seq = 1"))
                    .contains(QLatin1String("append-only")));
    EXPECT_TRUE(sql.exec(QStringLiteral("DELETE FROM journal WHERE seq = 1"))
                    .contains(QLatin1String("append-only")));
    EXPECT_EQ(journal.entries().size(), 1);
    EXPECT_TRUE(journal.verify().ok);
}

TEST_F(ActionJournalTest, EditedRowIsNamedByVerify)
{
    ActionJournal journal;
    ASSERT_TRUE(journal.open(path()));
    for (int i = 0; i < 6; ++i)
        ASSERT_TRUE(journal.append(sample(i)));
    ASSERT_TRUE(journal.verify().ok);
    {
        // An attacker drops the trigger first, then rewrites a reason.
        RawSql sql(path());
        ASSERT_EQ(sql.exec(QStringLiteral("DROP TRIGGER journal_no_update")), QString());
        ASSERT_EQ(sql.exec(QStringLiteral("UPDATE journal SET reason = 'nothing happened' "
                                          "WHERE seq = 4")),
                  QString());
    }
    const auto integrity = journal.verify();
    EXPECT_FALSE(integrity.ok);
    EXPECT_EQ(integrity.firstBadSeq, 4);
    EXPECT_TRUE(integrity.message.contains(QLatin1String("entry 4")))
        << integrity.message.toStdString();
    // Reopening reports the same (open succeeds: the file is usable, the damage is named).
    journal.close();
    ASSERT_TRUE(journal.open(path()));
    EXPECT_EQ(journal.verify().firstBadSeq, 4);
}

TEST_F(ActionJournalTest, DeletedRowBreaksTheChain)
{
    ActionJournal journal;
    ASSERT_TRUE(journal.open(path()));
    for (int i = 0; i < 5; ++i)
        ASSERT_TRUE(journal.append(sample(i)));
    {
        RawSql sql(path());
        ASSERT_EQ(sql.exec(QStringLiteral("DROP TRIGGER journal_no_delete")), QString());
        ASSERT_EQ(sql.exec(QStringLiteral("DELETE FROM journal WHERE seq = 2")), QString());
    }
    const auto integrity = journal.verify();
    EXPECT_FALSE(integrity.ok);
    EXPECT_EQ(integrity.firstBadSeq, 3);
    EXPECT_TRUE(integrity.message.contains(QLatin1String("missing")));
}

TEST_F(ActionJournalTest, UnwritableFolderGivesASentence)
{
    // A regular file where the folder should be: mkdir fails even for root.
    QFile blocker(m_dir.filePath(QStringLiteral("blocker")));
    ASSERT_TRUE(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    ActionJournal journal;
    QString error;
    EXPECT_FALSE(journal.open(m_dir.filePath(QStringLiteral("blocker/journal/x.sqlite")), &error));
    EXPECT_FALSE(journal.isOpen());
    EXPECT_TRUE(error.startsWith(QLatin1String("Cannot create the folder of the action journal")))
        << error.toStdString();
    EXPECT_TRUE(error.contains(QLatin1String("blocker/journal/x.sqlite")));
    const auto refused = journal.append(sample(0), &error);
    EXPECT_FALSE(refused);
    EXPECT_EQ(error,
              QStringLiteral("The action journal is not open; the action was not recorded."));
}

TEST_F(ActionJournalTest, S1_RegisteredSecretNeverReachesTheFile)
{
    const QString canary = QStringLiteral("canary-JOURNAL-5e1d0c9a7b");
    Logging::registerSecret(canary);
    {
        ActionJournal journal;
        ASSERT_TRUE(journal.open(path()));
        JournalEntry e = sample(0);
        e.reason = QStringLiteral("pasted by mistake: Bearer ") + canary;
        e.message = canary;
        e.details = {{QLatin1String("note"), canary}};
        const auto stored = journal.append(e);
        ASSERT_TRUE(stored);
        EXPECT_FALSE(stored->reason.contains(canary));
        EXPECT_TRUE(stored->reason.contains(QLatin1String("***")));
        EXPECT_TRUE(journal.verify().ok);
    }
    // Closed: the WAL is checkpointed into the main file; read every file's bytes anyway.
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")}) {
        QFile f(path() + suffix);
        if (!f.open(QIODevice::ReadOnly))
            continue;
        const QByteArray bytes = f.readAll();
        EXPECT_FALSE(bytes.contains(canary.toUtf8())) << "canary found in " << suffix.toStdString();
    }
}

TEST(ActionJournalPath, DefaultPathIsPerEnvironmentAndSanitised)
{
    const QString prod = ActionJournal::defaultPath(QStringLiteral("prod"));
    EXPECT_TRUE(prod.endsWith(QLatin1String("/journal/prod.sqlite"))) << prod.toStdString();
    const QString odd = ActionJournal::defaultPath(QStringLiteral("../eu west/1"));
    EXPECT_TRUE(odd.endsWith(QLatin1String("/journal/___eu_west_1.sqlite"))) << odd.toStdString();
    EXPECT_NE(prod, ActionJournal::defaultPath(QStringLiteral("staging")));
}
