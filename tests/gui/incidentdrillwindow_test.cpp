// The drill of issue 6 through the window, as a lead runs it: a MainWindow on an embedded
// simulator (error-spike), the severity banner's P1 suggestion confirmed into the declare dialog,
// citadel quarantined on the Agents page (type-to-confirm), the milestones by their shortcuts,
// Resolve confirmed, the prose typed into the write-up; the write-up's Markdown compared
// byte-for-byte to tests/data/incident/drill-writeup.md with the times substituted.
//
// The incident record runs on a fake clock from 40 minutes before the real time, as in the
// services drill (IncidentDrill); the journal's entries keep their real times. The dashboard's
// poller is stopped right after the declaration: a threshold crossing would otherwise land on the
// timeline at whatever the fake clock reads, depending on the simulator's noise.
// DREAMOPS_INCIDENT_ARTIFACTS=<folder> keeps the Markdown, the PDF, the export and two PNGs.
#include "actionjournal.h"
#include "agentspage.h"
#include "consolecontrols.h"
#include "consolesession.h"
#include "dashboardpage.h"
#include "declareincidentdialog.h"
#include "incidentdrill.h"
#include "incidentpage.h"
#include "incidentstore.h"
#include "mainwindow.h"
#include "opsclient.h"
#include "reasondialog.h"
#include "severitybanner.h"
#include "writeupeditor.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using IncidentTest::call;
using TestSupport::waitUntil;

namespace {

qsizetype countOf(const IncidentStore &store, const QString &id, TimelineEntry::Kind kind)
{
    const QList<TimelineEntry> entries = store.entries(id);
    return std::count_if(entries.cbegin(), entries.cend(),
                         [kind](const TimelineEntry &e) { return e.kind == kind; });
}

// Ctrl+Shift+<n> on the incident page, then waits for the milestone it records.
bool pressMilestone(MainWindow &window, const IncidentStore &store, const QString &id, int n)
{
    QApplication::setActiveWindow(&window);
    // What widget shortcuts look at (the QWindow's focus can lag behind on offscreen).
    if (!waitUntil([&] { return QApplication::activeWindow() == &window; }, 3000))
        return false;
    const qsizetype before = countOf(store, id, TimelineEntry::Kind::Milestone);
    QTest::keyClick(window.incidentPage(), Qt::Key(Qt::Key_0 + n),
                    Qt::ControlModifier | Qt::ShiftModifier);
    if (waitUntil([&] { return countOf(store, id, TimelineEntry::Kind::Milestone) == before + 1; },
                  5000))
        return true;
    const QPushButton *button = window.incidentPage()->milestoneButton(Milestone(n - 1));
    ADD_FAILURE() << "milestone " << n << " not recorded: button \"" << button->text().toStdString()
                  << "\" enabled " << button->isEnabled() << " visible " << button->isVisible()
                  << " shortcut " << button->shortcut().toString().toStdString()
                  << " active window "
                  << (QApplication::activeWindow()
                          ? QApplication::activeWindow()->metaObject()->className()
                          : "none")
                  << "; page: " << window.incidentPage()->problemText().toStdString();
    return false;
}

} // namespace

