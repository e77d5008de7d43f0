#include "commandrunner.h"

#include "actionjournal.h"
#include "commandbatchfilter.h"
#include "commandjournalentries.h"
#include "logging.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTemporaryFile>
#include <QTimer>

#include <spdlog/spdlog.h>

#ifdef Q_OS_UNIX
#include <csignal>
#include <sys/types.h>
#include <unistd.h>
#endif

namespace {

constexpr qsizetype kLiveBudget = 16 * 1024; ///< per channel per flush: what a person can read
constexpr int kLiveIntervalMs = 50;

/// SIGTERM (or SIGKILL with `force`) to the CLI's whole process group. Elsewhere than Unix only
/// the CLI itself is ended (a job object would be needed for its children).
void endProcessGroup(QProcess *process, qint64 pid, bool force)
{
#ifdef Q_OS_UNIX
    Q_UNUSED(process)
    if (pid <= 0)
        return;
    const int sig = force ? SIGKILL : SIGTERM;
    // The child called setsid(), so its pid is its process group: this reaches grandchildren.
    if (::kill(-pid_t(pid), sig) != 0)
        ::kill(pid_t(pid), sig); // setsid() not reached yet
#else
    Q_UNUSED(pid)
    if (process && force)
        process->kill();
    else if (process)
        process->terminate();
#endif
}

} // namespace

CommandRunner::CommandRunner(QObject *parent)
    : QObject(parent)
    , m_environment(QProcessEnvironment::systemEnvironment())
    , m_deadline(new QTimer(this))
    , m_killTimer(new QTimer(this))
    , m_liveTimer(new QTimer(this))
    , m_decoders {QStringDecoder(QStringDecoder::Utf8), QStringDecoder(QStringDecoder::Utf8)}
{
    m_deadline->setSingleShot(true);
    m_killTimer->setSingleShot(true);
    m_liveTimer->setSingleShot(true);
    m_liveTimer->setInterval(kLiveIntervalMs);
    connect(m_deadline, &QTimer::timeout, this,
            [this] { endGroup(CommandResult::Status::TimedOut); });
    connect(m_killTimer, &QTimer::timeout, this,
            [this] { endProcessGroup(m_process, m_pid, true); });
    connect(m_liveTimer, &QTimer::timeout, this, &CommandRunner::flushLive);
}

CommandRunner::~CommandRunner()
{
    if (!m_process)
        return;
    m_process->disconnect(this);
    endProcessGroup(m_process, m_pid, true);
    m_process->waitForFinished(2000);
    CommandResult result;
    result.status = CommandResult::Status::Stopped;
    result.commandId = m_invocation.commandId;
    result.actionId = m_actionId;
    result.durationMs = m_clock.elapsed();
    journalResult(result);
    removeSecretFile();
}

void CommandRunner::setProcessEnvironment(const QProcessEnvironment &environment)
{
    m_environment = environment;
}

CommandRunner::Resolution CommandRunner::resolve(const QString &cli,
                                                 const QProcessEnvironment &environment)
{
    const QStringList dirs = environment.value(QStringLiteral("PATH"))
                                 .split(QDir::listSeparator(), Qt::SkipEmptyParts);
    Resolution r;
    r.path = QStandardPaths::findExecutable(cli, dirs);
    if (!r.path.isEmpty()) {
        r.status = CommandResult::Status::Succeeded;
        return r;
    }
    for (const QString &dir : dirs) {
        const QFileInfo info(QDir(dir).filePath(cli));
        if (info.exists() && info.isFile()) {
            r.status = CommandResult::Status::NotExecutable;
            r.path = info.absoluteFilePath();
            return r;
        }
    }
    r.status = CommandResult::Status::NotFound;
    return r;
}

