#include "fakecli.h"

#include "commandrunner.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>

FakeCli::FakeCli()
{
    QDir().mkpath(binDir());
    m_valid = m_dir.isValid();
    for (const char *name : {"fakecli.sh", "gcloud", "aws"}) {
        const QString target = binDir() + QLatin1Char('/') + QLatin1String(name);
        m_valid = m_valid
            && QFile::copy(QStringLiteral(DREAMOPS_COMMAND_FAKES "/") + QLatin1String(name), target)
            && QFile::setPermissions(target,
                                     QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    }
}

QProcessEnvironment FakeCli::environment(const QString &mode) const
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("PATH"), binDir() + QStringLiteral(":/usr/bin:/bin"));
    env.insert(QStringLiteral("HOME"), m_dir.path());
    env.insert(QStringLiteral("FAKECLI_RECORD"), recordPath());
    if (!mode.isEmpty())
        env.insert(QStringLiteral("FAKECLI_MODE"), mode);
    return env;
}

bool FakeCli::recorded() const
{
    return QFile::exists(recordPath());
}

QStringList FakeCli::argv() const
{
    QByteArray data = file({});
    QStringList out;
    if (data.endsWith('\0'))
        data.chop(1);
    if (!data.isEmpty()) {
        for (const QByteArray &part : data.split('\0'))
            out.append(QString::fromUtf8(part));
    }
    return out;
}

QByteArray FakeCli::file(const QString &suffix) const
{
    QFile f(recordPath() + suffix);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

qint64 FakeCli::grandchildPid() const
{
    return file(QStringLiteral(".grandchild")).trimmed().toLongLong();
}

void FakeCli::reset()
{
    for (const char *suffix : {"", ".cmdline", ".environ", ".data", ".datamode", ".grandchild"})
        QFile::remove(recordPath() + QLatin1String(suffix));
}

bool processAlive(qint64 pid)
{
    if (pid <= 0)
        return false;
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return false;
    const QByteArray line = stat.readAll();
    const qsizetype close = line.lastIndexOf(')');
    return close > 0 && line.size() > close + 2 && line.at(close + 2) != 'Z';
}

std::optional<CommandResult>
runToEnd(CommandRunner &runner, const CommandInvocation &invocation, int timeoutMs)
{
    QSignalSpy spy(&runner, &CommandRunner::finished);
    runner.start(invocation);
    if (spy.isEmpty() && !spy.wait(timeoutMs))
        return std::nullopt;
    return spy.first().first().value<CommandResult>();
}
