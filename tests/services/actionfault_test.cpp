// The controller when the server misbehaves (rows N8-N11): a 500 is Failed and never retried,
// a dropped connection after the POST is read runs the action once, a timeout is Unknown and a
// resend with the same key gets 409 while in flight and the stored reply after, and a reused
// key's 422 reads as an internal error while a new perform() mints a new key.
#include "actiontestutil.h"
#include "faultserver.h"

#include <iostream>

using namespace ActionTest;
using namespace ClientTest;
using K = ActionRequest::Kind;
using S = ActionOutcome::State;

namespace {

constexpr const char *kSafeModeOn
    = R"({"ok":true,"safeMode":{"enabled":true,"reason":"drill","since":null,"by":"gtest"}})";

QList<FaultServer::Request> posts(const FaultServer &server, const QByteArray &path)
{
    QList<FaultServer::Request> out;
    for (const FaultServer::Request &r : server.requests()) {
        if (r.method == "POST" && r.path == path)
            out.append(r);
    }
    return out;
}

int executed(OpsClient &client, const QString &path)
{
    const auto s = await<SimState>([&](QObject *c, auto cb) { client.getSimState(c, cb); });
    EXPECT_TRUE(s.ok());
    return s.ok() ? s.result->value().executedMutations(path) : -1;
}

void setChaos(OpsClient &client, const ChaosSettings &chaos)
{
    const auto ack
        = await<Acknowledgement>([&](QObject *c, auto cb) { client.setSimChaos(chaos, c, cb); });
    ASSERT_TRUE(ack.ok());
}

/// Runs `r` while the simulator's chaos (limited to `path`) loses its answer; chaos is off again
/// afterwards. The action's outcome must be Unknown.
std::optional<ActionOutcome>
runLosingTheAnswer(Harness &h, ChaosSettings chaos, const QString &path, const ActionRequest &r)
{
    chaos.paths = {path};
    setChaos(h.client, chaos);
    const auto lost = h.run(r);
    setChaos(h.client, {});
    EXPECT_TRUE(lost && lost->state == S::Unknown);
    return lost;
}

} // namespace

TEST(ActionFault, N8_ServerErrorFailsOnceAndOffersResend)
{
    FaultServer server;
    ASSERT_TRUE(server.listen());
    server.setResponse(500,
                       R"({"ok":false,"error":"internal_error","message":"Injected failure."})");
    Harness h(profileFor(server.baseUrl()));
    const auto failed = h.run(request(K::SafeMode));
    ASSERT_TRUE(failed);
    EXPECT_EQ(failed->state, S::Failed);
    EXPECT_EQ(failed->httpStatus, 500);
    EXPECT_EQ(failed->message, QStringLiteral("Injected failure. (500)"));
    h.expectJournaled(*failed, JournalEntry::Outcome::Failed);
    QTest::qWait(300); // no retry of its own
    EXPECT_EQ(posts(server, "/api/ops/safe-mode").size(), 1);
    ASSERT_TRUE(h.controller->canResend(failed->actionId));

    server.setResponse(200, kSafeModeOn);
    const QString again = h.resend(failed->actionId);
    ASSERT_FALSE(again.isEmpty());
    const auto resent = h.wait(again);
    ASSERT_TRUE(resent);
    EXPECT_EQ(resent->state, S::Succeeded);
    EXPECT_EQ(resent->resendOf, failed->actionId);
    EXPECT_EQ(resent->idempotencyKey, failed->idempotencyKey);
    EXPECT_TRUE(resent->answer[QLatin1String("safeMode")][QLatin1String("enabled")].toBool());
    h.expectJournaled(*resent, JournalEntry::Outcome::Succeeded);
    EXPECT_EQ(h.intentOf(again).details[QLatin1String("resendOf")].toString(), failed->actionId);
    const auto sent = posts(server, "/api/ops/safe-mode");
    ASSERT_EQ(sent.size(), 2);
    EXPECT_EQ(sent[0].header("Idempotency-Key"), sent[1].header("Idempotency-Key"));
    EXPECT_EQ(sent[0].body, sent[1].body);
    EXPECT_FALSE(h.controller->canResend(again)); // it succeeded
    // S1: the profile's token (the canary, not registered for redaction) never reaches the
    // journal, whatever the path: the controller never hands it over.
    EXPECT_TRUE(h.journalFilesContain(failed->idempotencyKey.toLatin1()));
    EXPECT_FALSE(h.journalFilesContain(QByteArray(kCanary)));
}

