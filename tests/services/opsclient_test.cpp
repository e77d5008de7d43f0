// OpsClient against a real dreamnet-sim over loopback: every call round-trips, auth errors
// become the right sentences, idempotent resends (N9-N11), write drain.
#include "clienttestutil.h"

#include <gtest/gtest.h>

#include <iostream>

using namespace ClientTest;

namespace {

class ClientSim : public ::testing::Test
{
protected:
    void SetUp() override
    {
        m_sim = TestSupport::startSimulator({QStringLiteral("--seed"), QStringLiteral("5")}, 1.0);
        ASSERT_TRUE(m_sim && m_sim->isReady());
        m_client = std::make_unique<OpsClient>(profileFor(m_sim->baseUrl(), 5000, m_sim->token()));
    }

    template<typename T, typename Start>
    ApiResult<T> call(Start start)
    {
        auto out = await<T>(start);
        EXPECT_TRUE(out.result.has_value()) << "no callback";
        if (!out.result)
            return ApiResult<T>::failure(ApiError {});
        return *out.result;
    }

    int executed(const QString &path)
    {
        const auto s = call<SimState>([&](QObject *c, auto cb) { m_client->getSimState(c, cb); });
        EXPECT_TRUE(s.ok());
        return s.ok() ? s.value().executedMutations(path) : -1;
    }

