// Contract: the dead-letter queue's status shape, replay (202, 409 while running, ranges, stop)
// and failed replays going back with attempts+1. The rate-limit scenario fills the queue.
#include "contractfixture.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace {

// Simulated time barely moves on its own: the tests step the clock.
constexpr double kSlow = 0.05;

class ContractDeadLetter : public ContractFixture
{
protected:
    void SetUp() override
    {
        ContractFixture::SetUp();
        ASSERT_TRUE(startFresh({}, kSlow));
    }

    QJsonObject dlq() const { return getJson(QStringLiteral("/api/dead-letter/status")); }

    // Grows the queue with the rate-limit scenario until it holds more than `atLeast` messages.
    void fillQueue(int atLeast)
    {
        setScenario(QStringLiteral("rate-limit"));
        for (int i = 0; i < 20 && dlq().value(QLatin1String("depth")).toInt() <= atLeast; ++i)
            advance(60);
        ASSERT_GT(dlq().value(QLatin1String("depth")).toInt(), atLeast)
            << "the rate-limit scenario did not grow the DLQ within 20 simulated minutes";
    }

    static QJsonObject replayBody(int rateLimit, int maxMessages)
    {
        return withReason({{QStringLiteral("rateLimit"), rateLimit},
                           {QStringLiteral("maxMessages"), maxMessages}});
    }
};

TEST_F(ContractDeadLetter, StatusShapeAndRecentRecords)
{
    fillQueue(60);
    const QJsonObject o = dlq();
    EXPECT_TRUE(hasShape(o,
                         {{QStringLiteral("ok"), Bool},
                          {QStringLiteral("depth"), Num},
                          {QStringLiteral("oldestAt"), Str},
                          {QStringLiteral("messagesPerMinute"), Num},
                          {QStringLiteral("byErrorType.TIMEOUT"), Num},
                          {QStringLiteral("byErrorType.FAILURE"), Num},
                          {QStringLiteral("byErrorType.ERROR"), Num},
                          {QStringLiteral("byConduit"), Obj},
                          {QStringLiteral("replay"), Obj | Null},
                          {QStringLiteral("recent"), Arr}}));
    EXPECT_TRUE(isIsoTime(o.value(QLatin1String("oldestAt"))));
    const QJsonObject byType = o.value(QLatin1String("byErrorType")).toObject();
    EXPECT_EQ(byType[QLatin1String("TIMEOUT")].toInt() + byType[QLatin1String("FAILURE")].toInt()
                  + byType[QLatin1String("ERROR")].toInt(),
              o.value(QLatin1String("depth")).toInt());
    int byConduit = 0;
    for (const QJsonValue &count : o.value(QLatin1String("byConduit")).toObject())
        byConduit += count.toInt();
    EXPECT_EQ(byConduit, o.value(QLatin1String("depth")).toInt());

    const QJsonArray recent = o.value(QLatin1String("recent")).toArray();
    EXPECT_GT(recent.size(), 0);
    EXPECT_LE(recent.size(), 50);
    static const QRegularExpression conduit(QStringLiteral("^([^:]+)::([^:]+)::([^:]+)$"));
    for (const QJsonValue &item : recent) {
        const QJsonObject r = item.toObject();
        EXPECT_TRUE(hasShape(r,
                             {{QStringLiteral("id"), Str},
                              {QStringLiteral("conduitId"), Str},
                              {QStringLiteral("traceId"), Str},
                              {QStringLiteral("toolId"), Str},
                              {QStringLiteral("portId"), Str},
                              {QStringLiteral("clusterId"), Str},
                              {QStringLiteral("error"), Str},
                              {QStringLiteral("errorType"), Str},
                              {QStringLiteral("timestamp"), Str},
                              {QStringLiteral("attempts"), Num}}));
        const auto match = conduit.match(r.value(QLatin1String("conduitId")).toString());
        EXPECT_TRUE(match.hasMatch())
            << r.value(QLatin1String("conduitId")).toString().toStdString();
        EXPECT_EQ(match.captured(1), r.value(QLatin1String("portId")).toString());
        EXPECT_EQ(match.captured(2), r.value(QLatin1String("clusterId")).toString());
        EXPECT_EQ(match.captured(3), r.value(QLatin1String("toolId")).toString());
        const QString type = r.value(QLatin1String("errorType")).toString();
        EXPECT_TRUE(type == QLatin1String("TIMEOUT") || type == QLatin1String("FAILURE")
                    || type == QLatin1String("ERROR"));
        EXPECT_TRUE(isIsoTime(r.value(QLatin1String("timestamp"))));
        EXPECT_GE(r.value(QLatin1String("attempts")).toInt(), 0);
    }
}

