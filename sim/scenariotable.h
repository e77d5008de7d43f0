#pragma once

#include <QString>
#include <QStringList>

// The injectable incident scenarios of the simulator (the contract's table) and what each one
// shows; SimEngine turns the active one into dynamics, SimHttpServer validates names against it.
enum class Scenario { None, DbOutage, RateLimit, ErrorSpike, MemoryLeak, Latency };

class ScenarioTable final
{
public:
    static QStringList names();
    static bool isKnown(const QString &name);
    static Scenario fromName(const QString &name); ///< None for unknown names
    static QString name(Scenario scenario);
    static QString description(Scenario scenario);
    static QString mitigation(Scenario scenario);
};
