// ActionController end to end against a real dreamnet-sim: one test per action kind (the server
// state changes, the journal has intent and result with the key, the reverse works), validation
// that sends nothing, the viewer role, the double click (U2) and the quarantine cap (U3).
#include "actiontestutil.h"

#include <QSignalSpy>
#include <QTcpServer>

using namespace ActionTest;
using namespace ClientTest;
using K = ActionRequest::Kind;
using S = ActionOutcome::State;

namespace {

class ActionSim : public ::testing::Test
{
protected:
    void SetUp() override
    {
        m_sim = TestSupport::startSimulator({QStringLiteral("--seed"), QStringLiteral("11")});
        ASSERT_TRUE(m_sim && m_sim->isReady());
        m_h = std::make_unique<Harness>(profileFor(m_sim->baseUrl(), 5000, m_sim->token()));
    }

    template<typename T, typename Start>
    T get(Start start)
    {
        const auto out = await<T>(start);
        EXPECT_TRUE(out.ok());
        return out.ok() ? out.result->value() : T {};
    }
    OpsStatus ops()
    {
        return get<OpsStatus>([&](QObject *c, auto cb) { client().getOpsStatus(c, cb); });
    }
    FlagList flags()
    {
        return get<FlagList>([&](QObject *c, auto cb) { client().getFlags(c, cb); });
    }
    Agent agent(const QString &id)
    {
        const auto list = get<AgentList>([&](QObject *c, auto cb) { client().getAgents(c, cb); });
        for (const Agent &a : list.agents) {
            if (a.id == id)
                return a;
        }
        ADD_FAILURE() << "no agent " << id.toStdString();
        return {};
    }
    CircuitBreaker breaker(const QString &name)
    {
        const auto list
            = get<BreakerList>([&](QObject *c, auto cb) { client().getCircuitBreakers(c, cb); });
        for (const CircuitBreaker &b : list.breakers) {
            if (b.name == name)
                return b;
        }
        ADD_FAILURE() << "no breaker " << name.toStdString();
        return {};
    }
    int executed(const QString &path)
    {
        return get<SimState>([&](QObject *c, auto cb) { client().getSimState(c, cb); })
            .executedMutations(path);
    }

    /// Runs the action and checks that it succeeded and is journaled.
    ActionOutcome succeed(const ActionRequest &r)
    {
        const auto o = m_h->run(r);
        EXPECT_TRUE(o);
        if (!o)
            return {};
        EXPECT_EQ(o->state, S::Succeeded) << o->message.toStdString();
        EXPECT_TRUE(o->answer.value(QLatin1String("ok")).toBool());
        m_h->expectJournaled(*o, JournalEntry::Outcome::Succeeded);
        return *o;
    }

    OpsClient &client() { return m_h->client; }

    std::unique_ptr<SimulatorProcess> m_sim;
    std::unique_ptr<Harness> m_h;
};

} // namespace

TEST_F(ActionSim, SafeModeOnAndOff)
{
    const ActionOutcome on = succeed(request(K::SafeMode));
    EXPECT_EQ(on.httpStatus, 200);
    EXPECT_TRUE(on.answer[QLatin1String("safeMode")][QLatin1String("enabled")].toBool());
    EXPECT_EQ(on.message, QStringLiteral("Turn on safe mode: done."));
    const OpsStatus status = ops();
    EXPECT_TRUE(status.safeMode.enabled);
    EXPECT_EQ(status.safeMode.reason, QStringLiteral("drill: incident 42"));
    EXPECT_EQ(status.safeMode.by, QStringLiteral("gtest"));
    succeed(request(K::SafeMode, {}, false));
    EXPECT_FALSE(ops().safeMode.enabled);
    ASSERT_EQ(m_h->journal.entries().size(), 4);
    EXPECT_EQ(m_h->journal.entries()[0].action, QStringLiteral("safe-mode.enable"));
    EXPECT_EQ(m_h->journal.entries()[0].operatorName, QStringLiteral("gtest"));
}

TEST_F(ActionSim, WriteDrainOnAndOff)
{
    succeed(request(K::WriteDrain));
    EXPECT_TRUE(ops().writeDrain.enabled);
    succeed(request(K::WriteDrain, {}, false));
    EXPECT_FALSE(ops().writeDrain.enabled);
}

TEST_F(ActionSim, EmergencyModeOnAndOff)
{
    const ActionOutcome on = succeed(request(K::EmergencyMode));
    EXPECT_TRUE(on.answer[QLatin1String("emergencyMode")][QLatin1String("active")].toBool());
    EXPECT_TRUE(flags().emergencyMode.active);
    succeed(request(K::EmergencyMode, {}, false));
    EXPECT_FALSE(flags().emergencyMode.active);
}

