// Issue 7 in the window: the rollback drill with the fake gcloud (list revisions -> previous one
// -> typed confirmation -> run -> journal), C1 inline validation, a missing CLI, secret masking.
#include "actionjournal.h"
#include "commandcatalogue.h"
#include "commandform.h"
#include "commandoutputview.h"
#include "commandparamseditor.h"
#include "fakecli.h"
#include "incident.h"
#include "incidentstore.h"
#include "reasondialog.h"
#include "testsupport.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <gtest/gtest.h>

namespace {

// Set DREAMOPS_COMMAND_SCREENSHOTS=/tmp to keep PNGs of the form (looked at under xvfb-run).
void screenshot(QWidget *widget, const char *name)
{
    const QString dir = qEnvironmentVariable("DREAMOPS_COMMAND_SCREENSHOTS");
    if (dir.isEmpty())
        return;
    QApplication::processEvents();
    widget->grab().save(dir + QStringLiteral("/commands-") + QLatin1String(name)
                        + QStringLiteral(".png"));
}

class CommandFormTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_fake.isValid());
        m_catalogue.load({QStringLiteral(":/commands")});
        ASSERT_TRUE(m_journal.open(m_dir.filePath(QStringLiteral("journal.sqlite"))));
        m_form = std::make_unique<CommandForm>(m_catalogue, &m_journal);
        m_form->setProcessEnvironment(m_fake.environment());
        m_form->setContext(QStringLiteral("alice"), QStringLiteral("production"));
        m_form->resize(1200, 860);
        m_form->show();
    }

    QLineEdit *lineEdit(const char *param) const
    {
        return qobject_cast<QLineEdit *>(m_form->paramsEditor()->editor(QLatin1String(param)));
    }

    QTemporaryDir m_dir;
    FakeCli m_fake;
    CommandCatalogue m_catalogue;
    ActionJournal m_journal;
    std::unique_ptr<CommandForm> m_form;
};

} // namespace

