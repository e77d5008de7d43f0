#include "commandjournalentries.h"

#include <QJsonArray>
#include <QUuid>

namespace CommandJournalEntries {

namespace {

JournalEntry base(const CommandInvocation &invocation, const CommandRunContext &context)
{
    JournalEntry entry;
    entry.action = QStringLiteral("command.run");
    entry.target = invocation.commandId;
    entry.reason = context.reason;
    entry.operatorName = context.operatorName;
    entry.environment = context.environment;
    return entry;
}

} // namespace

JournalEntry intent(const CommandInvocation &invocation, const CommandRunContext &context)
{
    JournalEntry entry = base(invocation, context);
    entry.kind = JournalEntry::Kind::Intent;
    entry.actionId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    entry.details
        = {{QStringLiteral("title"), invocation.title},
           {QStringLiteral("cli"), invocation.cli},
           {QStringLiteral("argv"), QJsonArray::fromStringList(invocation.maskedArguments)},
           {QStringLiteral("command"), invocation.preview},
           {QStringLiteral("params"), invocation.maskedParams},
           {QStringLiteral("readOnly"), invocation.readOnly},
           {QStringLiteral("changesProduction"), invocation.changesProduction},
           {QStringLiteral("timeoutSeconds"), invocation.timeoutSeconds}};
    return entry;
}

JournalEntry result(const CommandInvocation &invocation,
                    const CommandRunContext &context,
                    const QString &actionId,
                    const CommandResult &result)
{
    JournalEntry entry = base(invocation, context);
    entry.kind = JournalEntry::Kind::Result;
    entry.actionId = actionId;
    if (result.status == CommandResult::Status::Succeeded)
        entry.outcome = JournalEntry::Outcome::Succeeded;
    else if (result.outcomeUnknown())
        entry.outcome = JournalEntry::Outcome::Unknown; // it may have taken effect
    else
        entry.outcome = JournalEntry::Outcome::Failed;
    entry.details = {{QStringLiteral("status"), result.statusKey()},
                     {QStringLiteral("exitCode"), result.exitCode},
                     {QStringLiteral("signal"), result.signal},
                     {QStringLiteral("outputBytes"), double(result.outputBytes)},
                     {QStringLiteral("droppedBytes"), double(result.droppedBytes)},
                     {QStringLiteral("firstLines"), QJsonArray::fromStringList(result.firstLines)},
                     {QStringLiteral("lastLines"), QJsonArray::fromStringList(result.lastLines)}};
    entry.message = result.sentence(invocation.cli);
    entry.durationMs = result.durationMs;
    return entry;
}

} // namespace CommandJournalEntries
