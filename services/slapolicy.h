#pragma once

#include "severityrules.h"

#include <QJsonObject>
#include <QString>

#include <optional>

/// A team's SLA targets per severity. The defaults are the runbook's severity guide:
/// P0 "immediate response, 15-minute resolution", P1 30 min / 2 h, P2 4 h / next day. The
/// runbook's "immediate" is taken as a 5-minute acknowledgement target (a countdown of zero would
/// be missed the moment the incident is declared); "next day" as 24 h.
struct SlaPolicy
{
    struct Targets
    {
        qint64 responseSeconds = 0;
        qint64 resolutionSeconds = 0;
    };

    Targets p0 {5 * 60, 15 * 60};
    Targets p1 {30 * 60, 2 * 3600};
    Targets p2 {4 * 3600, 24 * 3600};
    double nearFraction = 0.20; ///< "Near" when at most this fraction of the target is left

    Targets targets(Severity severity) const; ///< None -> P2's

    /// {"format":"dreamops-sla","version":1,"nearFraction":0.2,
    ///  "P0":{"responseMinutes":5,"resolutionMinutes":15}, ...}; omitted keys keep the defaults.
    /// nullopt with *error for a file that is not such a policy or has a non-positive target.
    static std::optional<SlaPolicy> fromJson(const QByteArray &json, QString *error = nullptr);
    QByteArray toJson() const;
};
