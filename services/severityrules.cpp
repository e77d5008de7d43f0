#include "severityrules.h"

#include <QList>
#include <QPair>

#include <algorithm>

namespace {

QString percent(double fraction)
{
    return QString::number(fraction * 100.0, 'f', fraction < 0.1 ? 1 : 0) + QStringLiteral(" %");
}

QString seconds(double ms)
{
    return QString::number(ms / 1000.0, 'f', 1) + QStringLiteral(" s");
}

// Gathers the rules that fired; the most severe comes first, ties keep rule
// order.
class Collector
{
public:
    void add(Severity severity, const QString &reason) { m_fired.append({severity, reason}); }

    SeveritySuggestion result() const
    {
        auto fired = m_fired;
        std::stable_sort(fired.begin(), fired.end(),
                         [](const auto &a, const auto &b) { return a.first > b.first; });
        SeveritySuggestion suggestion;
        for (const auto &[severity, reason] : std::as_const(fired))
            suggestion.reasons.append(reason);
        if (!fired.isEmpty())
            suggestion.severity = fired.first().first;
        return suggestion;
    }

private:
    QList<QPair<Severity, QString>> m_fired;
};

} // namespace

QString severityName(Severity severity)
{
    switch (severity) {
    case Severity::None:
        return QStringLiteral("none");
    case Severity::P2:
        return QStringLiteral("P2");
    case Severity::P1:
        return QStringLiteral("P1");
    case Severity::P0:
        return QStringLiteral("P0");
    }
    return QStringLiteral("none");
}

QString SeveritySuggestion::headline() const
{
    if (severity == Severity::None)
        return QStringLiteral("No incident suggested: every signal is within its limits");
    return severityName(severity) + QStringLiteral(" suggested: ") + reasons.value(0);
}

SeveritySuggestion suggestSeverity(const SeverityInputs &in, const SeverityThresholds &t)
{
    Collector out;

    // P0: user-visible outage or data risk.
    if (in.live == false)
        out.add(Severity::P0, QStringLiteral("the liveness probe is failing"));
    if (in.databaseUp == false && in.writesFailing == true)
        out.add(Severity::P0, QStringLiteral("the database is down and writes are failing"));

    // P1: major degradation.
    if (in.errorRate && *in.errorRate >= t.p1ErrorRate)
        out.add(Severity::P1,
                QStringLiteral("error rate %1 ≥ %2 for the last 60 s")
                    .arg(percent(*in.errorRate), percent(t.p1ErrorRate)));
    const std::optional<double> latency = in.p95LatencyMs ? in.p95LatencyMs : in.p99LatencyMs;
    if (latency && *latency > t.p1LatencyMs)
        out.add(
            Severity::P1,
            QStringLiteral("p95 latency %1 > %2").arg(seconds(*latency), seconds(t.p1LatencyMs)));
    if (!in.criticalGatesDown.isEmpty())
        out.add(Severity::P1,
                QStringLiteral("critical health gate down: %1")
                    .arg(in.criticalGatesDown.join(QStringLiteral(", "))));
    if (!in.criticalBreakersOpen.isEmpty())
        out.add(Severity::P1,
                QStringLiteral("circuit breaker open on a critical dependency: %1")
                    .arg(in.criticalBreakersOpen.join(QStringLiteral(", "))));
    if (in.databaseUp == false && in.writesFailing != true)
        out.add(Severity::P1, QStringLiteral("the database is not ready"));

    // P2: minor impact.
    if (in.errorRate && *in.errorRate >= t.p2ErrorRate && *in.errorRate < t.p1ErrorRate)
        out.add(Severity::P2,
                QStringLiteral("error rate %1 ≥ %2")
                    .arg(percent(*in.errorRate), percent(t.p2ErrorRate)));
    if (latency && *latency > t.p2LatencyMs && *latency <= t.p1LatencyMs)
        out.add(
            Severity::P2,
            QStringLiteral("p95 latency %1 > %2").arg(seconds(*latency), seconds(t.p2LatencyMs)));
    if (in.eventLoopDelayMs && *in.eventLoopDelayMs > t.p2EventLoopDelayMs)
        out.add(Severity::P2,
                QStringLiteral("event-loop delay %1 ms > %2 ms")
                    .arg(qRound(*in.eventLoopDelayMs))
                    .arg(qRound(t.p2EventLoopDelayMs)));
    if (!in.otherGatesDown.isEmpty())
        out.add(Severity::P2,
                QStringLiteral("health gate down: %1")
                    .arg(in.otherGatesDown.join(QStringLiteral(", "))));
    if (!in.otherBreakersOpen.isEmpty())
        out.add(Severity::P2,
                QStringLiteral("circuit breaker open: %1")
                    .arg(in.otherBreakersOpen.join(QStringLiteral(", "))));
    return out.result();
}
