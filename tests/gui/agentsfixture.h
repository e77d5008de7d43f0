#pragma once

#include "actioncontroller.h"
#include "actionjournal.h"
#include "controlspoller.h"
#include "opsclient.h"
#include "testsupport.h"

#include <QJsonObject>
#include <QTemporaryDir>

#include <memory>

class QWidget;

// A simulator with a real OpsClient, ActionJournal, ActionController and a fast ControlsPoller,
// for the agents and dead-letter page tests; blocking helpers to drive and read the simulator
// behind the console's back (as another operator or the test's own eyes).
class AgentsFixture final
{
public:
    explicit AgentsFixture(double speed = 1.0);
    ~AgentsFixture();

    /// GET/POST with the operator token, straight to the simulator (not through the console).
    QJsonObject get(const QString &path) const;
    TestSupport::HttpResult post(const QString &path, const QJsonObject &body) const;
    /// The simulator's count of executed mutations on `path` (0 = nothing was sent).
    int executed(const QString &path) const;
    /// The agent's status as the server reports it ("quarantined", "active", ...).
    QString agentStatus(const QString &agentId) const;
    void setScenario(const QString &name) const;
    void advance(int seconds) const;
    /// Grows the dead-letter queue (rate-limit scenario, stepped clock) past `atLeast`.
    qint64 fillDeadLetterQueue(qint64 atLeast) const;

    /// Visible widgets under `root` that take focus but have no accessible name (U5).
    static QStringList unnamedControls(QWidget *root);
    /// Saves a PNG of `widget` into $DREAMOPS_SCREENSHOT_DIR when that is set.
    static void screenshot(QWidget *widget, const QString &name);

    std::unique_ptr<SimulatorProcess> sim;
    QTemporaryDir dir;
    std::unique_ptr<OpsClient> client;
    std::unique_ptr<ActionJournal> journal;
    std::unique_ptr<ActionController> controller;
    std::unique_ptr<ControlsPoller> poller;
};
