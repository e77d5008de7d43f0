#include "commandresult.h"

QString CommandResult::statusKey() const
{
    switch (status) {
    case Status::Succeeded:
    case Status::ExitCode:
        return QStringLiteral("exit %1").arg(exitCode);
    case Status::NotFound:
        return QStringLiteral("not-found");
    case Status::NotExecutable:
        return QStringLiteral("not-executable");
    case Status::FailedToStart:
        return QStringLiteral("failed-to-start");
    case Status::Signal:
        return QStringLiteral("signal %1").arg(signal);
    case Status::TimedOut:
        return QStringLiteral("timed-out");
    case Status::Stopped:
        return QStringLiteral("stopped");
    case Status::Refused:
        return QStringLiteral("refused");
    }
    return {};
}

QString CommandResult::sentence(const QString &cli) const
{
    const QString seconds = QString::number(double(durationMs) / 1000.0, 'f', 1);
    switch (status) {
    case Status::Succeeded:
        return QStringLiteral("Finished: exit status 0 after %1 s.").arg(seconds);
    case Status::ExitCode:
        return QStringLiteral("Failed: %1 exited with status %2 after %3 s; read its output above.")
            .arg(cli)
            .arg(exitCode)
            .arg(seconds);
    case Status::NotFound:
        return QStringLiteral("%1 is not installed or not on PATH; nothing was run. You can still "
                              "copy the command.")
            .arg(cli);
    case Status::NotExecutable:
        return QStringLiteral("%1 was found on PATH but is not executable (%2); nothing was run.")
            .arg(cli, detail);
    case Status::FailedToStart:
        return QStringLiteral("%1 could not be started (%2); nothing was run.").arg(cli, detail);
    case Status::Signal:
        return QStringLiteral("%1 was killed by signal %2 after %3 s; the change may or may not "
                              "have been applied: check before retrying.")
            .arg(cli)
            .arg(signal)
            .arg(seconds);
    case Status::TimedOut:
        return QStringLiteral("Timed out after %1 s: the console ended %2 and its child processes; "
                              "the change may or may not have been applied.")
            .arg(seconds, cli);
    case Status::Stopped:
        return QStringLiteral("Stopped by you after %1 s: %2 and its child processes were ended; "
                              "the change may or may not have been applied.")
            .arg(seconds, cli);
    case Status::Refused:
        return detail;
    }
    return {};
}

bool CommandResult::outcomeUnknown() const
{
    return status == Status::Signal || status == Status::TimedOut || status == Status::Stopped;
}
