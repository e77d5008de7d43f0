// LogCommandSource runs the cloud log CLIs through QProcess with an argument list: the fake
// `gcloud` and `aws` from tests/fakes (first on PATH) record their arguments, print canned
// lines, hang, flood, or exit non-zero (issue 5).
#include "fakelogclienvironment.h"
#include "logcollector.h"
#include "logcommandsource.h"
#include "testsupport.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <optional>

#include <memory>

#include <csignal>

using TestSupport::waitUntil;

namespace {

const QByteArray Canned = "2026-11-29T10:00:00.100Z INFO [gcloud] GET /healthz status=200 ms=3\n"
                          "2026-11-29T10:00:00.200Z ERROR [database] connect ECONNREFUSED "
                          "10.0.0.5:5432 traceId=4bf92f3577b34da6 ms=1043\n"
                          "2026-11-29T10:00:00.300Z WARN [gcloud] slow request route=/orders "
                          "ms=812\n";

const QStringList GcloudTail = {
    QStringLiteral("run"),          QStringLiteral("services"),  QStringLiteral("logs"),
    QStringLiteral("tail"),         QStringLiteral("api"),       QStringLiteral("--region"),
    QStringLiteral("europe-west1"), QStringLiteral("--project"), QStringLiteral("dreamnet-prod"),
};

qint64 residentKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return 0;
}

constexpr auto processAlive = &FakeLogCliEnvironment::processAlive;

class LogCommandSourceTest : public testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        m_fakes.emplace(QByteArray(DREAMOPS_FAKES_DIR), QDir(m_dir.path()));
    }

    void TearDown() override { m_fakes.reset(); }

    std::unique_ptr<LogCommandSource> run(const char *mode,
                                          const QString &program,
                                          const QStringList &arguments,
                                          const LogCommandSource::Options &options = {})
    {
        qputenv("FAKE_LOG_MODE", mode);
        auto source = std::make_unique<LogCommandSource>(
            7, program + QLatin1Char(' ') + arguments.join(QLatin1Char(' ')), program, arguments,
            options);
        m_collector = std::make_unique<LogCollector>(source.get());
        source->start();
        return source;
    }

    QByteArray file(const char *name) const
    {
        QFile f(m_dir.filePath(QString::fromLatin1(name)));
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

    qint64 fakePid() const { return file("pid").trimmed().toLongLong(); }

    QTemporaryDir m_dir;
    std::optional<FakeLogCliEnvironment> m_fakes;
    std::unique_ptr<LogCollector> m_collector;
};

TEST_F(LogCommandSourceTest, GcloudTailGetsTheExactArgumentListAndItsLines)
{
    auto source = run("follow", QStringLiteral("gcloud"), GcloudTail);
    ASSERT_TRUE(waitUntil([&] { return m_collector->bytes == Canned; }))
        << m_collector->bytes.constData();
    EXPECT_EQ(file("argv"), GcloudTail.join(QLatin1Char('\n')).toUtf8() + '\n');
    EXPECT_EQ(source->state(), LogSource::State::Following);
    EXPECT_EQ(source->statusText(),
              QStringLiteral("Following gcloud run services logs tail api --region europe-west1 "
                             "--project dreamnet-prod"));
    const qint64 pid = fakePid();
    EXPECT_TRUE(processAlive(pid));
    source->stop();
    EXPECT_EQ(source->state(), LogSource::State::Stopped);
    EXPECT_TRUE(waitUntil([pid] { return !processAlive(pid); }, 5000));
}

TEST_F(LogCommandSourceTest, AwsTailGetsTheExactArgumentList)
{
    const QStringList arguments = {QStringLiteral("logs"),
                                   QStringLiteral("tail"),
                                   QStringLiteral("/aws/apprunner/dreamnet api"),
                                   QStringLiteral("--follow"),
                                   QStringLiteral("--format"),
                                   QStringLiteral("short")};
    auto source = run("follow", QStringLiteral("aws"), arguments);
    ASSERT_TRUE(waitUntil([&] { return m_collector->lines == 3; }));
    // Never through a shell: the argument with a space arrives as one argument.
    EXPECT_EQ(file("argv"), arguments.join(QLatin1Char('\n')).toUtf8() + '\n');
    EXPECT_TRUE(m_collector->bytes.startsWith("2026-11-29T10:00:00.100Z INFO [aws] GET"));
}

TEST_F(LogCommandSourceTest, MissingProgramFailsWithASentence)
{
    EXPECT_TRUE(LogCommandSource::isAvailable(QStringLiteral("gcloud")));
    EXPECT_FALSE(LogCommandSource::isAvailable(QStringLiteral("dreamops-no-such-cli")));
    auto source = run("follow", QStringLiteral("dreamops-no-such-cli"), GcloudTail);
    EXPECT_EQ(source->state(), LogSource::State::Failed);
    EXPECT_EQ(source->statusText(),
              QStringLiteral("dreamops-no-such-cli is not installed or not on PATH"));
}

TEST_F(LogCommandSourceTest, HangingCliIsEndedByStop)
{
    auto source = run("hang", QStringLiteral("gcloud"), GcloudTail);
    ASSERT_TRUE(waitUntil([&] { return fakePid() > 0 && processAlive(fakePid()); }));
    ASSERT_TRUE(waitUntil([&] { return source->state() == LogSource::State::Following; }));
    const qint64 pid = fakePid();
    source->stop();
    EXPECT_TRUE(waitUntil([pid] { return !processAlive(pid); }, 5000));
    EXPECT_EQ(source->state(), LogSource::State::Stopped);
    EXPECT_TRUE(m_collector->bytes.isEmpty());
}

