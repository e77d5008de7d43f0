// The four runbooks driven through the engine against the real simulator with the scenario
// injected (issue 8): the first check fails, the mitigation lands on the server (a GET shows
// it), the watch then passes, and the incident timeline holds every step in order.
#include "runbooktestutil.h"

#include <QJsonArray>

using namespace RunbookTest;

namespace {

constexpr double kSpeed = 20.0; // watch holds of 60 runbook seconds take 3 s
constexpr int kWatchMs = 40000;

double errorRate(Rig &rig)
{
    return rig
        .value(QStringLiteral("/api/metrics"), QStringLiteral("goldenSignals.errors.errorRate"))
        .toDouble();
}

bool openaiBreakerOpen(Rig &rig)
{
    return rig.value(QStringLiteral("/api/circuit-breakers"),
                     QStringLiteral("breakers.[name=openai].state"))
        == QLatin1String("open");
}

// Every step the run went through is on the timeline in order, between "started" and
// "finished", each with its outcome.
void expectTimeline(Rig &rig, const RunbookRun &run, const QStringList &states)
{
    const QStringList timeline = rig.wizardTimeline();
    const QString prefix = QStringLiteral("Runbook '%1' \u2014 ").arg(run.runbook().title);
    ASSERT_EQ(timeline.size(), run.visited().size() + 2)
        << timeline.join(QLatin1Char('\n')).toStdString();
    EXPECT_EQ(timeline.first(), prefix + QStringLiteral("started"));
    EXPECT_EQ(timeline.last(), prefix + QStringLiteral("finished"));
    ASSERT_EQ(states.size(), run.visited().size());
    for (int i = 0; i < run.visited().size(); ++i) {
        const int index = run.runbook().indexOf(run.visited().at(i));
        const QString expected = prefix
            + QStringLiteral("step %1 '%2': %3")
                  .arg(index + 1)
                  .arg(run.runbook().steps.at(index).title, states.at(i));
        EXPECT_TRUE(timeline.at(i + 1).startsWith(expected))
            << timeline.at(i + 1).toStdString() << "\n  expected: " << expected.toStdString();
    }
}

} // namespace

TEST(RunbookScenario, ErrorSpikeQuarantinesTheFailingAgent)
{
    Rig rig(kSpeed);
    rig.inject("error-spike");
    ASSERT_TRUE(TestSupport::waitUntil([&] { return errorRate(rig) > 0.3; }, 15000));
    auto run = rig.run(QStringLiteral("high-error-rate"));
    run->start();

    RunbookStepStatus s = settled(*run, QStringLiteral("error-rate"));
    EXPECT_EQ(s.state, RunbookStepState::Failed) << s.sentence.toStdString();
    EXPECT_TRUE(run->canGoNext()); // a diagnostic check: the failure is the evidence
    ASSERT_TRUE(run->next());
    settled(*run, QStringLiteral("logs"));
    EXPECT_FALSE(run->canGoNext());
    ASSERT_TRUE(run->completeManual(QStringLiteral("[citadel] errors repeat")));
    ASSERT_TRUE(run->next());
    s = settled(*run, QStringLiteral("find-agent"));
    EXPECT_EQ(s.evidence->value, QStringLiteral("citadel"));
    EXPECT_EQ(run->nextTarget(), QStringLiteral("quarantine"));
    ASSERT_TRUE(run->next());
    settled(*run, QStringLiteral("quarantine"));
    const std::optional<ActionRequest> proposed = run->proposedAction();
    ASSERT_TRUE(proposed);
    EXPECT_EQ(proposed->kind, ActionRequest::Kind::QuarantineAgent);
    EXPECT_EQ(proposed->target, QStringLiteral("citadel"));
    EXPECT_EQ(proposed->reason,
              QStringLiteral("High error rate from agent citadel (runbook 'High error rate')."));
    EXPECT_FALSE(run->canGoNext());
    ASSERT_TRUE(run->confirmAction(proposed->reason));
    s = settled(*run, QStringLiteral("quarantine"));
    EXPECT_EQ(s.state, RunbookStepState::Done) << s.sentence.toStdString();
    EXPECT_EQ(
        rig.value(QStringLiteral("/api/agents"), QStringLiteral("agents.[id=citadel].status")),
        QStringLiteral("quarantined"));
    ASSERT_TRUE(run->next());
    settled(*run, QStringLiteral("scale-down"));
    EXPECT_EQ(run->commandId(), QStringLiteral("cloudrun.services.scale"));
    EXPECT_EQ(run->commandParams().value(QStringLiteral("maxInstances")), QStringLiteral("3"));
    run->reportCommandResult(commandSucceeded(run->commandId()));
    ASSERT_TRUE(run->next());
    settled(*run, QStringLiteral("dlq"));
    EXPECT_EQ(run->nextTarget(), QStringLiteral("replay"));
    ASSERT_TRUE(run->next());
    settled(*run, QStringLiteral("replay"));
    EXPECT_EQ(run->proposedAction()->replay.rateLimit, 10);
    ASSERT_TRUE(run->confirmAction(run->proposedAction()->reason));
    s = settled(*run, QStringLiteral("replay"));
    EXPECT_EQ(s.state, RunbookStepState::Done) << s.sentence.toStdString();
    ASSERT_TRUE(run->next());
    s = settled(*run, QStringLiteral("errors-down"), kWatchMs);
    EXPECT_EQ(s.state, RunbookStepState::Passed) << s.sentence.toStdString();
    EXPECT_EQ(s.heldSeconds, 60);
    EXPECT_LT(errorRate(rig), 0.05);
    ASSERT_TRUE(run->next());
    EXPECT_TRUE(run->isFinished());
    expectTimeline(rig, *run,
                   {QStringLiteral("failed"), QStringLiteral("done"), QStringLiteral("passed"),
                    QStringLiteral("done"), QStringLiteral("done"), QStringLiteral("failed"),
                    QStringLiteral("done"), QStringLiteral("passed")});
}

