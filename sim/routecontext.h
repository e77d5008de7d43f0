#pragma once

#include "httpreply.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <functional>

class ChaosPolicy;
class HttpStats;
class SimClock;
class SimEngine;

// What a route handler sees of one request, and the simulator parts it may act on. Filled by
// SimHttpServer after routing, auth, rate limit and body checks.
struct RouteContext
{
    QByteArray method;
    QString path;
    QStringList params; ///< the {name} segments of the route pattern, in order
    QJsonObject body;
    QString traceId;
    QString role; ///< "operator" or "viewer"
    HttpReply error(int status, const QString &code, const QString &message) const
    {
        return HttpReply::error(status, code, message, traceId);
    }
};

struct SimServices
{
    SimEngine &engine;
    SimClock &clock;
    ChaosPolicy &chaos;
    HttpStats &stats;
    QString instance;
};

struct ApiRoute
{
    QByteArray method;
    QString pattern; ///< "/api/agents/{id}/x": {..} matches one non-empty segment
    std::function<HttpReply(RouteContext &)> handler;
};
