#pragma once

#include <QString>
#include <QStringList>

/// Quoting for the command form's preview and Copy button: what a POSIX shell would need to
/// receive the exact argv the runner passes (the runner itself never uses a shell).
namespace ShellQuote {

/// One word: unchanged when made only of safe characters, else in single quotes with each
/// embedded ' written as '\''.
QString posix(const QString &word);

/// The words quoted and joined by spaces.
QString join(const QStringList &words);

} // namespace ShellQuote
