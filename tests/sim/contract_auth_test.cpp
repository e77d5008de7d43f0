// Contract: authentication and roles on every /api/* route (ops-api.md "Auth"; matrix V2).
#include "contractfixture.h"

#include <QJsonDocument>

namespace {

class ContractAuth : public ContractFixture
{
protected:
    static void SetUpTestSuite() { startSharedSimulator(); }
    static void TearDownTestSuite() { stopSharedSimulator(); }

    void expectEveryMutationRefused(Auth auth, int status, const char *code)
    {
        const QJsonObject before = controlState();
        for (const Mutation &mutation : mutations()) {
            const QJsonObject body
                = mutation.takesReason ? withReason(mutation.body) : mutation.body;
            const HttpResult result = post(mutation.path, body, auth);
            EXPECT_TRUE(isError(result, status, code)) << "POST " << mutation.path.toStdString();
        }
        EXPECT_EQ(controlState(), before) << "a refused mutation changed the state";
    }
};

TEST_F(ContractAuth, V2_MutationWithoutToken)
{
    expectEveryMutationRefused(Auth::None, 401, "unauthorized");
}

TEST_F(ContractAuth, V2_MutationWithWrongToken)
{
    expectEveryMutationRefused(Auth::Wrong, 401, "unauthorized");
}

TEST_F(ContractAuth, V2_MutationWithWrongApiKey)
{
    const QJsonObject before = controlState();
    const HttpResult result = post(
        QStringLiteral("/api/ops/safe-mode"), withReason({{QStringLiteral("enabled"), true}}),
        Auth::None, {{"x-dreamnet-api-key", sim()->viewerToken().toUtf8() + "-nope"}});
    EXPECT_TRUE(isError(result, 401, "unauthorized"));
    EXPECT_EQ(controlState(), before);
}

TEST_F(ContractAuth, ReadsWithoutOrWithWrongTokenAre401)
{
    for (const QString &path : apiGets()) {
        EXPECT_TRUE(isError(get(path, Auth::None), 401, "unauthorized")) << path.toStdString();
        const HttpResult wrong = get(path, Auth::Wrong);
        EXPECT_TRUE(isError(wrong, 401, "unauthorized")) << path.toStdString();
        // RFC 9110: a 401 carries a challenge.
        EXPECT_TRUE(wrong.header("WWW-Authenticate").startsWith("Bearer")) << path.toStdString();
        // An empty bearer and a bare token without the scheme are no credentials either.
        EXPECT_TRUE(
            isError(get(path, Auth::None, {{"Authorization", "Bearer "}}), 401, "unauthorized"))
            << path.toStdString();
        EXPECT_TRUE(isError(get(path, Auth::None, {{"Authorization", sim()->token().toUtf8()}}),
                            401, "unauthorized"))
            << path.toStdString();
    }
}

TEST_F(ContractAuth, BothAuthHeadersAcceptedForReads)
{
    for (const QString &path : apiGets()) {
        const HttpResult bearer = get(path, Auth::Operator);
        EXPECT_EQ(bearer.status, 200)
            << path.toStdString() << " " << bearer.body.left(200).toStdString();
        EXPECT_EQ(bearer.json().value(QLatin1String("ok")), QJsonValue(true)) << path.toStdString();
        const HttpResult apiKey = get(path, Auth::OperatorApiKey);
        EXPECT_EQ(apiKey.status, 200)
            << path.toStdString() << " " << apiKey.body.left(200).toStdString();
    }
}

TEST_F(ContractAuth, ApiKeyHeaderAcceptedForMutations)
{
    ASSERT_TRUE(startFresh());
    const HttpResult result
        = post(QStringLiteral("/api/ops/safe-mode"),
               withReason({{QStringLiteral("enabled"), true}}), Auth::OperatorApiKey);
    EXPECT_EQ(result.status, 200) << result.body.toStdString();
    EXPECT_EQ(at(getJson(QStringLiteral("/api/ops/status")), QStringLiteral("safeMode.enabled")),
              QJsonValue(true));
}

TEST_F(ContractAuth, ViewerPostsAreForbidden)
{
    expectEveryMutationRefused(Auth::Viewer, 403, "forbidden");
}

TEST_F(ContractAuth, ViewerReadsWork)
{
    for (const QString &path : apiGets()) {
        const HttpResult result = get(path, Auth::Viewer);
        if (path.startsWith(QLatin1String("/api/sim/"))) {
            // /api/sim/* is operator-only (sim.md), reads included.
            EXPECT_TRUE(isError(result, 403, "forbidden")) << path.toStdString();
        } else {
            EXPECT_EQ(result.status, 200)
                << path.toStdString() << " " << result.body.left(200).toStdString();
            EXPECT_EQ(result.json().value(QLatin1String("ok")), QJsonValue(true));
        }
    }
}

TEST_F(ContractAuth, ViewerViaApiKeyIsStillViewer)
{
    const QJsonObject before = controlState();
    const HttpResult result = post(QStringLiteral("/api/ops/write-drain"),
                                   withReason({{QStringLiteral("enabled"), true}}), Auth::None,
                                   {{"x-dreamnet-api-key", sim()->viewerToken().toUtf8()}});
    EXPECT_TRUE(isError(result, 403, "forbidden"));
    EXPECT_EQ(controlState(), before);
}

TEST_F(ContractAuth, HealthAndMetricsNeedNoToken)
{
    for (const char *path : {"/health", "/health/live", "/health/ready"}) {
        const HttpResult result = get(QLatin1String(path), Auth::None);
        EXPECT_TRUE(result.status == 200 || result.status == 503) << path << " " << result.status;
        EXPECT_FALSE(result.json().isEmpty()) << path;
    }
    const HttpResult metrics = get(QStringLiteral("/metrics"), Auth::None);
    EXPECT_EQ(metrics.status, 200);
    EXPECT_TRUE(metrics.body.contains("# TYPE ")) << metrics.body.left(200).toStdString();
}

} // namespace
