#pragma once

#include <QString>
#include <QStringList>

/// The Windows batch-wrapper guard (C5, "BatBadBut"): gcloud and aws are often gcloud.cmd /
/// aws.cmd on Windows, and cmd.exe re-parses their arguments whatever quoting CreateProcess got.
/// A pure function so that it is unit-tested on every platform; CommandRunner applies it to
/// every run (it changes nothing for a non-batch program).
namespace CommandBatchFilter {

/// True for a program whose name ends in .cmd or .bat (any case).
bool isBatchTarget(const QString &program);

/// Empty when the values are safe for `program`, else a sentence naming the value and the
/// refused character (% ^ & | < > " ( ) ! and control characters). The runner passes the
/// operator-supplied values only: the catalogue's literal elements are reviewed data.
QString check(const QString &program, const QStringList &values);

} // namespace CommandBatchFilter
