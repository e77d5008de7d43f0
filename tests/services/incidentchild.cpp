// The child process of the incident fault tests (D1-D4). Modes:
//   append <db>        declares an incident if none is active, then adds notes (typing a draft
//                      between them) and prints "ack <seq>" after each COMMIT, until killed.
//   save <file>        rewrites <file> (1 MB) through WriteupGenerator::save, alternating
//                      versions 'a' and 'b', printing "saved <n>", until killed.
//   fill <db> <bytes>  RLIMIT_FSIZE = <bytes>, then appends 8 KB notes until one fails and
//                      prints "ack <seq>" per entry, "error <sentence>" for the failure, then
//                      tries a 1 MB write-up save and prints "saveerror <sentence>".
//   hold <db>          opens and prints "open readonly=<0|1> <reason>", then waits for stdin EOF.
#include "incidentstore.h"
#include "writeupgenerator.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

#include <csignal>
#include <cstdio>
#include <sys/resource.h>

namespace {

void say(const QString &line)
{
    std::fputs(qPrintable(line + QLatin1Char('\n')), stdout);
    std::fflush(stdout);
}

QString activeOrDeclare(IncidentStore &store)
{
    const QString active = store.activeIncidentId();
    if (!active.isEmpty())
        return active;
    IncidentStore::Declaration d;
    d.title = QStringLiteral("D1 kill drill");
    d.severity = Severity::P1;
    d.commander = QStringLiteral("child");
    return store.declare(d);
}

int append(const QString &path)
{
    IncidentStore store;
    QString error;
    if (!store.open(path, &error) || store.isReadOnly()) {
        say(QStringLiteral("error ") + error + store.readOnlyReason());
        return 2;
    }
    const QString id = activeOrDeclare(store);
    for (int i = 0;; ++i) {
        store.setDraftNote(id, QStringLiteral("typing note %1 ...").arg(i));
        const auto entry = store.addNote(
            id,
            QStringLiteral("note %1 from pid %2").arg(i).arg(QCoreApplication::applicationPid()),
            &error);
        if (!entry) {
            say(QStringLiteral("error ") + error);
            return 3;
        }
        say(QStringLiteral("ack %1").arg(entry->seq));
    }
}

int save(const QString &path)
{
    for (int n = 0;; ++n) {
        const QByteArray bytes(1024 * 1024, n % 2 == 0 ? 'a' : 'b');
        QString error;
        if (!WriteupGenerator::save(path, bytes, &error)) {
            say(QStringLiteral("error ") + error);
            return 3;
        }
        say(QStringLiteral("saved %1").arg(n));
    }
}

int fill(const QString &path, qint64 limit)
{
    std::signal(SIGXFSZ, SIG_IGN); // a write past the limit fails with EFBIG instead of killing us
    const rlimit rl {rlim_t(limit), rlim_t(limit)};
    if (setrlimit(RLIMIT_FSIZE, &rl) != 0) {
        say(QStringLiteral("error setrlimit failed"));
        return 2;
    }
    IncidentStore store;
    QString error;
    if (!store.open(path, &error)) {
        say(QStringLiteral("error ") + error);
        return 0;
    }
    const QString id = activeOrDeclare(store);
    const QString big(8 * 1024, QLatin1Char('x'));
    for (int i = 0; i < 100000; ++i) {
        const auto entry = store.addNote(id, QStringLiteral("%1 %2").arg(i).arg(big), &error);
        if (!entry) {
            say(QStringLiteral("error ") + error);
            break;
        }
        say(QStringLiteral("ack %1").arg(entry->seq));
    }
    const QString writeup = QFileInfo(path).absolutePath() + QStringLiteral("/writeup.md");
    if (!WriteupGenerator::save(writeup, QByteArray(limit + 4096, 'w'), &error))
        say(QStringLiteral("saveerror ") + error);
    return 0;
}

int hold(const QString &path)
{
    IncidentStore store;
    QString error;
    if (!store.open(path, &error)) {
        say(QStringLiteral("error ") + error);
        return 2;
    }
    say(QStringLiteral("open readonly=%1 %2")
            .arg(int(store.isReadOnly()))
            .arg(store.readOnlyReason()));
    QFile in;
    if (in.open(stdin, QIODevice::ReadOnly))
        in.readAll(); // until the parent closes our stdin
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() >= 3 && args.at(1) == QLatin1String("append"))
        return append(args.at(2));
    if (args.size() >= 3 && args.at(1) == QLatin1String("save"))
        return save(args.at(2));
    if (args.size() >= 4 && args.at(1) == QLatin1String("fill"))
        return fill(args.at(2), args.at(3).toLongLong());
    if (args.size() >= 3 && args.at(1) == QLatin1String("hold"))
        return hold(args.at(2));
    std::fputs("usage: dreamops_incidentchild append|save|fill|hold PATH [BYTES]\n", stderr);
    return 1;
}
