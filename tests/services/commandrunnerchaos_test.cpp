#include "actionjournal.h"
#include "commandbuilder.h"
#include "commandcatalogue.h"
#include "commandrunner.h"
#include "fakecli.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QSet>
#include <QTemporaryDir>
#include <QTimer>

#include "testsupport.h"

#include <gtest/gtest.h>

namespace {

CommandInvocation describeInvocation(const CommandCatalogue &catalogue)
{
    const CommandSpec *spec = catalogue.find(QStringLiteral("cloudrun.services.describe"));
    if (!spec)
        return {};
    return CommandBuilder::build(*spec,
                                 {{QStringLiteral("service"), QStringLiteral("dreamnet")},
                                  {QStringLiteral("region"), QStringLiteral("us-central1")}})
        .value_or(CommandInvocation {});
}

class CommandRunnerChaosTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_fake.isValid());
        m_catalogue.load({QStringLiteral(":/commands")});
        m_invocation = describeInvocation(m_catalogue);
        ASSERT_FALSE(m_invocation.commandId.isEmpty());
        ASSERT_TRUE(m_journal.open(m_dir.filePath(QStringLiteral("journal.sqlite"))));
        m_runner.setJournal(&m_journal);
    }

    QTemporaryDir m_dir;
    FakeCli m_fake;
    CommandCatalogue m_catalogue;
    CommandInvocation m_invocation;
    ActionJournal m_journal;
    CommandRunner m_runner;
};

} // namespace

TEST_F(CommandRunnerChaosTest, C2_TimeoutEndsTheCliAndItsGrandchild)
{
    m_runner.setProcessEnvironment(m_fake.environment(QStringLiteral("hang")));
    m_runner.setKillGraceMs(500);
    m_invocation.timeoutSeconds = 1;
    QSignalSpy started(&m_runner, &CommandRunner::started);
    m_runner.start(m_invocation);
    ASSERT_TRUE(TestSupport::waitUntil([this] { return m_fake.grandchildPid() > 0; }, 10000));
    const qint64 grandchild = m_fake.grandchildPid();
    const qint64 cli = m_runner.processId();
    ASSERT_GT(cli, 0);
    EXPECT_TRUE(processAlive(grandchild));

    QSignalSpy finished(&m_runner, &CommandRunner::finished);
    ASSERT_TRUE(finished.wait(20000));
    const auto result = finished.first().first().value<CommandResult>();
    EXPECT_EQ(result.status, CommandResult::Status::TimedOut);
    EXPECT_EQ(result.statusKey(), QStringLiteral("timed-out"));
    EXPECT_TRUE(TestSupport::waitUntil(
        [&] { return !processAlive(grandchild) && !processAlive(cli); }, 10000))
        << "grandchild " << grandchild << " survived the timeout";
    EXPECT_EQ(m_journal.entries().last().outcome, JournalEntry::Outcome::Unknown);
    EXPECT_EQ(started.size(), 1);
}

TEST_F(CommandRunnerChaosTest, C2_StopEndsTheGroupToo)
{
    m_runner.setProcessEnvironment(m_fake.environment(QStringLiteral("hang")));
    m_runner.setKillGraceMs(500);
    m_runner.start(m_invocation);
    ASSERT_TRUE(TestSupport::waitUntil([this] { return m_fake.grandchildPid() > 0; }, 10000));
    const qint64 grandchild = m_fake.grandchildPid();
    QSignalSpy finished(&m_runner, &CommandRunner::finished);
    m_runner.stop();
    ASSERT_TRUE(finished.wait(20000));
    EXPECT_EQ(finished.first().first().value<CommandResult>().status,
              CommandResult::Status::Stopped);
    EXPECT_TRUE(TestSupport::waitUntil([&] { return !processAlive(grandchild); }, 10000));
}

