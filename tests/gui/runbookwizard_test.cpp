// The runbook wizard page (issue 8) beyond the four scenarios: skip needs a reason (and Enter in
// its dialog cancels), a console restart resumes at the step it was on, the severity banner's
// "Open runbook…" opens the suggestion, no active incident is said and can be declared, every
// control has a name (U5).
#include "agentsfixture.h"
#include "declareincidentdialog.h"
#include "incidentstore.h"
#include "reasondialog.h"
#include "runbookheader.h"
#include "runbooksteppanel.h"
#include "runbookwizardrig.h"
#include "severitybanner.h"
#include "statebadge.h"

#include <gtest/gtest.h>

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QString kRunbook = QStringLiteral("high-error-rate");

} // namespace

TEST(RunbookWizard, SkipNeedsAReasonAndEnterCancels)
{
    RunbookWizardRig rig;
    const QString incident = rig.declareIncident(QStringLiteral("Errors up"));
    RunbookWizard *wizard = rig.createWizard();
    RunbookDriver driver(wizard);
    RunbookRun *run = driver.open(kRunbook);
    ASSERT_NE(run, nullptr);
    ASSERT_TRUE(driver.waitForNextControl());
    const int first = run->currentIndex();

    driver.click(wizard->skipButton());
    auto *dialog = wizard->findChild<ReasonDialog *>(QStringLiteral("skipDialog"));
    ASSERT_NE(dialog, nullptr);
    EXPECT_FALSE(dialog->confirmButton()->isEnabled()) << "no reason, no skip";
    driver.type(dialog->reasonEdit(), QStringLiteral("checked by hand"));
    driver.key(dialog->reasonEdit(), Qt::Key_Return);
    EXPECT_FALSE(dialog->isVisible()) << "Enter means Cancel";
    EXPECT_EQ(run->currentIndex(), first) << "a cancelled skip skips nothing";
    EXPECT_NE(run->status(first).state, RunbookStepState::Skipped);

    driver.click(wizard->skipButton());
    dialog = nullptr;
    ASSERT_TRUE(TestSupport::waitUntil([&] {
        dialog = wizard->findChild<ReasonDialog *>(QStringLiteral("skipDialog"));
        return dialog && dialog->isVisible();
    }));
    driver.type(dialog->reasonEdit(), QStringLiteral("dashboard already shows it"));
    driver.click(dialog->confirmButton());
    EXPECT_EQ(run->status(first).state, RunbookStepState::Skipped);
    EXPECT_EQ(run->status(first).skipReason, QStringLiteral("dashboard already shows it"));
    EXPECT_TRUE(wizard->stepLine(first).contains(QStringLiteral("Skipped")))
        << wizard->stepLine(first).toStdString();
    EXPECT_NE(run->currentIndex(), first);

    // The timeline has the skipped step with its reason.
    const QString skippedId = run->runbook().steps.at(first).id;
    QJsonObject skipped;
    for (const QJsonObject &step : rig.recordedSteps(incident)) {
        if (step.value(QLatin1String("step")).toString() == skippedId)
            skipped = step;
    }
    EXPECT_EQ(skipped.value(QLatin1String("state")).toString(), QStringLiteral("skipped"));
    EXPECT_EQ(skipped.value(QLatin1String("skipReason")).toString(),
              QStringLiteral("dashboard already shows it"));
}

