// S1 (client part): a canary token never reaches the log file, at debug verbosity with every
// Qt logging category on, across successes and every kind of failure. The canary is NOT
// registered with Logging::registerSecret: the client itself must not log it.
#include "clienttestutil.h"
#include "faultserver.h"
#include "logging.h"

#include <QLoggingCategory>
#include <QTemporaryDir>

#include <spdlog/spdlog.h>

#include <gtest/gtest.h>

using namespace ClientTest;

namespace {

class ClientLog : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        m_logFile = m_dir.filePath(QStringLiteral("dreamops.log"));
        Logging::init({.logFile = m_logFile, .verbose = true, .console = false});
        QLoggingCategory::setFilterRules(QStringLiteral("*.debug=true"));
    }
    void TearDown() override
    {
        QLoggingCategory::setFilterRules(QString());
        Logging::init({});
    }

    QByteArray logged()
    {
        Logging::get("services")->flush();
        Logging::get("qt")->flush();
        QFile f(m_logFile);
        EXPECT_TRUE(f.open(QIODevice::ReadOnly));
        return f.readAll();
    }

    QTemporaryDir m_dir;
    QString m_logFile;
};

TEST_F(ClientLog, S1_CanaryTokenNeverLogged)
{
    FaultServer server;
    ASSERT_TRUE(server.listen());
    QStringList messages;
    for (const AuthScheme scheme : {AuthScheme::Bearer, AuthScheme::ApiKeyHeader}) {
        ConnectionProfile p = profileFor(server.baseUrl(), 600);
        p.auth = scheme;
        OpsClient client(p);
        const auto collect = [&](const auto &out) {
            if (out.result && !out.ok())
                messages << out.error().userMessage() << out.error().detail;
        };
        server.setMode(FaultServer::Mode::Respond);
        server.setResponse(200, R"({"status":"alive"})");
        collect(await<LiveStatus>([&](QObject *c, auto cb) { client.getLive(c, cb); }));
        server.setResponse(401, R"({"ok":false,"error":"unauthorized","message":"Bad token."})");
        collect(await<OpsStatus>([&](QObject *c, auto cb) { client.getOpsStatus(c, cb); }));
        collect(await<ModeState>([&](QObject *c, auto cb) {
            client.setSafeMode(true, QStringLiteral("canary drill"), c, cb);
        }));
        server.setResponse(200, "<html></html>", {}, "text/html");
        collect(await<AgentList>([&](QObject *c, auto cb) { client.getAgents(c, cb); }));
        QUrl elsewhere(QStringLiteral("http://127.0.0.2:9/api/flags"));
        server.addRedirect("/api/integration-flags", elsewhere);
        collect(await<FlagList>([&](QObject *c, auto cb) { client.getFlags(c, cb); }));
        server.setMode(FaultServer::Mode::Hold);
        collect(await<MetricsSnapshot>([&](QObject *c, auto cb) { client.getMetrics(c, cb); }));
    }
    // The server did receive the token (so it was really in play)...
    int withToken = 0;
    for (const auto &r : server.requests()) {
        if (r.header("Authorization").contains(kCanary)
            || r.header("x-dreamnet-api-key") == kCanary)
            ++withToken;
    }
    EXPECT_GE(withToken, 10);
    // ...the log has the request lines but never the token.
    const QByteArray log = logged();
    EXPECT_TRUE(log.contains("/api/ops/status")) << "nothing was logged: the test proves nothing";
    EXPECT_TRUE(log.contains("traceId="));
    EXPECT_FALSE(log.contains(kCanary)) << "token leaked into the log";
    EXPECT_FALSE(log.contains("Bearer "));
    for (const QString &m : std::as_const(messages))
        EXPECT_FALSE(m.contains(QLatin1String(kCanary))) << m.toStdString();
    EXPECT_GE(messages.size(), 8);
}

} // namespace