TEST_F(CommandFormTest, RollbackDrillEndToEnd)
{
    // An open incident follows the journal, as in the console (ConsoleControls).
    IncidentStore incidents;
    ASSERT_TRUE(incidents.open(m_dir.filePath(QStringLiteral("incidents.sqlite"))));
    incidents.attachJournal(&m_journal);
    const QString incident = incidents.declare({QStringLiteral("5xx after deploy"),
                                                Severity::P1,
                                                {QStringLiteral("api")},
                                                QStringLiteral("alice"),
                                                QStringLiteral("error rate 12 %"),
                                                {}});
    ASSERT_FALSE(incident.isEmpty());

    ASSERT_TRUE(m_form->selectCommand(QStringLiteral("cloudrun.traffic.rollback")));
    auto *revision
        = qobject_cast<QComboBox *>(m_form->paramsEditor()->editor(QStringLiteral("revision")));
    ASSERT_NE(revision, nullptr);
    EXPECT_FALSE(m_form->runButton()->isEnabled()) << "no revision picked yet";

    // 1. List revisions (read-only) from the revision field's Fetch button.
    QSignalSpy finished(m_form.get(), &CommandForm::runFinished);
    m_form->paramsEditor()->fetchButton(QStringLiteral("revision"))->click();
    ASSERT_TRUE(finished.wait(10000));
    EXPECT_EQ(
        m_fake.argv().mid(0, 3),
        (QStringList {QStringLiteral("run"), QStringLiteral("revisions"), QStringLiteral("list")}));
    // 2. The previous revision (the second line) is preselected.
    ASSERT_EQ(revision->count(), 3);
    EXPECT_EQ(revision->currentText(), QStringLiteral("dreamnet-00041-xyz"));
    EXPECT_TRUE(m_form->runButton()->isEnabled());
    EXPECT_EQ(m_form->preview()->toPlainText().toStdString(),
              "gcloud run services update-traffic dreamnet --to-revisions=dreamnet-00041-xyz=100 "
              "--region=us-central1");

    // 3. Confirm: the target is typed; Enter alone would cancel.
    m_fake.reset();
    m_form->runButton()->click();
    auto *dialog = m_form->findChild<ReasonDialog *>();
    ASSERT_NE(dialog, nullptr);
    ASSERT_TRUE(TestSupport::waitUntil([dialog] { return dialog->isVisible(); }));
    EXPECT_FALSE(dialog->confirmButton()->isEnabled());
    QTest::keyClicks(dialog->reasonEdit(), QStringLiteral("INC-42: 5xx since the last deploy"));
    EXPECT_FALSE(dialog->confirmButton()->isEnabled()) << "target not typed yet";
    QTest::keyClicks(dialog->confirmEdit(), QStringLiteral("dreamnet/us-central1"));
    EXPECT_TRUE(dialog->confirmButton()->isEnabled());
    screenshot(dialog, "confirm");
    dialog->confirmButton()->click();

    // 4. Run: the fake recorded the exact argv; the status line says it finished.
    ASSERT_TRUE(finished.wait(10000));
    EXPECT_EQ(m_fake.argv(),
              (QStringList {QStringLiteral("run"), QStringLiteral("services"),
                            QStringLiteral("update-traffic"), QStringLiteral("dreamnet"),
                            QStringLiteral("--to-revisions=dreamnet-00041-xyz=100"),
                            QStringLiteral("--region=us-central1")}));
    EXPECT_TRUE(m_form->outputView()->statusLabel()->text().startsWith(QStringLiteral("Finished")));
    EXPECT_TRUE(
        m_form->outputView()->text()->toPlainText().contains(QStringLiteral("ok: gcloud run")));
    screenshot(m_form.get(), "finished");

    // 5. On the timeline: both runs journaled, the rollback with its reason and operator.
    const QList<JournalEntry> entries = m_journal.entries();
    ASSERT_EQ(entries.size(), 4);
    EXPECT_EQ(entries.at(0).target, QStringLiteral("cloudrun.revisions.list"));
    EXPECT_EQ(entries.at(2).target, QStringLiteral("cloudrun.traffic.rollback"));
    EXPECT_EQ(entries.at(2).reason, QStringLiteral("INC-42: 5xx since the last deploy"));
    EXPECT_EQ(entries.at(2).operatorName, QStringLiteral("alice"));
    EXPECT_EQ(entries.at(3).outcome, JournalEntry::Outcome::Succeeded);
    // ...and on the incident's timeline, the rollback's intent and its result.
    QStringList actions;
    for (const TimelineEntry &entry : incidents.entries(incident)) {
        if (entry.kind == TimelineEntry::Kind::Action)
            actions << entry.text;
    }
    ASSERT_EQ(actions.size(), 4) << actions.join(QLatin1Char('\n')).toStdString();
    EXPECT_TRUE(actions.at(2).contains(QLatin1String("cloudrun.traffic.rollback")))
        << actions.at(2).toStdString();
    EXPECT_TRUE(actions.at(3).contains(QLatin1String("succeeded"))) << actions.at(3).toStdString();
}

TEST_F(CommandFormTest, U1_EnterInTheConfirmationCancels)
{
    ASSERT_TRUE(m_form->selectCommand(QStringLiteral("cloudrun.services.scale")));
    ASSERT_TRUE(m_form->runButton()->isEnabled());
    m_form->runButton()->click();
    auto *dialog = m_form->findChild<ReasonDialog *>();
    ASSERT_NE(dialog, nullptr);
    QSignalSpy rejected(dialog, &QDialog::rejected);
    QTest::keyClicks(dialog->reasonEdit(), QStringLiteral("relief"));
    QTest::keyClicks(dialog->confirmEdit(), QStringLiteral("dreamnet/us-central1"));
    QTest::keyClick(dialog->confirmEdit(), Qt::Key_Return);
    EXPECT_EQ(rejected.count(), 1);
    QTest::qWait(200);
    EXPECT_FALSE(m_fake.recorded());
    EXPECT_TRUE(m_journal.entries().isEmpty());
}

