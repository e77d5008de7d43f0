// Contract: Idempotency-Key replays the first answer without a second effect, refuses another
// body (422) and a concurrent duplicate (409) (ops-api.md "Mutations"; matrix V5, N9-N11).
#include "contractfixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace {

class ContractIdempotency : public ContractFixture
{
protected:
    void SetUp() override
    {
        ContractFixture::SetUp();
        ASSERT_TRUE(startFresh());
    }

    HttpResult postWithKey(const QString &path,
                           const QJsonObject &body,
                           const QByteArray &key,
                           Auth auth = Auth::Operator) const
    {
        return post(path, body, auth, {{"Idempotency-Key", key}});
    }
};

TEST_F(ContractIdempotency, V5_SameKeySameBodyReplaysWithoutSecondEffect)
{
    const QString path = QStringLiteral("/api/ops/safe-mode");
    const QJsonObject body = withReason({{QStringLiteral("enabled"), true}});
    const QByteArray key = "replay-" + newKey().toUtf8();
    const HttpResult first = postWithKey(path, body, key);
    ASSERT_EQ(first.status, 200) << first.body.toStdString();
    EXPECT_TRUE(first.header("Idempotent-Replayed").isEmpty()
                || first.header("Idempotent-Replayed") == "false");
    const int executed = executedMutations(path);
    EXPECT_EQ(executed, 1);
    const QJsonObject stateAfterFirst = controlState();
    advance(5); // a second execution would now stamp a later "since"

    const HttpResult second = postWithKey(path, body, key);
    EXPECT_EQ(second.status, first.status);
    EXPECT_EQ(second.body, first.body);
    EXPECT_EQ(second.header("Idempotent-Replayed"), "true");
    EXPECT_EQ(executedMutations(path), executed) << "the replay executed the mutation again";
    EXPECT_EQ(controlState(), stateAfterFirst);
}

TEST_F(ContractIdempotency, V5_ReplayOfCreatedDreamKeepsOneDream)
{
    const QString path = QStringLiteral("/api/dreams");
    const QJsonObject body {{QStringLiteral("title"), QStringLiteral("once only")}};
    const QByteArray key = "dream-" + newKey().toUtf8();
    const HttpResult first = postWithKey(path, body, key);
    ASSERT_EQ(first.status, 201) << first.body.toStdString();
    const HttpResult second = postWithKey(path, body, key, Auth::OperatorApiKey);
    EXPECT_EQ(second.status, 201);
    EXPECT_EQ(second.body, first.body) << "same dream id expected";
    EXPECT_EQ(second.header("Idempotent-Replayed"), "true");
    EXPECT_EQ(executedMutations(path), 1);
}

TEST_F(ContractIdempotency, V5_ResentRestartRestartsOnce)
{
    const QJsonObject body = withReason({}, QStringLiteral("restart once"));
    const QByteArray key = "restart-" + newKey().toUtf8();
    ASSERT_EQ(postWithKey(QStringLiteral("/api/ops/restart"), body, key).status, 202);
    advance(5);
    const QJsonValue startedAt
        = getJson(QStringLiteral("/api/ops/status")).value(QLatin1String("startedAt"));
    const HttpResult copy = postWithKey(QStringLiteral("/api/ops/restart"), body, key);
    EXPECT_EQ(copy.status, 202);
    EXPECT_EQ(copy.header("Idempotent-Replayed"), "true");
    advance(5);
    EXPECT_EQ(getJson(QStringLiteral("/api/ops/status")).value(QLatin1String("startedAt")),
              startedAt)
        << "the resent restart restarted again";
}