void CommandRunner::start(const CommandInvocation &invocation, const Context &context)
{
    if (m_process) {
        CommandResult busy;
        busy.commandId = invocation.commandId;
        busy.detail = QStringLiteral("Another command is still running; stop it first.");
        QMetaObject::invokeMethod(
            this, [this, busy] { Q_EMIT finished(busy); }, Qt::QueuedConnection);
        return;
    }
    m_invocation = invocation;
    m_context = context;
    m_actionId.clear();
    m_pid = 0;
    m_completed = false;
    m_ending = CommandResult::Status::Succeeded;
    m_capture = CommandOutputCapture(m_captureLimit);
    for (int ch = 0; ch < 2; ++ch) {
        m_pending[ch].clear();
        m_skipped[ch] = 0;
        m_decoders[ch].resetState();
    }
    m_clock.start();
    if (invocation.hasSecret())
        Logging::registerSecret(invocation.secretValue); // S2: redacted from every later line
    Logging::get("services")
        ->info("command.run {}: {}", invocation.commandId.toStdString(),
               invocation.preview.toStdString());

    QString error;
    if (!journalIntent(&error)) {
        refuse(CommandResult::Status::Refused,
               QStringLiteral("The action journal could not be written (%1); the command was not "
                              "run.")
                   .arg(error));
        return;
    }
    const Resolution found = resolve(invocation.cli);
    if (!found.found()) {
        refuse(found.status, found.path, found.path);
        return;
    }
    if (const QString unsafe = CommandBatchFilter::check(found.path, invocation.suppliedValues);
        !unsafe.isEmpty()) {
        refuse(CommandResult::Status::Refused, unsafe);
        return;
    }
    QStringList arguments = invocation.arguments;
    if (!prepareSecret(&arguments, &error)) {
        refuse(CommandResult::Status::FailedToStart, error);
        return;
    }

    QProcessEnvironment environment = m_environment;
    if (invocation.cli == QLatin1String("gcloud"))
        environment.insert(QStringLiteral("CLOUDSDK_CORE_DISABLE_PROMPTS"), QStringLiteral("1"));
    if (invocation.cli == QLatin1String("aws"))
        environment.insert(QStringLiteral("AWS_PAGER"), QString());

    m_process = new QProcess(this);
    m_process->setProgram(found.path);
    m_process->setArguments(arguments);
    m_process->setProcessEnvironment(environment);
#ifdef Q_OS_UNIX
    m_process->setChildProcessModifier([] { ::setsid(); });
#endif
    connect(m_process, &QProcess::readyReadStandardOutput, this,
            [this] { readChannel(Channel::Stdout); });
    connect(m_process, &QProcess::readyReadStandardError, this,
            [this] { readChannel(Channel::Stderr); });
    connect(m_process, &QProcess::finished, this, &CommandRunner::onFinished);
    connect(m_process, &QProcess::errorOccurred, this, &CommandRunner::onStartError);
    connect(m_process, &QProcess::started, this, [this] {
        m_pid = m_process->processId();
        Q_EMIT started(m_invocation.preview);
    });
    m_process->start();
    if (!m_process)
        return; // FailedToStart was reported synchronously
    m_pid = m_process->processId();
    if (invocation.hasSecret() && invocation.secretDelivery == CommandParam::Delivery::Stdin)
        m_process->write(invocation.secretValue.toUtf8());
    m_process->closeWriteChannel(); // a CLI that prompts gets end-of-file, never a hang
    m_deadline->start(invocation.timeoutSeconds * 1000);
}

void CommandRunner::stop()
{
    endGroup(CommandResult::Status::Stopped);
}

void CommandRunner::refuse(CommandResult::Status status, const QString &detail, const QString &path)
{
    CommandResult result;
    result.status = status;
    result.detail = path.isEmpty() ? detail : QDir::toNativeSeparators(path);
    complete(result);
}

bool CommandRunner::journalIntent(QString *error)
{
    if (!m_journal)
        return true;
    const JournalEntry entry = CommandJournalEntries::intent(m_invocation, m_context);
    if (!m_journal->append(entry, error))
        return false;
    m_actionId = entry.actionId;
    return true;
}

void CommandRunner::journalResult(const CommandResult &result)
{
    if (!m_journal || m_actionId.isEmpty())
        return;
    QString error;
    if (!m_journal->append(
            CommandJournalEntries::result(m_invocation, m_context, m_actionId, result), &error))
        Logging::get("services")
            ->error("command.run {}: the result could not be journaled: {}",
                    m_invocation.commandId.toStdString(), error.toStdString());
}

bool CommandRunner::prepareSecret(QStringList *arguments, QString *error)
{
    if (!m_invocation.hasSecret())
        return true;
    QString replacement = QStringLiteral("-");
    if (m_invocation.secretDelivery == CommandParam::Delivery::File) {
        // QTemporaryFile creates the file 0600 (owner only); it is wiped and removed afterwards.
        m_secretFile = std::make_unique<QTemporaryFile>(
            QDir::tempPath() + QStringLiteral("/dreamops-secret-XXXXXX"));
        if (!m_secretFile->open()
            || !m_secretFile->setPermissions(QFile::ReadOwner | QFile::WriteOwner)
            || m_secretFile->write(m_invocation.secretValue.toUtf8()) < 0
            || !m_secretFile->flush()) {
            *error = QStringLiteral("the secret could not be written to a private file: %1")
                         .arg(m_secretFile->errorString());
            removeSecretFile();
            return false;
        }
        replacement = m_secretFile->fileName();
    }
    QString &element = (*arguments)[m_invocation.secretArgument];
    element.replace(m_invocation.secretPlaceholder, replacement);
    return true;
}

