#pragma once

#include <QString>
#include <QStringList>

/// How one CommandRunner run ended (C4: each cause distinct, on screen and in the journal).
struct CommandResult
{
    enum class Status {
        Succeeded, ///< exit 0
        ExitCode, ///< exit N != 0
        NotFound, ///< the CLI is not on PATH
        NotExecutable, ///< a file of that name is on PATH but cannot be executed
        FailedToStart, ///< exec failed for another reason
        Signal, ///< killed by a signal the console did not send
        TimedOut, ///< the console ended the process group at the deadline
        Stopped, ///< the operator pressed Stop
        Refused, ///< refused before spawn (batch filter, journal unwritable, already running)
    };

    QString commandId;
    QString actionId; ///< the journal's, empty without a journal
    Status status = Status::Refused;
    int exitCode = 0;
    int signal = 0;
    qint64 durationMs = 0;
    qint64 outputBytes = 0; ///< stdout + stderr
    qint64 droppedBytes = 0; ///< not kept (between the first and last MiB)
    QStringList firstLines;
    QStringList lastLines;
    QString detail; ///< the refusal's or the start failure's sentence

    /// "exit 0", "exit 1", "not-found", "not-executable", "signal 9", "timed-out", "stopped", ...
    QString statusKey() const;
    /// One sentence for the status line and the journal.
    QString sentence(const QString &cli) const;
    /// Whether the command may have had its effect although it did not finish cleanly.
    bool outcomeUnknown() const;
};
