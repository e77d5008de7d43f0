// D1 helper: appends to the action journal at argv[1] in a loop and prints "ack <seq>" after each
// append has returned (after COMMIT). The test kills it with SIGKILL at random moments and then
// checks that every acknowledged entry survived and that the chain is intact.
#include "actionjournal.h"

#include <QCoreApplication>
#include <QUuid>

#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: dreamops_journalchild JOURNAL_PATH [MAX_APPENDS]\n");
        return 2;
    }
    const QString path = QString::fromLocal8Bit(argv[1]);
    const long long maxAppends = argc > 2 ? QByteArray(argv[2]).toLongLong() : 0;
    ActionJournal journal;
    QString error;
    if (!journal.open(path, &error)) {
        std::fprintf(stderr, "%s\n", error.toLocal8Bit().constData());
        return 1;
    }
    for (long long i = 0; maxAppends == 0 || i < maxAppends; ++i) {
        JournalEntry entry;
        entry.kind = i % 2 == 0 ? JournalEntry::Kind::Intent : JournalEntry::Kind::Result;
        entry.actionId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        entry.action = QStringLiteral("safe-mode.enable");
        entry.target = QStringLiteral("safe_mode");
        entry.reason = QStringLiteral("D1 drill append %1").arg(i);
        entry.environment = QStringLiteral("d1");
        entry.details = {{QLatin1String("i"), i}};
        const auto stored = journal.append(entry, &error);
        if (!stored) {
            std::fprintf(stderr, "%s\n", error.toLocal8Bit().constData());
            return 1;
        }
        std::printf("ack %lld\n", static_cast<long long>(stored->seq));
        std::fflush(stdout);
    }
    return 0;
}
