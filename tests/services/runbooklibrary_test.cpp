// Runbooks as data (issue 8): the built-in runbooks load cleanly; a broken file is rejected with
// "file, step, reason" and the good ones still load; user files override or extend.
#include "commandcatalogue.h"
#include "runbooklibrary.h"
#include "runbookparser.h"

#include <gtest/gtest.h>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

namespace {

const char *kGood = R"({
  "id": "db-connection", "title": "My database runbook",
  "steps": [
    {"id": "ready", "kind": "check", "title": "Ready?", "why": "Check /health/ready.",
     "source": {"api": "/health/ready"},
     "predicate": {"path": "checks.database", "op": "==", "value": true}},
    {"id": "drain", "kind": "action", "title": "Drain", "why": "Enable write drain.",
     "action": "write-drain.enable"}
  ]})";

class RunbookLibraryTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        m_catalogue.load({QStringLiteral(":/commands")});
        ASSERT_TRUE(m_catalogue.errors().isEmpty());
        ASSERT_TRUE(QDir(m_dir.path()).mkpath(QStringLiteral("runbooks")));
    }

    QString userDir() const { return m_dir.filePath(QStringLiteral("runbooks")); }

    void write(const QString &name, const QByteArray &text)
    {
        QFile f(userDir() + QLatin1Char('/') + name);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write(text);
    }

    /// Loads the built-ins plus the user folder; returns every rejection sentence.
    QStringList load()
    {
        m_library.load({QStringLiteral(":/runbooks"), userDir()}, &m_catalogue);
        QStringList out;
        for (const RunbookLibrary::LoadError &e : m_library.errors())
            out.append(e.sentence());
        return out;
    }

    /// kGood with `from` replaced by `to` (must occur).
    static QByteArray variant(const char *from, const char *to)
    {
        QByteArray text(kGood);
        EXPECT_TRUE(text.contains(from)) << from;
        return text.replace(from, to);
    }

    QTemporaryDir m_dir;
    CommandCatalogue m_catalogue;
    RunbookLibrary m_library;
};

TEST_F(RunbookLibraryTest, BuiltInRunbooksLoadWithoutRejections)
{
    EXPECT_EQ(load(), QStringList {});
    QStringList ids;
    for (const Runbook &rb : m_library.runbooks())
        ids.append(rb.id);
    ids.sort();
    EXPECT_EQ(ids,
              (QStringList {QStringLiteral("db-connection"), QStringLiteral("high-error-rate"),
                            QStringLiteral("memory-leak"), QStringLiteral("openai-rate-limit"),
                            QStringLiteral("triage")}));
    for (const Runbook &rb : m_library.runbooks()) {
        for (const RunbookStep &step : rb.steps)
            EXPECT_FALSE(step.why.isEmpty()) << rb.id.toStdString() << " " << step.id.toStdString();
    }
}

TEST_F(RunbookLibraryTest, UnknownActionNamesFileStepAndReason)
{
    write(QStringLiteral("db.json"), variant("write-drain.enable", "write-drain.enabel"));
    EXPECT_EQ(load(),
              QStringList {QStringLiteral(
                  "runbooks/db.json, step 'drain': unknown action 'write-drain.enabel'")});
    // The rejected override leaves the built-in runbook in place.
    ASSERT_NE(m_library.find(QStringLiteral("db-connection")), nullptr);
    EXPECT_EQ(m_library.find(QStringLiteral("db-connection"))->title,
              QStringLiteral("Database connection issues"));
}