TEST(ActionFault, N9_CloseAfterReadJournalsOneAction)
{
    FaultServer server;
    ASSERT_TRUE(server.listen());
    server.setResponse(200, kSafeModeOn);
    Harness h(profileFor(server.baseUrl()));
    // A warm keep-alive connection, then the server closes it after reading the POST.
    await<OpsStatus>([&](QObject *c, auto cb) { h.client.getOpsStatus(c, cb); });
    server.setMode(FaultServer::Mode::CloseAfterRequest);
    server.setCloseFirstRequests(1);
    const auto o = h.run(request(K::SafeMode));
    ASSERT_TRUE(o);
    const auto copies = posts(server, "/api/ops/safe-mode");
    ASSERT_GE(copies.size(), 1);
    for (const auto &copy : copies)
        EXPECT_EQ(copy.header("Idempotency-Key"), o->idempotencyKey.toLatin1());
    std::cout << "[info] POST copies seen after a close: " << copies.size() << "\n";
    // Qt 6.4 resends the POST on its own; the journal still shows one action.
    if (copies.size() >= 2)
        EXPECT_EQ(o->state, S::Succeeded) << o->message.toStdString();
    else
        EXPECT_EQ(o->state, S::Unknown);
    EXPECT_EQ(h.journal.entries().size(), 2);
    h.expectJournaled(*o,
                      o->state == S::Succeeded ? JournalEntry::Outcome::Succeeded
                                               : JournalEntry::Outcome::Unknown);
}

TEST(ActionFault, N9_DroppedAnswerRunsOnceOnTheSimulator)
{
    const auto sim = TestSupport::startSimulator();
    ASSERT_TRUE(sim && sim->isReady());
    Harness h(profileFor(sim->baseUrl(), 5000, sim->token()));
    ChaosSettings chaos;
    chaos.dropRate = 1;
    const auto lost
        = runLosingTheAnswer(h, chaos, QStringLiteral("/api/ops/safe-mode"), request(K::SafeMode));
    ASSERT_TRUE(lost);
    EXPECT_TRUE(lost->message.contains(QLatin1String("may or may not have happened")));
    h.expectJournaled(*lost, JournalEntry::Outcome::Unknown);
    EXPECT_EQ(executed(h.client, QStringLiteral("/api/ops/safe-mode")), 1);
    const QString again = h.resend(lost->actionId);
    const auto resent = h.wait(again);
    ASSERT_TRUE(resent);
    EXPECT_EQ(resent->state, S::Succeeded);
    EXPECT_TRUE(resent->message.contains(QLatin1String("stored answer")));
    EXPECT_EQ(resent->idempotencyKey, lost->idempotencyKey);
    EXPECT_EQ(executed(h.client, QStringLiteral("/api/ops/safe-mode")), 1);
    for (const JournalEntry &e : h.journal.entries())
        EXPECT_EQ(e.idempotencyKey, lost->idempotencyKey);
}

TEST(ActionFault, N10_TimeoutIsUnknownThen409ThenStoredReply)
{
    FaultServer server;
    ASSERT_TRUE(server.listen());
    server.setResponse(200, kSafeModeOn);
    server.setDelayMs(3000);
    Harness h(profileFor(server.baseUrl(), 400));
    const auto timedOut = h.run(request(K::SafeMode));
    ASSERT_TRUE(timedOut);
    EXPECT_EQ(timedOut->state, S::Unknown);
    EXPECT_EQ(timedOut->message,
              QStringLiteral("The server did not answer in time; the action may or may not have "
                             "happened. Check the state, or resend with the same key."));
    h.expectJournaled(*timedOut, JournalEntry::Outcome::Unknown);
    ASSERT_TRUE(h.controller->canResend(timedOut->actionId));

    server.setDelayMs(0);
    server.setResponse(409,
                       R"({"ok":false,"error":"idempotency_key_in_flight","message":"A )"
                       R"(request with this Idempotency-Key is still being processed."})");
    const auto busy = h.wait(h.resend(timedOut->actionId));
    ASSERT_TRUE(busy);
    EXPECT_EQ(busy->state, S::Unknown);
    EXPECT_TRUE(busy->message.contains(QLatin1String("still executing")));
    ASSERT_TRUE(h.controller->canResend(busy->actionId));

    server.setResponse(200, kSafeModeOn, {{"Idempotent-Replayed", "true"}});
    const auto replayed = h.wait(h.resend(busy->actionId));
    ASSERT_TRUE(replayed);
    EXPECT_EQ(replayed->state, S::Succeeded);
    EXPECT_EQ(replayed->resendOf, timedOut->actionId); // the chain's root
    const auto sent = posts(server, "/api/ops/safe-mode");
    ASSERT_EQ(sent.size(), 3);
    for (const auto &copy : sent) {
        EXPECT_EQ(copy.header("Idempotency-Key"), timedOut->idempotencyKey.toLatin1());
        EXPECT_EQ(copy.body, sent[0].body);
    }
    EXPECT_EQ(h.journal.entries().size(), 6);
}

