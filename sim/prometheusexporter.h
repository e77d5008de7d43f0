#pragma once

#include <QByteArray>

class SimEngine;

// Renders the engine's numbers in the Prometheus text exposition format 0.0.4 for GET /metrics:
// counters, the request-duration histogram and gauges (per agent, breakers, modes, DLQ, up).
class PrometheusExporter final
{
public:
    static QByteArray render(const SimEngine &engine, int openConnections);
};