TEST(IncidentDrillWindow, ErrorSpikeP1ThroughTheWindowToWriteup)
{
    QTemporaryDir dir;
    ConsoleSession::Settings settings;
    settings.journalPath = dir.filePath(QStringLiteral("journal.log"));
    settings.simulator.speed = 0.05;
    settings.simulator.extraArguments = {QStringLiteral("--seed"), QStringLiteral("21")};
    settings.intervals.metricsMs = 250;
    settings.intervals.healthMs = 250;
    settings.intervals.slowMs = 250;
    ConsoleSession session(settings);
    MainWindow window(&session);
    window.show();
    session.start();
    ASSERT_TRUE(
        waitUntil([&] { return session.state() == ConsoleSession::State::Connected; }, 20000))
        << session.stateMessage().toStdString();
    IncidentStore *store = session.controls()->incidents();
    ASSERT_TRUE(store->isOpen() && !store->isReadOnly()) << store->readOnlyReason().toStdString();

    ASSERT_TRUE(call<Acknowledgement>([&](QObject *c, auto cb) {
        session.client()->setSimScenario(QStringLiteral("error-spike"), {}, c, cb);
    }));
    ASSERT_TRUE(call<Acknowledgement>(
        [&](QObject *c, auto cb) { session.client()->advanceSimClock(30, c, cb); }));
    SeverityBanner *banner = window.dashboardPage()->severityBanner();
    ASSERT_TRUE(waitUntil(
        [&] {
            return banner->suggestion().severity == Severity::P1
                && banner->confirmButton()->isVisible() && banner->confirmButton()->isEnabled();
        },
        20000))
        << banner->headlineText().toStdString();
    EXPECT_EQ(window.incidentPage()->declareButton()->text(), QStringLiteral("Declare P1…"));
    // Seen from every page: the dashboard's tab carries the suggestion.
    EXPECT_EQ(window.tabs()->tabText(window.tabs()->indexOf(window.dashboardPage())),
              QStringLiteral("&Dashboard · P1"));

    IncidentTest::DrillTimes times;
    times.t0 = IncidentTest::DrillTimes::startFromNow();
    QDateTime fake = times.t0;
    store->setClock([&fake] { return fake; });

    // The banner's Confirm opens the incident page's declare dialog with the suggestion.
    QTest::mouseClick(banner->confirmButton(), Qt::LeftButton);
    IncidentPage *page = window.incidentPage();
    EXPECT_EQ(window.tabs()->currentWidget(), page);
    auto *declare = page->findChild<DeclareIncidentDialog *>();
    ASSERT_NE(declare, nullptr);
    EXPECT_EQ(declare->declaration().severity, Severity::P1);
    EXPECT_TRUE(
        declare->reasonEdit()->text().startsWith(QLatin1String("confirmed the suggestion")));
    // The suggestion's first sighting is offered as the detection time. It is real time, 40
    // minutes after the drill's clock, so the dialog refuses it; this drill marks detection by
    // hand at a fixed time (Ctrl+Shift+1 below), so the lead unticks it.
    ASSERT_TRUE(banner->suggestion().firstSeen.isValid());
    EXPECT_TRUE(declare->detectedEarlierBox()->isChecked());
    EXPECT_EQ(declare->declaration().detectedAt.toSecsSinceEpoch(),
              banner->suggestion().firstSeen.toSecsSinceEpoch());
    EXPECT_FALSE(declare->declareButton()->isEnabled());
    EXPECT_TRUE(declare->problemLabel()->text().contains(QLatin1String("later than now")))
        << declare->problemLabel()->text().toStdString();
    QTest::mouseClick(declare->detectedEarlierBox(), Qt::LeftButton);
    EXPECT_FALSE(declare->declaration().detectedAt.isValid());
    declare->titleEdit()->clear();
    QTest::keyClicks(declare->titleEdit(), QStringLiteral("citadel error spike"));
    QTest::keyClicks(declare->affectedEdit(), QStringLiteral("citadel, api"));
    QTest::keyClicks(declare->commanderEdit(), QStringLiteral("Ops lead"));
    QTest::mouseClick(declare->declareButton(), Qt::LeftButton);
    session.dashboard()->stop(); // see the top of the file
    const QString id = store->activeIncidentId();
    ASSERT_FALSE(id.isEmpty()) << page->problemText().toStdString();
    EXPECT_EQ(page->incidentId(), id);

    // Detection is marked after declaring, with the clock at the moment it was noticed.
    fake = times.at(-2);
    ASSERT_TRUE(pressMilestone(window, *store, id, 1));
    fake = times.at(3);
    ASSERT_TRUE(pressMilestone(window, *store, id, 2));
    fake = times.at(10);
    ASSERT_TRUE(pressMilestone(window, *store, id, 3));

    // Quarantine citadel on the Agents page: the reason, then its exact id typed to confirm.
    AgentsPage *agents = window.agentsPage();
    window.tabs()->setCurrentWidget(agents);
    ASSERT_TRUE(waitUntil([&] { return agents->selectAgent(QStringLiteral("citadel")); }, 15000));
    ASSERT_TRUE(waitUntil([&] { return agents->quarantineButton()->isEnabled(); }, 15000));
    QTest::mouseClick(agents->quarantineButton(), Qt::LeftButton);
    ReasonDialog *quarantine = agents->openDialog();
    ASSERT_NE(quarantine, nullptr);
    ASSERT_NE(quarantine->confirmEdit(), nullptr);
    QTest::keyClicks(quarantine->reasonEdit(),
                     QStringLiteral("drill: citadel fails over half of all requests"));
    EXPECT_FALSE(quarantine->confirmButton()->isEnabled());
    QTest::keyClicks(quarantine->confirmEdit(), QStringLiteral("citadel"));
    ASSERT_TRUE(quarantine->confirmButton()->isEnabled());
    QTest::mouseClick(quarantine->confirmButton(), Qt::LeftButton);
    ASSERT_TRUE(
        waitUntil([&] { return countOf(*store, id, TimelineEntry::Kind::Action) == 2; }, 15000));
    const QList<JournalEntry> journal = session.controls()->journal()->entries();
    ASSERT_EQ(journal.size(), 2);
    times.quarantineRequested = journal.at(0).timeUtc;
    times.quarantineDone = journal.at(1).timeUtc;

    window.tabs()->setCurrentWidget(page);
    fake = times.at(45);
    ASSERT_GT(fake, times.quarantineDone) << "the drill took over 4 minutes";
    ASSERT_TRUE(pressMilestone(window, *store, id, 4));
    fake = times.at(50);
    ASSERT_TRUE(pressMilestone(window, *store, id, 5));
    fake = times.at(51);
    QTest::mouseClick(page->resolveButton(), Qt::LeftButton);
    auto *confirm = page->findChild<QMessageBox *>();
    ASSERT_NE(confirm, nullptr);
    QAbstractButton *resolve = nullptr;
    for (QAbstractButton *b : confirm->buttons()) {
        if (confirm->buttonRole(b) == QMessageBox::AcceptRole)
            resolve = b;
    }
    ASSERT_NE(resolve, nullptr);
    QTest::mouseClick(resolve, Qt::LeftButton);
    ASSERT_TRUE(store->incident(id)->isResolved()) << page->problemText().toStdString();

    // The lead writes the prose in the write-up tab.
    WriteupEditor *writeup = page->writeupEditor();
    page->tabs()->setCurrentWidget(writeup);
    for (const auto &[field, text] : IncidentTest::drillProse()) {
        QPlainTextEdit *edit = writeup->proseEdit(field);
        ASSERT_NE(edit, nullptr) << field.toStdString();
        QTest::keyClicks(edit, text);
    }
    QString error;
    ASSERT_TRUE(store->flush(&error)) << error.toStdString();

    const QString expected = IncidentTest::expectedDrillWriteup(
        QStringLiteral(DREAMOPS_INCIDENT_DATA "/drill-writeup.md"), times);
    EXPECT_EQ(writeup->markdown().toStdString(), expected.toStdString());
    EXPECT_TRUE(writeup->findings().isEmpty())
        << writeup->findings().join(QLatin1Char('\n')).toStdString();
    EXPECT_TRUE(store->verify().ok) << store->verify().message.toStdString();

    if (const QString out = qEnvironmentVariable("DREAMOPS_INCIDENT_ARTIFACTS"); !out.isEmpty()) {
        EXPECT_TRUE(writeup->exportMarkdown(out + QStringLiteral("/incident-drill.md"), &error))
            << error.toStdString();
        EXPECT_TRUE(writeup->exportPdf(out + QStringLiteral("/incident-drill.pdf"), &error))
            << error.toStdString();
        EXPECT_TRUE(
            page->exportIncident(out + QStringLiteral("/incident-drill.dreamops-incident")));
        window.resize(1400, 900);
        QTest::qWait(100);
        window.grab().save(out + QStringLiteral("/incident-drill-writeup-tab.png"));
        page->tabs()->setCurrentIndex(0);
        QTest::qWait(100);
        window.grab().save(out + QStringLiteral("/incident-drill-timeline-tab.png"));
    }
    session.stop();
}
