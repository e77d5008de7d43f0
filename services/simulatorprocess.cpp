#include "simulatorprocess.h"

#include "logging.h"

#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QTimer>

#include <spdlog/spdlog.h>

#include <csignal>
#include <cstring>
#include <sys/prctl.h>
#include <unistd.h>

namespace {
constexpr qsizetype kMaxStderrTail = 16 * 1024;
const QByteArray kListeningPrefix = QByteArrayLiteral("listening on ");
} // namespace

SimulatorProcess::SimulatorProcess(QObject *parent)
    : QObject(parent)
{ }

SimulatorProcess::~SimulatorProcess()
{
    stop();
}

QString SimulatorProcess::locate()
{
    const QString fromEnv = qEnvironmentVariable("DREAMOPS_SIM");
    if (!fromEnv.isEmpty())
        return fromEnv;
    QStringList candidates;
    if (QCoreApplication::instance())
        candidates << QCoreApplication::applicationDirPath() + QStringLiteral("/dreamnet-sim");
#ifdef DREAMOPS_BUILD_BIN_DIR
    candidates << QStringLiteral(DREAMOPS_BUILD_BIN_DIR "/dreamnet-sim");
#endif
    for (const QString &candidate : std::as_const(candidates)) {
        const QFileInfo info(candidate);
        if (info.isFile() && info.isExecutable())
            return info.absoluteFilePath();
    }
    return QStringLiteral("dreamnet-sim"); // let PATH decide
}

QString SimulatorProcess::randomToken()
{
    QByteArray bytes(24, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()),
                                          bytes.size() / int(sizeof(quint32)));
    return QString::fromLatin1(
        bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString SimulatorProcess::describeExit(int exitCode, QProcess::ExitStatus status)
{
    if (status == QProcess::CrashExit) {
        // QProcess reports the signal number as the exit code of a crashed child.
        return tr("was killed by signal %1 (%2)")
            .arg(exitCode)
            .arg(QString::fromLocal8Bit(::strsignal(exitCode)));
    }
    return tr("exited with code %1").arg(exitCode);
}

qint64 SimulatorProcess::pid() const
{
    return m_process ? m_process->processId() : 0;
}

void SimulatorProcess::start(const Options &options)
{
    if (m_process)
        return;
    m_ready = false;
    m_error.clear();
    m_stdoutBuffer.clear();
    m_stderrTail.clear();
    m_token = options.token.isEmpty() ? randomToken() : options.token;
    m_viewerToken = options.viewerToken.isEmpty() ? randomToken() : options.viewerToken;
    Logging::registerSecret(m_token);
    Logging::registerSecret(m_viewerToken);

    m_logDir = options.logDir;
    if (m_logDir.isEmpty()) {
        m_tempDir = std::make_unique<QTemporaryDir>(QDir::tempPath()
                                                    + QStringLiteral("/dreamnet-sim-XXXXXX"));
        m_logDir = m_tempDir->path();
    }

    const QString program = options.program.isEmpty() ? locate() : options.program;
    QStringList arguments {QStringLiteral("--bind"),    QStringLiteral("127.0.0.1"),
                           QStringLiteral("--port"),    QStringLiteral("0"),
                           QStringLiteral("--log-dir"), m_logDir,
                           QStringLiteral("--speed"),   QString::number(options.speed)};
    arguments << options.extraArguments;

    // Tokens travel in the environment, never on the command line (/proc/<pid>/cmdline is
    // world-readable).
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("DREAMNET_SIM_TOKEN"), m_token);
    environment.insert(QStringLiteral("DREAMNET_SIM_VIEWER_TOKEN"), m_viewerToken);

    m_process = std::make_unique<QProcess>();
    m_process->setProcessEnvironment(environment);
    m_process->setProgram(program);
    m_process->setArguments(arguments);
    connect(m_process.get(), &QProcess::readyReadStandardOutput, this, &SimulatorProcess::onStdout);
    connect(m_process.get(), &QProcess::readyReadStandardError, this, &SimulatorProcess::onStderr);
    connect(m_process.get(), &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            fail(tr("Could not start the simulator '%1': %2")
                     .arg(m_process->program(), m_process->errorString()));
    });
    connect(
        m_process.get(), &QProcess::finished, this,
        [this](int exitCode, QProcess::ExitStatus status) {
            if (!m_ready)
                fail(tr("The simulator %1 before it was listening. %2")
                         .arg(describeExit(exitCode, status), m_stderrTail.trimmed().right(400)));
            m_ready = false;
            Q_EMIT exited(exitCode, status);
        });
    // If the console itself dies (even by SIGKILL), the kernel stops the simulator with it.
    // If the console died between fork() and prctl(), the child was already re-parented: then
    // it stops itself at once instead of running on unowned.
    m_process->setChildProcessModifier([parent = ::getpid()] {
        ::prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (::getppid() != parent)
            ::raise(SIGTERM);
    });
    QTimer::singleShot(options.startTimeoutMs, this, [this, generation = m_process.get()] {
        if (m_process.get() == generation && !m_ready && m_error.isEmpty())
            abandon(tr("The simulator did not start listening in time."));
    });
    Logging::get("services")
        ->info("starting simulator: {} {}", program.toStdString(),
               arguments.join(QLatin1Char(' ')).toStdString());
    m_process->start();
}

