#pragma once

#include "actionjournal.h"
#include "commandinvocation.h"
#include "commandresult.h"

/// Who runs a command and why: the journal's reason, operator and environment fields.
struct CommandRunContext
{
    QString reason;
    QString operatorName;
    QString environment; ///< the journal's environment (profile name)
};

/// The two action-journal entries of a command run (action "command.run", target = command id),
/// which is how runs reach the incident timeline. Only masked data goes in: argv with the secret
/// as <secret from file>, params with "***". CommandRunner appends them.
namespace CommandJournalEntries {

/// Written before the start: the masked argv, the shell-quoted command, the parameters.
JournalEntry intent(const CommandInvocation &invocation, const CommandRunContext &context);

/// Written after the end: status ("exit 1", "signal 9", "timed-out"...), first/last output lines.
JournalEntry result(const CommandInvocation &invocation,
                    const CommandRunContext &context,
                    const QString &actionId,
                    const CommandResult &result);

} // namespace CommandJournalEntries
