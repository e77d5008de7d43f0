#pragma once

#include "apierror.h"
#include "pollscheduler.h"

#include <QDateTime>
#include <QString>

// The sentence a stale panel shows: how old its data is and why the source stopped answering,
// telling "the console cannot reach the server" apart from "the server answered with an error".
// DashboardPoller::staleReason() feeds it a source's PollScheduler status.
class StalenessFormatter final
{
public:
    /// "last update 14 s ago — cannot reach 127.0.0.1:5000 (connection refused)",
    /// "last update 3 s ago — the server says “Injected failure” (HTTP 500 internal_error)",
    /// "no update yet", or empty when the source is fresh.
    static QString describe(const PollScheduler::SourceStatus &status, const QDateTime &now);
    /// Why one poll failed, without the age: "cannot reach …", "the server says …".
    static QString failure(const ApiError &error);
    /// "14 s ago", "3 min ago", "2 h ago".
    static QString ago(qint64 seconds);
    /// "in 14 s", "in 3 min", "in 2 h".
    static QString until(qint64 seconds);
    /// `at` read against `reference`, a time on the same clock (a server's field against the
    /// answer's own timestamp), so that a server clock that is off, or a simulator running
    /// faster, still reads right: "14 s ago", "in 20 s". Invalid `at`: empty. Invalid
    /// `reference`: `at` in local time, "HH:mm:ss".
    static QString relative(const QDateTime &at, const QDateTime &reference);
    /// "2026-11-29 10:00:00 UTC by the server's clock" (a tooltip beside relative()); empty for an
    /// invalid time.
    static QString onServerClock(const QDateTime &at);
};
