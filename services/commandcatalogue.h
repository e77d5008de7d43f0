#pragma once

#include "commandspec.h"

#include <QList>
#include <QString>
#include <QStringList>

/// The pre-baked gcloud/aws commands, as data: read from :/commands/*.json (the runbook's
/// commands, resources/commands/) and then <AppConfigLocation>/commands/*.json, where a command
/// with the same id replaces the built-in one. A malformed file or command is rejected with the
/// file, the command and the reason; everything else still loads. The command form reads it.
class CommandCatalogue final
{
public:
    struct LoadError
    {
        QString file;
        QString commandId; ///< empty when the whole file was rejected
        QString reason;
        QString sentence() const;
    };

    /// ":/commands" then the user's <AppConfigLocation>/commands.
    static QStringList defaultDirectories();

    /// Clears, then reads every *.json (except *.schema.json) of each folder in order.
    void load(const QStringList &directories);
    void loadDefaults() { load(defaultDirectories()); }

    const QList<CommandSpec> &commands() const { return m_commands; }
    const CommandSpec *find(const QString &id) const;
    const QList<LoadError> &errors() const { return m_errors; }

private:
    void loadFile(const QString &path);
    void dropBrokenSources();

    QList<CommandSpec> m_commands;
    QList<LoadError> m_errors;
};
