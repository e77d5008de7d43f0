// The incident store: declare/change/milestones/resolve folded from the timeline, corrections as
// new entries, typed text committed within a second, several incidents with one active, bad
// files refused with a sentence (newer schema, not a database), export/import.
#include "incidentarchive.h"
#include "incidenttestutil.h"
#include "testsupport.h"

#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>

using IncidentTest::Harness;

TEST(IncidentStore, DeclareMilestonesResolveFoldIntoTheRecord)
{
    Harness h;
    IncidentStore::Declaration d = IncidentTest::declaration(Severity::P1);
    d.detectedAt = h.clock.now.addSecs(-120);
    QString error;
    const QString id = h.store->declare(d, &error);
    ASSERT_FALSE(id.isEmpty()) << error.toStdString();
    EXPECT_EQ(h.store->activeIncidentId(), id);
    h.clock.advanceMinutes(3);
    ASSERT_TRUE(h.store->markMilestone(id, Milestone::ResponseStarted));
    h.clock.advanceMinutes(30);
    ASSERT_TRUE(h.store->markMilestone(id, Milestone::ServiceRestored));
    ASSERT_TRUE(h.store->resolve(id));
    const auto incident = h.store->incident(id);
    ASSERT_TRUE(incident);
    EXPECT_EQ(incident->title, QStringLiteral("citadel errors"));
    EXPECT_EQ(incident->severity, Severity::P1);
    EXPECT_EQ(incident->affected, (QStringList {QStringLiteral("citadel"), QStringLiteral("api")}));
    EXPECT_EQ(incident->commander, QStringLiteral("Ops lead"));
    EXPECT_EQ(incident->detectedAt, d.detectedAt);
    EXPECT_EQ(incident->milestone(Milestone::ResponseStarted), d.detectedAt.addSecs(300));
    EXPECT_TRUE(incident->isResolved());
    EXPECT_FALSE(incident->milestone(Milestone::FixDeployed).isValid());
    // Resolved: only notes and corrections may still be added.
    EXPECT_FALSE(h.store->markMilestone(id, Milestone::FixDeployed, {}, &error));
    EXPECT_TRUE(error.contains(QLatin1String("resolved")));
    EXPECT_TRUE(h.store->addNote(id, QStringLiteral("follow-up booked")));
    EXPECT_TRUE(h.store->verify().ok) << h.store->verify().message.toStdString();
}

TEST(IncidentStore, DetectionLaterThanTheDeclarationIsRefusedAndNothingIsWritten)
{
    Harness h;
    IncidentStore::Declaration d = IncidentTest::declaration(Severity::P1);
    d.detectedAt = h.clock.now.addSecs(90);
    QString error;
    EXPECT_TRUE(h.store->declare(d, &error).isEmpty());
    EXPECT_TRUE(error.startsWith(QLatin1String("The detection time "))) << error.toStdString();
    EXPECT_TRUE(error.contains(QLatin1String("cannot be in the future"))) << error.toStdString();
    EXPECT_TRUE(h.store->incidentIds().isEmpty());
    EXPECT_TRUE(h.store->activeIncidentId().isEmpty());
    // The declaration's own second still counts as now.
    d.detectedAt = h.clock.now;
    const QString id = h.store->declare(d, &error);
    ASSERT_FALSE(id.isEmpty()) << error.toStdString();
    EXPECT_EQ(h.store->incident(id)->detectedAt, d.detectedAt);
}

TEST(IncidentStore, CorrectionIsANewEntryAndTheOriginalStays)
{
    Harness h;
    const QString id = h.declare();
    const auto note = h.store->addNote(id, QStringLiteral("restarted citadel"));
    ASSERT_TRUE(note);
    QString error;
    EXPECT_FALSE(h.store->addCorrection(id, 999, QStringLiteral("x"), &error));
    const auto correction
        = h.store->addCorrection(id, note->seq, QStringLiteral("quarantined citadel"));
    ASSERT_TRUE(correction);
    EXPECT_EQ(correction->correctsSeq, note->seq);
    const auto entries = h.store->entries(id);
    ASSERT_EQ(entries.size(), 3);
    EXPECT_EQ(entries.at(1).text, QStringLiteral("restarted citadel"));
    EXPECT_EQ(entries.at(2).kind, TimelineEntry::Kind::Correction);
    // The table itself refuses rewriting (triggers), on top of the chain that detects it.
    QSqlDatabase db
        = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw-correction"));
    db.setDatabaseName(h.path());
    ASSERT_TRUE(db.open());
    QSqlQuery q(db);
    EXPECT_FALSE(q.exec(QStringLiteral("UPDATE timeline SET text = 'x' WHERE seq = 2")));
    EXPECT_FALSE(q.exec(QStringLiteral("DELETE FROM timeline WHERE seq = 3")));
    q = QSqlQuery();
    db.close();
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(QStringLiteral("raw-correction"));
}

