#include "logcommandsource.h"

#include "simulatorprocess.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QStandardPaths>

#include <algorithm>
#include <utility>

namespace {

constexpr int KillAfterMs = 2000;
constexpr qsizetype MaxStderrLineBytes = 4096;

QString resolveProgram(const QString &program)
{
    if (program.contains(QLatin1Char('/'))) {
        const QFileInfo info(program);
        return info.isFile() && info.isExecutable() ? info.absoluteFilePath() : QString();
    }
    return QStandardPaths::findExecutable(program);
}

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace

LogCommandSource::LogCommandSource(int id,
                                   const QString &name,
                                   const QString &program,
                                   const QStringList &arguments,
                                   const Options &options,
                                   QObject *parent)
    : LogSource(id, name, parent)
    , m_program(program)
    , m_arguments(arguments)
    , m_options(options)
    , m_backoff([&options] {
        BackoffPolicy::Options backoff;
        backoff.baseDelayMs = std::max(1, options.minRestartMs);
        backoff.maxDelayMs = std::max(options.minRestartMs, options.maxRestartMs);
        backoff.budgetCapacity = 1e9; // a log tail never gives up restarting
        return backoff;
    }())
{
    m_restartTimer.setSingleShot(true);
    connect(&m_restartTimer, &QTimer::timeout, this, &LogCommandSource::launch);
}

LogCommandSource::~LogCommandSource()
{
    m_running = false;
    m_process = nullptr;
    // The current run and any still ending after stop(): never leave a CLI behind.
    const auto processes = findChildren<QProcess *>(Qt::FindDirectChildrenOnly);
    for (QProcess *process : processes) {
        process->disconnect(this);
        if (process->state() == QProcess::NotRunning)
            continue;
        process->terminate();
        if (!process->waitForFinished(KillAfterMs)) {
            process->kill();
            process->waitForFinished(1000);
        }
    }
}

bool LogCommandSource::isAvailable(const QString &program)
{
    return !resolveProgram(program).isEmpty();
}

QString LogCommandSource::programName() const
{
    return QFileInfo(m_program).fileName();
}

void LogCommandSource::start()
{
    if (m_running)
        return;
    m_running = true;
    m_backoff.recordSuccess();
    launch();
}

void LogCommandSource::stop()
{
    if (!m_running)
        return;
    m_running = false;
    m_restartTimer.stop();
    flushPartial(m_stdoutPartial);
    if (m_process && m_process->state() != QProcess::NotRunning) {
        QProcess *process = m_process;
        process->terminate();
        QTimer::singleShot(KillAfterMs, process, [process] {
            if (process->state() != QProcess::NotRunning)
                process->kill();
        });
    }
    setState(State::Stopped, QStringLiteral("Stopped %1").arg(name()));
}

void LogCommandSource::launch()
{
    if (!m_running)
        return;
    const QString resolved = resolveProgram(m_program);
    if (resolved.isEmpty()) {
        m_running = false;
        setState(State::Failed,
                 QStringLiteral("%1 is not installed or not on PATH").arg(programName()));
        return;
    }
    setState(State::Starting, QStringLiteral("Starting %1").arg(name()));
    m_stdoutPartial.clear();
    m_stderrPartial.clear();
    m_lastStderr.clear();
    m_diagnosticsThisRun = 0;
    m_droppedDiagnostics = 0;
    m_receivedOutput = false;

    auto *process = new QProcess(this);
    m_process = process;
    process->setProgram(resolved);
    process->setArguments(m_arguments);
    process->setStandardInputFile(QProcess::nullDevice());
    connect(process, &QProcess::started, this, [this, process] {
        if (process == m_process && m_running)
            setState(State::Following, QStringLiteral("Following %1").arg(name()));
    });
    connect(process, &QProcess::readyReadStandardOutput, this, [this, process] {
        if (process == m_process)
            onStdout();
    });
    connect(process, &QProcess::readyReadStandardError, this, [this, process] {
        if (process == m_process)
            onStderr();
    });
    connect(process, &QProcess::finished, this,
            [this, process](int exitCode, QProcess::ExitStatus status) {
                process->deleteLater();
                if (process == m_process)
                    onFinished(exitCode, status);
            });
    connect(process, &QProcess::errorOccurred, this, [this, process](QProcess::ProcessError error) {
        if (process == m_process)
            onErrorOccurred(error);
    });
    m_startedAt.start();
    process->start(QIODevice::ReadOnly);
}

void LogCommandSource::onStdout()
{
    QByteArray data = m_process->readAllStandardOutput();
    if (data.isEmpty())
        return;
    m_receivedOutput = true;
    emitWholeLines(m_stdoutPartial, std::move(data));
}

void LogCommandSource::onStderr()
{
    m_stderrPartial += m_process->readAllStandardError();
    qsizetype newline;
    while ((newline = m_stderrPartial.indexOf('\n')) >= 0) {
        reportStderrLine(m_stderrPartial.left(newline));
        m_stderrPartial.remove(0, newline + 1);
    }
    if (m_stderrPartial.size() > MaxStderrLineBytes) {
        reportStderrLine(m_stderrPartial);
        m_stderrPartial.clear();
    }
}

void LogCommandSource::reportStderrLine(QByteArray line)
{
    if (line.endsWith('\r'))
        line.chop(1);
    if (line.trimmed().isEmpty())
        return;
    if (line.size() > MaxStderrLineBytes)
        line.truncate(MaxStderrLineBytes);
    m_lastStderr = QString::fromUtf8(line);
    if (m_diagnosticsThisRun < MaxDiagnosticsPerRun) {
        ++m_diagnosticsThisRun;
        Q_EMIT diagnostic(m_lastStderr);
    } else {
        ++m_droppedDiagnostics;
    }
}

void LogCommandSource::onFinished(int exitCode, QProcess::ExitStatus status)
{
    m_process = nullptr;
    if (!m_running)
        return; // stop() already said so
    // Whatever the process printed last still counts.
    flushPartial(m_stdoutPartial);
    if (!m_stderrPartial.isEmpty())
        reportStderrLine(std::exchange(m_stderrPartial, QByteArray()));
    if (m_droppedDiagnostics > 0)
        Q_EMIT diagnostic(
            QStringLiteral("%1 more lines on stderr were not shown").arg(m_droppedDiagnostics));

    QString exit = QStringLiteral("%1 %2").arg(programName(),
                                               SimulatorProcess::describeExit(exitCode, status));
    if (!m_lastStderr.isEmpty())
        exit += QStringLiteral(": ") + m_lastStderr;
    if (!m_options.restart) {
        m_running = false;
        setState(status == QProcess::NormalExit && exitCode == 0 ? State::Stopped : State::Failed,
                 exit);
        return;
    }
    // A run that lasted (a healthy tail dropped by the server) starts the backoff afresh.
    if (m_receivedOutput && m_startedAt.elapsed() >= m_options.maxRestartMs)
        m_backoff.recordSuccess();
    scheduleRestart(exit);
}

void LogCommandSource::onErrorOccurred(QProcess::ProcessError error)
{
    if (error != QProcess::FailedToStart)
        return; // crashes and exits arrive through finished()
    const QString why = QStringLiteral("%1 could not be started: %2")
                            .arg(programName(), m_process->errorString());
    m_process->deleteLater();
    m_process = nullptr;
    if (!m_running)
        return;
    if (!m_options.restart) {
        m_running = false;
        setState(State::Failed, why);
        return;
    }
    scheduleRestart(why);
}

void LogCommandSource::scheduleRestart(const QString &why)
{
    const qint64 jittered = m_backoff.nextDelayMs(nowMs()).value_or(m_options.maxRestartMs);
    const int delayMs
        = int(std::clamp<qint64>(jittered, m_options.minRestartMs,
                                 std::max(m_options.minRestartMs, m_options.maxRestartMs)));
    const int seconds = (delayMs + 999) / 1000;
    setState(State::Restarting, QStringLiteral("%1 — restarting in %2 s").arg(why).arg(seconds));
    m_restartTimer.start(delayMs);
}