bool SimulatorProcess::startAndWait(const Options &options)
{
    QEventLoop loop;
    const auto onReady = connect(this, &SimulatorProcess::ready, &loop, &QEventLoop::quit);
    const auto onFailed = connect(this, &SimulatorProcess::failed, &loop, &QEventLoop::quit);
    start(options);
    if (!m_ready && m_error.isEmpty())
        loop.exec();
    disconnect(onReady);
    disconnect(onFailed);
    return m_ready;
}

void SimulatorProcess::stop()
{
    if (!m_process)
        return;
    auto process = std::move(m_process);
    process->disconnect(this);
    endProcess(process.get());
    m_ready = false;
}

void SimulatorProcess::endProcess(QProcess *process)
{
    if (process->state() != QProcess::NotRunning) {
        process->terminate();
        if (!process->waitForFinished(2500)) {
            process->kill();
            process->waitForFinished(1000);
        }
    }
}

void SimulatorProcess::abandon(const QString &message)
{
    if (m_process) {
        // Possibly inside one of the QProcess's own signals: delete it later, not here.
        QProcess *process = m_process.release();
        process->disconnect(this);
        endProcess(process);
        process->deleteLater();
    }
    m_ready = false;
    fail(message);
}

void SimulatorProcess::onStdout()
{
    m_stdoutBuffer += m_process->readAllStandardOutput();
    if (m_ready || !m_error.isEmpty())
        return (void)m_stdoutBuffer.clear();
    const qsizetype newline = m_stdoutBuffer.indexOf('\n');
    if (newline < 0) {
        if (m_stdoutBuffer.size() > 4096) // the first line is short; never buffer without bound
            abandon(tr("The simulator printed an unexpected first line: %1")
                        .arg(QString::fromUtf8(m_stdoutBuffer.left(200))));
        return;
    }
    const QByteArray firstLine = m_stdoutBuffer.left(newline).trimmed();
    m_stdoutBuffer.clear();
    if (!firstLine.startsWith(kListeningPrefix)) {
        abandon(tr("The simulator printed an unexpected first line: %1")
                    .arg(QString::fromUtf8(firstLine.left(200))));
        return;
    }
    const QUrl url(QString::fromUtf8(firstLine.mid(kListeningPrefix.size())));
    if (!url.isValid() || url.port() <= 0) {
        abandon(tr("The simulator announced an invalid address: %1")
                    .arg(QString::fromUtf8(firstLine.left(200))));
        return;
    }
    m_baseUrl = url;
    m_ready = true;
    Logging::get("services")->info("simulator listening on {}", url.toString().toStdString());
    Q_EMIT ready(url);
}

void SimulatorProcess::onStderr()
{
    m_stderrTail += QString::fromUtf8(m_process->readAllStandardError());
    if (m_stderrTail.size() > kMaxStderrTail)
        m_stderrTail = m_stderrTail.right(kMaxStderrTail);
}

void SimulatorProcess::fail(const QString &message)
{
    if (!m_error.isEmpty())
        return;
    m_error = message;
    Logging::get("services")->error("{}", message.toStdString());
    Q_EMIT failed(message);
}