TEST(RunbookWizard, ResumesAtTheStepAfterARestart)
{
    RunbookWizardRig rig;
    rig.setScenario(QStringLiteral("error-spike"));
    rig.declareIncident(QStringLiteral("Errors up"));
    RunbookWizard *wizard = rig.createWizard();
    RunbookDriver driver(wizard);
    RunbookRun *run = driver.open(kRunbook);
    ASSERT_NE(run, nullptr);
    // Two steps on, as presented.
    while (run->visited().size() < 3) {
        ASSERT_TRUE(driver.waitForNextControl()) << run->nextBlocker().toStdString();
        ASSERT_TRUE(driver.actOnNextControl());
        ASSERT_LT(driver.count(), 20);
    }
    const int index = run->currentIndex();
    const QString firstLine = wizard->stepLine(0);
    ASSERT_GE(index, 1);

    rig.destroyWizard(); // the console quits
    wizard = rig.createWizard(); // and starts again: the page opens the incident's run
    ASSERT_NE(wizard->run(), nullptr) << "the stored run was not reopened";
    EXPECT_TRUE(wizard->run()->isResumed());
    EXPECT_EQ(wizard->run()->runbook().id, kRunbook);
    EXPECT_EQ(wizard->run()->currentIndex(), index);
    EXPECT_EQ(wizard->stepLine(0), firstLine) << "the steps already left keep their state";
    EXPECT_EQ(wizard->stepList()->currentRow(), index);
}

TEST(RunbookWizard, BannerOpensTheSuggestedRunbook)
{
    RunbookWizardRig rig;
    rig.declareIncident(QStringLiteral("Errors up"));
    RunbookWizard *wizard = rig.createWizard();
    SeverityBanner banner;
    // As MainWindow wires them.
    QObject::connect(wizard, &RunbookWizard::suggestionChanged, &banner,
                     &SeverityBanner::setSuggestedRunbook);
    QObject::connect(&banner, &SeverityBanner::runbookRequested, wizard,
                     &RunbookWizard::openRunbook);
    EXPECT_TRUE(banner.runbookButton()->isHidden()) << "nothing suggested yet";

    RunbookSignals live;
    live.severity.errorRate = 0.62;
    SeveritySuggestion p1;
    p1.severity = Severity::P1;
    p1.reasons = {QStringLiteral("error rate 62 % ≥ 50 % for the last 60 s")};
    wizard->setSignals(live, p1);
    ASSERT_EQ(wizard->suggestedRunbookId(), kRunbook);
    EXPECT_EQ(wizard->header()->picker()->currentData().toString(), kRunbook)
        << "the picker follows the suggestion while no runbook is open";
    EXPECT_TRUE(wizard->header()->suggestionLabel()->text().startsWith(
        QStringLiteral("Suggested: High error rate")))
        << wizard->header()->suggestionLabel()->text().toStdString();
    banner.show();
    ASSERT_FALSE(banner.runbookButton()->isHidden());
    EXPECT_TRUE(banner.runbookButton()->text().contains(QStringLiteral("High error rate")));
    RunbookDriver driver(wizard);
    driver.click(banner.runbookButton());
    ASSERT_NE(wizard->run(), nullptr);
    EXPECT_EQ(wizard->run()->runbook().id, kRunbook);
    EXPECT_EQ(wizard->header()->titleLabel()->text(), wizard->run()->runbook().title);

    wizard->setSignals({}, {}); // all quiet again: nothing to suggest
    EXPECT_TRUE(banner.runbookButton()->isHidden());
}

