// SLA rules per severity with a fake clock, a severity change mid-incident, the clocks after a
// console restart (close + reopen the store), notifications once each, and team policies.
#include "incidenttestutil.h"
#include "slaclock.h"

#include <QSignalSpy>

using IncidentTest::Harness;

namespace {

struct Case
{
    Severity severity;
    qint64 responseMinutes;
    qint64 resolutionMinutes;
};

} // namespace

TEST(IncidentSla, DefaultsAreTheRunbooksTargets)
{
    const SlaPolicy policy;
    EXPECT_EQ(policy.targets(Severity::P0).responseSeconds, 5 * 60); // "immediate" = 5 min ack
    EXPECT_EQ(policy.targets(Severity::P0).resolutionSeconds, 15 * 60);
    EXPECT_EQ(policy.targets(Severity::P1).responseSeconds, 30 * 60);
    EXPECT_EQ(policy.targets(Severity::P1).resolutionSeconds, 2 * 3600);
    EXPECT_EQ(policy.targets(Severity::P2).responseSeconds, 4 * 3600);
    EXPECT_EQ(policy.targets(Severity::P2).resolutionSeconds, 24 * 3600);
}

TEST(IncidentSla, EachSeverityGoesOkNearMissed)
{
    for (const Case c : {Case {Severity::P0, 5, 15}, Case {Severity::P1, 30, 120},
                         Case {Severity::P2, 240, 1440}}) {
        SCOPED_TRACE(severityName(c.severity).toStdString());
        Harness h;
        const QString id = h.declare(c.severity);
        SlaClock clock;
        clock.setClock(h.clock.function());
        clock.setIncident(*h.store->incident(id));
        EXPECT_EQ(clock.status().response.state, SlaClock::State::Ok);
        EXPECT_EQ(clock.status().response.remainingSeconds, c.responseMinutes * 60);
        // 79 % of the response target used: still Ok; 81 %: Near (20 % or less left).
        h.clock.advanceMinutes(double(c.responseMinutes) * 0.79);
        EXPECT_EQ(clock.status().response.state, SlaClock::State::Ok);
        h.clock.advanceMinutes(double(c.responseMinutes) * 0.02);
        EXPECT_EQ(clock.status().response.state, SlaClock::State::Near);
        h.clock.advanceMinutes(double(c.responseMinutes) * 0.2);
        EXPECT_EQ(clock.status().response.state, SlaClock::State::Missed);
        EXPECT_LT(clock.status().response.remainingSeconds, 0);
        // Response started late: Met, remaining stays negative (met late).
        ASSERT_TRUE(h.store->markMilestone(id, Milestone::ResponseStarted));
        clock.setIncident(*h.store->incident(id));
        EXPECT_EQ(clock.status().response.state, SlaClock::State::Met);
        EXPECT_TRUE(
            SlaClock::describe(clock.status().response).startsWith(QLatin1String("met late")));
        // Resolution: past its target without restoration = Missed; restored = Met.
        h.clock.advanceMinutes(double(c.resolutionMinutes));
        EXPECT_EQ(clock.status().resolution.state, SlaClock::State::Missed);
        ASSERT_TRUE(h.store->markMilestone(id, Milestone::ServiceRestored));
        clock.setIncident(*h.store->incident(id));
        EXPECT_EQ(clock.status().resolution.state, SlaClock::State::Met);
    }
}

TEST(IncidentSla, SeverityChangeRestartsClocksFromTheChangeByNewTargets)
{
    Harness h;
    const QString id = h.declare(Severity::P2);
    h.clock.advanceMinutes(10);
    const QDateTime changedAt = h.clock.now;
    ASSERT_TRUE(
        h.store->changeSeverity(id, Severity::P0, QStringLiteral("checkout is down for everyone")));
    SlaClock clock;
    clock.setClock(h.clock.function());
    clock.setIncident(*h.store->incident(id));
    SlaClock::Status s = clock.status();
    EXPECT_EQ(s.severity, Severity::P0);
    EXPECT_EQ(s.restartedAt, changedAt);
    EXPECT_EQ(s.restartReason, QStringLiteral("checkout is down for everyone"));
    EXPECT_EQ(s.response.start, changedAt);
    EXPECT_EQ(s.response.remainingSeconds, 5 * 60);
    EXPECT_EQ(s.resolution.deadline, changedAt.addSecs(15 * 60));
    h.clock.advanceMinutes(16);
    EXPECT_EQ(clock.status().resolution.state, SlaClock::State::Missed);
    // The change is on the timeline with its reason.
    const auto entries = h.store->entries(id);
    ASSERT_EQ(entries.constLast().kind, TimelineEntry::Kind::SeverityChange);
    EXPECT_EQ(entries.constLast().text,
              QStringLiteral("Severity P2 -> P0: checkout is down for everyone"));
    // A change without a reason is refused.
    QString error;
    EXPECT_FALSE(h.store->changeSeverity(id, Severity::P1, QStringLiteral("  "), &error));
    EXPECT_FALSE(error.isEmpty());
}

