#include "runbook.h"

#include "runbookevidence.h"

#include <QStringList>

namespace {

constexpr RunbookKeyTable<RunbookStepKind, 6> kKinds {{
    {RunbookStepKind::Check, "check"},
    {RunbookStepKind::Action, "action"},
    {RunbookStepKind::Command, "command"},
    {RunbookStepKind::Watch, "watch"},
    {RunbookStepKind::Manual, "manual"},
    {RunbookStepKind::Decision, "decision"},
}};

} // namespace

QString runbookStepKindKey(RunbookStepKind kind)
{
    return runbookKeyOf(kKinds, kind);
}

std::optional<RunbookStepKind> runbookStepKindFromKey(const QString &key)
{
    return runbookValueOf(kKinds, key);
}

QStringList runbookMetricNames()
{
    return {QStringLiteral("requestsPerSecond"), QStringLiteral("activeConnections"),
            QStringLiteral("errorRate"),         QStringLiteral("latencyP50"),
            QStringLiteral("latencyP95"),        QStringLiteral("latencyP99"),
            QStringLiteral("cpuPercent"),        QStringLiteral("memoryRssMb"),
            QStringLiteral("queueDepth"),        QStringLiteral("dlqPerMinute"),
            QStringLiteral("aiCallP99"),         QStringLiteral("eventLoopDelayMs")};
}

int Runbook::indexOf(const QString &stepId) const
{
    for (int i = 0; i < steps.size(); ++i) {
        if (steps.at(i).id == stepId)
            return i;
    }
    return -1;
}

QString Runbook::successorOf(int index) const
{
    if (index < 0 || index >= steps.size())
        return QStringLiteral("end");
    if (!steps.at(index).next.isEmpty())
        return steps.at(index).next;
    if (index + 1 < steps.size())
        return steps.at(index + 1).id;
    return QStringLiteral("end");
}

QString RunbookEvidence::brief() const
{
    if (verdict == Verdict::Unavailable)
        return sentence;
    if (source.isEmpty())
        return value;
    return QStringLiteral("%1 (%2)").arg(value, source);
}
