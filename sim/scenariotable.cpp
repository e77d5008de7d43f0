#include "scenariotable.h"

#include <array>

namespace {

struct Row
{
    Scenario scenario;
    const char *name;
    const char *description;
    const char *mitigation;
};

constexpr std::array kRows {
    Row {Scenario::None, "none", "No incident: baseline traffic.", ""},
    Row {Scenario::DbOutage, "db-outage",
         "Database refuses connections: ready 503, writes fail with 5xx, database breaker opens.",
         "Write drain turns 5xx into clean 503s; ends after its duration or with none."},
    Row {Scenario::RateLimit, "rate-limit",
         "OpenAI answers 429: openai breaker opens, AI p99 and errors rise, DLQ grows.",
         "Disable ai_embeddings_enabled or enable safe mode, then replay the DLQ."},
    Row {Scenario::ErrorSpike, "error-spike",
         "citadel fails over half of all requests and its queue grows.",
         "Quarantine citadel, disable citadel_enabled or enable safe mode."},
    Row {Scenario::MemoryLeak, "memory-leak", "RSS and event-loop delay climb steadily.",
         "Restart resets them; the leak returns slowly until the scenario ends."},
    Row {Scenario::Latency, "latency", "p95/p99 above 5 s.",
         "Ends with the scenario; scale down or roll back per the runbook."},
};

const Row &row(Scenario scenario)
{
    for (const Row &r : kRows) {
        if (r.scenario == scenario)
            return r;
    }
    return kRows.front();
}

} // namespace

QStringList ScenarioTable::names()
{
    QStringList list;
    for (const Row &r : kRows)
        list << QString::fromLatin1(r.name);
    return list;
}

bool ScenarioTable::isKnown(const QString &name)
{
    return names().contains(name);
}

Scenario ScenarioTable::fromName(const QString &name)
{
    for (const Row &r : kRows) {
        if (name == QLatin1String(r.name))
            return r.scenario;
    }
    return Scenario::None;
}

QString ScenarioTable::name(Scenario scenario)
{
    return QString::fromLatin1(row(scenario).name);
}

QString ScenarioTable::description(Scenario scenario)
{
    return QString::fromLatin1(row(scenario).description);
}

QString ScenarioTable::mitigation(Scenario scenario)
{
    return QString::fromLatin1(row(scenario).mitigation);
}
