// D1-D5 for the incident store, with dreamops_incidentchild as the process that dies or holds:
// D1 kill -9 while notes are typed and appended, D2 kill -9 during a QSaveFile write-up save,
// D3 RLIMIT_FSIZE (file too large) in a child, D4 two processes on one database, D5 the
// timeline edited or truncated with raw SQL.
#include "incidenttestutil.h"
#include "testsupport.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QThread>

#include <iostream>

namespace {

constexpr auto acks = &TestSupport::acknowledgedSeqs;

QByteArray lineStarting(const QByteArray &output, const QByteArray &prefix)
{
    for (const QByteArray &line : output.split('\n')) {
        if (line.startsWith(prefix))
            return line.mid(prefix.size());
    }
    return {};
}

// Raw SQL on the file as the sqlite3 CLI would do it, triggers dropped first.
void rawSql(const QString &path, const QStringList &statements)
{
    const QString name = QStringLiteral("raw-d5");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        ASSERT_TRUE(db.open());
        QSqlQuery q(db);
        for (const QString &sql : statements)
            ASSERT_TRUE(q.exec(sql)) << sql.toStdString();
        q = QSqlQuery();
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

} // namespace

TEST(IncidentFault, D1_KillNineWhileTypingKeepsEveryAck)
{
    const int rounds = TestSupport::killDrillRounds();
    const quint32 seed = QRandomGenerator::global()->generate();
    QRandomGenerator rng(seed);
    std::cout << "[info] D1 seed " << seed << ", " << rounds << " rounds\n";
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("d1.sqlite"));
    QSet<qint64> acknowledged;
    for (int round = 0; round < rounds; ++round) {
        QProcess child;
        child.start(QStringLiteral(DREAMOPS_INCIDENT_CHILD), {QStringLiteral("append"), path});
        ASSERT_TRUE(child.waitForStarted(5000)) << child.errorString().toStdString();
        const int afterAcks = int(rng.bounded(10));
        QByteArray output;
        ASSERT_TRUE(TestSupport::waitUntil(
            [&] {
                output += child.readAllStandardOutput();
                return acks(output).size() >= afterAcks || child.state() == QProcess::NotRunning;
            },
            10000))
            << "round " << round << ": the child made no progress";
        QThread::msleep(ulong(rng.bounded(10)));
        child.kill(); // SIGKILL
        ASSERT_TRUE(child.waitForFinished(5000));
        output += child.readAllStandardOutput();
        ASSERT_EQ(child.exitStatus(), QProcess::CrashExit)
            << "round " << round << ": " << output.toStdString()
            << child.readAllStandardError().toStdString();
        acknowledged.unite(acks(output));

        IncidentStore store;
        QString error;
        ASSERT_TRUE(store.open(path, &error)) << "round " << round << ": " << error.toStdString();
        ASSERT_FALSE(store.isReadOnly())
            << "round " << round
            << ": the dead child's lock was kept: " << store.readOnlyReason().toStdString();
        ASSERT_TRUE(store.integrity().ok)
            << "round " << round << ": " << store.integrity().message.toStdString();
        QSet<qint64> present;
        for (const TimelineEntry &e : store.entries())
            present.insert(e.seq);
        for (const qint64 seq : std::as_const(acknowledged))
            ASSERT_TRUE(present.contains(seq))
                << "round " << round << ": acknowledged #" << seq << " lost";
    }
    EXPECT_GT(acknowledged.size(), rounds); // the kills landed mid-stream, not only at start-up
}

TEST(IncidentFault, D2_KillNineDuringWriteupSaveLeavesOldOrNew)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("postmortem.md"));
    const QByteArray a(1024 * 1024, 'a');
    const QByteArray b(1024 * 1024, 'b');
    QRandomGenerator rng(QRandomGenerator::global()->generate());
    for (int round = 0; round < 10; ++round) {
        QProcess child;
        child.start(QStringLiteral(DREAMOPS_INCIDENT_CHILD), {QStringLiteral("save"), path});
        ASSERT_TRUE(child.waitForStarted(5000));
        QByteArray output;
        ASSERT_TRUE(TestSupport::waitUntil(
            [&] {
                output += child.readAllStandardOutput();
                return output.count("saved") >= 1 + int(rng.bounded(4));
            },
            10000));
        QThread::msleep(ulong(rng.bounded(8)));
        child.kill();
        ASSERT_TRUE(child.waitForFinished(5000));
        QFile file(path);
        ASSERT_TRUE(file.open(QIODevice::ReadOnly));
        const QByteArray content = file.readAll();
        ASSERT_TRUE(content == a || content == b)
            << "round " << round << ": a partial file of " << content.size() << " bytes";
    }
}

