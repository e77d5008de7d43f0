// Adding and removing log sources from the log page (issue 5): the dialog runs the fake gcloud
// and aws of tests/fakes (first on PATH; they record their argv and pid) with the exact argument
// list, refuses bad values inline before anything starts, follows a file that appears later, and
// removal stops the source (DREAMOPS_LOGSOURCES_SHOTS=1 saves screenshots to /tmp).
#include "addlogsourcedialog.h"
#include "commandcatalogue.h"
#include "fakelogclienvironment.h"
#include "logcollector.h" // settle()
#include "logmux.h"
#include "logpage.h"
#include "logsourcecontrols.h"
#include "logtablemodel.h"
#include "logviewsourcelist.h"
#include "shellquote.h"
#include "testsupport.h"

#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

#include <optional>

#include <csignal>

using TestSupport::waitUntil;

namespace {

constexpr auto processAlive = &FakeLogCliEnvironment::processAlive;

class LogSourcesTest : public testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        m_fakes.emplace(QByteArray(DREAMOPS_FAKES_DIR), QDir(m_dir.path()));
        qputenv("FAKE_LOG_MODE", "follow");
        m_catalogue.load({QStringLiteral(":/commands")});
        m_page = std::make_unique<LogPage>(&m_mux, nullptr);
        m_page->sourceControls()->setCatalogue(&m_catalogue);
        m_page->resize(1300, 700);
        m_page->show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(m_page.get()));
    }

    void TearDown() override
    {
        m_page.reset();
        m_fakes.reset();
    }

    AddLogSourceDialog *openDialog()
    {
        AddLogSourceDialog *dialog = m_page->sourceControls()->openAddDialog();
        EXPECT_NE(dialog, nullptr);
        return dialog;
    }

    static void fillCloudRun(AddLogSourceDialog *dialog, const QString &service)
    {
        dialog->kindBox()->setCurrentIndex(int(AddLogSourceDialog::Choice::CloudRun));
        dialog->serviceEdit()->setText(service);
        dialog->regionBox()->setCurrentText(QStringLiteral("europe-west1"));
        dialog->projectEdit()->setText(QStringLiteral("dreamnet-prod"));
    }

    QByteArray file(const char *name) const
    {
        QFile f(m_dir.filePath(QString::fromLatin1(name)));
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

    qint64 fakePid() const { return file("pid").trimmed().toLongLong(); }

    // Adds the source the dialog describes by clicking its OK button; returns the new id.
    int clickAdd(AddLogSourceDialog *dialog)
    {
        const QPointer<AddLogSourceDialog> guard(dialog);
        int added = -1;
        QObject context;
        QObject::connect(m_page->sourceControls(), &LogSourceControls::sourceAdded, &context,
                         [&added](int id) { added = id; });
        EXPECT_TRUE(dialog->okButton()->isEnabled());
        QTest::mouseClick(dialog->okButton(), Qt::LeftButton);
        EXPECT_TRUE(waitUntil([&] { return guard.isNull(); })); // closed and deleted
        return added;
    }

    QTemporaryDir m_dir;
    std::optional<FakeLogCliEnvironment> m_fakes;
    CommandCatalogue m_catalogue;
    LogMux m_mux;
    std::unique_ptr<LogPage> m_page;
};

const QStringList GcloudTail = {
    QStringLiteral("beta"),          QStringLiteral("run"),          QStringLiteral("services"),
    QStringLiteral("logs"),          QStringLiteral("tail"),         QStringLiteral("api"),
    QStringLiteral("--region"),      QStringLiteral("europe-west1"), QStringLiteral("--project"),
    QStringLiteral("dreamnet-prod"),
};

} // namespace

TEST_F(LogSourcesTest, CloudRunSourceRunsTheExactArgvAndItsLinesAppear)
{
    AddLogSourceDialog *dialog = openDialog();
    fillCloudRun(dialog, QStringLiteral("api"));
    EXPECT_EQ(dialog->commandLabel()->text(),
              ShellQuote::join(QStringList {QStringLiteral("gcloud")} + GcloudTail));
    EXPECT_TRUE(dialog->errorLabel(QStringLiteral("service"))->isHidden());
    if (qEnvironmentVariableIsSet("DREAMOPS_LOGSOURCES_SHOTS")) {
        settle(200);
        dialog->grab().save(QStringLiteral("/tmp/logsources-dialog-command.png"));
    }

    const int id = clickAdd(dialog);
    ASSERT_GE(id, LogSourceControls::FirstSourceId);
    ASSERT_TRUE(waitUntil([&] { return m_page->model()->rowCount() >= 3; }, 10000))
        << m_page->model()->rowCount();
    EXPECT_EQ(file("argv"), GcloudTail.join(QLatin1Char('\n')).toUtf8() + '\n');
    ASSERT_TRUE(m_page->sourceList()->hasSource(id));
    EXPECT_EQ(m_mux.source(id)->name(), QStringLiteral("gcloud beta run services logs tail api"));
    EXPECT_EQ(m_page->model()->index(0, LogTableModel::SourceColumn).data().toString(),
              QStringLiteral("gcloud beta run services logs tail api"));
    EXPECT_EQ(m_mux.source(id)->state(), LogSource::State::Following);
}