TEST_F(CommandRunnerChaosTest, C3_FloodIsCappedAndTheEventLoopKeepsTicking)
{
    m_runner.setProcessEnvironment(m_fake.environment(QStringLiteral("flood")));
    int ticks = 0;
    QTimer ticker;
    ticker.setInterval(10);
    QObject::connect(&ticker, &QTimer::timeout, &ticker, [&ticks] { ++ticks; });
    qint64 liveChars = 0;
    QObject context;
    QObject::connect(
        &m_runner, &CommandRunner::output, &context,
        [&liveChars](const QString &text, CommandRunner::Channel) { liveChars += text.size(); });
    ticker.start();
    const auto result = runToEnd(m_runner, m_invocation, 90000);
    ticker.stop();
    ASSERT_TRUE(result.has_value());
    constexpr qint64 kFlood = 100LL * 1024 * 1024;
    EXPECT_EQ(result->status, CommandResult::Status::Succeeded);
    EXPECT_EQ(result->outputBytes, kFlood);
    EXPECT_EQ(m_runner.capture().head().size(), CommandOutputCapture::kDefaultLimit);
    EXPECT_EQ(m_runner.capture().tail().size(), CommandOutputCapture::kDefaultLimit);
    EXPECT_EQ(result->droppedBytes, kFlood - 2 * CommandOutputCapture::kDefaultLimit);
    EXPECT_EQ(result->firstLines.value(0), QStringLiteral("y"));
    EXPECT_LT(liveChars, kFlood / 4); // the live stream is rate-limited, not the whole flood
    EXPECT_GT(ticks, 2); // the timer fired while 100 MB went through
}

TEST_F(CommandRunnerChaosTest, C4_EachFailureIsDistinctOnTheTimeline)
{
    QTemporaryDir empty;
    QTemporaryDir notExec;
    {
        QFile file(notExec.filePath(QStringLiteral("gcloud")));
        ASSERT_TRUE(file.open(QIODevice::WriteOnly));
        file.write("#!/bin/sh\necho never\n");
        file.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    }
    auto envWithPath = [](const QString &path) {
        QProcessEnvironment env;
        env.insert(QStringLiteral("PATH"), path);
        return env;
    };
    struct Case
    {
        QProcessEnvironment env;
        CommandResult::Status status;
        QString key;
    };
    const QList<Case> cases {
        {envWithPath(empty.path()), CommandResult::Status::NotFound, QStringLiteral("not-found")},
        {envWithPath(notExec.path()), CommandResult::Status::NotExecutable,
         QStringLiteral("not-executable")},
        {m_fake.environment(QStringLiteral("fail")), CommandResult::Status::ExitCode,
         QStringLiteral("exit 1")},
        {m_fake.environment(QStringLiteral("signal")), CommandResult::Status::Signal,
         QStringLiteral("signal 9")},
        {m_fake.environment(), CommandResult::Status::Succeeded, QStringLiteral("exit 0")},
    };
    QSet<QString> sentences;
    for (const Case &c : cases) {
        SCOPED_TRACE(c.key.toStdString());
        m_runner.setProcessEnvironment(c.env);
        EXPECT_EQ(m_runner.resolve(QStringLiteral("gcloud")).found(),
                  c.status != CommandResult::Status::NotFound
                      && c.status != CommandResult::Status::NotExecutable);
        const auto result = runToEnd(m_runner, m_invocation);
        ASSERT_TRUE(result.has_value());
        EXPECT_EQ(result->status, c.status);
        EXPECT_EQ(result->statusKey(), c.key);
        sentences.insert(result->sentence(QStringLiteral("gcloud")));
        const JournalEntry last = m_journal.entries().last();
        EXPECT_EQ(last.kind, JournalEntry::Kind::Result);
        EXPECT_EQ(last.details.value(QLatin1String("status")).toString(), c.key);
        EXPECT_FALSE(last.message.isEmpty());
    }
    EXPECT_EQ(sentences.size(), cases.size());
    EXPECT_TRUE(m_journal.entries().at(5).message.contains(QStringLiteral("PERMISSION_DENIED"))
                || m_journal.entries()
                       .at(5)
                       .details.value(QLatin1String("firstLines"))
                       .toArray()
                       .first()
                       .toString()
                       .contains(QStringLiteral("PERMISSION_DENIED")));
    EXPECT_EQ(m_journal.entries().size(), 2 * cases.size());
}