TEST(IncidentFault, D3_FileTooLargeFailsVisiblyAndCommitsNothingHalfway)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("d3.sqlite"));
    QProcess child;
    child.start(QStringLiteral(DREAMOPS_INCIDENT_CHILD),
                {QStringLiteral("fill"), path, QString::number(256 * 1024)});
    ASSERT_TRUE(child.waitForFinished(30000));
    const QByteArray output = child.readAllStandardOutput();
    ASSERT_EQ(child.exitCode(), 0) << output.toStdString();
    const QString error = QString::fromUtf8(lineStarting(output, "error "));
    EXPECT_TRUE(error.contains(QLatin1String("Nothing of this change was saved")))
        << output.toStdString();
    EXPECT_TRUE(error.contains(QLatin1String("free disk space"))) << error.toStdString();
    const QString saveError = QString::fromUtf8(lineStarting(output, "saveerror "));
    EXPECT_TRUE(saveError.contains(QLatin1String("the previous file is unchanged")))
        << output.toStdString();
    EXPECT_FALSE(QFile::exists(dir.filePath(QStringLiteral("writeup.md"))));

    IncidentStore store;
    QString openError;
    ASSERT_TRUE(store.open(path, &openError)) << openError.toStdString();
    ASSERT_TRUE(store.integrity().ok) << store.integrity().message.toStdString();
    const QSet<qint64> acked = acks(output);
    EXPECT_GT(acked.size(), 3);
    const auto entries = store.entries();
    // Every acknowledged entry is there, and nothing beyond them (the failed one left no trace).
    EXPECT_EQ(entries.size(), acked.size() + 1); // + the declaration
    for (const TimelineEntry &e : entries)
        EXPECT_TRUE(e.kind == TimelineEntry::Kind::Declared || acked.contains(e.seq)) << e.seq;
}

TEST(IncidentFault, D4_SecondProcessOpensReadOnlyAndSaysSo)
{
    IncidentTest::Harness h; // this process holds the lock
    const QString id = h.declare();
    QProcess child;
    child.start(QStringLiteral(DREAMOPS_INCIDENT_CHILD), {QStringLiteral("hold"), h.path()});
    QByteArray output;
    ASSERT_TRUE(TestSupport::waitUntil(
        [&] {
            output += child.readAllStandardOutput();
            return output.contains('\n');
        },
        10000));
    EXPECT_TRUE(output.startsWith("open readonly=1 Another DreamOps Console (process "))
        << output.toStdString();
    EXPECT_TRUE(output.contains("read-only"));
    child.closeWriteChannel();
    ASSERT_TRUE(child.waitForFinished(5000));
    // The other way round: the child holds, this process is read-only until it exits.
    h.store->close();
    QProcess holder;
    holder.start(QStringLiteral(DREAMOPS_INCIDENT_CHILD), {QStringLiteral("hold"), h.path()});
    output.clear();
    ASSERT_TRUE(TestSupport::waitUntil(
        [&] {
            output += holder.readAllStandardOutput();
            return output.contains('\n');
        },
        10000));
    EXPECT_TRUE(output.startsWith("open readonly=0")) << output.toStdString();
    IncidentStore second;
    ASSERT_TRUE(second.open(h.path()));
    EXPECT_TRUE(second.isReadOnly());
    EXPECT_TRUE(second.readOnlyReason().contains(QString::number(holder.processId())));
    EXPECT_EQ(second.incident(id)->title, QStringLiteral("citadel errors")); // still readable
    holder.closeWriteChannel();
    ASSERT_TRUE(holder.waitForFinished(5000));
    second.close();
    ASSERT_TRUE(second.open(h.path()));
    EXPECT_FALSE(second.isReadOnly());
}

TEST(IncidentFault, D5_RowEditedWithRawSqlIsReportedAtStartup)
{
    IncidentTest::Harness h;
    const QString id = h.declare();
    for (int i = 0; i < 5; ++i)
        ASSERT_TRUE(h.store->addNote(id, QStringLiteral("note %1").arg(i)));
    h.store->close();
    rawSql(h.path(),
           {QStringLiteral("DROP TRIGGER timeline_no_update"),
            QStringLiteral("UPDATE timeline SET text = 'nothing happened' WHERE seq = 4")});
    IncidentStore store;
    ASSERT_TRUE(store.open(h.path()));
    EXPECT_FALSE(store.integrity().ok);
    EXPECT_EQ(store.integrity().firstBadSeq, 4);
    EXPECT_TRUE(store.integrity().message.startsWith(QLatin1String("integrity broken at #4")))
        << store.integrity().message.toStdString();
    EXPECT_TRUE(store.isReadOnly());
    EXPECT_TRUE(store.readOnlyReason().contains(QLatin1String("changed outside the console")));
}

TEST(IncidentFault, D5_DeletedTailIsCaughtAgainstTheHead)
{
    IncidentTest::Harness h;
    const QString id = h.declare();
    for (int i = 0; i < 5; ++i)
        ASSERT_TRUE(h.store->addNote(id, QStringLiteral("note %1").arg(i)));
    EXPECT_EQ(h.store->head().first, 6);
    h.store->close();
    rawSql(h.path(),
           {QStringLiteral("DROP TRIGGER timeline_no_delete"),
            QStringLiteral("DELETE FROM timeline WHERE seq >= 5")});
    IncidentStore store;
    ASSERT_TRUE(store.open(h.path()));
    EXPECT_FALSE(store.integrity().ok);
    EXPECT_EQ(store.integrity().firstBadSeq, 5);
    EXPECT_TRUE(store.integrity().message.startsWith(QLatin1String("integrity broken at #5")))
        << store.integrity().message.toStdString();
    EXPECT_TRUE(store.integrity().message.contains(QLatin1String("removed")));
}