TEST(IncidentSla, ClocksKeepCountingAfterARestart)
{
    Harness h;
    const QString id = h.declare(Severity::P1);
    h.clock.advanceMinutes(20);
    SlaClock before;
    before.setClock(h.clock.function());
    before.setIncident(*h.store->incident(id));
    const qint64 remainingBefore = before.status().response.remainingSeconds;
    EXPECT_EQ(remainingBefore, 10 * 60);
    h.reopen(); // console restart: a new store object on the same file
    h.clock.advanceMinutes(5); // the console was closed for 5 minutes
    const auto incident = h.store->incident(id);
    ASSERT_TRUE(incident);
    EXPECT_EQ(h.store->activeIncidentId(), id);
    SlaClock after;
    after.setClock(h.clock.function());
    after.setIncident(*incident);
    EXPECT_EQ(after.status().response.remainingSeconds, 5 * 60);
    EXPECT_EQ(after.status().response.state, SlaClock::State::Near);
}

TEST(IncidentSla, NearingAndMissedAreEmittedOncePerPeriod)
{
    Harness h;
    const QString id = h.declare(Severity::P0);
    SlaClock clock;
    clock.setClock(h.clock.function());
    QSignalSpy nearing(&clock, &SlaClock::nearing);
    QSignalSpy missed(&clock, &SlaClock::missed);
    clock.setIncident(*h.store->incident(id));
    for (int second = 0; second < 20 * 60; second += 10) {
        h.clock.now = h.clock.now.addSecs(10);
        clock.tick();
    }
    // Response and resolution each: one nearing, one missed.
    EXPECT_EQ(nearing.count(), 2);
    EXPECT_EQ(missed.count(), 2);
    EXPECT_EQ(missed.at(0).at(0).value<SlaClock::Which>(), SlaClock::Which::Response);
    // A severity change is a new period: its clocks notify again.
    ASSERT_TRUE(
        h.store->changeSeverity(id, Severity::P1, QStringLiteral("contained, partial outage")));
    clock.setIncident(*h.store->incident(id));
    h.clock.advanceMinutes(29);
    clock.tick();
    EXPECT_EQ(nearing.count(), 3);
}

TEST(IncidentSla, TeamPolicyFromJson)
{
    QString error;
    const auto policy = SlaPolicy::fromJson(
        R"({"format":"dreamops-sla","version":1,"nearFraction":0.5,"P1":{"responseMinutes":10}})",
        &error);
    ASSERT_TRUE(policy) << error.toStdString();
    EXPECT_EQ(policy->p1.responseSeconds, 600);
    EXPECT_EQ(policy->p1.resolutionSeconds, 2 * 3600); // omitted: the runbook's
    EXPECT_DOUBLE_EQ(policy->nearFraction, 0.5);
    const auto roundTrip = SlaPolicy::fromJson(policy->toJson(), &error);
    ASSERT_TRUE(roundTrip);
    EXPECT_EQ(roundTrip->p1.responseSeconds, 600);
    EXPECT_FALSE(
        SlaPolicy::fromJson(R"({"format":"dreamops-sla","P0":{"responseMinutes":-1}})", &error));
    EXPECT_TRUE(error.contains(QLatin1String("positive")));
    EXPECT_FALSE(SlaPolicy::fromJson(R"({"hello":1})", &error));
    EXPECT_FALSE(SlaPolicy::fromJson(R"({"format":"dreamops-sla","version":9})", &error));
    EXPECT_TRUE(error.contains(QLatin1String("newer")));
}