TEST(ActionFault, N10_TimeoutThenResendRunsOnceOnTheSimulator)
{
    const auto sim = TestSupport::startSimulator();
    ASSERT_TRUE(sim && sim->isReady());
    Harness h(profileFor(sim->baseUrl(), 400, sim->token()));
    ChaosSettings chaos;
    chaos.latencyMs = 1500;
    const auto timedOut = runLosingTheAnswer(h, chaos, QStringLiteral("/api/ops/write-drain"),
                                             request(K::WriteDrain));
    ASSERT_TRUE(timedOut);
    const auto resent = h.wait(h.resend(timedOut->actionId));
    ASSERT_TRUE(resent);
    // The first copy ran; a resend gets 409 while its answer is pending, the stored reply after.
    if (resent->state == S::Unknown) {
        EXPECT_TRUE(resent->message.contains(QLatin1String("still executing")));
        QTest::qWait(1600);
        const auto last = h.wait(h.resend(resent->actionId));
        ASSERT_TRUE(last);
        EXPECT_EQ(last->state, S::Succeeded) << last->message.toStdString();
    } else {
        EXPECT_EQ(resent->state, S::Succeeded) << resent->message.toStdString();
    }
    EXPECT_EQ(executed(h.client, QStringLiteral("/api/ops/write-drain")), 1);
}

TEST(ActionFault, N11_ReusedKeyIsAnInternalErrorAndANewPerformMintsANewKey)
{
    FaultServer server;
    ASSERT_TRUE(server.listen());
    server.setResponse(422,
                       R"({"ok":false,"error":"idempotency_key_reused","message":"This )"
                       R"(Idempotency-Key was used with another request; mint a new key."})");
    Harness h(profileFor(server.baseUrl()));
    const auto reused = h.run(request(K::Flag, QStringLiteral("citadel_enabled"), false));
    ASSERT_TRUE(reused);
    EXPECT_EQ(reused->state, S::Failed);
    EXPECT_EQ(reused->httpStatus, 422);
    EXPECT_TRUE(reused->message.startsWith(QLatin1String("Internal error:")))
        << reused->message.toStdString();
    EXPECT_FALSE(h.controller->canResend(reused->actionId)); // the same key cannot help
    QString rejected;
    EXPECT_FALSE(h.controller->resend(reused->actionId, &rejected));
    EXPECT_FALSE(rejected.isEmpty());
    h.expectJournaled(*reused, JournalEntry::Outcome::Failed);

    server.setResponse(200,
                       R"({"ok":true,"flag":{"name":"citadel_enabled","enabled":false,)"
                       R"("envVar":"CITADEL_ENABLED","default":true,"brownout":false,)"
                       R"("brownoutFallback":null,"description":"","reason":"x",)"
                       R"("updatedAt":null,"updatedBy":null}})");
    const auto fresh = h.run(request(K::Flag, QStringLiteral("citadel_enabled"), false));
    ASSERT_TRUE(fresh);
    EXPECT_EQ(fresh->state, S::Succeeded) << fresh->message.toStdString();
    EXPECT_NE(fresh->idempotencyKey, reused->idempotencyKey);
    const auto sent = posts(server, "/api/integration-flags/citadel_enabled/disable");
    ASSERT_EQ(sent.size(), 2);
    EXPECT_NE(sent[0].header("Idempotency-Key"), sent[1].header("Idempotency-Key"));
}

TEST(ActionFault, ConsoleClosingMidActionJournalsUnknown)
{
    FaultServer server;
    ASSERT_TRUE(server.listen());
    server.setMode(FaultServer::Mode::Hold);
    Harness h(profileFor(server.baseUrl()));
    const QString id = h.controller->perform(request(K::WriteDrain));
    ASSERT_FALSE(id.isEmpty());
    ASSERT_TRUE(TestSupport::waitUntil([&] { return server.requestCount("POST") == 1; }));
    h.controller.reset();
    const QList<JournalEntry> entries = h.entriesOf(id);
    ASSERT_EQ(entries.size(), 2);
    EXPECT_EQ(entries[1].kind, JournalEntry::Kind::Result);
    EXPECT_EQ(entries[1].outcome, JournalEntry::Outcome::Unknown);
    EXPECT_EQ(entries[1].idempotencyKey, entries[0].idempotencyKey);
}

TEST(ActionFault, ClosedJournalRefusesActions)
{
    FaultServer server;
    ASSERT_TRUE(server.listen());
    Harness h(profileFor(server.baseUrl()));
    h.journal.close();
    QString rejected;
    EXPECT_TRUE(h.controller->perform(request(K::SafeMode), &rejected).isEmpty());
    EXPECT_TRUE(rejected.startsWith(QLatin1String("The action journal is not open")));
    QTest::qWait(100);
    EXPECT_EQ(server.requestCount(), 0);
}