TEST_F(ContractDeadLetter, ReplayRunsRefusesSecondAndStops)
{
    fillQueue(20);
    const HttpResult started
        = post(QStringLiteral("/api/dead-letter/replay"), replayBody(1, 100000));
    ASSERT_EQ(started.status, 202) << started.body.toStdString();
    const QJsonObject replay = started.json().value(QLatin1String("replay")).toObject();
    EXPECT_TRUE(hasShape(replay,
                         {{QStringLiteral("id"), Str},
                          {QStringLiteral("state"), Str},
                          {QStringLiteral("rateLimit"), Num},
                          {QStringLiteral("maxMessages"), Num},
                          {QStringLiteral("replayed"), Num},
                          {QStringLiteral("failed"), Num},
                          {QStringLiteral("remaining"), Num},
                          {QStringLiteral("startedAt"), Str}}));
    EXPECT_EQ(replay.value(QLatin1String("state")).toString(), QLatin1String("running"));
    EXPECT_EQ(replay.value(QLatin1String("rateLimit")).toInt(), 1);

    const HttpResult second = post(QStringLiteral("/api/dead-letter/replay"), replayBody(10, 10));
    EXPECT_TRUE(isError(second, 409, "replay_in_progress"));
    EXPECT_EQ(dlq()[QLatin1String("replay")][QLatin1String("id")],
              replay.value(QLatin1String("id")));

    advance(5);
    const QJsonObject progress = dlq().value(QLatin1String("replay")).toObject();
    EXPECT_EQ(progress.value(QLatin1String("state")).toString(), QLatin1String("running"));
    const int moved = progress.value(QLatin1String("replayed")).toInt()
        + progress.value(QLatin1String("failed")).toInt();
    EXPECT_GE(moved, 1);
    EXPECT_LE(moved, 12) << "rateLimit 1/s moved far more than 5 messages in ~5 simulated seconds";

    const QJsonObject stopped
        = postOk(QStringLiteral("/api/dead-letter/replay/stop"), withReason({}));
    EXPECT_EQ(at(stopped, QStringLiteral("replay.state")).toString(), QLatin1String("stopped"));
    advance(5);
    const QJsonObject after = dlq().value(QLatin1String("replay")).toObject();
    EXPECT_EQ(after.value(QLatin1String("state")).toString(), QLatin1String("stopped"));
    EXPECT_EQ(after.value(QLatin1String("replayed")).toInt()
                  + after.value(QLatin1String("failed")).toInt(),
              at(stopped, QStringLiteral("replay.replayed")).toInt()
                  + at(stopped, QStringLiteral("replay.failed")).toInt())
        << "a stopped replay moved more messages";
    EXPECT_EQ(post(QStringLiteral("/api/dead-letter/replay"), replayBody(10, 5)).status, 202)
        << "a new replay may start once the previous one stopped";
}

