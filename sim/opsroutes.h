#pragma once

#include "routecontext.h"

#include <QList>

// Handlers of the Ops API proper: integration flags and emergency mode, ops modes and restart,
// agents, dead-letter queue and circuit breakers. Each mutation is applied to SimEngine and
// logged with its reason in server.log.
class OpsRoutes final
{
public:
    explicit OpsRoutes(SimServices services);
    QList<ApiRoute> routes();

private:
    HttpReply flags(RouteContext &ctx);
    HttpReply setFlag(RouteContext &ctx, bool enabled);
    HttpReply setEmergency(RouteContext &ctx, bool enabled);
    HttpReply status(RouteContext &ctx);
    HttpReply setMode(RouteContext &ctx, bool safeMode);
    HttpReply restart(RouteContext &ctx);
    HttpReply agents(RouteContext &ctx);
    HttpReply quarantine(RouteContext &ctx, bool quarantine);
    HttpReply deadLetters(RouteContext &ctx);
    HttpReply replay(RouteContext &ctx);
    HttpReply stopReplay(RouteContext &ctx);
    HttpReply breakers(RouteContext &ctx);
    HttpReply breakerAction(RouteContext &ctx, bool trip);
    void logMutation(const RouteContext &ctx,
                     const QString &what,
                     const QString &by,
                     const QString &reason,
                     int status);

    SimServices m_s;
};