TEST_F(LogCommandSourceTest, CliIgnoringTerminateIsKilledAfterTwoSeconds)
{
    auto source = run("hang-ignoring-term", QStringLiteral("aws"), {QStringLiteral("logs")});
    ASSERT_TRUE(waitUntil([&] { return fakePid() > 0 && processAlive(fakePid()); }));
    // The pid file is written before `exec sleep`: wait until the shell has become sleep.
    settle(200);
    const qint64 pid = fakePid();
    source->stop();
    EXPECT_TRUE(processAlive(pid)) << "SIGTERM is ignored; SIGKILL comes after 2 s";
    EXPECT_TRUE(waitUntil([pid] { return !processAlive(pid); }, 8000));
}

TEST_F(LogCommandSourceTest, NonZeroExitShowsCodeAndStderrAndRestartsWithBackoff)
{
    LogCommandSource::Options options;
    options.minRestartMs = 100;
    options.maxRestartMs = 400;
    auto source = run("fail", QStringLiteral("gcloud"), GcloudTail, options);
    ASSERT_TRUE(waitUntil([&] { return source->state() == LogSource::State::Restarting; }));
    const QString text = source->statusText();
    EXPECT_TRUE(text.startsWith(QStringLiteral("gcloud exited with code 1: ERROR: (gcloud) You do "
                                               "not currently have an active account selected.")))
        << qPrintable(text);
    EXPECT_TRUE(text.endsWith(QStringLiteral(" — restarting in 1 s"))) << qPrintable(text);
    EXPECT_TRUE(m_collector->diagnosticContains(QStringLiteral("active account selected")));
    // It comes back, again and again, with the lines of each run.
    ASSERT_TRUE(waitUntil([&] { return file("runs").count('\n') >= 4; }, 10000));
    EXPECT_GE(m_collector->lines, 3 * 3);
    EXPECT_TRUE(m_collector->states.contains(LogSource::State::Following));
    source->stop();
    const qsizetype runs = file("runs").count('\n');
    settle(600);
    EXPECT_EQ(file("runs").count('\n'), runs) << "no restart after stop()";
}

TEST_F(LogCommandSourceTest, RestartsAreSpacedByTheBackoffFloor)
{
    LogCommandSource::Options options;
    options.minRestartMs = 200;
    options.maxRestartMs = 1600;
    auto source = run("fail", QStringLiteral("gcloud"), GcloudTail, options);
    QElapsedTimer clock;
    clock.start();
    QList<qint64> runAt;
    ASSERT_TRUE(waitUntil(
        [&] {
            const qsizetype runs = file("runs").count('\n');
            while (runAt.size() < runs)
                runAt.append(clock.elapsed());
            return runs >= 4;
        },
        15000));
    // Each restart waits at least minRestartMs (the jittered window above it grows; that growth
    // is BackoffPolicy's, tested there). No upper bound: the machine is shared and noisy.
    EXPECT_GE(runAt[3] - runAt[0], 3 * 200);
}

TEST_F(LogCommandSourceTest, ReadOnceDoesNotRestartAndKeepsTheLastPartialLine)
{
    LogCommandSource::Options options;
    options.restart = false;
    QStringList read = GcloudTail;
    read[3] = QStringLiteral("read");
    auto source = run("read", QStringLiteral("gcloud"), read, options);
    ASSERT_TRUE(waitUntil([&] { return source->state() == LogSource::State::Stopped; }));
    EXPECT_EQ(m_collector->bytes, Canned + "last line without newline\n");
    EXPECT_EQ(source->statusText(), QStringLiteral("gcloud exited with code 0"));
    settle(300);
    EXPECT_EQ(file("runs").count('\n'), 1);
}

TEST_F(LogCommandSourceTest, FloodOfLinesArrivesWithBoundedMemory)
{
    auto source = run("flood", QStringLiteral("gcloud"), GcloudTail);
    m_collector->keepBytes = false;
    ASSERT_TRUE(waitUntil([&] { return m_collector->received > (1 << 20); }, 10000));
    const qint64 rssBefore = residentKiB();
    ASSERT_TRUE(waitUntil([&] { return m_collector->received > (64 << 20); }, 20000))
        << m_collector->received;
    EXPECT_LT(residentKiB() - rssBefore, 64 * 1024) << "KiB grown while 64 MB flowed through";
    EXPECT_EQ(m_collector->received % 66, 0) << "whole lines only";
    source->stop();
}

TEST_F(LogCommandSourceTest, FloodWithoutNewlinesIsCutAtEightMiB)
{
    auto source = run("flood-no-newline", QStringLiteral("aws"), {QStringLiteral("logs")});
    m_collector->keepBytes = false;
    ASSERT_TRUE(waitUntil([&] { return m_collector->received > (32 << 20); }, 20000))
        << m_collector->received;
    EXPECT_LE(m_collector->largestChunk, LogSource::MaxLineBytes + 1);
    EXPECT_TRUE(m_collector->diagnosticContains(QStringLiteral("longer than 8 MiB")));
    EXPECT_LT(residentKiB(), 512 * 1024);
    source->stop();
}

} // namespace
