#pragma once

#include "simengine.h"

#include <QJsonObject>

// Renders SimEngine state as the contract's JSON bodies (health, metrics, ops status). Pure
// functions of the engine, shared by the routes and the engine tests.
class EngineReport final
{
public:
    static QJsonObject live(const SimEngine &engine, qint64 pid);
    static QJsonObject ready(const SimEngine &engine);
    static QJsonObject health(const SimEngine &engine);
    static QJsonObject gates(const SimEngine &engine);
    static QJsonObject
    metrics(const SimEngine &engine, const QString &instance, int openConnections);
    static QJsonObject opsStatus(const SimEngine &engine, const QString &instance);
    static QJsonObject mode(const SimEngine::Mode &mode);
    static bool isReady(const SimEngine &engine);
    static bool isHealthy(const SimEngine &engine);
};