TEST_F(ContractDeadLetter, ReplayStopsAtMaxMessages)
{
    fillQueue(20);
    setScenario(QStringLiteral("none"));
    const int depth = dlq().value(QLatin1String("depth")).toInt();
    ASSERT_EQ(post(QStringLiteral("/api/dead-letter/replay"), replayBody(1000, 5)).status, 202);
    advance(10);
    const QJsonObject replay = dlq().value(QLatin1String("replay")).toObject();
    EXPECT_EQ(replay.value(QLatin1String("state")).toString(), QLatin1String("done"));
    EXPECT_EQ(replay.value(QLatin1String("replayed")).toInt()
                  + replay.value(QLatin1String("failed")).toInt(),
              5);
    EXPECT_EQ(replay.value(QLatin1String("remaining")).toInt(), 0);
    EXPECT_GE(dlq().value(QLatin1String("depth")).toInt(), depth - 5);
}

TEST_F(ContractDeadLetter, ResentReplayStartIsReplayedNot409)
{
    fillQueue(20);
    const QJsonObject body = replayBody(1, 100000);
    const QByteArray key = "replay-start-" + newKey().toUtf8();
    const HttpResult first = post(QStringLiteral("/api/dead-letter/replay"), body, Auth::Operator,
                                  {{"Idempotency-Key", key}});
    ASSERT_EQ(first.status, 202);
    // Qt may resend the POST by itself: the copy must get the stored 202, not 409.
    const HttpResult copy = post(QStringLiteral("/api/dead-letter/replay"), body, Auth::Operator,
                                 {{"Idempotency-Key", key}});
    EXPECT_EQ(copy.status, 202);
    EXPECT_EQ(copy.body, first.body);
    EXPECT_EQ(copy.header("Idempotent-Replayed"), "true");
    EXPECT_EQ(executedMutations(QStringLiteral("/api/dead-letter/replay")), 1);
}

TEST_F(ContractDeadLetter, ReplayFilteredByConduit)
{
    fillQueue(20);
    setScenario(QStringLiteral("none"));
    const QJsonObject before = dlq();
    QJsonObject body = replayBody(1000, 100000);
    body.insert(QStringLiteral("conduitId"), QStringLiteral("no-port::no-cluster::no-tool"));
    ASSERT_EQ(post(QStringLiteral("/api/dead-letter/replay"), body).status, 202);
    advance(5);
    QJsonObject replay = dlq().value(QLatin1String("replay")).toObject();
    EXPECT_EQ(replay.value(QLatin1String("replayed")).toInt()
                  + replay.value(QLatin1String("failed")).toInt(),
              0)
        << "a replay for an unknown conduit moved messages";
    EXPECT_EQ(replay.value(QLatin1String("state")).toString(), QLatin1String("done"));

    // Replay one real conduit: the others keep their messages.
    const QJsonObject byConduit = before.value(QLatin1String("byConduit")).toObject();
    ASSERT_FALSE(byConduit.isEmpty());
    const QString conduit = byConduit.constBegin().key();
    body.insert(QStringLiteral("conduitId"), conduit);
    ASSERT_EQ(post(QStringLiteral("/api/dead-letter/replay"), body).status, 202);
    advance(30);
    const QJsonObject after = dlq();
    EXPECT_LT(after.value(QLatin1String("byConduit"))[conduit].toInt(),
              byConduit.value(conduit).toInt());
    for (auto it = byConduit.constBegin(); it != byConduit.constEnd(); ++it) {
        if (it.key() != conduit) {
            EXPECT_GE(after.value(QLatin1String("byConduit"))[it.key()].toInt(), it.value().toInt())
                << it.key().toStdString() << " was replayed by a filter for "
                << conduit.toStdString();
        }
    }
}

TEST_F(ContractDeadLetter, StopWithoutReplayIsRefused)
{
    // The contract is silent: any 4xx error envelope that changes nothing is acceptable.
    const HttpResult result = post(QStringLiteral("/api/dead-letter/replay/stop"), withReason({}));
    EXPECT_GE(result.status, 400);
    EXPECT_LT(result.status, 500);
    EXPECT_EQ(result.json().value(QLatin1String("ok")), QJsonValue(false));
    EXPECT_FALSE(result.json().value(QLatin1String("error")).toString().isEmpty());
    EXPECT_TRUE(dlq().value(QLatin1String("replay")).isNull());
}

