#pragma once

#include "actionjournal.h"
#include "commandinvocation.h"
#include "commandjournalentries.h"
#include "commandoutputcapture.h"
#include "commandresult.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStringDecoder>

#include <memory>

class QTemporaryFile;
class QTimer;

/// Runs one CommandInvocation at a time without a shell: QProcess with the program looked up on
/// PATH and an argument list, in its own session (setsid) so that a timeout or Stop ends the
/// whole process group (SIGTERM, SIGKILL after a grace period). Streams output live (rate-
/// limited), keeps the first and last MiB, hands a secret over a private file or stdin, and
/// journals every run as "command.run" (intent before the start, result after). Used by the
/// command form; its environment (PATH) is injectable for tests.
class CommandRunner final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CommandRunner)

public:
    enum class Channel { Stdout, Stderr };

    using Context = CommandRunContext;

    struct Resolution
    {
        CommandResult::Status status = CommandResult::Status::NotFound; ///< Succeeded = found
        QString path; ///< the executable, or the non-executable file found
        bool found() const { return status == CommandResult::Status::Succeeded; }
    };

    explicit CommandRunner(QObject *parent = nullptr);
    ~CommandRunner() override;

    /// The child's environment (default: the console's). PATH decides which CLI runs.
    void setProcessEnvironment(const QProcessEnvironment &environment);
    QProcessEnvironment processEnvironment() const { return m_environment; }
    /// nullptr: runs are not journaled.
    void setJournal(ActionJournal *journal) { m_journal = journal; }
    void setCaptureLimit(qsizetype bytes) { m_captureLimit = bytes; }
    void setKillGraceMs(int ms) { m_killGraceMs = ms; }

    /// Looks `cli` up on the PATH of `environment` (with .exe/.cmd on Windows).
    static Resolution resolve(const QString &cli, const QProcessEnvironment &environment);
    Resolution resolve(const QString &cli) const { return resolve(cli, m_environment); }

    bool isRunning() const { return m_process != nullptr; }
    /// Journals the intent, then starts (or refuses). finished() always follows, queued.
    void start(const CommandInvocation &invocation, const Context &context = {});
    /// Ends the running process group (result: Stopped).
    void stop();

    const CommandOutputCapture &capture() const { return m_capture; }
    qint64 processId() const { return m_pid; }

Q_SIGNALS:
    void started(const QString &preview);
    /// Live output, decoded as UTF-8, at most a few KB per 50 ms per channel.
    void output(const QString &text, CommandRunner::Channel channel);
    void finished(const CommandResult &result);

private:
    void refuse(CommandResult::Status status, const QString &detail, const QString &path = {});
    bool journalIntent(QString *error);
    void journalResult(const CommandResult &result);
    bool prepareSecret(QStringList *arguments, QString *error);
    void readChannel(Channel channel);
    void flushLive();
    void endGroup(CommandResult::Status reason);
    void onFinished(int exitCode, QProcess::ExitStatus exitStatus);
    void onStartError(QProcess::ProcessError error);
    void complete(CommandResult result);
    void removeSecretFile();

    QProcessEnvironment m_environment;
    QPointer<ActionJournal> m_journal;
    qsizetype m_captureLimit = CommandOutputCapture::kDefaultLimit;
    int m_killGraceMs = 2000;

    CommandInvocation m_invocation;
    Context m_context;
    QString m_actionId;
    QProcess *m_process = nullptr;
    qint64 m_pid = 0;
    QTimer *m_deadline;
    QTimer *m_killTimer;
    QTimer *m_liveTimer;
    std::unique_ptr<QTemporaryFile> m_secretFile;
    CommandOutputCapture m_capture;
    QByteArray m_pending[2];
    qint64 m_skipped[2] = {0, 0};
    QStringDecoder m_decoders[2];
    QElapsedTimer m_clock;
    CommandResult::Status m_ending = CommandResult::Status::Succeeded; ///< set by endGroup()
    bool m_completed = false;
};
