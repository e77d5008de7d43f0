// RunbookRun's rules (issue 8): resume after a restart at the step it was on, skip only with a
// reason, a dead server fails a check with the network sentence (never hangs), hand-over from
// the triage runbook, and the pure parts (paths, predicates, stored progress).
#include "runbookchecker.h"
#include "runbookpath.h"
#include "runbookprogress.h"
#include "runbooktestutil.h"
#include "signalstore.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTcpServer>

using namespace RunbookTest;

TEST(RunbookRun, ResumesAtTheStoredStepAfterARestart)
{
    Rig rig(20.0);
    rig.inject("error-spike");
    ASSERT_TRUE(TestSupport::waitUntil(
        [&] {
            return rig.value(QStringLiteral("/api/metrics"),
                             QStringLiteral("goldenSignals.errors.errorRate"))
                       .toDouble()
                > 0.3;
        },
        15000));
    {
        auto run = rig.run(QStringLiteral("high-error-rate"));
        run->start();
        EXPECT_FALSE(run->isResumed());
        settled(*run, QStringLiteral("error-rate"));
        run->countInteraction();
        ASSERT_TRUE(run->next());
        settled(*run, QStringLiteral("logs"));
        ASSERT_TRUE(run->completeManual(QStringLiteral("[citadel]")));
        run->countInteraction(2);
        ASSERT_TRUE(run->next());
        settled(*run, QStringLiteral("find-agent"));
    }
    EXPECT_EQ(RunbookRun::storedRunbookId(rig.incidents.get(), rig.incidentId),
              QStringLiteral("high-error-rate"));
    rig.reopenIncidents(); // the console restarts
    auto run = rig.run(QStringLiteral("high-error-rate"));
    run->start();
    EXPECT_TRUE(run->isResumed());
    EXPECT_EQ(run->currentStep()->id, QStringLiteral("find-agent"));
    EXPECT_EQ(run->interactions(), 3);
    EXPECT_EQ(run->status(0).state, RunbookStepState::Failed);
    EXPECT_EQ(run->status(1).state, RunbookStepState::Done);
    EXPECT_EQ(run->status(1).outcome, QStringLiteral("[citadel]"));
    // The step's check runs again on resume, and the evidence feeds the next action's target.
    RunbookStepStatus s = settled(*run, QStringLiteral("find-agent"));
    EXPECT_EQ(s.evidence->value, QStringLiteral("citadel"));
    ASSERT_TRUE(run->next());
    settled(*run, QStringLiteral("quarantine"));
    EXPECT_EQ(run->proposedAction()->target, QStringLiteral("citadel"));
    const QStringList timeline = rig.wizardTimeline();
    ASSERT_EQ(timeline.size(), 5) << timeline.join(QLatin1Char('\n')).toStdString();
    EXPECT_TRUE(
        timeline.at(1).contains(QLatin1String("step 1 'How high is the error rate?': failed")));
    EXPECT_TRUE(
        timeline.at(2).contains(QLatin1String("step 2 'Check error logs for a pattern': done")));
    EXPECT_TRUE(
        timeline.at(3).endsWith(QLatin1String("resumed at step 3 'Is one agent failing?'")));
    EXPECT_TRUE(timeline.at(4).contains(QLatin1String("step 3 'Is one agent failing?': passed")));
}

TEST(RunbookRun, SkipNeedsAReasonAndIsRecorded)
{
    Rig rig(20.0);
    auto run = rig.run(QStringLiteral("memory-leak"));
    run->start();
    settled(*run, QStringLiteral("memory"));
    ASSERT_TRUE(run->next());
    settled(*run, QStringLiteral("scale-up"));
    QString why;
    EXPECT_FALSE(run->skip(QStringLiteral("   "), &why));
    EXPECT_EQ(why, QStringLiteral("A reason is required to skip a step."));
    EXPECT_EQ(run->currentStep()->id, QStringLiteral("scale-up"));
    EXPECT_FALSE(run->skip(QString(501, QLatin1Char('x')), &why));
    ASSERT_TRUE(run->skip(QStringLiteral("no gcloud on this laptop; scaled in the console"), &why));
    EXPECT_EQ(run->currentStep()->id, QStringLiteral("restart"));
    EXPECT_EQ(run->status(1).state, RunbookStepState::Skipped);
    EXPECT_TRUE(rig.wizardTimeline().last().endsWith(QLatin1String(
        "step 2 'Scale up temporarily': skipped (reason: no gcloud on this laptop; scaled in the "
        "console)")));
}

