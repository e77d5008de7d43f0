// Contract vs the runbook: the runbook's curl commands (no token, no reason, no Idempotency-Key)
// are refused safely as written, and work once a token and a reason are added.
#include "contractfixture.h"

#include <QJsonDocument>

namespace {

class ContractRunbook : public ContractFixture
{
protected:
    void SetUp() override
    {
        ContractFixture::SetUp();
        ASSERT_TRUE(startFresh());
    }

    // A curl-like POST: Content-Type and body only, no Idempotency-Key.
    HttpResult curlPost(const QString &path, const QByteArray &body, Auth auth) const
    {
        return call("POST", path, auth, body, {{"User-Agent", "curl/7.88.1"}, {"Accept", "*/*"}});
    }
};

struct RunbookPost
{
    const char *path;
    const char *body; // exactly as the runbook writes it
};

const RunbookPost kRunbookPosts[] = {
    {"/api/ops/safe-mode", R"({"enabled": true})"},
    {"/api/integration-flags/emergency/enable", R"({"reason": "Incident: <description>"})"},
    {"/api/agents/quarantine", R"({"agentId": "citadel"})"},
    {"/api/dead-letter/replay", R"({"rateLimit": 10, "maxMessages": 100})"},
};

TEST_F(ContractRunbook, CurlsAsWrittenAreRefusedSafely)
{
    const QJsonObject before = controlState();
    for (const RunbookPost &post : kRunbookPosts) {
        const HttpResult result = curlPost(QLatin1String(post.path), post.body, Auth::None);
        EXPECT_TRUE(isError(result, 401, "unauthorized")) << post.path;
    }
    EXPECT_EQ(controlState(), before);
}

TEST_F(ContractRunbook, CurlsWithTokenNeedAReason)
{
    const QJsonObject before = controlState();
    for (const RunbookPost &post : kRunbookPosts) {
        const QJsonObject body = QJsonDocument::fromJson(post.body).object();
        if (body.contains(QLatin1String("reason")))
            continue;
        const HttpResult result
            = curlPost(QLatin1String(post.path), post.body, Auth::OperatorApiKey);
        EXPECT_TRUE(isError(result, 400, "reason_required")) << post.path;
    }
    EXPECT_EQ(controlState(), before);
}

TEST_F(ContractRunbook, CurlsWithTokenAndReasonWorkWithoutIdempotencyKey)
{
    for (const RunbookPost &post : kRunbookPosts) {
        QJsonObject body = QJsonDocument::fromJson(post.body).object();
        body.insert(QStringLiteral("reason"), QStringLiteral("runbook drill"));
        const HttpResult result
            = curlPost(QLatin1String(post.path), QJsonDocument(body).toJson(QJsonDocument::Compact),
                       Auth::OperatorApiKey);
        EXPECT_TRUE(result.status >= 200 && result.status < 300)
            << post.path << " " << result.status << " " << result.body.toStdString();
    }
    const QJsonObject ops = getJson(QStringLiteral("/api/ops/status"));
    EXPECT_EQ(at(ops, QStringLiteral("safeMode.enabled")), QJsonValue(true));
    EXPECT_EQ(at(ops, QStringLiteral("emergencyMode.active")), QJsonValue(true));
    EXPECT_EQ(ops.value(QLatin1String("quarantinedAgents")).toInt(), 1);
    // The runbook's read-only curls need no token where the contract says so.
    for (const char *path : {"/health/live", "/health/ready", "/health"})
        EXPECT_NE(get(QLatin1String(path), Auth::None).status, 401) << path;
    EXPECT_TRUE(
        isError(get(QStringLiteral("/api/dead-letter/status"), Auth::None), 401, "unauthorized"));
}

} // namespace