    std::unique_ptr<SimulatorProcess> m_sim;
    std::unique_ptr<OpsClient> m_client;
};

#define EXPECT_API_OK(result)                                                                      \
    EXPECT_TRUE((result).ok()) << #result << ": " << (result).error().userMessage().toStdString()

TEST_F(ClientSim, EveryGetRoundTrips)
{
    OpsClient &c = *m_client;
    const auto live = call<LiveStatus>([&](QObject *x, auto cb) { c.getLive(x, cb); });
    EXPECT_API_OK(live);
    EXPECT_EQ(live.ok() ? live.value().status : QString(), QStringLiteral("alive"));
    const auto ready = call<ReadyStatus>([&](QObject *x, auto cb) { c.getReady(x, cb); });
    EXPECT_API_OK(ready);
    EXPECT_API_OK(call<HealthStatus>([&](QObject *x, auto cb) { c.getHealth(x, cb); }));
    EXPECT_API_OK(call<HealthGates>([&](QObject *x, auto cb) { c.getHealthGates(x, cb); }));
    const auto metrics = call<MetricsSnapshot>([&](QObject *x, auto cb) { c.getMetrics(x, cb); });
    EXPECT_API_OK(metrics);
    if (metrics.ok()) {
        EXPECT_LE(metrics.value().goldenSignals.latencyP50,
                  metrics.value().goldenSignals.latencyP95);
        EXPECT_FALSE(metrics.traceId().isEmpty());
    }
    const auto flags = call<FlagList>([&](QObject *x, auto cb) { c.getFlags(x, cb); });
    EXPECT_API_OK(flags);
    EXPECT_GE(flags.ok() ? flags.value().flags.size() : 0, 5);
    EXPECT_API_OK(call<OpsStatus>([&](QObject *x, auto cb) { c.getOpsStatus(x, cb); }));
    const auto agents = call<AgentList>([&](QObject *x, auto cb) { c.getAgents(x, cb); });
    EXPECT_API_OK(agents);
    EXPECT_GE(agents.ok() ? agents.value().agents.size() : 0, 6);
    EXPECT_API_OK(
        call<DeadLetterStatus>([&](QObject *x, auto cb) { c.getDeadLetterStatus(x, cb); }));
    const auto breakers
        = call<BreakerList>([&](QObject *x, auto cb) { c.getCircuitBreakers(x, cb); });
    EXPECT_API_OK(breakers);
    EXPECT_GE(breakers.ok() ? breakers.value().breakers.size() : 0, 4);
    EXPECT_API_OK(call<SimState>([&](QObject *x, auto cb) { c.getSimState(x, cb); }));
    EXPECT_API_OK(call<DreamPage>([&](QObject *x, auto cb) { c.listDreams(x, cb); }));
}

TEST_F(ClientSim, EveryMutationRoundTrips)
{
    OpsClient &c = *m_client;
    const QString why = QStringLiteral("client round trip");
    const auto flag = call<IntegrationFlag>([&](QObject *x, auto cb) {
        c.setFlag(QStringLiteral("ai_embeddings_enabled"), false, why, x, cb);
    });
    EXPECT_API_OK(flag);
    EXPECT_FALSE(flag.ok() && flag.value().enabled);
    const auto em
        = call<EmergencyMode>([&](QObject *x, auto cb) { c.setEmergencyMode(true, why, x, cb); });
    EXPECT_API_OK(em);
    EXPECT_TRUE(em.ok() && em.value().active);
    EXPECT_API_OK(
        call<EmergencyMode>([&](QObject *x, auto cb) { c.setEmergencyMode(false, why, x, cb); }));
    const auto safe
        = call<ModeState>([&](QObject *x, auto cb) { c.setSafeMode(true, why, x, cb); });
    EXPECT_API_OK(safe);
    EXPECT_TRUE(safe.ok() && safe.value().enabled && safe.value().reason == why);
    EXPECT_API_OK(call<ModeState>([&](QObject *x, auto cb) { c.setSafeMode(false, why, x, cb); }));
    EXPECT_API_OK(call<ModeState>([&](QObject *x, auto cb) { c.setWriteDrain(true, why, x, cb); }));
    EXPECT_API_OK(
        call<ModeState>([&](QObject *x, auto cb) { c.setWriteDrain(false, why, x, cb); }));
    const auto q = call<Agent>([&](QObject *x, auto cb) {
        c.quarantineAgent(QStringLiteral("citadel"), why, 600, x, cb);
    });
    EXPECT_API_OK(q);
    EXPECT_TRUE(q.ok() && q.value().status == AgentStatus::Quarantined && q.value().quarantine);
    const auto rel = call<Agent>(
        [&](QObject *x, auto cb) { c.releaseAgent(QStringLiteral("citadel"), why, x, cb); });
    EXPECT_API_OK(rel);
    EXPECT_TRUE(rel.ok() && rel.value().status != AgentStatus::Quarantined);
    const auto trip = call<CircuitBreaker>(
        [&](QObject *x, auto cb) { c.tripBreaker(QStringLiteral("stripe"), why, x, cb); });
    EXPECT_API_OK(trip);
    EXPECT_TRUE(trip.ok() && trip.value().state == BreakerState::Open && trip.value().forced);
    EXPECT_API_OK(call<CircuitBreaker>(
        [&](QObject *x, auto cb) { c.resetBreaker(QStringLiteral("stripe"), why, x, cb); }));
    const auto replay = call<ReplayState>([&](QObject *x, auto cb) {
        c.startReplay(ReplayRequest {5, 10, why, {}, {}}, x, cb);
    });
    EXPECT_API_OK(replay);
    EXPECT_EQ(replay.ok() ? replay.httpStatus() : 0, 202);
    EXPECT_API_OK(call<ReplayState>([&](QObject *x, auto cb) { c.stopReplay(why, x, cb); }));
    EXPECT_API_OK(call<Acknowledgement>(
        [&](QObject *x, auto cb) { c.setSimScenario(QStringLiteral("error-spike"), 30, x, cb); }));
    EXPECT_API_OK(call<Acknowledgement>([&](QObject *x, auto cb) { c.advanceSimClock(5, x, cb); }));
    EXPECT_API_OK(call<Acknowledgement>(
        [&](QObject *x, auto cb) { c.setSimScenario(QStringLiteral("none"), {}, x, cb); }));
    EXPECT_API_OK(call<Acknowledgement>(
        [&](QObject *x, auto cb) { c.setSimChaos(ChaosSettings {}, x, cb); }));
    const auto dream
        = call<Dream>([&](QObject *x, auto cb) { c.createDream(QStringLiteral("flying"), x, cb); });
    EXPECT_API_OK(dream);
    EXPECT_EQ(dream.ok() ? dream.value().title : QString(), QStringLiteral("flying"));
    const auto restart
        = call<Acknowledgement>([&](QObject *x, auto cb) { c.restartService(why, x, cb); });
    EXPECT_API_OK(restart);
    EXPECT_EQ(restart.ok() ? restart.value().httpStatus : 0, 202);
    const auto unknown = call<IntegrationFlag>(
        [&](QObject *x, auto cb) { c.setFlag(QStringLiteral("no_such_flag"), true, why, x, cb); });
    ASSERT_FALSE(unknown.ok());
    EXPECT_EQ(unknown.error().httpStatus, 404);
    EXPECT_EQ(unknown.error().code, QStringLiteral("unknown_flag"));
}

TEST_F(ClientSim, V2_AuthErrorsBecomeSentences)
{
    ConnectionProfile wrong = profileFor(m_sim->baseUrl(), 5000, QStringLiteral("wrong-token-123"));
    wrong.name = QStringLiteral("prod");
    OpsClient bad(wrong);
    const auto r401 = call<OpsStatus>([&](QObject *x, auto cb) { bad.getOpsStatus(x, cb); });
    ASSERT_FALSE(r401.ok());
    EXPECT_EQ(r401.error().httpStatus, 401);
    EXPECT_EQ(
        r401.error().userMessage(),
        QStringLiteral("The server rejected the token (401). Check the token for profile 'prod'."));

    ConnectionProfile viewer = profileFor(m_sim->baseUrl(), 5000, m_sim->viewerToken());
    viewer.name = QStringLiteral("staging");
    viewer.auth = AuthScheme::ApiKeyHeader;
    OpsClient view(viewer);
    EXPECT_API_OK(call<OpsStatus>([&](QObject *x, auto cb) { view.getOpsStatus(x, cb); }));
    const auto r403 = call<ModeState>(
        [&](QObject *x, auto cb) { view.setSafeMode(true, QStringLiteral("x"), x, cb); });
    ASSERT_FALSE(r403.ok());
    EXPECT_EQ(r403.error().httpStatus, 403);
    EXPECT_EQ(r403.error().userMessage(),
              QStringLiteral("The token for profile 'staging' is a viewer token; this action needs "
                             "an operator token."));
}

TEST_F(ClientSim, N9_ResendReplaysWithoutASecondEffect)
{
    PendingPost sent;
    const auto first = call<Dream>(
        [&](QObject *x, auto cb) { sent = m_client->createDream(QStringLiteral("once"), x, cb); });
    EXPECT_API_OK(first);
    EXPECT_FALSE(first.replayed());
    const auto again
        = call<QJsonObject>([&](QObject *x, auto cb) { m_client->resend(sent, x, cb); });
    EXPECT_API_OK(again);
    EXPECT_TRUE(again.replayed());
    EXPECT_EQ(again.httpStatus(), first.httpStatus());
    EXPECT_EQ(executed(QStringLiteral("/api/dreams")), 1);
}

TEST_F(ClientSim, N9_DroppedPostsExecuteOnce)
{
    // Warm a keep-alive connection so that Qt may resend the POST by itself when it drops.
    EXPECT_API_OK(call<DreamPage>([&](QObject *x, auto cb) { m_client->listDreams(x, cb); }));
    ChaosSettings drop;
    drop.dropRate = 1;
    drop.paths = {QStringLiteral("/api/dreams")};
    EXPECT_API_OK(
        call<Acknowledgement>([&](QObject *x, auto cb) { m_client->setSimChaos(drop, x, cb); }));
    PendingPost sent;
    const auto first = call<Dream>([&](QObject *x, auto cb) {
        sent = m_client->createDream(QStringLiteral("dropped"), x, cb);
    });
    ASSERT_FALSE(first.ok());
    EXPECT_EQ(first.error().kind, ApiError::Kind::Network)
        << first.error().userMessage().toStdString();
    EXPECT_API_OK(call<Acknowledgement>(
        [&](QObject *x, auto cb) { m_client->setSimChaos(ChaosSettings {}, x, cb); }));
    const auto second
        = call<QJsonObject>([&](QObject *x, auto cb) { m_client->resend(sent, x, cb); });
    EXPECT_API_OK(second);
    const auto state = call<SimState>([&](QObject *x, auto cb) { m_client->getSimState(x, cb); });
    ASSERT_TRUE(state.ok());
    std::cout << "[info] POST /api/dreams copies received: "
              << state.value().requests(QStringLiteral("/api/dreams")) - 1
              << " (incl. Qt resends)\n";
    EXPECT_GE(state.value().requests(QStringLiteral("/api/dreams")), 3); // GET + drop + resend
    EXPECT_EQ(state.value().executedMutations(QStringLiteral("/api/dreams")), 1);
}

TEST_F(ClientSim, N11_SameKeyOtherBodyIs422)
{
    PendingPost sent;
    EXPECT_API_OK(call<Dream>(
        [&](QObject *x, auto cb) { sent = m_client->createDream(QStringLiteral("a"), x, cb); }));
    PendingPost tampered = sent;
    tampered.body = R"({"title":"b"})";
    const auto r
        = call<QJsonObject>([&](QObject *x, auto cb) { m_client->resend(tampered, x, cb); });
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().httpStatus, 422);
    EXPECT_EQ(r.error().code, QStringLiteral("idempotency_key_reused"));
    EXPECT_EQ(executed(QStringLiteral("/api/dreams")), 1);
}