TEST_F(LogSourcesTest, BadServiceNameIsRefusedInlineAndNothingStarts)
{
    AddLogSourceDialog *dialog = openDialog();
    fillCloudRun(dialog, QStringLiteral("api;reboot"));
    QLabel *error = dialog->errorLabel(QStringLiteral("service"));
    EXPECT_FALSE(error->isHidden());
    EXPECT_TRUE(error->text().startsWith(QStringLiteral("Service contains “;”")))
        << error->text().toStdString();
    EXPECT_FALSE(dialog->okButton()->isEnabled());
    dialog->serviceEdit()->setText(QStringLiteral("Api"));
    EXPECT_TRUE(error->text().startsWith(QStringLiteral("Service does not have the expected form")))
        << error->text().toStdString();
    dialog->projectEdit()->setText(QStringLiteral("x"));
    EXPECT_FALSE(dialog->errorLabel(QStringLiteral("project"))->isHidden());

    if (qEnvironmentVariableIsSet("DREAMOPS_LOGSOURCES_SHOTS")) {
        settle(200);
        dialog->grab().save(QStringLiteral("/tmp/logsources-dialog-error.png"));
    }
    QTest::keyClick(dialog->serviceEdit(), Qt::Key_Return); // Enter cannot get past the refusal
    dialog->accept();
    settle();
    EXPECT_TRUE(dialog->isVisible());
    EXPECT_TRUE(m_mux.sources().isEmpty());
    EXPECT_TRUE(file("runs").isEmpty()); // the fake never ran
    dialog->reject();
}

TEST_F(LogSourcesTest, LocalFileThatAppearsLaterIsFollowed)
{
    const QString path = m_dir.filePath(QStringLiteral("later/app.log"));
    AddLogSourceDialog *dialog = openDialog();
    dialog->pathEdit()->setText(path);
    EXPECT_TRUE(dialog->noteLabel()->text().contains(QStringLiteral("not there yet")))
        << dialog->noteLabel()->text().toStdString();
    EXPECT_EQ(dialog->commandLabel()->text(), QStringLiteral("tail -F ") + path);
    const int id = clickAdd(dialog);
    ASSERT_TRUE(m_page->sourceList()->hasSource(id));
    EXPECT_TRUE(waitUntil([&] { return m_mux.source(id)->state() == LogSource::State::Waiting; }));

    ASSERT_TRUE(QDir(m_dir.path()).mkpath(QStringLiteral("later")));
    QFile log(path);
    ASSERT_TRUE(log.open(QIODevice::WriteOnly));
    log.write("2026-11-29T10:00:01.000Z INFO [api] appeared status=200 ms=2\n");
    log.flush();
    ASSERT_TRUE(waitUntil([&] { return m_page->model()->rowCount() == 1; }, 10000));
    EXPECT_TRUE(m_page->model()
                    ->index(0, LogTableModel::MessageColumn)
                    .data()
                    .toString()
                    .contains(QStringLiteral("appeared")));

    // A folder is refused.
    dialog = openDialog();
    dialog->pathEdit()->setText(m_dir.path());
    EXPECT_FALSE(dialog->errorLabel(QStringLiteral("path"))->isHidden());
    EXPECT_FALSE(dialog->okButton()->isEnabled());
    dialog->reject();
}