TEST_F(ContractDeadLetter, ReplayValuesOutOfRangeAre400)
{
    const QList<QPair<int, int>> bad {{0, 10}, {1001, 10},   {-5, 10},
                                      {10, 0}, {10, 100001}, {10, -1}};
    for (const auto &[rate, max] : bad) {
        const HttpResult result
            = post(QStringLiteral("/api/dead-letter/replay"), replayBody(rate, max));
        EXPECT_EQ(result.status, 400) << "rateLimit " << rate << " maxMessages " << max;
        EXPECT_TRUE(isError(result, 400, "invalid_body"))
            << "rateLimit " << rate << " maxMessages " << max;
    }
    EXPECT_TRUE(dlq().value(QLatin1String("replay")).isNull()) << "a refused replay must not start";
    EXPECT_EQ(post(QStringLiteral("/api/dead-letter/replay"), replayBody(1000, 100000)).status, 202)
        << "the bounds themselves are valid";
}

TEST_F(ContractDeadLetter, FailedReplaysReturnWithMoreAttempts)
{
    fillQueue(40);
    // The cause (OpenAI 429s) persists: a fraction of replayed messages fails again.
    int baseline = 1 << 30;
    for (const QJsonValue &r : dlq().value(QLatin1String("recent")).toArray())
        baseline = qMin(baseline, r[QLatin1String("attempts")].toInt());
    ASSERT_EQ(post(QStringLiteral("/api/dead-letter/replay"), replayBody(20, 200)).status, 202);
    advance(30);
    const QJsonObject o = dlq();
    EXPECT_GT(at(o, QStringLiteral("replay.failed")).toInt(), 0)
        << "no replay failed while the cause persists";
    int maxAttempts = 0;
    for (const QJsonValue &r : o.value(QLatin1String("recent")).toArray())
        maxAttempts = qMax(maxAttempts, r[QLatin1String("attempts")].toInt());
    EXPECT_GT(maxAttempts, baseline) << "a failed replay went back without attempts+1";
}

TEST_F(ContractDeadLetter, ReplayFilteredByErrorTypeAndDone)
{
    fillQueue(10);
    setScenario(QStringLiteral("none"));
    advance(60);
    const QJsonObject before = dlq();
    // Replay only the most frequent error type; the other types must stay untouched.
    QString type;
    int count = -1;
    const QJsonObject byType = before.value(QLatin1String("byErrorType")).toObject();
    for (auto it = byType.constBegin(); it != byType.constEnd(); ++it) {
        if (it.value().toInt() > count) {
            type = it.key();
            count = it.value().toInt();
        }
    }
    const int others = before.value(QLatin1String("depth")).toInt() - count;
    QJsonObject body = replayBody(1000, 100000);
    body.insert(QStringLiteral("errorType"), type);
    ASSERT_EQ(post(QStringLiteral("/api/dead-letter/replay"), body).status, 202);
    advance(30);
    const QJsonObject after = dlq();
    EXPECT_EQ(at(after, QStringLiteral("replay.state")).toString(), QLatin1String("done"));
    EXPECT_EQ(at(after, QStringLiteral("replay.remaining")).toInt(), 0);
    EXPECT_GE(at(after, QStringLiteral("replay.replayed")).toInt()
                  + at(after, QStringLiteral("replay.failed")).toInt(),
              count);
    const int typeAfter = after.value(QLatin1String("byErrorType"))[type].toInt();
    EXPECT_LT(typeAfter, count) << type.toStdString() << " messages not drained";
    EXPECT_GE(after.value(QLatin1String("depth")).toInt() - typeAfter, others)
        << "other error types were replayed";
}

} // namespace