TEST_F(ActionSim, FlagKillSwitchAndBack)
{
    const auto flagState = [&](const QString &name) {
        for (const IntegrationFlag &f : flags().flags) {
            if (f.name == name)
                return f.enabled;
        }
        ADD_FAILURE() << "no flag " << name.toStdString();
        return false;
    };
    const QString flag = QStringLiteral("ai_embeddings_enabled");
    ASSERT_TRUE(flagState(flag));
    const ActionOutcome off = succeed(request(K::Flag, flag, false));
    EXPECT_EQ(off.request.actionName(), QStringLiteral("flag.disable"));
    EXPECT_EQ(m_h->intentOf(off.actionId).target, flag);
    EXPECT_FALSE(flagState(flag));
    succeed(request(K::Flag, flag, true));
    EXPECT_TRUE(flagState(flag));
    // An unknown flag: the server's sentence, Failed, and the journal says so.
    const auto unknown = m_h->run(request(K::Flag, QStringLiteral("no_such_flag"), false));
    ASSERT_TRUE(unknown);
    EXPECT_EQ(unknown->state, S::Failed);
    EXPECT_EQ(unknown->httpStatus, 404);
    EXPECT_TRUE(unknown->message.contains(QLatin1String("no_such_flag")))
        << unknown->message.toStdString();
    EXPECT_FALSE(m_h->controller->canResend(unknown->actionId));
    m_h->expectJournaled(*unknown, JournalEntry::Outcome::Failed);
}

TEST_F(ActionSim, QuarantineAndRelease)
{
    ActionRequest q = request(K::QuarantineAgent, QStringLiteral("relaybot"));
    q.durationSeconds = 600;
    const ActionOutcome quarantined = succeed(q);
    EXPECT_EQ(quarantined.answer[QLatin1String("agent")][QLatin1String("status")].toString(),
              QStringLiteral("quarantined"));
    const Agent a = agent(QStringLiteral("relaybot"));
    EXPECT_EQ(a.status, AgentStatus::Quarantined);
    ASSERT_TRUE(a.quarantine);
    EXPECT_EQ(a.quarantine->reason, QStringLiteral("drill: incident 42"));
    EXPECT_TRUE(a.quarantine->expiresAt.isValid());
    EXPECT_EQ(m_h->intentOf(quarantined.actionId)
                  .details[QLatin1String("body")][QLatin1String("durationSeconds")]
                  .toInt(),
              600);
    succeed(request(K::ReleaseAgent, QStringLiteral("relaybot")));
    EXPECT_NE(agent(QStringLiteral("relaybot")).status, AgentStatus::Quarantined);
    // An unknown agent id gets the server's sentence and does not count against the cap.
    const auto unknown = m_h->run(request(K::QuarantineAgent, QStringLiteral("ghostbot")));
    ASSERT_TRUE(unknown);
    EXPECT_EQ(unknown->state, S::Failed);
    EXPECT_EQ(unknown->httpStatus, 404);
    EXPECT_EQ(m_h->controller->recentQuarantines(QDateTime::currentDateTimeUtc()), 1);
}

TEST_F(ActionSim, ReplayStartAndStop)
{
    ActionRequest start = request(K::StartReplay);
    start.replay.rateLimit = 1;
    start.replay.maxMessages = 50;
    const ActionOutcome started = succeed(start);
    EXPECT_EQ(started.httpStatus, 202);
    EXPECT_EQ(started.answer[QLatin1String("replay")][QLatin1String("maxMessages")].toInt(), 50);
    const auto status
        = get<DeadLetterStatus>([&](QObject *c, auto cb) { client().getDeadLetterStatus(c, cb); });
    ASSERT_TRUE(status.replay);
    EXPECT_EQ(status.replay->maxMessages, 50);
    const ActionOutcome stopped = succeed(request(K::StopReplay));
    const QString phase
        = stopped.answer[QLatin1String("replay")][QLatin1String("state")].toString();
    EXPECT_TRUE(phase == QLatin1String("stopped") || phase == QLatin1String("done"))
        << phase.toStdString();
}

TEST_F(ActionSim, BreakerTripAndReset)
{
    succeed(request(K::TripBreaker, QStringLiteral("stripe")));
    CircuitBreaker b = breaker(QStringLiteral("stripe"));
    EXPECT_EQ(b.state, BreakerState::Open);
    EXPECT_TRUE(b.forced);
    succeed(request(K::ResetBreaker, QStringLiteral("stripe")));
    b = breaker(QStringLiteral("stripe"));
    EXPECT_EQ(b.state, BreakerState::Closed);
    EXPECT_FALSE(b.forced);
}

