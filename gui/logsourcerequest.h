#pragma once

#include "commandspec.h"

#include <QHash>
#include <QString>
#include <QStringList>

class CommandCatalogue;
class LogSource;

// What the "Add log source" dialog asks for, turned into a LogSource: a local file, a Cloud Run
// tail or one-off read through gcloud, an App Runner log group through aws. Checks every value
// with CommandValidator (the catalogue's service, region and line-count rules) before anything
// is spawned, and gives the exact argv the source will run.
class LogSourceRequest final
{
public:
    enum class Kind { LocalFile, CloudRunTail, CloudRunRead, AppRunnerTail };

    /// The field names of values() and errors().
    static inline const QString Path = QStringLiteral("path");
    static inline const QString Service = QStringLiteral("service");
    static inline const QString Region = QStringLiteral("region");
    static inline const QString Project = QStringLiteral("project");
    static inline const QString Limit = QStringLiteral("limit");
    static inline const QString LogGroup = QStringLiteral("logGroup");

    /// Takes the service, region and line-count rules of the catalogue's cloudrun.logs.* commands.
    explicit LogSourceRequest(const CommandCatalogue &catalogue);

    Kind kind = Kind::LocalFile;
    QHash<QString, QString> values;

    /// The fields the kind uses.
    QStringList fields() const;
    /// The rule of a command field (label, allowed values, bounds, help).
    const CommandParam &param(const QString &field) const;
    /// Field -> sentence for each field of the kind that is refused (empty: all fine).
    QHash<QString, QString> errors() const;
    bool isValid() const { return errors().isEmpty(); }

    /// "gcloud", "aws"; empty for a local file.
    QString program() const;
    QStringList arguments() const;
    /// The command line a POSIX shell would need for the same argv (preview only).
    QString commandLine() const;
    /// One sentence about the local file ("not there yet: …") or the CLI when it is missing;
    /// empty otherwise.
    QString note() const;
    /// False when the kind's CLI is neither an executable path nor on PATH.
    bool isProgramAvailable() const;
    /// The local file's absolute path.
    QString absolutePath() const;
    /// A new, unstarted source with this id; null while invalid.
    LogSource *createSource(int id) const;

private:
    QString pathError() const;

    QHash<QString, CommandParam> m_params;
};
