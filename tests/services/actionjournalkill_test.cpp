// D1: a child appends to the journal and acknowledges each append after COMMIT; the test kills
// it with SIGKILL at random moments. After every kill the journal must reopen intact, hold every
// acknowledged entry, and keep a valid chain. 40 rounds here; DREAMOPS_D1_ROUNDS=200 for the
// matrix's full run.
#include "actionjournal.h"
#include "testsupport.h"

#include <gtest/gtest.h>

#include <QElapsedTimer>
#include <QProcess>
#include <QRandomGenerator>
#include <QSet>
#include <QTemporaryDir>
#include <QThread>

#include <iostream>

namespace {

constexpr auto acks = &TestSupport::acknowledgedSeqs;

} // namespace

TEST(ActionJournalKill, D1_KillNineDuringAppendKeepsEveryAck)
{
    const int rounds = TestSupport::killDrillRounds();
    const quint32 seed = QRandomGenerator::global()->generate();
    QRandomGenerator rng(seed);
    std::cout << "[info] D1 seed " << seed << ", " << rounds << " rounds\n";
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("d1.sqlite"));
    QSet<qint64> acknowledged;
    QElapsedTimer total;
    total.start();
    int killedMidRun = 0;
    for (int round = 0; round < rounds; ++round) {
        QProcess child;
        child.setProcessChannelMode(QProcess::SeparateChannels);
        child.start(QStringLiteral(DREAMOPS_JOURNAL_CHILD), {path});
        ASSERT_TRUE(child.waitForStarted(5000)) << child.errorString().toStdString();
        // Kill at a random moment: sometimes before the first ack, mostly mid-stream.
        const int afterAcks = int(rng.bounded(12));
        const int extraMs = int(rng.bounded(15));
        QByteArray output;
        const bool reached = TestSupport::waitUntil(
            [&] {
                output += child.readAllStandardOutput();
                return acks(output).size() >= afterAcks || child.state() == QProcess::NotRunning;
            },
            10000);
        ASSERT_TRUE(reached) << "round " << round << ": the child made no progress";
        if (extraMs > 0)
            QThread::msleep(ulong(extraMs));
        if (child.state() == QProcess::Running) {
            child.kill(); // SIGKILL
            ++killedMidRun;
        }
        if (child.state() != QProcess::NotRunning) {
            ASSERT_TRUE(child.waitForFinished(5000));
        }
        output += child.readAllStandardOutput();
        ASSERT_EQ(child.exitStatus(), QProcess::CrashExit)
            << "round " << round << ": " << child.readAllStandardError().toStdString();
        acknowledged.unite(acks(output));

        ActionJournal journal;
        QString error;
        ASSERT_TRUE(journal.open(path, &error)) << "round " << round << ": " << error.toStdString();
        const auto integrity = journal.verify();
        ASSERT_TRUE(integrity.ok) << "round " << round << ": " << integrity.message.toStdString();
        QSet<qint64> present;
        for (const JournalEntry &e : journal.entries())
            present.insert(e.seq);
        for (const qint64 seq : std::as_const(acknowledged))
            ASSERT_TRUE(present.contains(seq))
                << "round " << round << ": acked seq " << seq << " is missing after kill -9";
    }
    EXPECT_EQ(killedMidRun, rounds);
    EXPECT_GT(acknowledged.size(), rounds); // the kills really fell among appends
    std::cout << "[info] D1: " << rounds << " kills, " << acknowledged.size()
              << " acknowledged entries, " << total.elapsed() << " ms\n";
}