TEST(RunbookWizard, WithoutAnIncidentItSaysSoAndDeclares)
{
    RunbookWizardRig rig;
    RunbookWizard *wizard = rig.createWizard();
    RunbookDriver driver(wizard);
    const auto *hint = wizard->findChild<QLabel *>(QStringLiteral("emptyViewHint"));
    ASSERT_NE(hint, nullptr);
    EXPECT_FALSE(hint->isHidden()) << "no runbook: the step list says how to fill it";
    EXPECT_EQ(wizard->header()->incidentBadge()->severity(), StateBadge::Severity::Warning);
    EXPECT_TRUE(
        wizard->header()->incidentBadge()->text().contains(QStringLiteral("recorded nowhere")));
    RunbookRun *run = driver.open(kRunbook);
    ASSERT_NE(run, nullptr);
    EXPECT_TRUE(run->context().incidentId.isEmpty());
    EXPECT_TRUE(hint->isHidden()) << "the steps are there";
    // The signals have suggested a P2 for four minutes: that is when it was detected.
    SeveritySuggestion suggestion;
    suggestion.severity = Severity::P2;
    suggestion.reasons = {QStringLiteral("error rate 7 % ≥ 5 %")};
    suggestion.firstSeen = QDateTime::currentDateTimeUtc().addSecs(-4 * 60);
    wizard->setSignals({}, suggestion);

    driver.click(wizard->header()->declareButton());
    auto *dialog = wizard->findChild<DeclareIncidentDialog *>();
    ASSERT_NE(dialog, nullptr);
    EXPECT_EQ(dialog->titleEdit()->text(), run->runbook().title) << "pre-filled";
    EXPECT_TRUE(dialog->detectedEarlierBox()->isChecked());
    driver.type(dialog->reasonEdit(), QStringLiteral("errors climbing"));
    driver.click(dialog->declareButton());
    const QString incident = rig.controls->incidents()->activeIncidentId();
    ASSERT_FALSE(incident.isEmpty());
    EXPECT_EQ(rig.controls->incidents()->incident(incident)->detectedAt.toSecsSinceEpoch(),
              suggestion.firstSeen.toSecsSinceEpoch());
    ASSERT_NE(wizard->run(), nullptr);
    EXPECT_EQ(wizard->run()->context().incidentId, incident) << "the run records into it now";
    EXPECT_EQ(wizard->header()->incidentBadge()->severity(), StateBadge::Severity::Ok);
    EXPECT_TRUE(wizard->header()->declareButton()->isHidden());
}

TEST(RunbookWizard, EveryControlHasANameAndStateIsInWords)
{
    RunbookWizardRig rig;
    rig.setScenario(QStringLiteral("error-spike"));
    rig.declareIncident(QStringLiteral("Errors up"));
    RunbookWizard *wizard = rig.createWizard();
    RunbookDriver driver(wizard);
    RunbookRun *run = driver.open(kRunbook);
    ASSERT_NE(run, nullptr);
    ASSERT_TRUE(driver.waitForNextControl());
    EXPECT_EQ(AgentsFixture::unnamedControls(wizard), QStringList());
    // The current step's state in words in the list and beside its icon in the panel.
    const QString words = runbookStepStateText(run->status(run->currentIndex()).state);
    EXPECT_TRUE(wizard->stepLine(run->currentIndex()).endsWith(words));
    EXPECT_TRUE(wizard->stepPanel()->stateBadge()->text().startsWith(words));
    // Enter on the page's buttons never acts (only Space or a click does).
    const QStringList before = run->visited();
    QWidget *next = wizard->nextControl();
    ASSERT_NE(next, nullptr);
    QTest::keyClick(next, Qt::Key_Return);
    EXPECT_EQ(run->visited(), before);
    EXPECT_EQ(wizard->findChild<ReasonDialog *>(), nullptr);
}

TEST(RunbookWizard, RejectedRunbookFilesAreNamedWithTheirReason)
{
    QTemporaryDir user;
    QFile broken(user.filePath(QStringLiteral("broken.json")));
    ASSERT_TRUE(broken.open(QIODevice::WriteOnly));
    broken.write(R"({"id": "broken", "title": "Broken", "steps": [
        {"id": "a", "kind": "teleport", "title": "Beam me up"}]})");
    broken.close();
    CommandCatalogue catalogue;
    catalogue.load({QStringLiteral(":/commands")});
    RunbookLibrary library;
    library.load({QStringLiteral(":/runbooks"), user.path()}, &catalogue);
    ASSERT_EQ(library.errors().size(), 1);

    RunbookHeader header(library);
    header.show();
    EXPECT_FALSE(header.rejectedBadge()->isHidden());
    EXPECT_TRUE(header.rejectedBadge()->text().contains(QStringLiteral("broken.json")))
        << header.rejectedBadge()->text().toStdString();
    EXPECT_TRUE(header.rejectedBadge()->text().contains(QStringLiteral("'a'"))) << "names the step";
    EXPECT_EQ(header.picker()->findData(QStringLiteral("broken")), -1);
    EXPECT_GE(header.picker()->findData(QStringLiteral("high-error-rate")), 0)
        << "the good runbooks still load";
}
