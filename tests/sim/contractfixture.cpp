#include "contractfixture.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUuid>

std::unique_ptr<SimulatorProcess> ContractFixture::s_shared;

namespace {

const QByteArray kJson = QByteArrayLiteral("application/json");

bool hasHeader(const ContractFixture::Headers &headers, const QByteArray &name)
{
    for (const auto &pair : headers) {
        if (pair.first.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

} // namespace

QStringList ContractFixture::apiGets()
{
    return {QStringLiteral("/api/health-gates/status"),
            QStringLiteral("/api/metrics"),
            QStringLiteral("/api/integration-flags"),
            QStringLiteral("/api/ops/status"),
            QStringLiteral("/api/agents"),
            QStringLiteral("/api/dead-letter/status"),
            QStringLiteral("/api/circuit-breakers"),
            QStringLiteral("/api/dreams"),
            QStringLiteral("/api/sim/state")};
}

QList<ContractFixture::Mutation> ContractFixture::mutations()
{
    const auto obj = [](std::initializer_list<QPair<QString, QJsonValue>> fields) {
        QJsonObject object;
        for (const auto &[key, value] : fields)
            object.insert(key, value);
        return object;
    };
    const QJsonValue yes(true);
    return {
        {QStringLiteral("/api/integration-flags/citadel_enabled/disable"), {}},
        {QStringLiteral("/api/integration-flags/citadel_enabled/enable"), {}},
        {QStringLiteral("/api/integration-flags/emergency/enable"), {}},
        {QStringLiteral("/api/integration-flags/emergency/disable"), {}},
        {QStringLiteral("/api/ops/safe-mode"), obj({{QStringLiteral("enabled"), yes}})},
        {QStringLiteral("/api/ops/write-drain"), obj({{QStringLiteral("enabled"), yes}})},
        {QStringLiteral("/api/ops/restart"), {}},
        {QStringLiteral("/api/agents/quarantine"),
         obj({{QStringLiteral("agentId"), QStringLiteral("citadel")}})},
        {QStringLiteral("/api/agents/release"),
         obj({{QStringLiteral("agentId"), QStringLiteral("citadel")}})},
        {QStringLiteral("/api/dead-letter/replay"),
         obj({{QStringLiteral("rateLimit"), 10}, {QStringLiteral("maxMessages"), 10}})},
        {QStringLiteral("/api/dead-letter/replay/stop"), {}},
        {QStringLiteral("/api/circuit-breakers/openai/trip"), {}},
        {QStringLiteral("/api/circuit-breakers/openai/reset"), {}},
        {QStringLiteral("/api/dreams"), obj({{QStringLiteral("title"), QStringLiteral("a dream")}}),
         false},
        {QStringLiteral("/api/sim/scenario"),
         obj({{QStringLiteral("name"), QStringLiteral("error-spike")}}), false},
        {QStringLiteral("/api/sim/clock"), obj({{QStringLiteral("advanceSeconds"), 1}}), false},
        {QStringLiteral("/api/sim/chaos"), obj({{QStringLiteral("errorRate"), 1}}), false},
    };
}

namespace {
// The contract suite checks the answer to each unauthenticated request (hundreds of 401s from
// 127.0.0.1); the per-address limit on them is tested on its own in guard_framing_test.cpp.
QStringList withoutAuthFailureLimit(const QStringList &extra)
{
    return QStringList {QStringLiteral("--auth-failure-limit"), QStringLiteral("0")} + extra;
}
} // namespace

void ContractFixture::startSharedSimulator(const QStringList &extra, double speed)
{
    s_shared = TestSupport::startSimulator(withoutAuthFailureLimit(extra), speed);
}

void ContractFixture::stopSharedSimulator()
{
    s_shared.reset();
}

void ContractFixture::SetUp()
{
    m_sim = s_shared.get();
    if (m_sim) {
        ASSERT_TRUE(m_sim->isReady()) << "the shared simulator did not start";
    }
}

void ContractFixture::TearDown()
{
    m_fresh.reset();
    m_sim = nullptr;
}

bool ContractFixture::startFresh(const QStringList &extra, double speed)
{
    m_fresh = TestSupport::startSimulator(withoutAuthFailureLimit(extra), speed);
    m_sim = m_fresh.get();
    return m_sim->isReady();
}

QUrl ContractFixture::url(const QString &path) const
{
    QUrl result = m_sim->baseUrl();
    result.setPath(path);
    return result;
}

ContractFixture::Headers ContractFixture::authHeaders(Auth auth) const
{
    switch (auth) {
    case Auth::Operator:
        return {{"Authorization", "Bearer " + m_sim->token().toUtf8()}};
    case Auth::OperatorApiKey:
        return {{"x-dreamnet-api-key", m_sim->token().toUtf8()}};
    case Auth::Viewer:
        return {{"Authorization", "Bearer " + m_sim->viewerToken().toUtf8()}};
    case Auth::Wrong:
        return {{"Authorization", "Bearer " + m_sim->token().toUtf8() + "x"}};
    case Auth::None:
        break;
    }
    return {};
}

ContractFixture::HttpResult ContractFixture::call(const QByteArray &verb,
                                                  const QString &path,
                                                  Auth auth,
                                                  const QByteArray &body,
                                                  const Headers &extra,
                                                  const QByteArray &contentType,
                                                  int timeoutMs) const
{
    Headers headers = authHeaders(auth);
    if (!contentType.isEmpty() && (verb == "POST" || !body.isEmpty()))
        headers.append({QByteArrayLiteral("Content-Type"), contentType});
    headers.append(extra);
    return TestSupport::request(verb, url(path), headers, body, timeoutMs);
}

ContractFixture::HttpResult
ContractFixture::get(const QString &path, Auth auth, const Headers &extra) const
{
    return call("GET", path, auth, {}, extra, {});
}

ContractFixture::HttpResult ContractFixture::post(const QString &path,
                                                  const QJsonObject &body,
                                                  Auth auth,
                                                  const Headers &extra) const
{
    Headers headers = extra;
    if (!hasHeader(extra, "Idempotency-Key"))
        headers.append({QByteArrayLiteral("Idempotency-Key"), newKey().toUtf8()});
    return call("POST", path, auth, QJsonDocument(body).toJson(QJsonDocument::Compact), headers,
                kJson, 60000);
}

QJsonObject ContractFixture::getJson(const QString &path) const
{
    const HttpResult result = get(path);
    EXPECT_EQ(result.status, 200) << "GET " << path.toStdString() << ": "
                                  << result.body.left(300).toStdString();
    return result.json();
}

QJsonObject ContractFixture::postOk(const QString &path, const QJsonObject &body) const
{
    const HttpResult result = post(path, body);
    EXPECT_TRUE(result.status >= 200 && result.status < 300)
        << "POST " << path.toStdString() << " "
        << QJsonDocument(body).toJson(QJsonDocument::Compact).toStdString() << " -> "
        << result.status << " " << result.body.left(300).toStdString();
    return result.json();
}

void ContractFixture::advance(int seconds) const
{
    postOk(QStringLiteral("/api/sim/clock"), {{QStringLiteral("advanceSeconds"), seconds}});
}

void ContractFixture::setScenario(const QString &name, int durationSeconds) const
{
    QJsonObject body {{QStringLiteral("name"), name}};
    if (durationSeconds >= 0)
        body.insert(QStringLiteral("durationSeconds"), durationSeconds);
    postOk(QStringLiteral("/api/sim/scenario"), body);
}

double ContractFixture::metric(const QString &dottedPath) const
{
    const QJsonValue value = at(getJson(QStringLiteral("/api/metrics")), dottedPath);
    EXPECT_TRUE(value.isDouble()) << "metric " << dottedPath.toStdString() << " is not a number";
    return value.toDouble();
}

int ContractFixture::executedMutations(const QString &path) const
{
    const QJsonValue executed
        = at(getJson(QStringLiteral("/api/sim/state")), QStringLiteral("http.executedMutations"));
    EXPECT_TRUE(executed.isObject()) << "http.executedMutations is not an object";
    return executed.toObject().value(path).toInt();
}

namespace {
QJsonObject findIn(const QJsonArray &array, const QString &key, const QString &value)
{
    for (const QJsonValue &item : array) {
        if (item.toObject().value(key).toString() == value)
            return item.toObject();
    }
    ADD_FAILURE() << key.toStdString() << " '" << value.toStdString() << "' not listed";
    return {};
}
} // namespace

QJsonObject ContractFixture::flag(const QString &name) const
{
    return findIn(
        getJson(QStringLiteral("/api/integration-flags")).value(QLatin1String("flags")).toArray(),
        QStringLiteral("name"), name);
}

QJsonObject ContractFixture::breaker(const QString &name) const
{
    return findIn(
        getJson(QStringLiteral("/api/circuit-breakers")).value(QLatin1String("breakers")).toArray(),
        QStringLiteral("name"), name);
}

QJsonObject ContractFixture::agent(const QString &id) const
{
    return findIn(getJson(QStringLiteral("/api/agents")).value(QLatin1String("agents")).toArray(),
                  QStringLiteral("id"), id);
}

QJsonObject ContractFixture::controlState() const
{
    QJsonObject state;
    const QJsonObject ops = getJson(QStringLiteral("/api/ops/status"));
    for (const char *key : {"safeMode.enabled", "writeDrain.enabled", "emergencyMode.active",
                            "quarantinedAgents", "startedAt"})
        state.insert(QLatin1String(key), at(ops, QLatin1String(key)));
    for (const QJsonValue &item : getJson(QStringLiteral("/api/integration-flags"))
                                      .value(QLatin1String("flags"))
                                      .toArray()) {
        const QJsonObject f = item.toObject();
        state.insert(
            QStringLiteral("flag:") + f.value(QLatin1String("name")).toString(),
            QJsonArray {f.value(QLatin1String("enabled")), f.value(QLatin1String("updatedAt"))});
    }
    for (const QJsonValue &item : getJson(QStringLiteral("/api/circuit-breakers"))
                                      .value(QLatin1String("breakers"))
                                      .toArray()) {
        const QJsonObject b = item.toObject();
        state.insert(QStringLiteral("breaker:") + b.value(QLatin1String("name")).toString(),
                     b.value(QLatin1String("forced")));
    }
    for (const QJsonValue &item :
         getJson(QStringLiteral("/api/agents")).value(QLatin1String("agents")).toArray()) {
        const QJsonObject a = item.toObject();
        state.insert(QStringLiteral("agent:") + a.value(QLatin1String("id")).toString(),
                     a.value(QLatin1String("quarantine")));
    }
    state.insert(QStringLiteral("replay"),
                 getJson(QStringLiteral("/api/dead-letter/status")).value(QLatin1String("replay")));
    const QJsonObject sim = getJson(QStringLiteral("/api/sim/state"));
    state.insert(QStringLiteral("scenario"), sim.value(QLatin1String("scenario")));
    state.insert(QStringLiteral("chaos"), sim.value(QLatin1String("chaos")));
    state.insert(QStringLiteral("executedMutations"),
                 at(sim, QStringLiteral("http.executedMutations")));
    return state;
}

QByteArray ContractFixture::serverLog() const
{
    QFile file(m_sim->logDir() + QStringLiteral("/server.log"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

QString ContractFixture::newKey()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QJsonObject ContractFixture::withReason(QJsonObject body, const QString &reason)
{
    body.insert(QStringLiteral("reason"),
                reason.isEmpty() ? QStringLiteral("contract test") : reason);
    return body;
}
