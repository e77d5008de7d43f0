#pragma once

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <optional>

// The runbook's severity guide applied to live signals, in one place. The
// dashboard feeds it a SeverityInputs built from the latest snapshots; the
// banner shows the suggestion and its reasons. It only suggests: a declared
// severity is the lead's and never changes on its own.
enum class Severity { None, P2, P1, P0 };

QString severityName(Severity severity); ///< "none", "P2", "P1", "P0"

struct SeverityThresholds
{
    double p1ErrorRate = 0.50; ///< runbook P1: "50%+ error rate"
    double p1LatencyMs = 5000.0; ///< runbook P1: "performance degradation (>5s latency)"
    double p2ErrorRate = 0.05; ///< minor impact
    double p2LatencyMs = 1000.0;
    double p2EventLoopDelayMs = 200.0;
    /// Breakers on dependencies whose loss breaks a critical feature: open = P1, others P2.
    QStringList criticalBreakers {QStringLiteral("database"), QStringLiteral("openai")};
};

// What is known right now. std::nullopt = not known (source stale or never
// answered): an unknown input never raises nor lowers the suggestion by itself.
struct SeverityInputs
{
    std::optional<bool> live; ///< /health/live answered 200
    std::optional<bool> databaseUp; ///< /health/ready checks.database (false = down)
    std::optional<bool> writesFailing; ///< 5xx on application writes in the last window
    std::optional<double> errorRate; ///< fraction over the last 60 s
    std::optional<double> p95LatencyMs;
    std::optional<double> p99LatencyMs;
    std::optional<double> eventLoopDelayMs;
    QStringList criticalGatesDown; ///< names of critical health gates not ready
    QStringList otherGatesDown;
    QStringList criticalBreakersOpen; ///< open breakers on critical dependencies
    QStringList otherBreakersOpen;
};

struct SeveritySuggestion
{
    Severity severity = Severity::None;
    QStringList reasons; ///< one sentence per rule that fired, most severe first
    /// When the live signals first suggested an incident in this run of suggestions (UTC, this
    /// machine's clock): kept while the suggestion stays above "none", whatever its level, and
    /// cleared when it drops to none. Invalid where nothing watched the signals (suggestSeverity).
    QDateTime firstSeen;
    /// "P1 suggested: error rate 62 % ≥ 50 % for the last 60 s" (or "No incident
    /// suggested").
    QString headline() const;
};

SeveritySuggestion suggestSeverity(const SeverityInputs &inputs,
                                   const SeverityThresholds &thresholds = {});
