// The declared severity: only the lead's confirm/declare changes it, with a reason.
#include "severitydeclaration.h"

#include <gtest/gtest.h>

#include <QSignalSpy>
#include <QTimeZone>

namespace {

SeveritySuggestion suggestion(Severity severity, const QString &reason)
{
    SeveritySuggestion s;
    s.severity = severity;
    if (!reason.isEmpty())
        s.reasons << reason;
    return s;
}

const QDateTime kAt = QDateTime::fromSecsSinceEpoch(1'764'410'000, QTimeZone::utc());

} // namespace

TEST(SeverityDeclaration, StartsUndeclared)
{
    SeverityDeclaration declaration;
    EXPECT_FALSE(declaration.current());
    EXPECT_EQ(SeverityDeclaration::describe(declaration.current()),
              QStringLiteral("No severity declared"));
}

TEST(SeverityDeclaration, ConfirmAdoptsTheSuggestion)
{
    SeverityDeclaration declaration;
    QSignalSpy changed(&declaration, &SeverityDeclaration::changed);
    declaration.confirm(suggestion(Severity::P1, QStringLiteral("error rate 62 % ≥ 50 %")), kAt);
    ASSERT_TRUE(declaration.current());
    EXPECT_EQ(declaration.current()->severity, Severity::P1);
    EXPECT_TRUE(declaration.current()->confirmedSuggestion);
    EXPECT_EQ(declaration.current()->suggested, Severity::P1);
    EXPECT_EQ(declaration.current()->declaredAt, kAt);
    EXPECT_TRUE(declaration.current()->reason.contains(QStringLiteral("error rate 62 %")));
    EXPECT_EQ(changed.count(), 1);
    EXPECT_TRUE(SeverityDeclaration::describe(declaration.current())
                    .endsWith(QStringLiteral("(confirmed the suggestion)")));
}

TEST(SeverityDeclaration, OverrideNeedsAReasonAndKeepsTheSuggestionItDiffersFrom)
{
    SeverityDeclaration declaration;
    QSignalSpy changed(&declaration, &SeverityDeclaration::changed);
    const auto p2 = suggestion(Severity::P2, QStringLiteral("event-loop delay 250 ms > 200 ms"));
    EXPECT_FALSE(declaration.declare(Severity::P0, QStringLiteral("  "), p2, kAt));
    EXPECT_FALSE(declaration.current());
    EXPECT_EQ(changed.count(), 0);

    EXPECT_TRUE(declaration.declare(Severity::P0, QStringLiteral(" payments down "), p2, kAt));
    ASSERT_TRUE(declaration.current());
    EXPECT_EQ(declaration.current()->severity, Severity::P0);
    EXPECT_EQ(declaration.current()->suggested, Severity::P2);
    EXPECT_FALSE(declaration.current()->confirmedSuggestion);
    EXPECT_EQ(declaration.current()->reason, QStringLiteral("payments down"));
    EXPECT_TRUE(SeverityDeclaration::describe(declaration.current())
                    .contains(QStringLiteral("override: payments down")));
}

TEST(SeverityDeclaration, KeepsEveryDeclarationInOrder)
{
    SeverityDeclaration declaration;
    declaration.confirm(suggestion(Severity::P1, QStringLiteral("p95 latency 6.0 s > 5.0 s")), kAt);
    declaration.declare(Severity::None, QStringLiteral("mitigated"), suggestion(Severity::None, {}),
                        kAt.addSecs(600));
    ASSERT_EQ(declaration.history().size(), 2);
    EXPECT_EQ(declaration.history().at(0).severity, Severity::P1);
    EXPECT_EQ(declaration.history().at(1).severity, Severity::None);
    EXPECT_EQ(declaration.current()->severity, Severity::None);
}
