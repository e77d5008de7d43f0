#pragma once

#include "actioncontroller.h"
#include "actionjournal.h"
#include "clienttestutil.h"
#include "commandcatalogue.h"
#include "commandresult.h"
#include "incidentstore.h"
#include "runbooklibrary.h"
#include "runbookpath.h"
#include "runbookrun.h"

#include <gtest/gtest.h>

#include <QJsonArray>
#include <QTemporaryDir>
#include <QUuid>

#include <memory>

// The engine's world for a test: a simulator, a client, an action controller with a journal,
// an incident record with a declared incident, the built-in runbooks, and helpers that wait
// on a RunbookRun's step states.
namespace RunbookTest {

class Rig
{
public:
    /// `speed` = the simulator's --speed and the run's time scale.
    explicit Rig(double simSpeed)
        : speed(simSpeed)
    {
        sim = TestSupport::startSimulator(
            {QStringLiteral("--seed"), QStringLiteral("8"),
             // The runbook polls fast at a high --speed: keep the 429 guard out of the way.
             QStringLiteral("--rate-limit"), QStringLiteral("5000")},
            speed);
        client = std::make_unique<OpsClient>(
            ClientTest::profileFor(sim->baseUrl(), 5000, sim->token()));
        QString error;
        EXPECT_TRUE(journal.open(dir.filePath(QStringLiteral("journal.sqlite")), &error))
            << error.toStdString();
        actions = std::make_unique<ActionController>(client.get(), &journal,
                                                     QStringLiteral("simulator"));
        reopenIncidents();
        IncidentStore::Declaration d;
        d.title = QStringLiteral("drill");
        d.severity = Severity::P1;
        d.commander = QStringLiteral("Ops lead");
        d.reason = QStringLiteral("runbook drill");
        incidentId = incidents->declare(d, &error);
        EXPECT_FALSE(incidentId.isEmpty()) << error.toStdString();
        catalogue.load({QStringLiteral(":/commands")});
        library.load({QStringLiteral(":/runbooks")}, &catalogue);
        EXPECT_TRUE(library.errors().isEmpty());
    }

    /// Closes the incident record and opens it again, as a console restart does.
    void reopenIncidents()
    {
        incidents = std::make_unique<IncidentStore>();
        QString error;
        EXPECT_TRUE(incidents->open(dir.filePath(QStringLiteral("incidents.sqlite")), &error))
            << error.toStdString();
    }

    std::unique_ptr<RunbookRun> run(const QString &runbookId)
    {
        const Runbook *rb = library.find(runbookId);
        EXPECT_NE(rb, nullptr) << runbookId.toStdString();
        RunbookContext ctx;
        ctx.client = client.get();
        ctx.actions = actions.get();
        ctx.incidents = incidents.get();
        ctx.incidentId = incidentId;
        ctx.commands = &catalogue;
        ctx.timeScale = speed;
        return std::make_unique<RunbookRun>(*rb, ctx);
    }

    /// POST to the simulator (scenario injection, the "provider recovered" of a drill).
    void post(const QString &path, const QByteArray &body)
    {
        const auto r = TestSupport::request(
            "POST", sim->baseUrl().resolved(QUrl(path)),
            {{"Authorization", "Bearer " + sim->token().toUtf8()},
             {"Content-Type", "application/json"},
             {"Idempotency-Key", QUuid::createUuid().toByteArray(QUuid::WithoutBraces)}},
            body);
        EXPECT_LT(r.status, 300) << path.toStdString() << " " << r.body.toStdString();
    }
    QJsonObject get(const QString &path)
    {
        return TestSupport::request("GET", sim->baseUrl().resolved(QUrl(path)),
                                    {{"Authorization", "Bearer " + sim->token().toUtf8()}})
            .json();
    }
    /// One value of a GET answer, by a runbook path ("breakers.[name=openai].state").
    QJsonValue value(const QString &path, const QString &jsonPath)
    {
        return RunbookPath::resolve(get(path), jsonPath).value_or(QJsonValue());
    }
    void inject(const char *scenario)
    {
        post(QStringLiteral("/api/sim/scenario"),
             QByteArray(R"({"name": ")") + scenario + QByteArray(R"("})"));
    }

    /// The WizardStep texts of the incident, in order.
    QStringList wizardTimeline() const
    {
        QStringList out;
        for (const TimelineEntry &e : incidents->entries(incidentId)) {
            if (e.kind == TimelineEntry::Kind::WizardStep)
                out.append(e.text);
        }
        return out;
    }

    double speed;
    QTemporaryDir dir;
    std::unique_ptr<SimulatorProcess> sim;
    std::unique_ptr<OpsClient> client;
    ActionJournal journal;
    std::unique_ptr<ActionController> actions;
    std::unique_ptr<IncidentStore> incidents;
    QString incidentId;
    CommandCatalogue catalogue;
    RunbookLibrary library;
};

/// Waits until the current step is `stepId` and has left Pending/Running; returns its status.
inline RunbookStepStatus settled(RunbookRun &run, const QString &stepId, int timeoutMs = 15000)
{
    const bool ok = TestSupport::waitUntil(
        [&] {
            const RunbookStep *s = run.currentStep();
            if (!s || s->id != stepId)
                return false;
            const RunbookStepState st = run.status(run.currentIndex()).state;
            return st != RunbookStepState::Pending && st != RunbookStepState::Running;
        },
        timeoutMs);
    EXPECT_TRUE(ok) << "step " << stepId.toStdString() << " did not settle; now at "
                    << (run.currentStep() ? run.currentStep()->id.toStdString() : "(end)") << ": "
                    << run.status(run.currentIndex()).sentence.toStdString();
    return run.status(run.currentIndex());
}

/// A successful run of the step's command, as the GUI's CommandForm reports it.
inline CommandResult commandSucceeded(const QString &commandId)
{
    CommandResult r;
    r.commandId = commandId;
    r.status = CommandResult::Status::Succeeded;
    r.durationMs = 1200;
    return r;
}

} // namespace RunbookTest
