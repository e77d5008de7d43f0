#pragma once

#include "severityrules.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <array>
#include <optional>

/// The runbook write-up's five milestones, in order.
enum class Milestone {
    Detected,
    ResponseStarted,
    RootCauseIdentified,
    FixDeployed,
    ServiceRestored
};
constexpr int kMilestoneCount = 5;

QString milestoneKey(Milestone milestone); ///< "detected", "response-started", ...
QString milestoneText(Milestone milestone); ///< "Incident detected", "Response started", ...
std::optional<Milestone> milestoneFromKey(const QString &key);
std::optional<Severity> severityFromName(const QString &name); ///< "P0"/"P1"/"P2" only

/// One line of an incident's timeline. Entries are never changed: a correction is a new entry
/// of kind Correction whose correctsSeq names the corrected one.
struct TimelineEntry
{
    enum class Kind {
        Declared, ///< the incident was declared (data: title, severity, affected, commander)
        Action, ///< an action journal entry (sourceRef = the journal's actionId)
        SeverityChange, ///< data: severity, previous, reason
        Milestone, ///< data: milestone key
        WizardStep,
        ThresholdCrossing,
        Note,
        Correction, ///< correctsSeq = the corrected entry; text = the corrected wording
        Resolved
    };

    qint64 seq = 0; ///< 1-based, per database file (all incidents share one chain)
    QString incidentId;
    QDateTime time; ///< UTC
    Kind kind = Kind::Note;
    QString text;
    QString author;
    QString sourceRef; ///< the action journal's actionId for Action entries
    qint64 correctsSeq = 0;
    QJsonObject data;
    QByteArray prevHash;
    QByteArray hash;
};

QString timelineKindKey(TimelineEntry::Kind kind); ///< "declared", "action", ...
QString timelineKindText(TimelineEntry::Kind kind); ///< "Declared", "Action", ...
std::optional<TimelineEntry::Kind> timelineKindFromKey(const QString &key);

/// One severity in force from `since`, with the reason the lead gave for it.
struct SeverityPeriod
{
    Severity severity = Severity::None;
    QDateTime since;
    QString reason;
};

/// An incident as folded from its timeline entries (IncidentStore::incident()).
struct Incident
{
    enum class State { Open, Resolved };

    QString id; ///< UUID without braces
    QString title;
    Severity severity = Severity::None; ///< current
    QStringList affected;
    QString commander;
    QDateTime declaredAt;
    QDateTime detectedAt; ///< = milestones[Detected] when marked, else declaredAt
    std::array<QDateTime, kMilestoneCount> milestones; ///< invalid = not marked
    QDateTime resolvedAt;
    State state = State::Open;
    QList<SeverityPeriod> severityHistory; ///< oldest first; the first is the declaration

    QDateTime milestone(Milestone m) const { return milestones.at(std::size_t(m)); }
    bool isResolved() const { return state == State::Resolved; }
};

/// Builds the Incident from its entries (in seq order). Corrections do not change the record.
Incident foldIncident(const QString &id, const QList<TimelineEntry> &entries);
