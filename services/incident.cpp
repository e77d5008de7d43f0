#include "incident.h"

#include <QJsonArray>

namespace {

struct MilestoneName
{
    Milestone milestone;
    const char *key;
    const char *text;
};

constexpr std::array<MilestoneName, kMilestoneCount> kMilestones {{
    {Milestone::Detected, "detected", "Incident detected"},
    {Milestone::ResponseStarted, "response-started", "Response started"},
    {Milestone::RootCauseIdentified, "root-cause-identified", "Root cause identified"},
    {Milestone::FixDeployed, "fix-deployed", "Fix deployed"},
    {Milestone::ServiceRestored, "service-restored", "Service restored"},
}};

struct KindName
{
    TimelineEntry::Kind kind;
    const char *key;
    const char *text;
};

constexpr std::array<KindName, 9> kKinds {{
    {TimelineEntry::Kind::Declared, "declared", "Declared"},
    {TimelineEntry::Kind::Action, "action", "Action"},
    {TimelineEntry::Kind::SeverityChange, "severity-change", "Severity"},
    {TimelineEntry::Kind::Milestone, "milestone", "Milestone"},
    {TimelineEntry::Kind::WizardStep, "wizard-step", "Wizard step"},
    {TimelineEntry::Kind::ThresholdCrossing, "threshold-crossing", "Threshold"},
    {TimelineEntry::Kind::Note, "note", "Note"},
    {TimelineEntry::Kind::Correction, "correction", "Correction"},
    {TimelineEntry::Kind::Resolved, "resolved", "Resolved"},
}};

} // namespace

QString milestoneKey(Milestone milestone)
{
    return QLatin1String(kMilestones.at(std::size_t(milestone)).key);
}

QString milestoneText(Milestone milestone)
{
    return QLatin1String(kMilestones.at(std::size_t(milestone)).text);
}

std::optional<Milestone> milestoneFromKey(const QString &key)
{
    for (const MilestoneName &m : kMilestones) {
        if (key == QLatin1String(m.key))
            return m.milestone;
    }
    return std::nullopt;
}

std::optional<Severity> severityFromName(const QString &name)
{
    for (Severity s : {Severity::P0, Severity::P1, Severity::P2}) {
        if (name == severityName(s))
            return s;
    }
    return std::nullopt;
}

QString timelineKindKey(TimelineEntry::Kind kind)
{
    for (const KindName &k : kKinds) {
        if (k.kind == kind)
            return QLatin1String(k.key);
    }
    return QStringLiteral("note");
}

QString timelineKindText(TimelineEntry::Kind kind)
{
    for (const KindName &k : kKinds) {
        if (k.kind == kind)
            return QLatin1String(k.text);
    }
    return QStringLiteral("Note");
}

std::optional<TimelineEntry::Kind> timelineKindFromKey(const QString &key)
{
    for (const KindName &k : kKinds) {
        if (key == QLatin1String(k.key))
            return k.kind;
    }
    return std::nullopt;
}

Incident foldIncident(const QString &id, const QList<TimelineEntry> &entries)
{
    Incident incident;
    incident.id = id;
    for (const TimelineEntry &e : entries) {
        if (e.incidentId != id)
            continue;
        switch (e.kind) {
        case TimelineEntry::Kind::Declared: {
            incident.title = e.data.value(QLatin1String("title")).toString();
            incident.severity = severityFromName(e.data.value(QLatin1String("severity")).toString())
                                    .value_or(Severity::None);
            incident.affected.clear();
            for (const QJsonValue &v : e.data.value(QLatin1String("affected")).toArray())
                incident.affected.append(v.toString());
            incident.commander = e.data.value(QLatin1String("commander")).toString();
            incident.declaredAt = e.time;
            incident.severityHistory.append(
                {incident.severity, e.time, e.data.value(QLatin1String("reason")).toString()});
            break;
        }
        case TimelineEntry::Kind::SeverityChange: {
            const auto s = severityFromName(e.data.value(QLatin1String("severity")).toString());
            if (s) {
                incident.severity = *s;
                incident.severityHistory.append(
                    {*s, e.time, e.data.value(QLatin1String("reason")).toString()});
            }
            break;
        }
        case TimelineEntry::Kind::Milestone:
            if (const auto m
                = milestoneFromKey(e.data.value(QLatin1String("milestone")).toString()))
                incident.milestones.at(std::size_t(*m)) = e.time;
            break;
        case TimelineEntry::Kind::Resolved:
            incident.state = Incident::State::Resolved;
            incident.resolvedAt = e.time;
            break;
        default:
            break;
        }
    }
    const QDateTime detected = incident.milestone(Milestone::Detected);
    incident.detectedAt = detected.isValid() ? detected : incident.declaredAt;
    return incident;
}
