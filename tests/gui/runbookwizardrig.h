#pragma once

#include "commandcatalogue.h"
#include "consolecontrols.h"
#include "dashboardpoller.h"
#include "fakecli.h"
#include "opsclient.h"
#include "runbooklibrary.h"
#include "runbookwizard.h"
#include "testsupport.h"

#include <QJsonObject>
#include <QTemporaryDir>

#include <memory>

class QComboBox;
class QWidget;

// The runbook wizard over a real simulator (fast clock), a real OpsClient, ConsoleControls
// (journal, ActionController, incident store in a temporary folder), a DashboardPoller for the
// suggestion and the metric checks, the built-in runbooks and commands, and the fake gcloud/aws.
// The wizard can be destroyed and built again on the same controls (a console restart).
class RunbookWizardRig final
{
public:
    static constexpr double kSpeed = 30.0;

    explicit RunbookWizardRig(double simulatorSpeed = kSpeed);
    ~RunbookWizardRig();

    /// Builds (or rebuilds) the wizard page at 1400x900, shown, wired as MainWindow does.
    RunbookWizard *createWizard();
    void destroyWizard();
    /// Declares an incident in the store (active at once) and returns its id.
    QString declareIncident(const QString &title);

    QJsonObject get(const QString &path) const;
    /// Injects a scenario; `durationSeconds` > 0 ends it after that many simulated seconds.
    void setScenario(const QString &name, int durationSeconds = 0) const;
    /// The WizardStep entries of `incidentId` that record a step (data "step"), in order.
    QList<QJsonObject> recordedSteps(const QString &incidentId) const;

    /// Saves a PNG of the wizard into $RBGUI_SCREENSHOT_DIR as rbgui-<name>.png when set.
    void screenshot(const QString &name) const;

    double speed;
    std::unique_ptr<SimulatorProcess> sim;
    QTemporaryDir dir;
    FakeCli fake;
    std::unique_ptr<OpsClient> client;
    std::unique_ptr<ConsoleControls> controls;
    std::unique_ptr<DashboardPoller> poller;
    CommandCatalogue catalogue;
    RunbookLibrary library;
    std::unique_ptr<RunbookWizard> wizard;
};

// Sends the lead's clicks and keys to the real widgets and counts them: a click, a key, or the
// text typed into one field counts one each. It refuses (fails the test) to touch a widget that
// is hidden or disabled: the test only does what the page offers.
class RunbookDriver final
{
public:
    explicit RunbookDriver(RunbookWizard *wizard)
        : m_wizard(wizard)
    { }

    void click(QWidget *widget);
    void type(QWidget *widget, const QString &text);
    void key(QWidget *widget, int key);
    /// Chooses item `index` of a combo box (one interaction, as a click in its list).
    void pick(QComboBox *combo, int index);
    /// Picks `runbookId` in the header's picker and clicks Open (two interactions); the run it
    /// opened, or null (with a test failure when the picker does not offer it).
    RunbookRun *open(const QString &runbookId);
    int count() const { return m_count; }

    /// Waits until the page presents a next control (or the run ended). False on timeout.
    bool waitForNextControl(int timeoutMs = 30000) const;
    /// Does what nextControl() asks: clicks it; an action or command confirmation that opens is
    /// confirmed as presented (its pre-filled reason, the target it asks to type). For a
    /// question, picks the answer whose label starts with `answer` (it must be shown).
    bool actOnNextControl(const QString &answer = {});

private:
    void confirmDialog(const char *objectName);
    bool isProductionChange() const;

    RunbookWizard *m_wizard;
    int m_count = 0;
};