TEST(RunbookRun, DeadServerFailsTheCheckWithTheNetworkSentence)
{
    QTcpServer listener;
    ASSERT_TRUE(listener.listen(QHostAddress::LocalHost));
    const quint16 port = listener.serverPort();
    listener.close(); // nothing listens there any more
    OpsClient client(
        ClientTest::profileFor(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)), 3000));
    CommandCatalogue catalogue;
    catalogue.load({QStringLiteral(":/commands")});
    RunbookLibrary library;
    library.load({QStringLiteral(":/runbooks")}, &catalogue);
    RunbookContext ctx;
    ctx.client = &client;
    RunbookRun run(*library.find(QStringLiteral("db-connection")), ctx);
    QElapsedTimer timer;
    timer.start();
    run.start();
    const RunbookStepStatus s = settled(run, QStringLiteral("ready"), 10000);
    EXPECT_LT(timer.elapsed(), 9000);
    EXPECT_EQ(s.state, RunbookStepState::Failed);
    ASSERT_TRUE(s.evidence);
    EXPECT_EQ(s.evidence->verdict, RunbookEvidence::Verdict::Unavailable);
    EXPECT_TRUE(s.sentence.startsWith(QLatin1String("Could not check: ")))
        << s.sentence.toStdString();
    EXPECT_FALSE(s.evidence->sentence.isEmpty());
    // Not even a diagnostic check lets Next through without evidence: skip with a reason.
    EXPECT_FALSE(run.canGoNext());
}

TEST(RunbookRun, TriageHandsOverToTheMatchingRunbook)
{
    Rig rig(20.0);
    rig.inject("rate-limit");
    auto run = rig.run(QStringLiteral("triage"));
    QSignalSpy handover(run.get(), &RunbookRun::handover);
    ASSERT_TRUE(TestSupport::waitUntil(
        [&] {
            return rig.value(QStringLiteral("/api/circuit-breakers"),
                             QStringLiteral("breakers.[name=openai].state"))
                == QLatin1String("open");
        },
        15000));
    run->start();
    EXPECT_EQ(settled(*run, QStringLiteral("database")).state, RunbookStepState::Passed);
    ASSERT_TRUE(run->next());
    EXPECT_EQ(settled(*run, QStringLiteral("openai")).state, RunbookStepState::Failed);
    EXPECT_EQ(run->nextTarget(), QStringLiteral("runbook:openai-rate-limit"));
    ASSERT_TRUE(run->next());
    EXPECT_TRUE(run->isFinished());
    ASSERT_EQ(handover.size(), 1);
    EXPECT_EQ(handover.first().first().toString(), QStringLiteral("openai-rate-limit"));
    EXPECT_EQ(RunbookRun::storedRunbookId(rig.incidents.get(), rig.incidentId), QString());
    // The next runbook starts afresh on the same incident.
    auto next = rig.run(QStringLiteral("openai-rate-limit"));
    next->start();
    EXPECT_FALSE(next->isResumed());
    EXPECT_TRUE(rig.wizardTimeline().contains(
        QStringLiteral("Runbook 'Triage: which scenario is this?' \u2014 hands over to runbook "
                       "'openai-rate-limit'")));
}

TEST(RunbookPath, ResolvesSelectorsIndexesAndKeys)
{
    const QJsonObject answer = QJsonDocument::fromJson(R"({"agents": [
        {"id": "citadel", "status": "degraded", "queueDepth": 391},
        {"id": "relaybot", "status": "active", "queueDepth": 4}],
        "checks": {"database": false}})")
                                   .object();
    EXPECT_EQ(
        RunbookPath::resolve(answer, QStringLiteral("agents.[status=degraded].id"))->toString(),
        QStringLiteral("citadel"));
    EXPECT_EQ(
        RunbookPath::resolve(answer, QStringLiteral("agents.[min:queueDepth].id"))->toString(),
        QStringLiteral("relaybot"));
    EXPECT_EQ(RunbookPath::resolve(answer, QStringLiteral("agents.1.queueDepth"))->toInt(), 4);
    EXPECT_FALSE(RunbookPath::resolve(answer, QStringLiteral("checks.database"))->toBool());
    EXPECT_FALSE(RunbookPath::resolve(answer, QStringLiteral("agents.[status=quarantined].id")));
    EXPECT_FALSE(RunbookPath::resolve(answer, QStringLiteral("checks.disk")));
    QString why;
    EXPECT_FALSE(RunbookPath::isValid(QStringLiteral("agents.[status].id"), &why));
    EXPECT_EQ(why,
              QStringLiteral("path 'agents.[status].id' has selector '[status]' (use "
                             "[field=value], [max:field] or [min:field])"));
}

