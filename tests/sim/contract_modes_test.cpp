// Contract: ops modes, feature flags, emergency mode, restart, agents and circuit breakers do what
// ops-api.md says and answer with the objects it lists. Each test mutates: a fresh simulator each.
#include "contractfixture.h"

#include <QJsonArray>

namespace {

class ContractModes : public ContractFixture
{
protected:
    void SetUp() override
    {
        ContractFixture::SetUp();
        ASSERT_TRUE(startFresh());
    }

    QJsonObject ops() const { return getJson(QStringLiteral("/api/ops/status")); }
    bool flagEnabled(const char *name) const
    {
        return flag(QLatin1String(name)).value(QLatin1String("enabled")).toBool();
    }
};

TEST_F(ContractModes, SafeModeOnAndOffWithReasonAndOperator)
{
    QJsonObject body
        = withReason({{QStringLiteral("enabled"), true}}, QStringLiteral("drill safe"));
    body.insert(QStringLiteral("operator"), QStringLiteral("alice"));
    const QJsonObject answer = postOk(QStringLiteral("/api/ops/safe-mode"), body);
    EXPECT_EQ(answer.value(QLatin1String("ok")), QJsonValue(true));
    EXPECT_EQ(at(answer, QStringLiteral("safeMode.enabled")), QJsonValue(true));
    EXPECT_EQ(at(answer, QStringLiteral("safeMode.reason")).toString(),
              QLatin1String("drill safe"));
    EXPECT_EQ(at(answer, QStringLiteral("safeMode.by")).toString(), QLatin1String("alice"));
    EXPECT_TRUE(isIsoTime(at(answer, QStringLiteral("safeMode.since"))));
    EXPECT_EQ(ops().value(QLatin1String("safeMode")), answer.value(QLatin1String("safeMode")));
    const QJsonObject off = postOk(QStringLiteral("/api/ops/safe-mode"),
                                   withReason({{QStringLiteral("enabled"), false}}));
    EXPECT_EQ(at(off, QStringLiteral("safeMode.enabled")), QJsonValue(false));
    EXPECT_EQ(at(ops(), QStringLiteral("safeMode.enabled")), QJsonValue(false));
    EXPECT_TRUE(TestSupport::waitUntil([this] { return serverLog().contains("drill safe"); }, 3000))
        << "mutations are logged with their reason";
}

TEST_F(ContractModes, WriteDrainRefusesAppWritesOnly)
{
    ASSERT_EQ(
        post(QStringLiteral("/api/dreams"), {{QStringLiteral("title"), QStringLiteral("before")}})
            .status,
        201);
    const QJsonObject answer
        = postOk(QStringLiteral("/api/ops/write-drain"),
                 withReason({{QStringLiteral("enabled"), true}}, QStringLiteral("migrate")));
    EXPECT_EQ(at(answer, QStringLiteral("writeDrain.enabled")), QJsonValue(true));
    EXPECT_EQ(at(answer, QStringLiteral("writeDrain.reason")).toString(), QLatin1String("migrate"));

    const int executedBefore = executedMutations(QStringLiteral("/api/dreams"));
    const HttpResult write = post(QStringLiteral("/api/dreams"),
                                  {{QStringLiteral("title"), QStringLiteral("during")}});
    EXPECT_TRUE(isError(write, 503, "write_drain"));
    EXPECT_EQ(write.header("Retry-After"), "5");
    EXPECT_EQ(executedMutations(QStringLiteral("/api/dreams")), executedBefore);

    // Reads and the ops surfaces keep working while draining.
    for (const QString &path : apiGets())
        EXPECT_EQ(get(path).status, 200) << path.toStdString();
    EXPECT_EQ(get(QStringLiteral("/health/live"), Auth::None).status, 200);
    const QJsonObject reason = withReason({});
    EXPECT_EQ(
        post(QStringLiteral("/api/ops/safe-mode"), withReason({{QStringLiteral("enabled"), true}}))
            .status,
        200);
    EXPECT_EQ(post(QStringLiteral("/api/integration-flags/citadel_enabled/disable"), reason).status,
              200);
    EXPECT_EQ(post(QStringLiteral("/api/agents/quarantine"),
                   withReason({{QStringLiteral("agentId"), QStringLiteral("relaybot")}}))
                  .status,
              200);
    EXPECT_EQ(post(QStringLiteral("/api/agents/release"),
                   withReason({{QStringLiteral("agentId"), QStringLiteral("relaybot")}}))
                  .status,
              200);
    const HttpResult replay
        = post(QStringLiteral("/api/dead-letter/replay"),
               withReason({{QStringLiteral("rateLimit"), 5}, {QStringLiteral("maxMessages"), 5}}));
    EXPECT_EQ(replay.status, 202) << replay.body.toStdString();
    EXPECT_EQ(post(QStringLiteral("/api/circuit-breakers/stripe/trip"), reason).status, 200);
    EXPECT_EQ(
        post(QStringLiteral("/api/sim/clock"), {{QStringLiteral("advanceSeconds"), 1}}).status,
        200);

    postOk(QStringLiteral("/api/ops/write-drain"),
           withReason({{QStringLiteral("enabled"), false}}));
    EXPECT_EQ(
        post(QStringLiteral("/api/dreams"), {{QStringLiteral("title"), QStringLiteral("after")}})
            .status,
        201);
}

TEST_F(ContractModes, FlagDisableEnableRoundTrip)
{
    const QJsonObject before = flag(QStringLiteral("drone_dome_scan_enabled"));
    advance(3);
    QJsonObject body = withReason({}, QStringLiteral("scan storm"));
    body.insert(QStringLiteral("operator"), QStringLiteral("bob"));
    const QJsonObject answer
        = postOk(QStringLiteral("/api/integration-flags/drone_dome_scan_enabled/disable"), body);
    const QJsonObject f = answer.value(QLatin1String("flag")).toObject();
    EXPECT_EQ(f.value(QLatin1String("name")).toString(), QLatin1String("drone_dome_scan_enabled"));
    EXPECT_EQ(f.value(QLatin1String("enabled")), QJsonValue(false));
    EXPECT_EQ(f.value(QLatin1String("reason")).toString(), QLatin1String("scan storm"));
    EXPECT_EQ(f.value(QLatin1String("updatedBy")).toString(), QLatin1String("bob"));
    EXPECT_TRUE(isIsoTime(f.value(QLatin1String("updatedAt"))));
    EXPECT_NE(f.value(QLatin1String("updatedAt")), before.value(QLatin1String("updatedAt")));
    EXPECT_EQ(flag(QStringLiteral("drone_dome_scan_enabled")), f);
    EXPECT_FALSE(flagEnabled("drone_dome_scan_enabled"));
    EXPECT_TRUE(flagEnabled("citadel_enabled")) << "other flags untouched";
    postOk(QStringLiteral("/api/integration-flags/drone_dome_scan_enabled/enable"), withReason({}));
    EXPECT_TRUE(flagEnabled("drone_dome_scan_enabled"));
    // The off-by-default flag can be switched on.
    postOk(QStringLiteral("/api/integration-flags/latent_collaboration_enabled/enable"),
           withReason({}));
    EXPECT_TRUE(flagEnabled("latent_collaboration_enabled"));
}

TEST_F(ContractModes, EmergencyModeDisablesEveryFlagAndRestores)
{
    postOk(QStringLiteral("/api/integration-flags/dreamkeeper_enabled/disable"), withReason({}));
    postOk(QStringLiteral("/api/integration-flags/latent_collaboration_enabled/enable"),
           withReason({}));
    QJsonObject before;
    for (const QJsonValue &f :
         getJson(QStringLiteral("/api/integration-flags")).value(QLatin1String("flags")).toArray())
        before.insert(f[QLatin1String("name")].toString(), f[QLatin1String("enabled")]);

    QJsonObject emergency = withReason({}, QStringLiteral("breach"));
    emergency.insert(QStringLiteral("operator"), QStringLiteral("dave"));
    const QJsonObject on
        = postOk(QStringLiteral("/api/integration-flags/emergency/enable"), emergency);
    EXPECT_EQ(at(on, QStringLiteral("emergencyMode.activatedBy")).toString(),
              QLatin1String("dave"));
    EXPECT_EQ(at(on, QStringLiteral("emergencyMode.active")), QJsonValue(true));
    EXPECT_EQ(at(on, QStringLiteral("emergencyMode.reason")).toString(), QLatin1String("breach"));
    EXPECT_TRUE(isIsoTime(at(on, QStringLiteral("emergencyMode.activatedAt"))));
    const QJsonObject listed = getJson(QStringLiteral("/api/integration-flags"));
    EXPECT_EQ(at(listed, QStringLiteral("emergencyMode.active")), QJsonValue(true));
    EXPECT_EQ(at(ops(), QStringLiteral("emergencyMode.active")), QJsonValue(true));
    for (const QJsonValue &f : listed.value(QLatin1String("flags")).toArray())
        EXPECT_EQ(f[QLatin1String("enabled")], QJsonValue(false))
            << f[QLatin1String("name")].toString().toStdString();

    const QJsonObject off
        = postOk(QStringLiteral("/api/integration-flags/emergency/disable"), withReason({}));
    EXPECT_EQ(at(off, QStringLiteral("emergencyMode.active")), QJsonValue(false));
    for (const QJsonValue &f :
         getJson(QStringLiteral("/api/integration-flags")).value(QLatin1String("flags")).toArray())
        EXPECT_EQ(f[QLatin1String("enabled")], before.value(f[QLatin1String("name")].toString()))
            << f[QLatin1String("name")].toString().toStdString() << " not restored";
}

TEST_F(ContractModes, FlagChangedDuringEmergencyShowsAfterIt)
{
    postOk(QStringLiteral("/api/integration-flags/emergency/enable"), withReason({}));
    postOk(QStringLiteral("/api/integration-flags/latent_collaboration_enabled/enable"),
           withReason({}));
    EXPECT_FALSE(flagEnabled("latent_collaboration_enabled"))
        << "a flag reads enabled during emergency";
    postOk(QStringLiteral("/api/integration-flags/emergency/disable"), withReason({}));
    EXPECT_TRUE(flagEnabled("latent_collaboration_enabled"));
}

TEST_F(ContractModes, JsonMediaTypeWithCharsetAccepted)
{
    const HttpResult result
        = call("POST", QStringLiteral("/api/dreams"), Auth::Operator, R"({"title":"charset"})",
               {{"Idempotency-Key", newKey().toUtf8()}}, "application/json; charset=utf-8");
    EXPECT_EQ(result.status, 201) << result.body.toStdString();
    EXPECT_TRUE(hasShape(result.json(),
                         {{QStringLiteral("ok"), Bool},
                          {QStringLiteral("dream.id"), Str},
                          {QStringLiteral("dream.title"), Str},
                          {QStringLiteral("dream.createdAt"), Str}}));
    EXPECT_EQ(at(result.json(), QStringLiteral("dream.title")).toString(),
              QLatin1String("charset"));
    EXPECT_TRUE(isIsoTime(at(result.json(), QStringLiteral("dream.createdAt"))));
}

TEST_F(ContractModes, RestartResetsProcessKeepsModes)
{
    postOk(QStringLiteral("/api/ops/safe-mode"), withReason({{QStringLiteral("enabled"), true}}));
    postOk(QStringLiteral("/api/agents/quarantine"),
           withReason({{QStringLiteral("agentId"), QStringLiteral("citadel")}}));
    advance(120);
    const QJsonObject before = ops();
    const double uptimeBefore = getJson(QStringLiteral("/api/metrics"))[QLatin1String(
        "watchdogs")][QLatin1String("processHealth")][QLatin1String("uptime")]
                                    .toDouble();
    EXPECT_GE(uptimeBefore, 100);
    const HttpResult restart
        = post(QStringLiteral("/api/ops/restart"), withReason({}, QStringLiteral("leak")));
    EXPECT_EQ(restart.status, 202) << restart.body.toStdString();
    EXPECT_EQ(restart.json().value(QLatin1String("ok")), QJsonValue(true));
    advance(3);
    const QJsonObject after = ops();
    EXPECT_NE(after.value(QLatin1String("startedAt")), before.value(QLatin1String("startedAt")));
    EXPECT_EQ(at(after, QStringLiteral("safeMode")), at(before, QStringLiteral("safeMode")));
    EXPECT_EQ(after.value(QLatin1String("quarantinedAgents")).toInt(), 1);
    EXPECT_LT(metric(QStringLiteral("watchdogs.processHealth.uptime")), uptimeBefore);
    EXPECT_LT(getJson(QStringLiteral("/health/live"))[QLatin1String("uptime")].toDouble(),
              uptimeBefore);
    advance(10);
    EXPECT_EQ(get(QStringLiteral("/health/ready"), Auth::None).status, 200)
        << "ready again after restart";
}

TEST_F(ContractModes, QuarantineAndReleaseAgent)
{
    QJsonObject body = withReason({{QStringLiteral("agentId"), QStringLiteral("citadel")}},
                                  QStringLiteral("spewing errors"));
    body.insert(QStringLiteral("operator"), QStringLiteral("carol"));
    const QJsonObject answer = postOk(QStringLiteral("/api/agents/quarantine"), body);
    const QJsonObject a = answer.value(QLatin1String("agent")).toObject();
    EXPECT_EQ(a.value(QLatin1String("id")).toString(), QLatin1String("citadel"));
    EXPECT_EQ(a.value(QLatin1String("status")).toString(), QLatin1String("quarantined"));
    EXPECT_TRUE(hasShape(a.value(QLatin1String("quarantine")).toObject(),
                         {{QStringLiteral("since"), Str},
                          {QStringLiteral("reason"), Str},
                          {QStringLiteral("by"), Str | Null},
                          {QStringLiteral("expiresAt"), Str | Null}}));
    EXPECT_EQ(at(a, QStringLiteral("quarantine.reason")).toString(),
              QLatin1String("spewing errors"));
    EXPECT_EQ(at(a, QStringLiteral("quarantine.by")).toString(), QLatin1String("carol"));
    EXPECT_TRUE(at(a, QStringLiteral("quarantine.expiresAt")).isNull()) << "no duration, no expiry";
    EXPECT_EQ(ops().value(QLatin1String("quarantinedAgents")).toInt(), 1);
    EXPECT_EQ(agent(QStringLiteral("citadel")).value(QLatin1String("status")).toString(),
              QLatin1String("quarantined"));

    advance(2);
    const QJsonObject again
        = postOk(QStringLiteral("/api/agents/quarantine"),
                 withReason({{QStringLiteral("agentId"), QStringLiteral("citadel")}},
                            QStringLiteral("again")));
    EXPECT_EQ(again.value(QLatin1String("agent"))[QLatin1String("quarantine")],
              a.value(QLatin1String("quarantine")))
        << "quarantining a quarantined agent leaves it unchanged";

    const QJsonObject released
        = postOk(QStringLiteral("/api/agents/release"),
                 withReason({{QStringLiteral("agentId"), QStringLiteral("citadel")}}));
    EXPECT_NE(at(released, QStringLiteral("agent.status")).toString(),
              QLatin1String("quarantined"));
    EXPECT_TRUE(at(released, QStringLiteral("agent.quarantine")).isNull());
    EXPECT_EQ(ops().value(QLatin1String("quarantinedAgents")).toInt(), 0);
    EXPECT_EQ(getJson(QStringLiteral("/api/agents")).value(QLatin1String("total")).toInt(), 6)
        << "agents stay listed";
}

TEST_F(ContractModes, QuarantineWithDurationExpires)
{
    const QJsonObject answer
        = postOk(QStringLiteral("/api/agents/quarantine"),
                 withReason({{QStringLiteral("agentId"), QStringLiteral("relaybot")},
                             {QStringLiteral("durationSeconds"), 30}}));
    EXPECT_TRUE(isIsoTime(at(answer, QStringLiteral("agent.quarantine.expiresAt"))));
    advance(10);
    EXPECT_EQ(agent(QStringLiteral("relaybot")).value(QLatin1String("status")).toString(),
              QLatin1String("quarantined"));
    advance(30);
    EXPECT_NE(agent(QStringLiteral("relaybot")).value(QLatin1String("status")).toString(),
              QLatin1String("quarantined"));
}

TEST_F(ContractModes, BreakerTripStaysForcedUntilReset)
{
    const QJsonObject tripped
        = postOk(QStringLiteral("/api/circuit-breakers/google/trip"), withReason({}));
    EXPECT_EQ(tripped.value(QLatin1String("ok")), QJsonValue(true));
    EXPECT_EQ(breaker(QStringLiteral("google")).value(QLatin1String("state")).toString(),
              QLatin1String("open"));
    EXPECT_EQ(breaker(QStringLiteral("google")).value(QLatin1String("forced")), QJsonValue(true));
    advance(300); // well past any cool-down
    EXPECT_EQ(breaker(QStringLiteral("google")).value(QLatin1String("state")).toString(),
              QLatin1String("open"));
    EXPECT_EQ(breaker(QStringLiteral("google")).value(QLatin1String("forced")), QJsonValue(true));
    postOk(QStringLiteral("/api/circuit-breakers/google/reset"), withReason({}));
    const QJsonObject reset = breaker(QStringLiteral("google"));
    EXPECT_EQ(reset.value(QLatin1String("state")).toString(), QLatin1String("closed"));
    EXPECT_EQ(reset.value(QLatin1String("forced")), QJsonValue(false));
    EXPECT_EQ(reset.value(QLatin1String("failureCount")).toInt(), 0);
    EXPECT_EQ(breaker(QStringLiteral("stripe")).value(QLatin1String("forced")), QJsonValue(false));
}

TEST_F(ContractModes, UnknownFieldsIgnoredAndLongestReasonAccepted)
{
    QJsonObject body
        = withReason({{QStringLiteral("enabled"), true}}, QString(500, QLatin1Char('r')));
    body.insert(QStringLiteral("unexpected"), QJsonArray {1, 2, 3});
    body.insert(QStringLiteral("padding"), QString(700 * 1024, QLatin1Char('p'))); // under 1 MiB
    const HttpResult result = post(QStringLiteral("/api/ops/safe-mode"), body);
    EXPECT_EQ(result.status, 200) << result.body.left(300).toStdString();
    EXPECT_EQ(at(ops(), QStringLiteral("safeMode.enabled")), QJsonValue(true));
}

TEST_F(ContractModes, ReasonCountsCharactersNotBytes)
{
    // 500 two-byte characters are 1000 UTF-8 bytes but 500 characters: accepted.
    const QString reason(500, QChar(0x00E9));
    const HttpResult ok = post(QStringLiteral("/api/ops/safe-mode"),
                               withReason({{QStringLiteral("enabled"), true}}, reason));
    EXPECT_EQ(ok.status, 200) << ok.body.left(200).toStdString();
    EXPECT_EQ(at(ok.json(), QStringLiteral("safeMode.reason")).toString(), reason);
    const HttpResult tooLong
        = post(QStringLiteral("/api/ops/safe-mode"),
               withReason({{QStringLiteral("enabled"), false}}, reason + QChar(0x00E9)));
    EXPECT_EQ(tooLong.status, 400);
    const QString title = QStringLiteral("\u5922 \U0001F319 r\u00EAve");
    const HttpResult dream
        = post(QStringLiteral("/api/dreams"), {{QStringLiteral("title"), title}});
    EXPECT_EQ(dream.status, 201);
    EXPECT_EQ(at(dream.json(), QStringLiteral("dream.title")).toString(), title)
        << "title not kept as UTF-8";
}

TEST_F(ContractModes, BodyOfExactly1MiBAccepted)
{
    const QByteArray prefix = R"({"title":"big","pad":")";
    const QByteArray suffix = R"("})";
    const QByteArray body
        = prefix + QByteArray(1024 * 1024 - prefix.size() - suffix.size(), 'p') + suffix;
    ASSERT_EQ(body.size(), 1024 * 1024);
    const HttpResult result = call("POST", QStringLiteral("/api/dreams"), Auth::Operator, body,
                                   {{"Idempotency-Key", newKey().toUtf8()}});
    EXPECT_EQ(result.status, 201) << result.body.left(200).toStdString();
}

TEST_F(ContractModes, EveryMutationAnswersOkTrue)
{
    for (Mutation mutation : mutations()) {
        if (mutation.path.endsWith(QLatin1String("/write-drain")))
            mutation.body.insert(QStringLiteral("enabled"), false); // keep /api/dreams writable
        const HttpResult result
            = post(mutation.path, mutation.takesReason ? withReason(mutation.body) : mutation.body);
        EXPECT_TRUE(result.status >= 200 && result.status < 300)
            << mutation.path.toStdString() << " " << result.status << " "
            << result.body.left(200).toStdString();
        EXPECT_TRUE(result.header("Content-Type").startsWith("application/json"))
            << mutation.path.toStdString();
        EXPECT_EQ(result.json().value(QLatin1String("ok")), QJsonValue(true))
            << mutation.path.toStdString();
        EXPECT_FALSE(result.header("X-Trace-Id").isEmpty()) << mutation.path.toStdString();
    }
}

} // namespace