TEST(RunbookScenario, DbOutageDrainsWritesAndWatchesReadiness)
{
    Rig rig(kSpeed);
    rig.inject("db-outage");
    ASSERT_TRUE(TestSupport::waitUntil(
        [&] {
            return rig.value(QStringLiteral("/health/ready"), QStringLiteral("checks.database"))
                == false;
        },
        15000));
    auto run = rig.run(QStringLiteral("db-connection"));
    run->start();

    RunbookStepStatus s = settled(*run, QStringLiteral("ready"));
    EXPECT_EQ(s.state, RunbookStepState::Failed);
    EXPECT_EQ(s.evidence->value, QStringLiteral("false"));
    EXPECT_EQ(s.evidence->httpStatus, 503);
    EXPECT_TRUE(s.evidence->rawJson.contains(QLatin1String("ECONNREFUSED")));
    ASSERT_TRUE(run->next());
    settled(*run, QStringLiteral("database-url"));
    ASSERT_TRUE(run->completeManual());
    ASSERT_TRUE(run->next());
    settled(*run, QStringLiteral("provider"));
    ASSERT_TRUE(run->completeManual(QStringLiteral("Neon: no incident")));
    ASSERT_TRUE(run->next());
    settled(*run, QStringLiteral("writes"));
    EXPECT_EQ(run->nextTarget(), QStringLiteral("drain"));
    ASSERT_TRUE(run->next());
    settled(*run, QStringLiteral("drain"));
    ASSERT_TRUE(run->confirmAction(run->proposedAction()->reason));
    s = settled(*run, QStringLiteral("drain"));
    EXPECT_EQ(s.state, RunbookStepState::Done) << s.sentence.toStdString();
    EXPECT_EQ(rig.value(QStringLiteral("/api/ops/status"), QStringLiteral("writeDrain.enabled")),
              true);
    // A write now gets a clean 503 instead of a 500.
    const auto write = TestSupport::request(
        "POST", rig.sim->baseUrl().resolved(QUrl(QStringLiteral("/api/dreams"))),
        {{"Authorization", "Bearer " + rig.sim->token().toUtf8()},
         {"Content-Type", "application/json"}},
        R"({"title": "drill"})");
    EXPECT_EQ(write.status, 503);
    ASSERT_TRUE(run->next());
    settled(*run, QStringLiteral("scale-down"));
    run->reportCommandResult(commandSucceeded(QStringLiteral("cloudrun.services.scale")));
    ASSERT_TRUE(run->next());
    // The watch waits while the database is down...
    ASSERT_TRUE(TestSupport::waitUntil(
        [&] { return run->status(run->currentIndex()).elapsedSeconds >= 20; }, 10000));
    EXPECT_EQ(run->status(run->currentIndex()).state, RunbookStepState::Running);
    EXPECT_EQ(run->status(run->currentIndex()).heldSeconds, 0);
    // ...and passes once the provider is back.
    rig.inject("none");
    s = settled(*run, QStringLiteral("ready-again"), kWatchMs);
    EXPECT_EQ(s.state, RunbookStepState::Passed) << s.sentence.toStdString();
    ASSERT_TRUE(run->next());
    settled(*run, QStringLiteral("drained"));
    EXPECT_EQ(run->nextTarget(), QStringLiteral("undrain"));
    ASSERT_TRUE(run->next());
    settled(*run, QStringLiteral("undrain"));
    ASSERT_TRUE(run->confirmAction(run->proposedAction()->reason));
    EXPECT_EQ(settled(*run, QStringLiteral("undrain")).state, RunbookStepState::Done);
    ASSERT_TRUE(run->next());
    EXPECT_TRUE(run->isFinished());
    expectTimeline(rig, *run,
                   {QStringLiteral("failed"), QStringLiteral("done"), QStringLiteral("done"),
                    QStringLiteral("failed"), QStringLiteral("done"), QStringLiteral("done"),
                    QStringLiteral("passed"), QStringLiteral("passed"), QStringLiteral("done")});
}