TEST_F(ActionSim, RestartService)
{
    const ActionOutcome restarted = succeed(request(K::RestartService));
    EXPECT_EQ(restarted.httpStatus, 202);
    EXPECT_EQ(m_h->intentOf(restarted.actionId).target, QStringLiteral("service"));
    EXPECT_EQ(executed(QStringLiteral("/api/ops/restart")), 1);
}

TEST_F(ActionSim, BadInputSendsNothing)
{
    QSignalSpy finished(&client(), &OpsClient::requestFinished);
    const auto refused = [&](ActionRequest r, const QString &sentence) {
        QString rejected;
        EXPECT_TRUE(m_h->controller->perform(r, &rejected).isEmpty());
        EXPECT_EQ(rejected, sentence);
        EXPECT_EQ(m_h->controller->validate(r), sentence);
    };
    refused(request(K::SafeMode, {}, true, QStringLiteral("  ")),
            QStringLiteral("A reason is required."));
    refused(request(K::SafeMode, {}, true, QString(501, QLatin1Char('x'))),
            QStringLiteral("The reason is 501 characters long; at most 500 are allowed."));
    refused(request(K::Flag), QStringLiteral("Name the flag to change."));
    refused(request(K::ReleaseAgent), QStringLiteral("Name the agent."));
    refused(request(K::TripBreaker), QStringLiteral("Name the circuit breaker."));
    ActionRequest q = request(K::QuarantineAgent, QStringLiteral("citadel"));
    for (const int d : {0, 86401}) {
        q.durationSeconds = d;
        refused(q, QStringLiteral("Duration must be 1-86400 seconds."));
    }
    ActionRequest replay = request(K::StartReplay);
    for (const int rate : {0, 1001}) {
        replay.replay.rateLimit = rate;
        refused(replay, QStringLiteral("Rate cap must be 1-1000 messages/s."));
    }
    replay.replay.rateLimit = 10;
    for (const int max : {0, 100001}) {
        replay.replay.maxMessages = max;
        refused(replay, QStringLiteral("Maximum must be 1-100000 messages."));
    }
    // The limits themselves pass.
    replay.replay = {1000, 100000, {}, {}, {}};
    EXPECT_FALSE(m_h->controller->validate(replay));
    EXPECT_FALSE(
        m_h->controller->validate(request(K::SafeMode, {}, true, QString(500, QLatin1Char('x')))));
    QTest::qWait(100);
    EXPECT_EQ(finished.count(), 0);
    EXPECT_EQ(client().inFlightTotal(), 0);
    EXPECT_TRUE(m_h->journal.entries().isEmpty());
}

TEST_F(ActionSim, ViewerTokenMakesTheConsoleReadOnly)
{
    Harness viewer(profileFor(m_sim->baseUrl(), 5000, m_sim->viewerToken()));
    QSignalSpy readOnly(viewer.controller.get(), &ActionController::readOnlyChanged);
    const auto o = viewer.run(request(K::SafeMode));
    ASSERT_TRUE(o);
    EXPECT_EQ(o->state, S::Failed);
    EXPECT_EQ(o->httpStatus, 403);
    const QString sentence = QStringLiteral("This token has the viewer role: controls are "
                                            "disabled. Use an operator token to act.");
    EXPECT_EQ(o->message, sentence);
    viewer.expectJournaled(*o, JournalEntry::Outcome::Failed);
    EXPECT_TRUE(viewer.controller->isReadOnly());
    EXPECT_EQ(viewer.controller->readOnlyReason(), sentence);
    ASSERT_EQ(readOnly.count(), 1);
    EXPECT_EQ(readOnly[0][1].toString(), sentence);
    QString rejected;
    EXPECT_TRUE(viewer.controller->perform(request(K::WriteDrain), &rejected).isEmpty());
    EXPECT_EQ(rejected, sentence);
    EXPECT_EQ(viewer.journal.entries().size(), 2);
    EXPECT_FALSE(ops().safeMode.enabled);
}

TEST_F(ActionSim, ProbeRoleKnowsBothRolesAndChangesNothing)
{
    Harness viewer(profileFor(m_sim->baseUrl(), 5000, m_sim->viewerToken()));
    QSignalSpy viewerRole(viewer.controller.get(), &ActionController::roleKnown);
    viewer.controller->probeRole();
    ASSERT_TRUE(viewerRole.wait(5000));
    EXPECT_FALSE(viewerRole[0][0].toBool());
    EXPECT_TRUE(viewer.controller->isReadOnly());

    QSignalSpy operatorRole(m_h->controller.get(), &ActionController::roleKnown);
    m_h->controller->setReadOnly(true, QStringLiteral("not known yet"));
    m_h->controller->probeRole();
    ASSERT_TRUE(operatorRole.wait(5000));
    EXPECT_TRUE(operatorRole[0][0].toBool());
    EXPECT_FALSE(m_h->controller->isReadOnly());

    EXPECT_FALSE(ops().safeMode.enabled);
    EXPECT_EQ(executed(QStringLiteral("/api/ops/safe-mode")), 0);
    EXPECT_TRUE(m_h->journal.entries().isEmpty());
    EXPECT_TRUE(viewer.journal.entries().isEmpty());
}