TEST(IncidentStore, TypedTextIsCommittedWithinASecond)
{
    Harness h;
    const QString id = h.declare();
    QSignalSpy saved(h.store.get(), &IncidentStore::textSaved);
    h.store->setDraftNote(id, QStringLiteral("cit"));
    h.store->setDraftNote(id, QStringLiteral("citadel 5xx at 62 %"));
    EXPECT_TRUE(h.store->hasUnsavedText());
    ASSERT_TRUE(TestSupport::waitUntil([&] { return !saved.isEmpty(); }, 1000));
    EXPECT_FALSE(h.store->hasUnsavedText());
    // A second store on the same file (read-only: this one holds the lock) sees the saved text.
    IncidentStore other;
    ASSERT_TRUE(other.open(h.path()));
    EXPECT_TRUE(other.isReadOnly());
    EXPECT_TRUE(other.readOnlyReason().contains(QLatin1String("read-only")));
    EXPECT_EQ(other.draftNote(id), QStringLiteral("citadel 5xx at 62 %"));
    QString error;
    EXPECT_FALSE(other.addNote(id, QStringLiteral("x"), &error));
    EXPECT_EQ(error, other.readOnlyReason());
    // flush() commits at once; prose fields go the same way.
    h.store->setText(id, QStringLiteral("root-cause"), QStringLiteral("A bad config push."));
    ASSERT_TRUE(h.store->flush());
    EXPECT_EQ(other.text(id, QStringLiteral("root-cause")), QStringLiteral("A bad config push."));
}

TEST(IncidentStore, DefaultPathIsPerEnvironmentInTheDataFolder)
{
    const QString path = IncidentStore::defaultPath(QStringLiteral("prod eu/1"));
    EXPECT_TRUE(path.endsWith(QLatin1String("/incidents/prod_eu_1.sqlite"))) << path.toStdString();
    EXPECT_FALSE(path.contains(QLatin1String("..")));
}

TEST(IncidentStore, SeveralIncidentsOneActive)
{
    Harness h;
    const QString first = h.declare(Severity::P2);
    const QString second = h.declare(Severity::P0);
    EXPECT_EQ(h.store->incidentIds(), (QStringList {first, second}));
    EXPECT_EQ(h.store->activeIncidentId(), second);
    ASSERT_TRUE(h.store->setActiveIncident(first));
    h.reopen();
    EXPECT_EQ(h.store->activeIncidentId(), first);
    EXPECT_EQ(h.store->incident(second)->severity, Severity::P0);
    QString error;
    EXPECT_FALSE(h.store->setActiveIncident(QStringLiteral("nope"), &error));
}

TEST(IncidentStore, NewerSchemaIsRefusedWithASentence)
{
    Harness h;
    h.declare();
    h.store->close();
    {
        QSqlDatabase db
            = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw-version"));
        db.setDatabaseName(h.path());
        ASSERT_TRUE(db.open());
        QSqlQuery(db).exec(QStringLiteral("PRAGMA user_version=7"));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("raw-version"));
    IncidentStore store;
    QString error;
    EXPECT_FALSE(store.open(h.path(), &error));
    EXPECT_TRUE(error.contains(
        QLatin1String("created by a newer DreamOps Console (schema 7); update the console")))
        << error.toStdString();
}

TEST(IncidentStore, DamagedFileIsRefusedAndLeftAlone)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("broken.sqlite"));
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    const QByteArray garbage(8192, '\x5a');
    file.write(garbage);
    file.close();
    IncidentStore store;
    QString error;
    EXPECT_FALSE(store.open(path, &error));
    EXPECT_TRUE(error.contains(QLatin1String("move it aside"))) << error.toStdString();
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    EXPECT_EQ(file.readAll(), garbage);
}

TEST(IncidentStore, ExportImportRoundTripAndBadFilesRefused)
{
    Harness h;
    const QString id = h.declare();
    const auto note = h.store->addNote(id, QStringLiteral("first guess"));
    ASSERT_TRUE(h.store->addCorrection(id, note->seq, QStringLiteral("second guess")));
    h.store->setText(id, QStringLiteral("root-cause"), QStringLiteral("Queue poison message."));
    const QByteArray exported = IncidentArchive::exportIncident(*h.store, id);

    Harness other;
    other.declare(Severity::P2); // shifts seqs: corrections must be remapped
    QString error;
    EXPECT_EQ(IncidentArchive::importInto(*other.store, exported, &error), id)
        << error.toStdString();
    const auto imported = other.store->entries(id);
    ASSERT_EQ(imported.size(), 3);
    EXPECT_EQ(imported.at(2).correctsSeq, imported.at(1).seq);
    EXPECT_EQ(other.store->text(id, QStringLiteral("root-cause")),
              QStringLiteral("Queue poison message."));
    EXPECT_TRUE(other.store->verify().ok);
    const qint64 count = other.store->entries().size();

    // Refused, with the data untouched: twice, not an incident, newer, tampered.
    EXPECT_TRUE(IncidentArchive::importInto(*other.store, exported, &error).isEmpty());
    EXPECT_TRUE(error.contains(QLatin1String("already")));
    EXPECT_TRUE(IncidentArchive::importInto(*other.store, R"({"format":"dreamops-sla"})", &error)
                    .isEmpty());
    EXPECT_TRUE(error.contains(QLatin1String("not a DreamOps incident export")));
    QByteArray newer = exported;
    newer.replace("\"version\": 1", "\"version\": 2");
    EXPECT_TRUE(IncidentArchive::importInto(*other.store, newer, &error).isEmpty());
    EXPECT_TRUE(error.contains(QLatin1String("newer DreamOps Console"))) << error.toStdString();
    QByteArray tampered = exported;
    tampered.replace("first guess", "other guess");
    Harness third;
    EXPECT_TRUE(IncidentArchive::importInto(*third.store, tampered, &error).isEmpty());
    EXPECT_TRUE(error.contains(QLatin1String("changed after it was exported")));
    EXPECT_EQ(other.store->entries().size(), count);
    EXPECT_TRUE(third.store->incidentIds().isEmpty());
}
