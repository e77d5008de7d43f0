// Export / import of one incident as a file on the incident page (no file dialogs: the page's
// functions take a path). A round trip into a second store shows the same timeline and write-up;
// every refused file (not an incident, newer version, cut short, changed, already here,
// read-only record, unreadable) shows its sentence on the page and changes nothing.
#include "incidentfiletransfer.h"
#include "incidentlistmodel.h"
#include "incidentpage.h"
#include "incidentpagerig.h"
#include "timelinemodel.h"
#include "timelineview.h"
#include "writeupeditor.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPushButton>
#include <QTableView>
#include <QTest>

using IncidentTest::Harness;

namespace {

// A resolved incident with a note, a milestone, a correction and typed prose.
QString recordIncident(Harness &h, IncidentPage &page)
{
    const QString id = page.declareIncident(IncidentTest::declaration());
    h.clock.advanceMinutes(3);
    EXPECT_TRUE(page.markMilestone(Milestone::ResponseStarted));
    h.clock.advanceMinutes(2);
    const auto note = h.store->addNote(id, QStringLiteral("pool exhausted on db-1"));
    EXPECT_TRUE(note);
    h.clock.advanceMinutes(1);
    EXPECT_TRUE(page.addCorrection(note ? note->seq : 0, QStringLiteral("pool exhausted on db-2")));
    h.clock.advanceMinutes(10);
    EXPECT_TRUE(page.resolveIncident());
    h.store->setText(id, QStringLiteral("root-cause"), QStringLiteral("The pool was too small."));
    EXPECT_TRUE(h.store->flush());
    return id;
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    EXPECT_TRUE(file.open(QIODevice::ReadOnly)) << path.toStdString();
    return file.readAll();
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly | QIODevice::Truncate)) << path.toStdString();
    ASSERT_EQ(file.write(bytes), bytes.size());
}

// What the record holds, to check that a refusal changed nothing.
struct Snapshot
{
    QStringList ids;
    qint64 entries = 0;
    std::pair<qint64, QByteArray> head;
    bool operator==(const Snapshot &) const = default;
};

Snapshot snapshot(const IncidentStore &store)
{
    return {store.incidentIds(), store.entries().size(), store.head()};
}

QStringList rows(const TimelineModel *model)
{
    QStringList out;
    for (int row = 0; row < model->rowCount(); ++row) {
        const TimelineEntry &e = model->entryAt(row);
        out << QStringLiteral("%1|%2|%3|%4")
                   .arg(e.time.toString(Qt::ISODateWithMs), timelineKindKey(e.kind), e.text,
                        model->index(row, 0).data(TimelineModel::SupersededRole).toString());
    }
    return out;
}

} // namespace

TEST(IncidentTransfer, RoundTripIntoASecondStoreShowsTheSameTimeline)
{
    IncidentTest::PageRig a;
    const QString id = recordIncident(a.h, a.page);
    ASSERT_TRUE(a.page.exportButton()->isEnabled());
    const auto incident = a.h.store->incident(id);
    ASSERT_TRUE(incident);
    const QString name = IncidentFileTransfer::suggestedFileName(*incident);
    EXPECT_EQ(name, QStringLiteral("2026-03-14-citadel-errors.dreamops-incident"));
    const QString path = a.h.dir.filePath(name);
    ASSERT_TRUE(a.page.exportIncident(path)) << a.page.problemText().toStdString();
    EXPECT_TRUE(QFile::exists(path));

    IncidentTest::PageRig b; // another console, its own record
    const QString other = b.page.declareIncident(
        IncidentTest::declaration(Severity::P2, QStringLiteral("slow dashboards")));
    ASSERT_FALSE(other.isEmpty());
    EXPECT_EQ(b.page.importIncident(path), id) << b.page.problemText().toStdString();
    EXPECT_TRUE(b.page.problemText().isEmpty()) << b.page.problemText().toStdString();
    // The imported incident is the one shown and selected; the active one stays active.
    EXPECT_EQ(b.page.incidentId(), id);
    EXPECT_EQ(b.page.titleText(), QStringLiteral("citadel errors"));
    EXPECT_EQ(b.h.store->activeIncidentId(), other);
    ASSERT_EQ(b.page.incidentList()->model()->rowCount(), 2);
    const QModelIndexList selected = b.page.incidentList()->selectionModel()->selectedRows();
    ASSERT_EQ(selected.size(), 1);
    EXPECT_EQ(selected.first().data(IncidentListModel::IdRole).toString(), id);
    const QStringList expected = rows(a.page.timelineView()->timelineModel());
    EXPECT_EQ(expected.size(), 5); // declared, response started, note, its correction, resolved
    EXPECT_EQ(rows(b.page.timelineView()->timelineModel()), expected);
    EXPECT_EQ(b.page.writeupEditor()->markdown(), a.page.writeupEditor()->markdown());
    EXPECT_TRUE(b.h.store->verify().ok) << b.h.store->verify().message.toStdString();
}