TEST_F(ActionSim, U2_DoublePerformSendsOneRequest)
{
    QString first;
    QString second;
    QString rejected;
    first = m_h->controller->perform(request(K::SafeMode));
    second = m_h->controller->perform(request(K::SafeMode), &rejected);
    EXPECT_FALSE(first.isEmpty());
    EXPECT_TRUE(second.isEmpty());
    EXPECT_EQ(rejected, QStringLiteral("Already sending: Turn on safe mode."));
    EXPECT_EQ(m_h->controller->inFlightCount(), 1);
    // Another action is not blocked by it.
    const QString drain = m_h->controller->perform(request(K::WriteDrain));
    EXPECT_FALSE(drain.isEmpty());
    const auto o = m_h->wait(first);
    m_h->wait(drain);
    ASSERT_TRUE(o);
    EXPECT_EQ(o->state, S::Succeeded);
    EXPECT_EQ(executed(QStringLiteral("/api/ops/safe-mode")), 1);
    EXPECT_EQ(m_h->journal.entries().size(), 4);
    // Once it has ended, the same action may be sent again (a new key).
    const auto again = m_h->run(request(K::SafeMode));
    ASSERT_TRUE(again);
    EXPECT_NE(again->idempotencyKey, o->idempotencyKey);
}

TEST_F(ActionSim, U3_QuarantineCapWithInjectedClock)
{
    QDateTime now = QDateTime::currentDateTimeUtc();
    m_h->controller->setClock([&now] { return now; });
    EXPECT_EQ(m_h->controller->quarantineCap(), ActionController::kDefaultQuarantineCap);
    const QStringList agents {QStringLiteral("citadel"), QStringLiteral("drone-dome"),
                              QStringLiteral("relaybot")};
    for (const QString &id : agents) {
        succeed(request(K::QuarantineAgent, id));
        now = now.addSecs(60);
    }
    EXPECT_EQ(m_h->controller->recentQuarantines(now), 3);
    ActionRequest fourth = request(K::QuarantineAgent, QStringLiteral("envkeeper"));
    QString rejected;
    EXPECT_TRUE(m_h->controller->perform(fourth, &rejected).isEmpty());
    EXPECT_EQ(rejected,
              QStringLiteral("3 agents were quarantined in the last 10 minutes; "
                             "override to quarantine more."));
    EXPECT_EQ(agent(QStringLiteral("envkeeper")).status == AgentStatus::Quarantined, false);
    // The lead overrides: it passes, and the intent records it.
    fourth.overrideCap = true;
    const ActionOutcome overridden = succeed(fourth);
    EXPECT_TRUE(m_h->intentOf(overridden.actionId).details[QLatin1String("override")].toBool());
    EXPECT_EQ(agent(QStringLiteral("envkeeper")).status, AgentStatus::Quarantined);
    // Ten simulated minutes after the first three, the cap has room again.
    now = now.addSecs(10 * 60);
    const ActionRequest later = request(K::QuarantineAgent, QStringLiteral("deploykeeper"));
    EXPECT_FALSE(m_h->controller->validate(later));
    succeed(later);
    // Releases are never capped.
    for (const QString &id : agents)
        succeed(request(K::ReleaseAgent, id));
}

TEST_F(ActionSim, IntentIsOnDiskBeforeAnyByteIsSent)
{
    QTcpServer listener;
    ASSERT_TRUE(listener.listen(QHostAddress::LocalHost));
    Harness h(profileFor(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(listener.serverPort())),
                         500, m_sim->token()));
    const QString id = h.controller->perform(request(K::SafeMode));
    ASSERT_FALSE(id.isEmpty());
    // perform() has returned and the event loop has not run: the intent is committed, and no
    // connection has reached the server yet (the OS would queue it for accept()).
    const QList<JournalEntry> entries = h.journal.entries();
    ASSERT_EQ(entries.size(), 1);
    EXPECT_EQ(entries[0].kind, JournalEntry::Kind::Intent);
    EXPECT_FALSE(entries[0].idempotencyKey.isEmpty());
    EXPECT_FALSE(listener.waitForNewConnection(300) || listener.hasPendingConnections());
    // Then it goes out; the silent server makes it time out: Unknown.
    const auto o = h.wait(id);
    ASSERT_TRUE(o);
    EXPECT_EQ(o->state, S::Unknown);
    EXPECT_TRUE(listener.hasPendingConnections() || listener.waitForNewConnection(100));
}
