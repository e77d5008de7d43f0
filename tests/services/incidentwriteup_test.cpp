// The write-up: pre-filled fields, timeline lines in time order with corrections applied,
// prose kept in the store, and the blameless wording check.
#include "blamelesscheck.h"
#include "incidenttestutil.h"
#include "writeupgenerator.h"

using IncidentTest::Harness;

TEST(IncidentWriteup, PrefilledFromTheRecord)
{
    Harness h;
    IncidentStore::Declaration d = IncidentTest::declaration(Severity::P2);
    d.detectedAt = h.clock.now.addSecs(-60); // 08:59
    const QString id = h.store->declare(d);
    h.clock.advanceMinutes(4); // 09:04
    const auto wrong = h.store->addNote(id, QStringLiteral("rolled back the release"));
    h.clock.advanceMinutes(1); // 09:05
    ASSERT_TRUE(
        h.store->changeSeverity(id, Severity::P1, QStringLiteral("half the requests fail")));
    ASSERT_TRUE(h.store->addCorrection(id, wrong->seq, QStringLiteral("paused the release")));
    // A milestone marked afterwards for an earlier time sorts by its time.
    ASSERT_TRUE(h.store->markMilestone(id, Milestone::ResponseStarted, h.clock.now.addSecs(-180)));
    h.clock.advanceMinutes(42); // 09:47
    ASSERT_TRUE(h.store->markMilestone(id, Milestone::ServiceRestored));
    h.store->setText(id, QStringLiteral("root-cause"), QStringLiteral("A retry storm.\n"));

    const QString md = WriteupGenerator::markdown(*h.store->incident(id), h.store->entries(id),
                                                  h.store->texts(id));
    const QString expected
        = QStringLiteral("# Incident Report: citadel errors\n\n"
                         "**Date**: 2026-03-14\n"
                         "**Severity**: P1 (declared P2)\n"
                         "**Duration**: 48 minutes\n"
                         "**Affected**: citadel, api\n\n"
                         "## Timeline\n"
                         "- 08:59 - Incident detected\n"
                         "- 09:00 - Declared P2: citadel errors\n"
                         "- 09:02 - Response started\n"
                         "- 09:04 - paused the release\n"
                         "- 09:05 - Severity P2 -> P1: half the requests fail\n"
                         "- 09:47 - Service restored\n\n"
                         "## Root Cause\nA retry storm.\n\n"
                         "## Why Not Caught\n[Why monitoring/guardrails didn't catch it]\n\n"
                         "## Fix Applied\n[What was done to resolve]\n\n"
                         "## Guardrails Added\n[What prevents this from happening again]\n\n"
                         "## Test Proving Fix\n[How we verified the fix works]\n");
    EXPECT_EQ(md.toStdString(), expected.toStdString());
}

TEST(IncidentWriteup, DurationWhileNotRestored)
{
    Incident incident;
    incident.detectedAt = QDateTime::currentDateTimeUtc();
    EXPECT_EQ(WriteupGenerator::duration(incident),
              QStringLiteral("ongoing (service not restored yet)"));
    incident.resolvedAt = incident.detectedAt.addSecs(61);
    EXPECT_EQ(WriteupGenerator::duration(incident), QStringLiteral("1 minute"));
}

TEST(IncidentWriteup, BlamelessCheckFlagsBlameNotSystems)
{
    const QString text
        = QStringLiteral("Dana forgot to renew the certificate. It was human error and careless. "
                         "The deploy failed to roll back. Someone should have checked the queue. "
                         "It was the fault of the on-call. Monitoring missed the spike.");
    const QList<BlamelessCheck::Finding> findings = BlamelessCheck::check(text);
    QStringList flagged;
    for (const auto &f : findings) {
        flagged.append(text.mid(f.offset, f.length));
        EXPECT_FALSE(f.message.isEmpty());
    }
    EXPECT_EQ(flagged,
              (QStringList {QStringLiteral("Dana forgot"), QStringLiteral("human error"),
                            QStringLiteral("careless"), QStringLiteral("Someone should have"),
                            QStringLiteral("the fault of")}))
        << flagged.join(QStringLiteral(" | ")).toStdString();
    EXPECT_TRUE(BlamelessCheck::check(QStringLiteral("The alert threshold was too high; we added a "
                                                     "canary check."))
                    .isEmpty());
}
