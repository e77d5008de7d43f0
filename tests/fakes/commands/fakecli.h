#pragma once

#include "commandresult.h"

#include <QByteArray>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <optional>

class CommandRunner;
struct CommandInvocation;

// The fake gcloud/aws of this folder, copied into a private bin/ with fresh execute bits, and the
// files they record (argv, /proc cmdline and environ, the secret they were handed). Shared by
// the services and gui command tests.
class FakeCli final
{
public:
    FakeCli();

    bool isValid() const { return m_valid; }
    QString binDir() const { return m_dir.filePath(QStringLiteral("bin")); }
    QString recordPath() const { return m_dir.filePath(QStringLiteral("record")); }
    QString path() const { return m_dir.path(); }

    /// PATH = the fakes first, then /usr/bin:/bin (for sh, cat, sleep); FAKECLI_MODE if given.
    QProcessEnvironment environment(const QString &mode = {}) const;

    bool recorded() const;
    QStringList argv() const; ///< the NUL-separated argv the fake received (after the program)
    QByteArray file(const QString &suffix) const; ///< record + suffix, e.g. ".cmdline"
    qint64 grandchildPid() const;
    void reset(); ///< removes the records

private:
    QTemporaryDir m_dir;
    bool m_valid = false;
};

/// True while /proc/<pid> names a live (non-zombie) process.
bool processAlive(qint64 pid);

/// Starts `invocation` and runs the event loop until finished() (nullopt after timeoutMs).
std::optional<CommandResult>
runToEnd(CommandRunner &runner, const CommandInvocation &invocation, int timeoutMs = 20000);