TEST_F(ClientSim, N10_TimedOutPostIsResentWithTheSameKey)
{
    ChaosSettings slow;
    slow.latencyMs = 1500;
    slow.paths = {QStringLiteral("/api/dreams")};
    EXPECT_API_OK(
        call<Acknowledgement>([&](QObject *x, auto cb) { m_client->setSimChaos(slow, x, cb); }));
    ConnectionProfile p = m_client->profile();
    p.deadlineMs = 500;
    OpsClient impatient(p);
    PendingPost sent;
    const auto first = call<Dream>(
        [&](QObject *x, auto cb) { sent = impatient.createDream(QStringLiteral("slow"), x, cb); });
    ASSERT_FALSE(first.ok());
    EXPECT_EQ(first.error().kind, ApiError::Kind::Timeout);
    // Outcome unknown: the user resends with the same key (patiently this time). The server
    // either still executes the first copy (409), or answers the stored reply, or runs it once.
    const auto second
        = call<QJsonObject>([&](QObject *x, auto cb) { m_client->resend(sent, x, cb); });
    std::cout << "[info] resend after the timeout: "
              << (second.ok() ? (second.replayed() ? "replayed" : "executed")
                              : second.error().userMessage().toStdString())
              << "\n";
    if (!second.ok()) {
        EXPECT_EQ(second.error().httpStatus, 409) << second.error().userMessage().toStdString();
        EXPECT_EQ(second.error().code, QStringLiteral("idempotency_key_in_flight"));
    }
    EXPECT_API_OK(call<Acknowledgement>(
        [&](QObject *x, auto cb) { m_client->setSimChaos(ChaosSettings {}, x, cb); }));
    QTest::qWait(300);
    const auto third
        = call<QJsonObject>([&](QObject *x, auto cb) { m_client->resend(sent, x, cb); });
    EXPECT_API_OK(third);
    EXPECT_TRUE(third.replayed()) << "the stored reply was not replayed";
    EXPECT_EQ(executed(QStringLiteral("/api/dreams")), 1) << "the dream was created twice";
}