TEST(RunbookScenario, RateLimitBrownsOutEmbeddings)
{
    Rig rig(kSpeed);
    rig.inject("rate-limit");
    auto run = rig.run(QStringLiteral("openai-rate-limit"));
    ASSERT_TRUE(TestSupport::waitUntil([&] { return openaiBreakerOpen(rig); }, 15000));
    run->start();

    RunbookStepStatus s = settled(*run, QStringLiteral("confirm"));
    EXPECT_EQ(s.state, RunbookStepState::Failed);
    EXPECT_EQ(s.evidence->value, QStringLiteral("open"));
    ASSERT_TRUE(run->next());
    settled(*run, QStringLiteral("brownout"));
    EXPECT_EQ(run->proposedAction()->actionName(), QStringLiteral("flag.disable"));
    EXPECT_EQ(run->proposedAction()->target, QStringLiteral("ai_embeddings_enabled"));
    ASSERT_TRUE(run->confirmAction(run->proposedAction()->reason));
    s = settled(*run, QStringLiteral("brownout"));
    EXPECT_EQ(s.state, RunbookStepState::Done) << s.sentence.toStdString();
    EXPECT_EQ(rig.value(QStringLiteral("/api/integration-flags"),
                        QStringLiteral("flags.[name=ai_embeddings_enabled].enabled")),
              false);
    ASSERT_TRUE(run->next());
    settled(*run, QStringLiteral("breaker"));
    ASSERT_TRUE(run->next());
    settled(*run, QStringLiteral("reduce"));
    EXPECT_FALSE(run->canGoNext());
    ASSERT_TRUE(run->answer(0));
    s = settled(*run, QStringLiteral("fallback"));
    EXPECT_EQ(s.state, RunbookStepState::Passed);
    ASSERT_TRUE(run->next());
    s = settled(*run, QStringLiteral("errors-down"), kWatchMs);
    EXPECT_EQ(s.state, RunbookStepState::Passed) << s.sentence.toStdString();
    ASSERT_TRUE(run->next());
    EXPECT_TRUE(run->isFinished());
    expectTimeline(rig, *run,
                   {QStringLiteral("failed"), QStringLiteral("done"),
                    run->status(2).state == RunbookStepState::Passed ? QStringLiteral("passed")
                                                                     : QStringLiteral("failed"),
                    QStringLiteral("done"), QStringLiteral("passed"), QStringLiteral("passed")});
}

TEST(RunbookScenario, MemoryLeakRestartsAndWatchesMemory)
{
    Rig rig(kSpeed);
    rig.inject("memory-leak");
    auto rssMb = [&] {
        return rig.value(QStringLiteral("/api/metrics"),
                         QStringLiteral("goldenSignals.saturation.memory.rss"))
                   .toDouble()
            / 1048576.0;
    };
    ASSERT_TRUE(TestSupport::waitUntil([&] { return rssMb() > 560; }, 30000));
    auto run = rig.run(QStringLiteral("memory-leak"));
    run->start();

    RunbookStepStatus s = settled(*run, QStringLiteral("memory"));
    EXPECT_EQ(s.state, RunbookStepState::Failed);
    ASSERT_TRUE(run->next());
    settled(*run, QStringLiteral("scale-up"));
    EXPECT_EQ(run->commandParams().value(QStringLiteral("minInstances")), QStringLiteral("2"));
    run->reportCommandResult(commandSucceeded(QStringLiteral("cloudrun.services.scale")));
    ASSERT_TRUE(run->next());
    settled(*run, QStringLiteral("restart"));
    EXPECT_EQ(run->proposedAction()->kind, ActionRequest::Kind::RestartService);
    ASSERT_TRUE(run->confirmAction(run->proposedAction()->reason));
    s = settled(*run, QStringLiteral("restart"));
    EXPECT_EQ(s.state, RunbookStepState::Done) << s.sentence.toStdString();
    ASSERT_TRUE(run->next());
    settled(*run, QStringLiteral("leak-source"));
    ASSERT_TRUE(run->completeManual(QStringLiteral("cache never evicted")));
    ASSERT_TRUE(run->next());
    settled(*run, QStringLiteral("fix"));
    rig.inject("none"); // the fixed revision is deployed: the leak stops
    ASSERT_TRUE(run->completeManual(QStringLiteral("rev dreamnet-00042-fix")));
    ASSERT_TRUE(run->next());
    s = settled(*run, QStringLiteral("memory-down"), kWatchMs);
    EXPECT_EQ(s.state, RunbookStepState::Passed) << s.sentence.toStdString();
    EXPECT_LT(rssMb(), 512);
    ASSERT_TRUE(run->next());
    EXPECT_TRUE(run->isFinished());
    expectTimeline(rig, *run,
                   {QStringLiteral("failed"), QStringLiteral("done"), QStringLiteral("done"),
                    QStringLiteral("done"), QStringLiteral("done"), QStringLiteral("passed")});
}