TEST_F(LogSourcesTest, RemovingASourceStopsItAndKeepsItsLines)
{
    AddLogSourceDialog *dialog = openDialog();
    dialog->kindBox()->setCurrentIndex(int(AddLogSourceDialog::Choice::AppRunner));
    dialog->logGroupEdit()->setText(
        QStringLiteral("/aws/apprunner/dreamnet-backend/abc/application"));
    const int awsId = clickAdd(dialog);
    ASSERT_TRUE(
        waitUntil([&] { return m_page->model()->rowCount() >= 3 && fakePid() > 0; }, 10000));
    EXPECT_EQ(file("argv"),
              "logs\ntail\n/aws/apprunner/dreamnet-backend/abc/application\n--follow\n--format\n"
              "short\n");
    const qint64 pid = fakePid();
    ASSERT_TRUE(processAlive(pid));

    // A second source, so the page shows two (and ids differ).
    QTemporaryDir other;
    QFile log(other.filePath(QStringLiteral("server.log")));
    ASSERT_TRUE(log.open(QIODevice::WriteOnly));
    log.write("2026-11-29T10:00:02.000Z WARN [sim] second source ms=5\n");
    log.close();
    dialog = openDialog();
    dialog->pathEdit()->setText(log.fileName());
    const int fileId = clickAdd(dialog);
    ASSERT_NE(fileId, awsId);
    ASSERT_TRUE(waitUntil([&] { return m_page->model()->rowCount() >= 4; }, 10000));
    if (qEnvironmentVariableIsSet("DREAMOPS_LOGSOURCES_SHOTS")) {
        settle(200);
        m_page->grab().save(QStringLiteral("/tmp/logsources-page-two.png"));
    }

    EXPECT_FALSE(m_page->sourceControls()->removeButton()->isEnabled());
    LogViewSourceList *list = m_page->sourceList();
    for (int i = 0; i < list->topLevelItemCount(); ++i) {
        if (list->topLevelItem(i)->text(0).startsWith(QStringLiteral("aws")))
            list->topLevelItem(i)->setSelected(true);
    }
    ASSERT_EQ(list->selectedSourceId(), awsId);
    ASSERT_TRUE(m_page->sourceControls()->removeButton()->isEnabled());
    const int rows = m_page->model()->rowCount();
    QTest::mouseClick(m_page->sourceControls()->removeButton(), Qt::LeftButton);
    EXPECT_EQ(m_mux.source(awsId), nullptr);
    EXPECT_FALSE(list->hasSource(awsId));
    EXPECT_TRUE(list->hasSource(fileId));
    EXPECT_TRUE(waitUntil([pid] { return !processAlive(pid); }, 5000)) << "fake aws still runs";
    settle();
    EXPECT_EQ(m_page->model()->rowCount(), rows); // its lines stay
    EXPECT_FALSE(m_page->sourceControls()->removeButton()->isEnabled());
}

TEST_F(LogSourcesTest, ReadOnceAddsTheLimitAndAMissingCliIsRefused)
{
    AddLogSourceDialog *dialog = openDialog();
    fillCloudRun(dialog, QStringLiteral("api"));
    dialog->modeBox()->setCurrentIndex(1);
    dialog->limitBox()->setValue(250);
    EXPECT_EQ(dialog->request().arguments(),
              QStringList({QStringLiteral("run"), QStringLiteral("services"),
                           QStringLiteral("logs"), QStringLiteral("read"), QStringLiteral("api"),
                           QStringLiteral("--region"), QStringLiteral("europe-west1"),
                           QStringLiteral("--project"), QStringLiteral("dreamnet-prod"),
                           QStringLiteral("--limit"), QStringLiteral("250")}));
    // Without a project, gcloud's configured one applies: no --project at all.
    dialog->projectEdit()->clear();
    EXPECT_FALSE(dialog->request().arguments().contains(QStringLiteral("--project")));
    EXPECT_TRUE(dialog->okButton()->isEnabled());

    QTemporaryDir empty;
    qputenv("PATH", QFile::encodeName(empty.path()));
    dialog->kindBox()->setCurrentIndex(int(AddLogSourceDialog::Choice::AppRunner));
    dialog->kindBox()->setCurrentIndex(int(AddLogSourceDialog::Choice::CloudRun));
    EXPECT_TRUE(dialog->noteLabel()->text().startsWith(
        QStringLiteral("gcloud is not installed or not on PATH")))
        << dialog->noteLabel()->text().toStdString();
    EXPECT_FALSE(dialog->okButton()->isEnabled());
    dialog->accept();
    EXPECT_TRUE(m_mux.sources().isEmpty());
    dialog->reject();
}

TEST_F(LogSourcesTest, U5_EveryControlHasAnAccessibleName)
{
    AddLogSourceDialog *dialog = openDialog();
    QList<QWidget *> widgets = dialog->findChildren<QWidget *>();
    widgets += m_page->sourceControls()->findChildren<QWidget *>();
    for (QWidget *widget : widgets) {
        if (widget->focusPolicy() == Qt::NoFocus || qobject_cast<QLabel *>(widget))
            continue;
        if (widget->parentWidget() && qobject_cast<QComboBox *>(widget->parentWidget()))
            continue; // the combo box's own popup parts
        EXPECT_FALSE(widget->accessibleName().isEmpty())
            << widget->metaObject()->className() << " in "
            << widget->parentWidget()->metaObject()->className();
    }
    for (const QString &field :
         {QStringLiteral("path"), QStringLiteral("service"), QStringLiteral("region"),
          QStringLiteral("project"), QStringLiteral("limit"), QStringLiteral("logGroup")}) {
        ASSERT_NE(dialog->errorLabel(field), nullptr) << field.toStdString();
        EXPECT_FALSE(dialog->errorLabel(field)->accessibleName().isEmpty());
    }
    dialog->reject();
}
