#pragma once

#include <QObject>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

// Runs dreamnet-sim as a child process on a free loopback port with a fresh token, and tells
// when it is listening. The console uses it for the embedded default; the tests use it to talk
// to a real simulator over loopback.
class SimulatorProcess final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SimulatorProcess)

public:
    struct Options
    {
        QString program; ///< path to dreamnet-sim; empty = locate()
        QString token; ///< operator token; empty = a fresh random one
        QString viewerToken; ///< viewer token; empty = a fresh random one
        QString logDir; ///< empty = a private temporary folder
        QStringList extraArguments; ///< e.g. {"--scenario", "db-outage", "--seed", "7"}
        double speed = 1.0;
        int startTimeoutMs = 10000;
    };

    explicit SimulatorProcess(QObject *parent = nullptr);
    ~SimulatorProcess() override;

    /// Finds dreamnet-sim: $DREAMOPS_SIM, then beside the running executable, then the build tree.
    static QString locate();

    /// Starts the child; emits ready() or failed(). Does nothing if already running.
    void start(const Options &options);
    /// Starts and blocks (running a local event loop) until ready or failed. Returns ready.
    bool startAndWait(const Options &options);
    /// Stops the child: SIGTERM, then SIGKILL after a grace period. Blocks at most ~3 s.
    void stop();

    bool isReady() const { return m_ready; }
    QUrl baseUrl() const { return m_baseUrl; }
    quint16 port() const { return quint16(m_baseUrl.port()); }
    QString token() const { return m_token; }
    QString viewerToken() const { return m_viewerToken; }
    QString logDir() const { return m_logDir; }
    QString errorString() const { return m_error; }
    qint64 pid() const;
    /// Everything the child printed on stderr so far (bounded).
    QString stderrTail() const { return m_stderrTail; }

    static QString randomToken();
    /// "exited with code 3" or "was killed by signal 9 (Killed)".
    static QString describeExit(int exitCode, QProcess::ExitStatus status);

Q_SIGNALS:
    void ready(const QUrl &baseUrl);
    void failed(const QString &message);
    void exited(int exitCode, QProcess::ExitStatus status);

private:
    void onStdout();
    void onStderr();
    void fail(const QString &message);
    /// fail() for a child that is running but of no use (late, or printing nonsense): stops
    /// it, so that it can neither become ready after the failure nor outlive it.
    void abandon(const QString &message);
    static void endProcess(QProcess *process);

    std::unique_ptr<QProcess> m_process;
    std::unique_ptr<QTemporaryDir> m_tempDir;
    QByteArray m_stdoutBuffer;
    QString m_stderrTail;
    QUrl m_baseUrl;
    QString m_token;
    QString m_viewerToken;
    QString m_logDir;
    QString m_error;
    bool m_ready = false;
};
