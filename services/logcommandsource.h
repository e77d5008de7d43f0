#pragma once

#include "backoffpolicy.h"
#include "logsource.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTimer>

/// How a LogCommandSource restarts its CLI (LogCommandSource::Options).
struct LogCommandSourceOptions
{
    int minRestartMs = 1000; ///< first restart window
    int maxRestartMs = 30000; ///< cap of the restart window
    bool restart = true; ///< false: an exit is final (e.g. `logs read`)
};

/// Runs a log CLI through QProcess with an argument list (never a shell): stdout lines become
/// log lines, stderr lines diagnostics; when it exits, its status goes into the status text and
/// it restarts with exponential backoff and jitter. The runbook's commands (argument lists
/// exactly as the runbook gives them; the presets are data added elsewhere):
///   gcloud beta run services logs tail SERVICE --region REGION --project PROJECT (tail is beta)
///   gcloud run services logs read SERVICE --region REGION --project PROJECT --limit N
///   aws logs tail GROUP --follow --format short
class LogCommandSource final : public LogSource
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogCommandSource)

public:
    // Outside the class so that `= {}` works as a default argument (GCC needs the member
    // initializers complete before the class is).
    using Options = LogCommandSourceOptions;

    /// Stderr lines reported as diagnostics per run; the rest are counted and summarised.
    static constexpr int MaxDiagnosticsPerRun = 200;

    LogCommandSource(int id,
                     const QString &name,
                     const QString &program,
                     const QStringList &arguments,
                     const Options &options = {},
                     QObject *parent = nullptr);
    ~LogCommandSource() override;

    /// The program is an executable path or found on PATH.
    static bool isAvailable(const QString &program);

    QString program() const { return m_program; }
    QStringList arguments() const { return m_arguments; }

    void start() override;
    void stop() override;

private:
    void launch();
    void onStdout();
    void onStderr();
    void onFinished(int exitCode, QProcess::ExitStatus status);
    void onErrorOccurred(QProcess::ProcessError error);
    void scheduleRestart(const QString &why);
    void reportStderrLine(QByteArray line);
    QString programName() const;

    QString m_program;
    QStringList m_arguments;
    Options m_options;
    BackoffPolicy m_backoff;
    QProcess *m_process = nullptr;
    QByteArray m_stdoutPartial;
    QByteArray m_stderrPartial;
    QString m_lastStderr;
    int m_diagnosticsThisRun = 0;
    int m_droppedDiagnostics = 0;
    bool m_running = false;
    bool m_receivedOutput = false;
    QTimer m_restartTimer;
    QElapsedTimer m_startedAt;
};