TEST_F(ContractIdempotency, V5_SameKeyOtherBodyIs422)
{
    const QString path = QStringLiteral("/api/ops/write-drain");
    const QByteArray key = "reuse-" + newKey().toUtf8();
    ASSERT_EQ(postWithKey(path, withReason({{QStringLiteral("enabled"), true}}), key).status, 200);
    const QJsonObject before = controlState();
    const HttpResult other
        = postWithKey(path, withReason({{QStringLiteral("enabled"), false}}), key);
    EXPECT_TRUE(isError(other, 422, "idempotency_key_reused"));
    EXPECT_EQ(controlState(), before);
    EXPECT_EQ(at(getJson(QStringLiteral("/api/ops/status")), QStringLiteral("writeDrain.enabled")),
              QJsonValue(true));
    // Same body on another route is another request, too.
    const HttpResult otherPath = postWithKey(QStringLiteral("/api/ops/safe-mode"),
                                             withReason({{QStringLiteral("enabled"), true}}), key);
    EXPECT_TRUE(isError(otherPath, 422, "idempotency_key_reused"));
    EXPECT_EQ(controlState(), before);
}

TEST_F(ContractIdempotency, V5_LongestKeyAccepted)
{
    const QByteArray key(128, 'K');
    const QJsonObject body {{QStringLiteral("title"), QStringLiteral("long key")}};
    EXPECT_EQ(postWithKey(QStringLiteral("/api/dreams"), body, key).status, 201);
    EXPECT_EQ(postWithKey(QStringLiteral("/api/dreams"), body, key).header("Idempotent-Replayed"),
              "true");
    EXPECT_EQ(executedMutations(QStringLiteral("/api/dreams")), 1);
}

TEST_F(ContractIdempotency, KeyRemembered24HoursThenForgotten)
{
    const QString path = QStringLiteral("/api/dreams");
    const QJsonObject body {{QStringLiteral("title"), QStringLiteral("a day")}};
    const QByteArray key = "day-" + newKey().toUtf8();
    const HttpResult first = postWithKey(path, body, key);
    ASSERT_EQ(first.status, 201);
    advance(86000);
    EXPECT_EQ(postWithKey(path, body, key).header("Idempotent-Replayed"), "true")
        << "forgotten before 24 h";
    advance(500);
    const HttpResult later = postWithKey(path, body, key);
    EXPECT_EQ(later.status, 201);
    EXPECT_TRUE(later.header("Idempotent-Replayed").isEmpty()) << "still replayed after 24 h";
    EXPECT_EQ(executedMutations(path), 2);
}

TEST_F(ContractIdempotency, PostWithoutKeyAcceptedButNotDeduplicated)
{
    const QByteArray body = R"({"title":"no key"})";
    const HttpResult first = call("POST", QStringLiteral("/api/dreams"), Auth::Operator, body);
    const HttpResult second = call("POST", QStringLiteral("/api/dreams"), Auth::Operator, body);
    ASSERT_EQ(first.status, 201) << first.body.toStdString();
    ASSERT_EQ(second.status, 201);
    EXPECT_NE(at(first.json(), QStringLiteral("dream.id")),
              at(second.json(), QStringLiteral("dream.id")));
    EXPECT_TRUE(second.header("Idempotent-Replayed").isEmpty());
    EXPECT_EQ(executedMutations(QStringLiteral("/api/dreams")), 2);
}

TEST_F(ContractIdempotency, ViewerCannotReplayOperatorKey)
{
    const QByteArray key = "scope-" + newKey().toUtf8();
    const QJsonObject body {{QStringLiteral("title"), QStringLiteral("mine")}};
    ASSERT_EQ(postWithKey(QStringLiteral("/api/dreams"), body, key).status, 201);
    // The viewer re-using the operator's key must not get the operator's stored answer.
    EXPECT_TRUE(isError(postWithKey(QStringLiteral("/api/dreams"), body, key, Auth::Viewer), 403,
                        "forbidden"));
}