TEST(RunbookChecker, JudgesPredicatesOnAnswers)
{
    RunbookCheck check;
    check.predicate = {QStringLiteral("checks.database"), QStringLiteral("=="), true};
    check.failText = QStringLiteral("Database down.");
    const QJsonObject down {
        {QLatin1String("checks"), QJsonObject {{QLatin1String("database"), false}}}};
    RunbookEvidence e
        = RunbookChecker::judge(check, down, 503, QStringLiteral("GET /health/ready \u2192 503"));
    EXPECT_EQ(e.verdict, RunbookEvidence::Verdict::Failed);
    EXPECT_EQ(e.value, QStringLiteral("false"));
    EXPECT_EQ(e.sentence, QStringLiteral("Database down."));
    EXPECT_EQ(e.brief(), QStringLiteral("false (GET /health/ready \u2192 503)"));
    check.predicate.path = QStringLiteral("checks.missing");
    EXPECT_EQ(RunbookChecker::judge(check, down, 200, {}).verdict,
              RunbookEvidence::Verdict::Unavailable);
    check.predicate = {QStringLiteral("checks.database"), QStringLiteral(">"), 3};
    EXPECT_EQ(RunbookChecker::judge(check, down, 200, {}).verdict,
              RunbookEvidence::Verdict::Unavailable);
    check.predicate = {{}, QStringLiteral("<"), 5};
    EXPECT_EQ(RunbookChecker::judge(check, QJsonValue(4.2), 0, {}).verdict,
              RunbookEvidence::Verdict::Passed);
    EXPECT_EQ(RunbookChecker::judge(check, QJsonValue(5.0), 0, {}).verdict,
              RunbookEvidence::Verdict::Failed);
}

TEST(RunbookProgress, RoundTripsThroughJson)
{
    RunbookProgress p;
    p.runbookId = QStringLiteral("db-connection");
    p.currentStepId = QStringLiteral("drain");
    p.interactions = 7;
    p.outcomes.append({QStringLiteral("ready"),
                       QStringLiteral("failed"),
                       QStringLiteral("Down."),
                       {},
                       {},
                       {},
                       {},
                       QStringLiteral("false")});
    const std::optional<RunbookProgress> back = RunbookProgress::fromJson(p.toJson());
    ASSERT_TRUE(back);
    EXPECT_EQ(back->toJson(), p.toJson());
    EXPECT_FALSE(RunbookProgress::fromJson(QJsonObject {{QLatin1String("runbook"), 3}}));
}

TEST(RunbookChecker, AggregatesTheConsolesStoreWithoutANetworkCall)
{
    SignalStore store;
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    for (int i = 0; i < 30; ++i) {
        MetricsSnapshot m;
        m.goldenSignals.errorRate = i < 20 ? 0.60 : 0.02; // 60 %, then 2 % for the last 10 s
        m.goldenSignals.memoryRss = qint64(200 + 2 * i) * 1048576; // +2 MB a second
        store.ingest(now - 29 + i, m);
    }
    OpsClient client(ClientTest::profileFor(QUrl(QStringLiteral("http://127.0.0.1:9"))));
    RunbookChecker checker(&client, &store);
    auto evaluate = [&](const QString &metric, const QString &aggregate, double below) {
        RunbookCheck check;
        check.source = RunbookCheck::Source::Metric;
        check.metric = metric;
        check.aggregate = aggregate;
        check.windowSeconds = 60;
        check.predicate = {{}, QStringLiteral("<"), below};
        std::optional<RunbookEvidence> out;
        checker.evaluate(check, [&out](const RunbookEvidence &e) { out = e; });
        EXPECT_FALSE(out); // never synchronously
        EXPECT_TRUE(TestSupport::waitUntil([&] { return out.has_value(); }, 2000));
        return out.value_or(RunbookEvidence {});
    };
    RunbookEvidence e = evaluate(QStringLiteral("errorRate"), QStringLiteral("max"), 5);
    EXPECT_EQ(e.verdict, RunbookEvidence::Verdict::Failed);
    EXPECT_EQ(e.value, QStringLiteral("60 %"));
    EXPECT_EQ(evaluate(QStringLiteral("errorRate"), QStringLiteral("last"), 5).verdict,
              RunbookEvidence::Verdict::Passed);
    e = evaluate(QStringLiteral("memoryRssMb"), QStringLiteral("slope"), 100);
    EXPECT_EQ(e.verdict, RunbookEvidence::Verdict::Failed) << e.value.toStdString();
    EXPECT_NEAR(e.rawValue.toDouble(), 120.0, 1.0); // MB per minute
    EXPECT_EQ(client.inFlightTotal(), 0);

    const RunbookSignals live = RunbookSignals::from({}, &store);
    EXPECT_NEAR(live.memoryRssMb.value_or(0), 258.0, 0.01);
    EXPECT_NEAR(live.memoryGrowthMbPerMin.value_or(0), 120.0, 1.0);
}
