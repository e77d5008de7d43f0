#pragma once

#include "contractchecks.h"
#include "testsupport.h"

#include <gtest/gtest.h>

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <memory>

// Base fixture of the dreamnet-sim contract suite (tests/sim/contract_*.cpp): talks to a real
// simulator over loopback, either one shared per test suite or a fresh one for tests that mutate.
// Fed by /work/shared/ops-api.md and the simulator decisions; it only speaks HTTP, never mocks.
class ContractFixture : public ::testing::Test, public ContractChecks
{
public:
    enum class Auth { Operator, OperatorApiKey, Viewer, None, Wrong };

    // One mutating route with a body that is valid for it.
    struct Mutation
    {
        QString path;
        QJsonObject body;
        bool takesReason = true;
    };

    /// Every GET under /api/* of the contract.
    static QStringList apiGets();
    /// Every POST of the contract with a valid body (the flag/breaker used is citadel_enabled /
    /// openai, the agent citadel).
    static QList<Mutation> mutations();

    static void startSharedSimulator(const QStringList &extra = {}, double speed = 1.0);
    static void stopSharedSimulator();

protected:
    void SetUp() override;
    void TearDown() override;

    /// Replaces the simulator of this test with a fresh one (for tests that mutate state).
    bool startFresh(const QStringList &extra = {}, double speed = 1.0);
    SimulatorProcess *sim() const { return m_sim; }

    QUrl url(const QString &path) const;
    Headers authHeaders(Auth auth) const;
    HttpResult call(const QByteArray &verb,
                    const QString &path,
                    Auth auth,
                    const QByteArray &body = {},
                    const Headers &extra = {},
                    const QByteArray &contentType = QByteArrayLiteral("application/json"),
                    int timeoutMs = 15000) const;
    HttpResult
    get(const QString &path, Auth auth = Auth::Operator, const Headers &extra = {}) const;
    /// POST with a JSON body and a fresh Idempotency-Key unless `extra` names one.
    HttpResult post(const QString &path,
                    const QJsonObject &body,
                    Auth auth = Auth::Operator,
                    const Headers &extra = {}) const;
    /// GET that must answer 200 with a JSON object; returns the object.
    QJsonObject getJson(const QString &path) const;
    /// POST that must answer 2xx; returns the object.
    QJsonObject postOk(const QString &path, const QJsonObject &body) const;

    /// Steps the simulated clock (POST /api/sim/clock) and runs the dynamics.
    void advance(int seconds) const;
    void setScenario(const QString &name, int durationSeconds = -1) const;
    double metric(const QString &dottedPath) const;
    /// executedMutations of /api/sim/state for one path (0 when absent).
    int executedMutations(const QString &path) const;
    QJsonObject flag(const QString &name) const;
    QJsonObject breaker(const QString &name) const;
    QJsonObject agent(const QString &id) const;
    QByteArray serverLog() const;
    /// The operator-controlled state (modes, flags, breakers forced, quarantines, scenario,
    /// chaos, replay, executed mutations, startedAt) to prove that a refused request changed
    /// nothing. Dynamic signals are left out.
    QJsonObject controlState() const;

    RawResult raw(const QByteArray &head, qint64 bodyBytes = 0, int timeoutMs = 8000) const
    {
        return exchange(m_sim->port(), head, bodyBytes, timeoutMs);
    }

public:
    static QString newKey();
    static QJsonObject withReason(QJsonObject body, const QString &reason = {});

private:
    static std::unique_ptr<SimulatorProcess> s_shared;
    std::unique_ptr<SimulatorProcess> m_fresh;
    SimulatorProcess *m_sim = nullptr;
};
