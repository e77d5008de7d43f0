// The drill of issue 6 at the services level: error-spike in the simulator, a P1 declared from
// the DashboardPoller's suggestion, citadel quarantined through the ActionController (its
// journal entries reach the timeline on their own), the milestones, resolve, and the write-up
// compared byte-for-byte to tests/data/incident/drill-writeup.md with the times substituted.
//
// The store runs on a fake clock starting 40 minutes before the real time (so the milestones
// have fixed offsets and the duration is exact); the journal's entries keep their real times.
#include "actiontestutil.h"
#include "dashboardpoller.h"
#include "incidentdrill.h"
#include "incidentstore.h"
#include "writeupgenerator.h"

using IncidentTest::call;
using TestSupport::waitUntil;

TEST(IncidentDrill, ErrorSpikeP1ToWriteup)
{
    auto sim = TestSupport::startSimulator({QStringLiteral("--seed"), QStringLiteral("21")}, 0.05);
    ASSERT_TRUE(sim && sim->isReady());
    ActionTest::Harness actions(ClientTest::profileFor(sim->baseUrl(), 3000, sim->token()));
    DashboardPoller poller(&actions.client);
    poller.setIntervals({150, 150, 150});
    poller.start();

    ASSERT_TRUE(call<Acknowledgement>([&](QObject *c, auto cb) {
        actions.client.setSimScenario(QStringLiteral("error-spike"), {}, c, cb);
    }));
    ASSERT_TRUE(call<Acknowledgement>(
        [&](QObject *c, auto cb) { actions.client.advanceSimClock(30, c, cb); }));
    // The suggestion, not a hand-picked severity: the P1 comes from the poller.
    ASSERT_TRUE(waitUntil([&] { return poller.suggestion().severity == Severity::P1; }, 20000))
        << poller.suggestion().headline().toStdString();

    IncidentTest::DrillTimes times;
    times.t0 = IncidentTest::DrillTimes::startFromNow();
    const QDateTime t0 = times.t0;
    QDateTime fake = t0;
    QTemporaryDir dir; // outlives the store (its lock file is removed on close)
    IncidentStore store;
    store.setClock([&fake] { return fake; });
    store.setAuthor(QStringLiteral("Ops lead"));
    QString error;
    ASSERT_TRUE(store.open(dir.filePath(QStringLiteral("simulator.sqlite")), &error))
        << error.toStdString();
    IncidentStore::Declaration d;
    d.title = QStringLiteral("citadel error spike");
    d.severity = poller.suggestion().severity;
    d.affected = {QStringLiteral("citadel"), QStringLiteral("api")};
    d.commander = QStringLiteral("Ops lead");
    d.reason = QStringLiteral("confirmed the suggestion: ") + poller.suggestion().headline();
    d.detectedAt = t0.addSecs(-120);
    const QString id = store.declare(d, &error);
    ASSERT_FALSE(id.isEmpty()) << error.toStdString();
    store.attachJournal(&actions.journal);
    fake = t0.addSecs(3 * 60);
    ASSERT_TRUE(store.markMilestone(id, Milestone::ResponseStarted));
    fake = t0.addSecs(10 * 60);
    ASSERT_TRUE(store.markMilestone(id, Milestone::RootCauseIdentified));

    const auto outcome = actions.run(
        ActionTest::request(ActionRequest::Kind::QuarantineAgent, QStringLiteral("citadel"), true,
                            QStringLiteral("drill: citadel fails over half of all requests")));
    ASSERT_TRUE(outcome && outcome->state == ActionOutcome::State::Succeeded);
    const QList<JournalEntry> journal = actions.entriesOf(outcome->actionId);
    ASSERT_EQ(journal.size(), 2);
    ASSERT_TRUE(waitUntil([&] {
        const QList<TimelineEntry> entries = store.entries(id);
        return std::count_if(
                   entries.cbegin(), entries.cend(),
                   [](const TimelineEntry &e) { return e.kind == TimelineEntry::Kind::Action; })
            == 2;
    }));
    poller.stop();

    fake = t0.addSecs(45 * 60);
    ASSERT_GT(fake, journal.at(1).timeUtc) << "the drill took over 4 minutes";
    ASSERT_TRUE(store.markMilestone(id, Milestone::FixDeployed));
    fake = t0.addSecs(50 * 60);
    ASSERT_TRUE(store.markMilestone(id, Milestone::ServiceRestored));
    fake = t0.addSecs(51 * 60);
    ASSERT_TRUE(store.resolve(id));
    for (const auto &[field, text] : IncidentTest::drillProse())
        store.setText(id, field, text);
    ASSERT_TRUE(store.flush(&error)) << error.toStdString();

    times.quarantineRequested = journal.at(0).timeUtc;
    times.quarantineDone = journal.at(1).timeUtc;
    const QString expected = IncidentTest::expectedDrillWriteup(
        QStringLiteral(DREAMOPS_INCIDENT_DATA "/drill-writeup.md"), times);
    const auto incident = store.incident(id);
    ASSERT_TRUE(incident);
    const QString markdown
        = WriteupGenerator::markdown(*incident, store.entries(id), store.texts(id));
    EXPECT_EQ(markdown.toStdString(), expected.toStdString());
    EXPECT_EQ(WriteupGenerator::duration(*incident), QStringLiteral("52 minutes"));
    EXPECT_TRUE(store.verify().ok) << store.verify().message.toStdString();
    // For looking at it: DREAMOPS_INCIDENT_ARTIFACTS=<folder> keeps the Markdown.
    if (const QString out = qEnvironmentVariable("DREAMOPS_INCIDENT_ARTIFACTS"); !out.isEmpty()) {
        EXPECT_TRUE(WriteupGenerator::save(out + QStringLiteral("/incident-drill.md"),
                                           markdown.toUtf8(), &error));
    }
}
