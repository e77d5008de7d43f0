#pragma once

#include "connectionprofile.h"

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QUrl>

/// What `dreamops` was asked to do, from its command line and environment. The token of a real
/// server comes from the environment variable named by --token-env, never from argv.
struct ConsoleOptions
{
    enum class Action { Run, ShowHelp, ShowVersion, Error };

    Action action = Action::Run;
    QString error; ///< one sentence for Action::Error
    QString helpText; ///< for Action::ShowHelp (and appended to usage errors)

    bool embeddedSimulator = true;
    QString profile; ///< --profile NAME: a stored environment profile ("" = the one used last)
    QUrl url;
    QString tokenEnv;
    QString token;
    AuthScheme auth = AuthScheme::Bearer;

    QString scenario; ///< simulator only: --scenario NAME at start
    double simSpeed = 1.0;
    QString page; ///< --page: the tab shown first ("" = the dashboard); one of pageNames()
    QString screenshotFile;
    int screenshotDelayMs = 300;
    bool exitAfterConnect = false;
    bool exitAfterFirstPaint = false; ///< benchmark P14: report the first paint and quit
    bool verbose = false;

    /// Non-interactive runs (tests, screenshots) never open a dialog.
    bool isAutomated() const
    {
        return exitAfterConnect || exitAfterFirstPaint || !screenshotFile.isEmpty();
    }

    /// What --page accepts, in tab order.
    static QStringList pageNames();

    /// arguments[0] is the program. Reads the token from `environment`.
    static ConsoleOptions parse(const QStringList &arguments,
                                const QProcessEnvironment &environment);
};
