#pragma once

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QString>
#include <QtGlobal>

#include <signal.h>
#include <sys/types.h>

// Puts the fake gcloud/aws of tests/fakes first on PATH and points their records (argv, pid,
// runs) into `recordDir`; the destructor restores PATH and clears the fakes' variables
// (FAKE_LOG_MODE included, which the tests set per case).
class FakeLogCliEnvironment
{
    Q_DISABLE_COPY_MOVE(FakeLogCliEnvironment)

public:
    FakeLogCliEnvironment(const QByteArray &fakesDir, const QDir &recordDir)
        : m_oldPath(qgetenv("PATH"))
    {
        qputenv("PATH", fakesDir + ':' + m_oldPath);
        qputenv("FAKE_LOG_ARGV", QFile::encodeName(recordDir.filePath(QStringLiteral("argv"))));
        qputenv("FAKE_LOG_PID", QFile::encodeName(recordDir.filePath(QStringLiteral("pid"))));
        qputenv("FAKE_LOG_RUNS", QFile::encodeName(recordDir.filePath(QStringLiteral("runs"))));
    }

    ~FakeLogCliEnvironment()
    {
        qputenv("PATH", m_oldPath);
        for (const char *name : {"FAKE_LOG_ARGV", "FAKE_LOG_PID", "FAKE_LOG_RUNS", "FAKE_LOG_MODE"})
            qunsetenv(name);
    }

    static bool processAlive(qint64 pid) { return pid > 0 && ::kill(pid_t(pid), 0) == 0; }

private:
    QByteArray m_oldPath;
};