void CommandRunner::readChannel(Channel channel)
{
    if (!m_process)
        return;
    const int ch = int(channel);
    const QByteArray data = channel == Channel::Stdout ? m_process->readAllStandardOutput()
                                                       : m_process->readAllStandardError();
    if (data.isEmpty())
        return;
    m_capture.append(data);
    const qsizetype room = qMax<qsizetype>(0, kLiveBudget - m_pending[ch].size());
    const qsizetype take = qMin(room, data.size());
    m_pending[ch].append(data.constData(), take);
    m_skipped[ch] += data.size() - take;
    if (!m_liveTimer->isActive())
        m_liveTimer->start();
}

void CommandRunner::flushLive()
{
    for (int ch = 0; ch < 2; ++ch) {
        const auto channel = Channel(ch);
        if (!m_pending[ch].isEmpty()) {
            const QString text = m_decoders[ch].decode(m_pending[ch]);
            m_pending[ch].clear();
            if (!text.isEmpty())
                Q_EMIT output(Logging::redact(text), channel);
        }
        if (m_skipped[ch] > 0) {
            Q_EMIT output(QStringLiteral("\n[… %1 bytes not shown live; the first and last MiB "
                                         "are kept …]\n")
                              .arg(m_skipped[ch]),
                          channel);
            m_skipped[ch] = 0;
        }
    }
}

void CommandRunner::endGroup(CommandResult::Status reason)
{
    if (!m_process || m_ending != CommandResult::Status::Succeeded)
        return;
    m_ending = reason;
    Logging::get("services")
        ->warn("command.run {}: ending the process group ({})",
               m_invocation.commandId.toStdString(),
               reason == CommandResult::Status::TimedOut ? "timeout" : "stop");
    endProcessGroup(m_process, m_pid, false);
    m_killTimer->start(m_killGraceMs);
}

void CommandRunner::onFinished(int exitCode, QProcess::ExitStatus exitStatus)
{
    readChannel(Channel::Stdout);
    readChannel(Channel::Stderr);
    CommandResult result;
    if (m_ending != CommandResult::Status::Succeeded) {
        endProcessGroup(m_process, m_pid, true); // grandchildren that ignored SIGTERM
        result.status = m_ending;
    } else if (exitStatus == QProcess::CrashExit) {
        result.status = CommandResult::Status::Signal;
        result.signal = exitCode; // Qt 6 on Unix reports the terminating signal here
    } else {
        result.status
            = exitCode == 0 ? CommandResult::Status::Succeeded : CommandResult::Status::ExitCode;
    }
    result.exitCode = exitStatus == QProcess::NormalExit ? exitCode : 0;
    complete(result);
}

void CommandRunner::onStartError(QProcess::ProcessError error)
{
    if (error != QProcess::FailedToStart || !m_process)
        return;
    CommandResult result;
    result.status = CommandResult::Status::FailedToStart;
    result.detail = m_process->errorString();
    complete(result);
}

void CommandRunner::complete(CommandResult result)
{
    if (m_completed)
        return;
    m_completed = true;
    m_deadline->stop();
    m_killTimer->stop();
    m_liveTimer->stop();
    flushLive();
    result.commandId = m_invocation.commandId;
    result.actionId = m_actionId;
    result.durationMs = m_clock.elapsed();
    result.outputBytes = m_capture.totalBytes();
    result.droppedBytes = m_capture.droppedBytes();
    for (const QString &line : m_capture.firstLines(3))
        result.firstLines.append(Logging::redact(line));
    if (m_capture.firstLines(4).size() > 3) {
        for (const QString &line : m_capture.lastLines(3))
            result.lastLines.append(Logging::redact(line));
    }
    journalResult(result);
    Logging::get("services")
        ->info("command.run {}: {}", m_invocation.commandId.toStdString(),
               result.statusKey().toStdString());
    removeSecretFile();
    if (m_process) {
        m_process->disconnect(this);
        m_process->deleteLater();
        m_process = nullptr;
    }
    QMetaObject::invokeMethod(
        this, [this, result] { Q_EMIT finished(result); }, Qt::QueuedConnection);
}

void CommandRunner::removeSecretFile()
{
    if (!m_secretFile)
        return;
    if (m_secretFile->isOpen()) {
        m_secretFile->seek(0);
        m_secretFile->write(QByteArray(m_invocation.secretValue.toUtf8().size(), '\0'));
        m_secretFile->flush();
    }
    m_secretFile->remove();
    m_secretFile.reset();
}