TEST_F(ContractIdempotency, V5_DuplicateWhileInFlightIs409)
{
    // Hold the first request in flight with chaos latency on its route, then send the duplicate.
    const QString path = QStringLiteral("/api/dreams");
    postOk(QStringLiteral("/api/sim/chaos"),
           {{QStringLiteral("latencyMs"), 5000}, {QStringLiteral("paths"), QJsonArray {path}}});
    const QByteArray key = "inflight-" + newKey().toUtf8();
    const QByteArray body = R"({"title":"slow"})";

    QNetworkAccessManager manager;
    QNetworkRequest request(url(path));
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    request.setRawHeader("Authorization", "Bearer " + sim()->token().toUtf8());
    request.setRawHeader("Content-Type", "application/json");
    request.setRawHeader("Idempotency-Key", key);
    QNetworkReply *first = manager.post(request, body);
    // Let the first one reach the server before the duplicate.
    TestSupport::waitUntil([] { return false; }, 1000);

    const HttpResult duplicate = post(path, QJsonDocument::fromJson(body).object(), Auth::Operator,
                                      {{"Idempotency-Key", key}});
    EXPECT_TRUE(isError(duplicate, 409, "idempotency_key_in_flight"));
    ASSERT_TRUE(TestSupport::waitUntil([first] { return first->isFinished(); }, 15000));
    const int firstStatus = first->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray firstBody = first->readAll();
    delete first;
    EXPECT_EQ(firstStatus, 201);

    postOk(QStringLiteral("/api/sim/chaos"), {});
    const HttpResult later = post(path, QJsonDocument::fromJson(body).object(), Auth::Operator,
                                  {{"Idempotency-Key", key}});
    EXPECT_EQ(later.status, 201);
    EXPECT_EQ(later.body, firstBody);
    EXPECT_EQ(later.header("Idempotent-Replayed"), "true");
    EXPECT_EQ(executedMutations(path), 1);
}

TEST_F(ContractIdempotency, N9_DroppedAnswerThenResendReplays)
{
    // The server executes, then the connection drops before the answer (chaos dropRate): the
    // client resends with the same key and must get the stored answer, not a second effect.
    const QString path = QStringLiteral("/api/dreams");
    const QJsonObject body {{QStringLiteral("title"), QStringLiteral("dropped")}};
    const QByteArray key = "drop-" + newKey().toUtf8();
    postOk(QStringLiteral("/api/sim/chaos"),
           {{QStringLiteral("dropRate"), 1}, {QStringLiteral("paths"), QJsonArray {path}}});
    const HttpResult lost = postWithKey(path, body, key);
    EXPECT_EQ(lost.status, 0) << "the answer was not dropped";
    postOk(QStringLiteral("/api/sim/chaos"), {});
    HttpResult resent;
    EXPECT_TRUE(TestSupport::waitUntil(
        [&] {
            resent = postWithKey(path, body, key);
            return resent.status != 409;
        },
        5000))
        << "the key stays in flight after the dropped answer";
    EXPECT_EQ(resent.status, 201) << resent.body.toStdString();
    EXPECT_EQ(resent.header("Idempotent-Replayed"), "true");
    EXPECT_EQ(executedMutations(path), 1);
}

TEST_F(ContractIdempotency, N10_HungAnswerThenResendReplays)
{
    const QString path = QStringLiteral("/api/dreams");
    const QJsonObject body {{QStringLiteral("title"), QStringLiteral("hung")}};
    const QByteArray key = "hang-" + newKey().toUtf8();
    postOk(QStringLiteral("/api/sim/chaos"),
           {{QStringLiteral("hangRate"), 1}, {QStringLiteral("paths"), QJsonArray {path}}});
    const HttpResult timedOut = call("POST", path, Auth::Operator, R"({"title":"hung"})",
                                     {{"Idempotency-Key", key}}, "application/json", 1500);
    EXPECT_EQ(timedOut.status, 0) << "a hung request got an answer";
    postOk(QStringLiteral("/api/sim/chaos"), {});
    HttpResult resent;
    EXPECT_TRUE(TestSupport::waitUntil(
        [&] {
            resent = postWithKey(path, body, key);
            return resent.status != 409;
        },
        5000))
        << "the key stays in flight after the client gave up";
    EXPECT_EQ(resent.status, 201) << resent.body.toStdString();
    EXPECT_EQ(resent.header("Idempotent-Replayed"), "true");
    EXPECT_EQ(executedMutations(path), 1);
}

} // namespace