TEST_F(RunbookLibraryTest, EachBrokenFileIsRejectedWithItsReasonAndGoodOnesStillLoad)
{
    write(QStringLiteral("a-malformed.json"), QByteArray(kGood).left(80));
    write(QStringLiteral("b-kind.json"), variant(R"("kind": "action")", R"("kind": "actoin")"));
    write(QStringLiteral("c-branch.json"),
          variant(R"("action": "write-drain.enable")",
                  R"("action": "write-drain.enable", "next": "scale-dwon")"));
    write(QStringLiteral("d-duplicate.json"), variant(R"("id": "drain")", R"("id": "ready")"));
    write(QStringLiteral("e-missing.json"), variant(R"("why": "Enable write drain.",)", ""));
    write(QStringLiteral("f-command.json"),
          variant(R"("action": "write-drain.enable")",
                  R"("action": "write-drain.enable"}, {"id": "scale", "kind": "command",
                     "title": "Scale", "why": "Scale down.", "command": "cloudrun.services.scael")"));
    write(QStringLiteral("g-handover.json"),
          variant(R"("action": "write-drain.enable")",
                  R"("action": "write-drain.enable", "next": "runbook:nope")"));
    write(QStringLiteral("h-extension.json"),
          variant(R"("id": "db-connection", "title": "My database runbook")",
                  R"("id": "my-extension", "title": "Mine")"));
    const QStringList errors = load();
    const QStringList expected {
        QStringLiteral("runbooks/a-malformed.json: not valid JSON at offset"),
        QStringLiteral("runbooks/b-kind.json, step 'drain': unknown step kind 'actoin'"),
        QStringLiteral(
            "runbooks/c-branch.json, step 'drain': branches to missing step 'scale-dwon'"),
        QStringLiteral("runbooks/d-duplicate.json, step 'ready': duplicate step id 'ready'"),
        QStringLiteral("runbooks/e-missing.json, step 'drain': missing required field 'why'"),
        QStringLiteral("runbooks/f-command.json, step 'scale': unknown command "
                       "'cloudrun.services.scael'"),
        QStringLiteral("runbooks/g-handover.json, step 'drain': hands over to unknown runbook "
                       "'nope'")};
    ASSERT_EQ(errors.size(), expected.size()) << errors.join(QLatin1Char('\n')).toStdString();
    for (int i = 0; i < expected.size(); ++i)
        EXPECT_TRUE(errors.at(i).startsWith(expected.at(i))) << errors.at(i).toStdString();
    EXPECT_NE(m_library.find(QStringLiteral("my-extension")), nullptr);
    EXPECT_EQ(m_library.runbooks().size(), 6);
    // g-handover.json overrode db-connection; rejecting it gives the built-in one back, so the
    // triage runbook's hand-over to it still holds.
    ASSERT_NE(m_library.find(QStringLiteral("db-connection")), nullptr);
    EXPECT_EQ(m_library.find(QStringLiteral("db-connection"))->title,
              QStringLiteral("Database connection issues"));
    EXPECT_NE(m_library.find(QStringLiteral("triage")), nullptr);
}

TEST_F(RunbookLibraryTest, UnknownPredicateOpIsRejected)
{
    write(QStringLiteral("x.json"),
          variant(R"("op": "==", "value": true)", R"("op": "~=", "value": true, "x": 1)"));
    const QStringList errors = load();
    ASSERT_EQ(errors.size(), 1);
    EXPECT_EQ(errors.first(),
              QStringLiteral("runbooks/x.json, step 'ready': unknown predicate op '~='"));
}

TEST_F(RunbookLibraryTest, UserFileOverridesBuiltInInPlaceAndExtends)
{
    write(QStringLiteral("db.json"), kGood);
    write(QStringLiteral("mine.json"), variant(R"("id": "db-connection")", R"("id": "zz-mine")"));
    EXPECT_EQ(load(), QStringList {});
    const Runbook *db = m_library.find(QStringLiteral("db-connection"));
    ASSERT_NE(db, nullptr);
    EXPECT_EQ(db->title, QStringLiteral("My database runbook"));
    EXPECT_EQ(db->steps.size(), 2);
    EXPECT_TRUE(db->sourceFile.startsWith(userDir()));
    EXPECT_EQ(m_library.runbooks().size(), 6);
    EXPECT_EQ(m_library.runbooks().constLast().id, QStringLiteral("zz-mine"));
}

TEST_F(RunbookLibraryTest, SuggestFollowsTheLiveSignals)
{
    load();
    RunbookSignals calm;
    calm.severity.errorRate = 0.004;
    calm.severity.databaseUp = true;
    EXPECT_EQ(m_library.suggest(calm), QStringList {});

    RunbookSignals db = calm;
    db.severity.databaseUp = false;
    db.severity.criticalBreakersOpen = {QStringLiteral("database")};
    EXPECT_EQ(m_library.suggest(db).value(0), QStringLiteral("db-connection"));
    EXPECT_EQ(m_library.matchingReasons(QStringLiteral("db-connection"), db),
              (QStringList {QStringLiteral("readiness reports the database down"),
                            QStringLiteral("the database breaker is open")}));

    RunbookSignals errors = calm;
    errors.severity.errorRate = 0.62;
    EXPECT_EQ(m_library.suggest(errors), QStringList {QStringLiteral("high-error-rate")});
    // 62 % passes both of its thresholds; the weaker one adds nothing to the sentence.
    EXPECT_EQ(m_library.matchingReasons(QStringLiteral("high-error-rate"), errors),
              QStringList {QStringLiteral("error rate 50 % or more")});
    errors.severity.errorRate = 0.07;
    EXPECT_EQ(m_library.matchingReasons(QStringLiteral("high-error-rate"), errors),
              QStringList {QStringLiteral("error rate 5 % or more")});

    RunbookSignals openai = calm;
    openai.severity.criticalBreakersOpen = {QStringLiteral("openai")};
    EXPECT_EQ(m_library.suggest(openai), QStringList {QStringLiteral("openai-rate-limit")});

    RunbookSignals memory = calm;
    memory.memoryRssMb = 800;
    memory.memoryGrowthMbPerMin = 90;
    EXPECT_EQ(m_library.suggest(memory), QStringList {QStringLiteral("memory-leak")});

    RunbookSignals unknown; // nothing known: nothing suggested
    EXPECT_EQ(m_library.suggest(unknown), QStringList {});
}

TEST(RunbookParser, ActionNamesAreActionRequestsVocabulary)
{
    const QStringList names = RunbookParser::actionNames();
    EXPECT_TRUE(names.contains(QStringLiteral("write-drain.enable")));
    EXPECT_TRUE(names.contains(QStringLiteral("agent.quarantine")));
    EXPECT_TRUE(names.contains(QStringLiteral("dlq.replay.start")));
    EXPECT_TRUE(names.contains(QStringLiteral("service.restart")));
    EXPECT_EQ(names.size(), 15);
}

TEST(RunbookParser, WatchAndDecisionNeedTheirFields)
{
    RunbookParser parser;
    const QByteArray watch = R"({"id": "w", "title": "W", "steps": [
        {"id": "a", "kind": "watch", "title": "A", "why": "x", "source": {"metric": "errorRat"},
         "predicate": {"op": "<", "value": 5}, "holdSeconds": 90, "timeoutSeconds": 60},
        {"id": "b", "kind": "decision", "title": "B", "why": "x", "question": "Q?",
         "answers": [{"label": "only", "next": "a"}]}]})";
    EXPECT_FALSE(parser.parse(watch, QStringLiteral("w.json")));
    QStringList reasons;
    for (const RunbookParser::Problem &p : parser.problems())
        reasons.append(p.stepId + QLatin1Char(':') + p.reason);
    EXPECT_EQ(reasons,
              (QStringList {QStringLiteral("a:unknown metric 'errorRat'"),
                            QStringLiteral("a:holdSeconds must be less than "
                                           "timeoutSeconds"),
                            QStringLiteral("b:a question needs at least two 'answers'")}));
}

TEST(RunbookParser, AByteValueReadsInMegabytesAndAnUnknownUnitIsRefused)
{
    RunbookParser parser;
    const QByteArray good = R"({"id": "m", "title": "M", "steps": [
        {"id": "a", "kind": "check", "title": "A", "why": "x", "source": {"api": "/api/metrics"},
         "predicate": {"path": "rss", "op": "<", "value": 536870912, "unit": "bytes"}}]})";
    const std::optional<Runbook> runbook = parser.parse(good, QStringLiteral("m.json"));
    ASSERT_TRUE(runbook);
    ASSERT_TRUE(runbook->steps.at(0).check);
    EXPECT_EQ(runbook->steps.at(0).check->predicate.unit, QStringLiteral("bytes"));

    const QByteArray bad = QByteArray(good).replace("\"bytes\"", "\"megs\"");
    EXPECT_FALSE(parser.parse(bad, QStringLiteral("m.json")));
    ASSERT_EQ(parser.problems().size(), 1);
    EXPECT_EQ(parser.problems().at(0).reason,
              QStringLiteral("unknown unit 'megs' (use \"bytes\" or leave it out)"));
}

} // namespace