TEST_F(ClientSim, WriteDrainIsA503WithRetryAfter)
{
    EXPECT_API_OK(call<ModeState>([&](QObject *x, auto cb) {
        m_client->setWriteDrain(true, QStringLiteral("drill"), x, cb);
    }));
    const auto r = call<Dream>(
        [&](QObject *x, auto cb) { m_client->createDream(QStringLiteral("x"), x, cb); });
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().httpStatus, 503);
    EXPECT_EQ(r.error().code, QStringLiteral("write_drain"));
    EXPECT_EQ(r.error().retryAfterSeconds, 5);
    EXPECT_TRUE(r.error().userMessage().contains(QLatin1String("retry in 5 s")));
    EXPECT_API_OK(call<DreamPage>([&](QObject *x, auto cb) { m_client->listDreams(x, cb); }));
}

} // namespace

TEST_F(ClientSim, NotReadyAndUnhealthyAre503AnswersWithTheirBody)
{
    OpsClient &c = *m_client;
    const auto scenario = call<Acknowledgement>(
        [&](QObject *x, auto cb) { c.setSimScenario(QStringLiteral("db-outage"), 600, x, cb); });
    ASSERT_TRUE(scenario.ok()) << scenario.error().userMessage().toStdString();
    call<Acknowledgement>([&](QObject *x, auto cb) { c.advanceSimClock(5, x, cb); });

    const auto ready = call<ReadyStatus>([&](QObject *x, auto cb) { c.getReady(x, cb); });
    ASSERT_TRUE(ready.ok()) << "a 503 from /health/ready is the probe's answer, not an error: "
                            << ready.error().userMessage().toStdString();
    EXPECT_EQ(ready.httpStatus(), 503);
    EXPECT_FALSE(ready.value().ready);
    EXPECT_EQ(ready.value().checks.database, DatabaseCheck::Failed);
    EXPECT_FALSE(ready.value().checks.databaseError.isEmpty());

    const auto health = call<HealthStatus>([&](QObject *x, auto cb) { c.getHealth(x, cb); });
    ASSERT_TRUE(health.ok()) << health.error().userMessage().toStdString();
    EXPECT_EQ(health.httpStatus(), 503);
    EXPECT_FALSE(health.value().ok);
    EXPECT_EQ(health.value().database, QStringLiteral("unhealthy"));

    // Any other endpoint's 503 stays an error.
    const auto drain = call<ModeState>(
        [&](QObject *x, auto cb) { c.setWriteDrain(true, QStringLiteral("drill"), x, cb); });
    ASSERT_TRUE(drain.ok());
    const auto write = call<Dream>(
        [&](QObject *x, auto cb) { c.createDream(QStringLiteral("during drain"), x, cb); });
    ASSERT_FALSE(write.ok());
    EXPECT_EQ(write.error().httpStatus, 503);
}
