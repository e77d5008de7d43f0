#pragma once

#include "commandspec.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

/// A validated, fully expanded run of one catalogue command, made by CommandBuilder and run by
/// CommandRunner. The secret (if any) is kept apart from the argv: its element still holds the
/// placeholder, which the runner replaces by a private file's path (or "-" for stdin).
struct CommandInvocation
{
    QString commandId;
    QString title;
    QString cli; ///< "gcloud" | "aws": looked up on the runner's PATH
    QStringList arguments; ///< exact argv after the program (secret element: placeholder)
    QStringList maskedArguments; ///< for the journal and logs: the secret as <secret from file>
    QString preview; ///< program + maskedArguments, POSIX shell-quoted (the Copy text)
    QStringList suppliedValues; ///< the operator's non-secret values (the batch filter's input)
    QJsonObject maskedParams; ///< name -> value, secrets as "***"
    bool readOnly = false;
    bool changesProduction = false;
    int timeoutSeconds = 120;

    int secretArgument = -1; ///< index into arguments, -1 without a secret
    QString secretPlaceholder; ///< "{secretValue}"
    QString secretValue;
    CommandParam::Delivery secretDelivery = CommandParam::Delivery::File;

    bool hasSecret() const { return secretArgument >= 0; }
};
