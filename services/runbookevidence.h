#pragma once

#include <QDateTime>
#include <QJsonValue>
#include <QString>

/// What one evaluation of a runbook check found: shown by the wizard under the step and written
/// (shortened) into the incident timeline.
struct RunbookEvidence
{
    enum class Verdict {
        Passed, ///< the predicate holds
        Failed, ///< the predicate does not hold (the value is known)
        Unavailable ///< the value could not be read (network, 401, missing path, no samples)
    };

    Verdict verdict = Verdict::Unavailable;
    /// The value the predicate judged, for display: "false", "62.0 %", "open", "412 MB".
    QString value;
    QJsonValue rawValue; ///< the same value as JSON (numbers stay numbers)
    /// The runbook's pass/fail text, or for Unavailable the reason (the network sentence from
    /// ApiError::userMessage(), "No metrics sample in the last 60 s.", "checks.database is
    /// missing from the answer.").
    QString sentence;
    /// Where it came from: "GET /health/ready → 503", "errorRate max over 60 s (58 samples)".
    QString source;
    /// The whole answer (the ops API's JSON, compact) or, for a metric, the samples; for "Show
    /// raw JSON".
    QString rawJson;
    int httpStatus = 0; ///< API checks; 0 when no answer
    QDateTime atUtc;

    bool passed() const { return verdict == Verdict::Passed; }
    /// "false (GET /health/ready → 503)": the timeline's evidence part.
    QString brief() const;
};
