#pragma once

#include "chaospolicy.h"
#include "httpstats.h"
#include "idempotencystore.h"
#include "opsroutes.h"
#include "ratelimiter.h"
#include "requestguard.h"
#include "simroutes.h"

#include <QAbstractHttpServer>
#include <QRandomGenerator>
#include <QSslConfiguration>

class SimClock;
class SimEngine;

// The simulator's HTTP front: QtHttpServer 6.4 parses requests arriving through RequestGuard;
// this class routes them, checks auth, roles, rate limit, content type and Idempotency-Key,
// calls OpsRoutes/SimRoutes, applies chaos and hands the answer to the socket's
// GuardedConnection. Every answer carries X-Trace-Id; errors use the contract's envelope.
class SimHttpServer final : public QAbstractHttpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SimHttpServer)

public:
    struct Config
    {
        QString operatorToken;
        QString viewerToken; ///< empty = no viewer role
        double rateLimit = 200;
        int authFailureLimit = 20; ///< per peer address and minute; 0 = off
        quint32 seed = 1;
        GuardedConnection::Limits limits;
        int maxConnections = 512;
        QString instance = QStringLiteral("sim-1");
        QSslConfiguration tls; ///< null = plain HTTP (the default); else HTTPS on the same port
    };

    SimHttpServer(SimEngine &engine,
                  SimClock &clock,
                  const Config &config,
                  QObject *parent = nullptr);
    ~SimHttpServer() override;

    /// Listens on address:port (0 = any free port). Returns the port, 0 on failure.
    quint16 listenOn(const QHostAddress &address, quint16 port, QString *error);
    RequestGuard *guard() const { return m_guard; }

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    struct Pending
    {
        QString path;
        QByteArray scope;
        QByteArray key;
        bool idempotent = false;
        bool mutation = false;
    };
    HttpReply process(const QHttpServerRequest &request,
                      const QString &traceId,
                      const QByteArray &peer,
                      Pending &pending,
                      ChaosPolicy::Decision &chaos);
    QString roleOf(const QHttpServerRequest &request, QByteArray *credential) const;
    const ApiRoute *match(const QByteArray &method,
                          const QString &path,
                          QStringList *params,
                          QStringList *allowed) const;
    static QByteArray header(const QHttpServerRequest &request, const char *name);

    SimEngine &m_engine;
    SimClock &m_clock;
    Config m_config;
    ChaosPolicy m_chaos;
    HttpStats m_stats;
    IdempotencyStore m_idempotency;
    RateLimiter m_rateLimiter;
    RateLimiter m_authFailures; ///< per peer address: requests without a valid token
    QRandomGenerator m_rng;
    OpsRoutes m_opsRoutes;
    SimRoutes m_simRoutes;
    QList<ApiRoute> m_routes;
    RequestGuard *m_guard = nullptr;
};
