#pragma once

#include "routecontext.h"

#include <QJsonArray>
#include <QList>

// Handlers of the unauthenticated health/metrics paths, the application stand-in (/api/dreams)
// and the simulator's own control paths (/api/sim/*: scenario, chaos, clock, state).
class SimRoutes final
{
public:
    explicit SimRoutes(SimServices services);
    QList<ApiRoute> routes();

private:
    HttpReply health(RouteContext &ctx);
    HttpReply live(RouteContext &ctx);
    HttpReply ready(RouteContext &ctx);
    HttpReply gates(RouteContext &ctx);
    HttpReply prometheus(RouteContext &ctx);
    HttpReply metrics(RouteContext &ctx);
    HttpReply dreams(RouteContext &ctx);
    HttpReply createDream(RouteContext &ctx);
    HttpReply state(RouteContext &ctx);
    HttpReply scenario(RouteContext &ctx);
    HttpReply chaos(RouteContext &ctx);
    HttpReply clock(RouteContext &ctx);
    QJsonObject scenarioJson() const;
    QJsonObject clockJson() const;

    SimServices m_s;
    QJsonArray m_dreams; // newest last, bounded
};
