#include "severityrules.h"

#include <gtest/gtest.h>

TEST(SeverityRules, QuietSignalsSuggestNothing)
{
    SeverityInputs in;
    in.live = true;
    in.databaseUp = true;
    in.writesFailing = false;
    in.errorRate = 0.01;
    in.p95LatencyMs = 210;
    in.eventLoopDelayMs = 3;
    const auto s = suggestSeverity(in);
    EXPECT_EQ(s.severity, Severity::None);
    EXPECT_TRUE(s.reasons.isEmpty());
    EXPECT_TRUE(s.headline().startsWith(QStringLiteral("No incident")));
}

TEST(SeverityRules, UnknownInputsNeitherRaiseNorLower)
{
    EXPECT_EQ(suggestSeverity({}).severity, Severity::None);
    SeverityInputs in;
    in.errorRate = 0.62; // the other sources are stale
    EXPECT_EQ(suggestSeverity(in).severity, Severity::P1);
}

TEST(SeverityRules, HalfTheRequestsFailingIsP1WithTheRunbookWording)
{
    SeverityInputs in;
    in.errorRate = 0.62;
    const auto s = suggestSeverity(in);
    EXPECT_EQ(s.severity, Severity::P1);
    EXPECT_EQ(s.headline(),
              QStringLiteral("P1 suggested: error rate 62 % ≥ 50 % for the last 60 s"));
    in.errorRate = 0.4999;
    EXPECT_EQ(suggestSeverity(in).severity, Severity::P2) << "just under the P1 limit";
}

TEST(SeverityRules, LatencyOverFiveSecondsIsP1)
{
    SeverityInputs in;
    in.p95LatencyMs = 5200;
    EXPECT_EQ(suggestSeverity(in).severity, Severity::P1);
    in.p95LatencyMs = 5000;
    EXPECT_EQ(suggestSeverity(in).severity, Severity::P2) << "> 5 s, not ≥";
    in.p95LatencyMs.reset();
    in.p99LatencyMs = 6000;
    EXPECT_EQ(suggestSeverity(in).severity, Severity::P1) << "p99 stands in when p95 is unknown";
}

TEST(SeverityRules, DatabaseDownWithFailingWritesIsP0)
{
    SeverityInputs in;
    in.databaseUp = false;
    in.writesFailing = true;
    in.errorRate = 0.7;
    const auto s = suggestSeverity(in);
    EXPECT_EQ(s.severity, Severity::P0);
    EXPECT_EQ(s.reasons.first(), QStringLiteral("the database is down and writes are failing"));
    EXPECT_GE(s.reasons.size(), 2) << "the P1 reason is kept under the P0 one";
    in.writesFailing = false; // writes drained: no longer data risk
    EXPECT_EQ(suggestSeverity(in).severity, Severity::P1);
}

TEST(SeverityRules, LivenessFailingIsP0)
{
    SeverityInputs in;
    in.live = false;
    EXPECT_EQ(suggestSeverity(in).severity, Severity::P0);
}

TEST(SeverityRules, CriticalGateOrBreakerIsP1OthersP2)
{
    SeverityInputs in;
    in.otherGatesDown = {QStringLiteral("cache")};
    EXPECT_EQ(suggestSeverity(in).severity, Severity::P2);
    in.criticalBreakersOpen = {QStringLiteral("database")};
    const auto s = suggestSeverity(in);
    EXPECT_EQ(s.severity, Severity::P1);
    EXPECT_TRUE(s.reasons.first().contains(QStringLiteral("database")));
    EXPECT_EQ(s.reasons.size(), 2);
}

TEST(SeverityRules, ThresholdsAreConfigurable)
{
    SeverityInputs in;
    in.errorRate = 0.3;
    SeverityThresholds strict;
    strict.p1ErrorRate = 0.25;
    EXPECT_EQ(suggestSeverity(in).severity, Severity::P2);
    EXPECT_EQ(suggestSeverity(in, strict).severity, Severity::P1);
}