TEST(IncidentTransfer, RefusedFilesShowTheirSentenceAndChangeNothing)
{
    IncidentTest::PageRig a;
    recordIncident(a.h, a.page);
    const QString good = a.h.dir.filePath(QStringLiteral("good.dreamops-incident"));
    ASSERT_TRUE(a.page.exportIncident(good));
    const QByteArray bytes = readAll(good);
    QJsonObject newer = QJsonDocument::fromJson(bytes).object();
    newer.insert(QStringLiteral("version"), 2);
    QByteArray changed = bytes;
    changed.replace("pool exhausted on db-1", "pool exhausted on db-9");
    ASSERT_NE(changed, bytes);

    struct Case
    {
        const char *name;
        QByteArray content;
        QString sentence;
    };
    const QList<Case> cases {
        {"not an incident", R"({"dashboard":"checkout","panels":[1,2,3]})",
         QStringLiteral("This file is not a DreamOps incident export")},
        {"newer version", QJsonDocument(newer).toJson(),
         QStringLiteral("exported by a newer DreamOps Console (format version 2); update the "
                        "console")},
        {"cut short", bytes.left(bytes.size() / 2),
         QStringLiteral("is a damaged incident export: it stops being valid at byte")},
        {"changed", changed, QStringLiteral("was changed after it was exported")},
        {"empty", QByteArray(), QStringLiteral("This file is not a DreamOps incident export")},
    };

    IncidentTest::PageRig b; // the console importing, with an incident of its own shown
    const QString own = b.page.declareIncident(
        IncidentTest::declaration(Severity::P2, QStringLiteral("slow dashboards")));
    const Snapshot before = snapshot(*b.h.store);
    const QString markdown = b.page.writeupEditor()->markdown();
    for (const Case &c : cases) {
        const QString path
            = b.h.dir.filePath(QString::fromLatin1(c.name) + QStringLiteral(".json"));
        writeFile(path, c.content);
        EXPECT_TRUE(b.page.importIncident(path).isEmpty()) << c.name;
        EXPECT_TRUE(b.page.problemText().contains(c.sentence))
            << c.name << ": " << b.page.problemText().toStdString();
        EXPECT_TRUE(b.page.problemText().contains(QLatin1String("Nothing was imported")))
            << c.name << ": " << b.page.problemText().toStdString();
        EXPECT_EQ(snapshot(*b.h.store), before) << c.name;
        EXPECT_EQ(b.page.incidentId(), own) << c.name;
        EXPECT_EQ(b.page.writeupEditor()->markdown(), markdown) << c.name;
    }
    if (const QString out = qEnvironmentVariable("DREAMOPS_INCIDENT_ARTIFACTS"); !out.isEmpty()) {
        b.page.importIncident(b.h.dir.filePath(QStringLiteral("cut short.json")));
        b.page.resize(1300, 700);
        b.page.show();
        QTest::qWait(50);
        b.page.grab().save(out + QStringLiteral("/incident-import-refused.png"));
    }
    // A folder or a missing file: the disk's word, and what to do.
    for (const QString &path : {b.h.dir.path(), b.h.dir.filePath(QStringLiteral("gone.json"))}) {
        EXPECT_TRUE(b.page.importIncident(path).isEmpty());
        EXPECT_TRUE(b.page.problemText().contains(QLatin1String("cannot be read")))
            << b.page.problemText().toStdString();
        EXPECT_EQ(snapshot(*b.h.store), before);
    }
    // The good file still imports afterwards; a second time it is "here already".
    EXPECT_FALSE(b.page.importIncident(good).isEmpty()) << b.page.problemText().toStdString();
    EXPECT_TRUE(b.page.problemText().isEmpty());
    const Snapshot imported = snapshot(*b.h.store);
    EXPECT_TRUE(b.page.importIncident(good).isEmpty());
    EXPECT_TRUE(b.page.problemText().contains(QLatin1String("is here already")))
        << b.page.problemText().toStdString();
    EXPECT_EQ(snapshot(*b.h.store), imported);
    EXPECT_TRUE(b.h.store->verify().ok);
}

