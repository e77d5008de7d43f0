#include "runbookwizardrig.h"

#include "commandform.h"
#include "incidentstore.h"
#include "reasondialog.h"
#include "runbookheader.h"
#include "runbooksteppanel.h"

#include <gtest/gtest.h>

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QTest>

RunbookWizardRig::RunbookWizardRig(double simulatorSpeed)
    : speed(simulatorSpeed)
    , sim(TestSupport::startSimulator(
          {QStringLiteral("--seed"), QStringLiteral("7"),
           // The runbook polls fast at a high --speed: keep the 429 guard out of the way.
           QStringLiteral("--rate-limit"), QStringLiteral("5000")},
          simulatorSpeed))
{
    EXPECT_TRUE(fake.isValid());
    ConnectionProfile profile;
    profile.name = QStringLiteral("simulator");
    profile.baseUrl = sim->baseUrl();
    profile.token = sim->token();
    profile.isSimulator = true;
    profile.deadlineMs = 3000;
    profile.operatorName = QStringLiteral("lead");
    client = std::make_unique<OpsClient>(profile);
    controls = std::make_unique<ConsoleControls>(client.get(), QStringLiteral("simulator"),
                                                 dir.filePath(QStringLiteral("journal.sqlite")));
    EXPECT_TRUE(controls->journalProblem().isEmpty()) << controls->journalProblem().toStdString();
    EXPECT_TRUE(controls->incidentProblem().isEmpty()) << controls->incidentProblem().toStdString();
    poller = std::make_unique<DashboardPoller>(client.get());
    poller->start();
    catalogue.load({QStringLiteral(":/commands")});
    library.load({QStringLiteral(":/runbooks")}, &catalogue);
    for (const RunbookLibrary::LoadError &error : library.errors())
        ADD_FAILURE() << "built-in runbook rejected: " << error.sentence().toStdString();
}

RunbookWizardRig::~RunbookWizardRig()
{
    destroyWizard();
    poller->stop();
}

RunbookWizard *RunbookWizardRig::createWizard()
{
    destroyWizard();
    wizard = std::make_unique<RunbookWizard>(library, catalogue, controls->journal());
    RunbookContext context;
    context.client = client.get();
    context.actions = controls->actions();
    context.incidents = controls->incidents();
    context.commands = &catalogue;
    context.timeScale = speed;
    wizard->setEnvironment(QStringLiteral("SIMULATOR at ") + sim->baseUrl().toString());
    wizard->setProcessEnvironment(fake.environment());
    wizard->setPoller(poller.get());
    wizard->setContext(context);
    wizard->resize(1400, 900);
    wizard->show();
    EXPECT_TRUE(QTest::qWaitForWindowExposed(wizard.get()));
    return wizard.get();
}

void RunbookWizardRig::destroyWizard()
{
    wizard.reset();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
}

QString RunbookWizardRig::declareIncident(const QString &title)
{
    IncidentStore::Declaration declaration;
    declaration.title = title;
    declaration.severity = Severity::P1;
    declaration.commander = QStringLiteral("lead");
    declaration.reason = QStringLiteral("drill");
    QString error;
    const QString id = controls->incidents()->declare(declaration, &error);
    EXPECT_FALSE(id.isEmpty()) << error.toStdString();
    return id;
}

QJsonObject RunbookWizardRig::get(const QString &path) const
{
    return TestSupport::request("GET", sim->baseUrl().resolved(QUrl(path)),
                                {{"Authorization", "Bearer " + sim->token().toUtf8()}})
        .json();
}

void RunbookWizardRig::setScenario(const QString &name, int durationSeconds) const
{
    QJsonObject body {{QStringLiteral("name"), name}};
    if (durationSeconds > 0)
        body.insert(QStringLiteral("durationSeconds"), durationSeconds);
    const auto result = TestSupport::request(
        "POST", sim->baseUrl().resolved(QUrl(QStringLiteral("/api/sim/scenario"))),
        {{"Authorization", "Bearer " + sim->token().toUtf8()},
         {"Content-Type", "application/json"}},
        QJsonDocument(body).toJson(QJsonDocument::Compact));
    EXPECT_EQ(result.status, 200) << result.body.toStdString();
}

QList<QJsonObject> RunbookWizardRig::recordedSteps(const QString &incidentId) const
{
    QList<QJsonObject> steps;
    for (const TimelineEntry &entry : controls->incidents()->entries(incidentId)) {
        if (entry.kind == TimelineEntry::Kind::WizardStep
            && entry.data.contains(QLatin1String("step")))
            steps.append(entry.data);
    }
    return steps;
}