TEST_F(CommandFormTest, C1_InvalidValueIsExplainedInlineAndBlocksTheRun)
{
    ASSERT_TRUE(m_form->selectCommand(QStringLiteral("cloudrun.services.scale")));
    QLineEdit *service = lineEdit("service");
    ASSERT_NE(service, nullptr);
    service->setText(QStringLiteral("dreamnet; rm -rf /"));
    QLineEdit *maxInstances = lineEdit("maxInstances");
    ASSERT_NE(maxInstances, nullptr);
    maxInstances->setText(QStringLiteral("5000"));
    QLabel *error = m_form->paramsEditor()->errorLabel(QStringLiteral("service"));
    EXPECT_FALSE(error->isHidden());
    EXPECT_TRUE(error->text().contains(QStringLiteral("“;”"))) << error->text().toStdString();
    EXPECT_FALSE(m_form->paramsEditor()->errorLabel(QStringLiteral("maxInstances"))->isHidden());
    EXPECT_FALSE(m_form->runButton()->isEnabled());
    EXPECT_FALSE(m_form->copyButton()->isEnabled());
    screenshot(m_form.get(), "validation");
    service->setText(QStringLiteral("dreamnet"));
    maxInstances->setText(QStringLiteral("3"));
    EXPECT_TRUE(error->isHidden());
    EXPECT_TRUE(m_form->runButton()->isEnabled());
    EXPECT_FALSE(m_fake.recorded());
}

TEST_F(CommandFormTest, C4_MissingCliIsExplainedAndTheCommandCanStillBeCopied)
{
    QTemporaryDir empty;
    QProcessEnvironment env;
    env.insert(QStringLiteral("PATH"), empty.path());
    m_form->setProcessEnvironment(env);
    ASSERT_TRUE(m_form->selectCommand(QStringLiteral("apprunner.operations.list")));
    lineEdit("account")->setText(QStringLiteral("123456789012"));
    lineEdit("serviceId")->setText(QStringLiteral("0123456789abcdef0123456789abcdef"));
    EXPECT_TRUE(m_form->cliNotice()->isVisibleTo(m_form.get()));
    EXPECT_EQ(m_form->cliNotice()->text().toStdString(),
              "aws is not installed or not on PATH — you can still copy the command.");
    EXPECT_FALSE(m_form->runButton()->isEnabled());
    ASSERT_TRUE(m_form->copyButton()->isEnabled());
    m_form->copyButton()->click();
    EXPECT_EQ(QGuiApplication::clipboard()->text().toStdString(),
              "aws apprunner list-operations --service-arn "
              "arn:aws:apprunner:us-east-1:123456789012:service/dreamnet-backend/"
              "0123456789abcdef0123456789abcdef --region us-east-1");
    screenshot(m_form.get(), "missing-cli");
}

TEST_F(CommandFormTest, S2_PreviewMasksTheSecret)
{
    ASSERT_TRUE(m_form->selectCommand(QStringLiteral("secretmanager.versions.add")));
    QLineEdit *secret = lineEdit("secretValue");
    ASSERT_NE(secret, nullptr);
    EXPECT_EQ(secret->echoMode(), QLineEdit::Password);
    secret->setText(QStringLiteral("sk-live-never-shown-123"));
    const QString preview = m_form->preview()->toPlainText();
    EXPECT_EQ(preview.toStdString(),
              "gcloud secrets versions add openai-api-key --data-file=<secret from file>");
    EXPECT_TRUE(m_form->runButton()->isEnabled());
    screenshot(m_form.get(), "preview");
}

TEST_F(CommandFormTest, C3_FloodLeavesTheWindowResponsive)
{
    m_form->setProcessEnvironment(m_fake.environment(QStringLiteral("flood")));
    ASSERT_TRUE(m_form->selectCommand(QStringLiteral("cloudrun.services.describe")));
    int ticks = 0;
    QTimer ticker;
    ticker.setInterval(10);
    QObject::connect(&ticker, &QTimer::timeout, &ticker, [&ticks] { ++ticks; });
    QSignalSpy finished(m_form.get(), &CommandForm::runFinished);
    ticker.start();
    m_form->runButton()->click();
    EXPECT_TRUE(m_form->stopButton()->isEnabled());
    ASSERT_TRUE(finished.wait(90000));
    ticker.stop();
    const auto result = finished.first().first().value<CommandResult>();
    EXPECT_EQ(result.status, CommandResult::Status::Succeeded);
    EXPECT_EQ(result.outputBytes, 100LL * 1024 * 1024);
    EXPECT_LE(m_form->outputView()->text()->blockCount(), CommandOutputView::kMaxBlocks);
    EXPECT_TRUE(m_form->outputView()->statusLabel()->text().contains(QStringLiteral("not kept")));
    EXPECT_GT(ticks, 2); // the event loop ran while 100 MB went through
    EXPECT_FALSE(m_form->stopButton()->isEnabled());
}