TEST(IncidentTransfer, ReadOnlyRecordRefusesImportButStillExports)
{
    IncidentTest::PageRig a;
    const QString id = recordIncident(a.h, a.page);
    const QString good = a.h.dir.filePath(QStringLiteral("good.dreamops-incident"));
    ASSERT_TRUE(a.page.exportIncident(good));

    Harness other; // a console whose record another console holds
    IncidentStore second;
    ASSERT_TRUE(second.open(other.path()));
    ASSERT_TRUE(second.isReadOnly());
    TimeCursor cursor;
    IncidentPage page(&second, &cursor);
    EXPECT_FALSE(page.importButton()->isEnabled());
    const Snapshot before = snapshot(*other.store);
    EXPECT_TRUE(page.importIncident(good).isEmpty());
    EXPECT_TRUE(page.problemText().contains(QLatin1String("read-only")))
        << page.problemText().toStdString();
    EXPECT_TRUE(page.problemText().contains(QLatin1String("Nothing was imported")))
        << page.problemText().toStdString();
    EXPECT_EQ(snapshot(*other.store), before);
    EXPECT_FALSE(second.incident(id));

    // Reading out is allowed on a read-only record.
    const QString ownId = other.declare();
    IncidentStore reader;
    ASSERT_TRUE(reader.open(other.path()));
    IncidentPage readerPage(&reader, &cursor);
    readerPage.showIncident(ownId);
    ASSERT_TRUE(readerPage.exportButton()->isEnabled());
    const QString out = a.h.dir.filePath(QStringLiteral("from-read-only.dreamops-incident"));
    EXPECT_TRUE(readerPage.exportIncident(out)) << readerPage.problemText().toStdString();
    EXPECT_TRUE(readAll(out).contains(ownId.toUtf8()));
}

TEST(IncidentTransfer, ExportToAnUnwritablePlaceSaysSoAndLeavesNothingBehind)
{
    IncidentTest::PageRig a;
    recordIncident(a.h, a.page);
    // A folder that is a file: no file can be created under it (root ignores permissions).
    const QString blocker = a.h.dir.filePath(QStringLiteral("not-a-folder"));
    writeFile(blocker, "x");
    const QString path = blocker + QStringLiteral("/incident.dreamops-incident");
    EXPECT_FALSE(a.page.exportIncident(path));
    EXPECT_TRUE(a.page.problemText().contains(QLatin1String("could not be exported")))
        << a.page.problemText().toStdString();
    EXPECT_TRUE(a.page.problemText().contains(QLatin1String("choose another folder")));
    EXPECT_EQ(readAll(blocker), QByteArray("x"));
    // Nothing shown, nothing to export.
    IncidentTest::PageRig empty;
    EXPECT_FALSE(empty.page.exportButton()->isEnabled());
    EXPECT_FALSE(empty.page.exportIncident(a.h.dir.filePath(QStringLiteral("none"))));
    EXPECT_TRUE(empty.page.problemText().contains(QLatin1String("Choose an incident first")));
}