void RunbookWizardRig::screenshot(const QString &name) const
{
    const QString dirName = qEnvironmentVariable("RBGUI_SCREENSHOT_DIR");
    if (dirName.isEmpty() || !wizard)
        return;
    QCoreApplication::processEvents();
    const QString file = dirName + QStringLiteral("/rbgui-") + name + QStringLiteral(".png");
    EXPECT_TRUE(wizard->grab().save(file, "PNG")) << file.toStdString();
}

void RunbookDriver::click(QWidget *widget)
{
    ASSERT_NE(widget, nullptr);
    ASSERT_TRUE(widget->isVisible()) << widget->objectName().toStdString() << " is hidden";
    ASSERT_TRUE(widget->isEnabled()) << widget->objectName().toStdString() << " is disabled";
    ++m_count;
    // A check box toggles on its indicator and label, not on the empty width beside them.
    const QPoint at = qobject_cast<QCheckBox *>(widget) ? QPoint(8, widget->height() / 2)
                                                        : widget->rect().center();
    QTest::mouseClick(widget, Qt::LeftButton, Qt::NoModifier, at);
}

void RunbookDriver::type(QWidget *widget, const QString &text)
{
    ASSERT_NE(widget, nullptr);
    ASSERT_TRUE(widget->isVisible() && widget->isEnabled());
    ++m_count;
    QTest::keyClicks(widget, text);
}

void RunbookDriver::key(QWidget *widget, int key)
{
    ASSERT_NE(widget, nullptr);
    ++m_count;
    QTest::keyClick(widget, Qt::Key(key));
}

void RunbookDriver::pick(QComboBox *combo, int index)
{
    ASSERT_NE(combo, nullptr);
    ASSERT_TRUE(combo->isVisible() && combo->isEnabled());
    ASSERT_TRUE(index >= 0 && index < combo->count());
    ++m_count;
    combo->setCurrentIndex(index);
}

RunbookRun *RunbookDriver::open(const QString &runbookId)
{
    QComboBox *picker = m_wizard->header()->picker();
    const int index = picker->findData(runbookId);
    if (index < 0) {
        ADD_FAILURE() << runbookId.toStdString() << " is not offered";
        return nullptr;
    }
    pick(picker, index);
    click(m_wizard->header()->openButton());
    return m_wizard->run();
}

bool RunbookDriver::waitForNextControl(int timeoutMs) const
{
    return TestSupport::waitUntil(
        [this] {
            const RunbookRun *run = m_wizard->run();
            return m_wizard->nextControl() != nullptr || (run && run->isFinished());
        },
        timeoutMs);
}

bool RunbookDriver::actOnNextControl(const QString &answer)
{
    QWidget *next = m_wizard->nextControl();
    if (!next)
        return false;
    RunbookStepPanel *panel = m_wizard->stepPanel();
    const QList<QPushButton *> answers = panel->answerButtons();
    if (answers.contains(next)) {
        QStringList offered;
        for (QPushButton *button : answers) {
            if (!answer.isEmpty() && button->text().startsWith(answer)) {
                click(button);
                return true;
            }
            offered << button->text();
        }
        ADD_FAILURE() << "no answer starts with '" << answer.toStdString()
                      << "'; offered: " << offered.join(QStringLiteral(" | ")).toStdString();
        return false;
    }
    click(next);
    if (next == panel->actionButton())
        confirmDialog("runbookActionDialog");
    else if (next == panel->commandForm()->runButton() && isProductionChange())
        confirmDialog("commandConfirmDialog");
    return !::testing::Test::HasFatalFailure();
}

bool RunbookDriver::isProductionChange() const
{
    // A read-only command runs at once; one that changes production asks first (the form says
    // which on its badge).
    return !m_wizard->stepPanel()
                ->commandForm()
                ->findChild<QLabel *>(QStringLiteral("commandBadge"))
                ->text()
                .startsWith(QStringLiteral("Read-only"));
}

void RunbookDriver::confirmDialog(const char *objectName)
{
    ReasonDialog *dialog = nullptr;
    ASSERT_TRUE(TestSupport::waitUntil([&] {
        dialog = m_wizard->findChild<ReasonDialog *>(QLatin1String(objectName));
        return dialog && dialog->isVisible();
    })) << objectName
        << " did not open";
    if (QLineEdit *typed = dialog->confirmEdit()) {
        // The dialog says what to type: "Type <target> to confirm".
        static const QRegularExpression said(QStringLiteral("^Type (.+) to confirm$"));
        const QRegularExpressionMatch match = said.match(typed->accessibleName());
        ASSERT_TRUE(match.hasMatch()) << typed->accessibleName().toStdString();
        type(typed, match.captured(1));
    }
    if (dialog->reason().isEmpty())
        type(dialog->reasonEdit(), QStringLiteral("runbook step"));
    click(dialog->confirmButton());
}
