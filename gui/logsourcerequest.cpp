#include "logsourcerequest.h"

#include "commandcatalogue.h"
#include "commandvalidator.h"
#include "logcommandsource.h"
#include "logfilesource.h"
#include "shellquote.h"

#include <QDir>
#include <QFileInfo>

namespace {

// The catalogue's rule when it has one; else only the common rules apply (pattern "any").
CommandParam catalogueParam(const CommandCatalogue &catalogue,
                            const QString &commandId,
                            const QString &name,
                            const QString &label)
{
    if (const CommandSpec *spec = catalogue.find(commandId)) {
        if (const CommandParam *param = spec->param(name))
            return *param;
    }
    CommandParam param;
    param.name = name;
    param.label = label;
    param.pattern = QStringLiteral("^.+$");
    return param;
}

CommandParam
stringParam(const QString &name, const QString &label, const QString &pattern, const QString &help)
{
    CommandParam param;
    param.name = name;
    param.label = label;
    param.pattern = pattern;
    param.help = help;
    return param;
}

} // namespace

LogSourceRequest::LogSourceRequest(const CommandCatalogue &catalogue)
{
    const QString tail = QStringLiteral("cloudrun.logs.tail");
    m_params.insert(Service, catalogueParam(catalogue, tail, Service, QStringLiteral("Service")));
    m_params.insert(Region, catalogueParam(catalogue, tail, Region, QStringLiteral("Region")));
    m_params.insert(Limit,
                    catalogueParam(catalogue, QStringLiteral("cloudrun.logs.read"), Limit,
                                   QStringLiteral("Lines")));
    // Neither has a rule in the catalogue yet: Google's project-id rule and CloudWatch's
    // log-group characters.
    m_params.insert(Project,
                    stringParam(Project, QStringLiteral("Project"),
                                QStringLiteral("^[a-z][-a-z0-9]{4,28}[a-z0-9]$"),
                                QStringLiteral("A project id is 6 to 30 lower-case letters, "
                                               "digits and hyphens, starting with a letter.")));
    m_params.insert(LogGroup,
                    stringParam(LogGroup, QStringLiteral("Log group"),
                                QStringLiteral("^[A-Za-z0-9_./#-]{1,512}$"),
                                QStringLiteral("Letters, digits and _ . / # - only, e.g. "
                                               "/aws/apprunner/dreamnet-backend/ID/application.")));
    for (auto it = m_params.cbegin(); it != m_params.cend(); ++it) {
        if (!it->defaultValue.isEmpty())
            values.insert(it.key(), it->defaultValue);
    }
}

QStringList LogSourceRequest::fields() const
{
    switch (kind) {
    case Kind::LocalFile:
        return {Path};
    case Kind::CloudRunTail:
        return {Service, Region, Project};
    case Kind::CloudRunRead:
        return {Service, Region, Project, Limit};
    case Kind::AppRunnerTail:
        return {LogGroup};
    }
    return {};
}

const CommandParam &LogSourceRequest::param(const QString &field) const
{
    static const CommandParam none;
    const auto it = m_params.constFind(field);
    return it == m_params.cend() ? none : *it;
}

QString LogSourceRequest::pathError() const
{
    const QString path = values.value(Path).trimmed();
    if (path.isEmpty())
        return QStringLiteral("Path is empty: type the file to follow or choose it.");
    if (path.contains(QChar(0)))
        return QStringLiteral("Path contains a NUL character.");
    const QFileInfo info(absolutePath());
    if (info.exists() && info.isDir())
        return QStringLiteral("%1 is a folder: choose a file inside it.").arg(info.filePath());
    if (info.exists() && !info.isReadable())
        return QStringLiteral("%1 cannot be read with your permissions.").arg(info.filePath());
    return {};
}

QHash<QString, QString> LogSourceRequest::errors() const
{
    QHash<QString, QString> errors;
    for (const QString &field : fields()) {
        QString error;
        if (field == Path)
            error = pathError();
        // An empty project leaves the choice to gcloud's own configuration.
        else if (field != Project || !values.value(Project).isEmpty())
            error = CommandValidator::check(param(field), values.value(field), values);
        if (!error.isEmpty())
            errors.insert(field, error);
    }
    return errors;
}

QString LogSourceRequest::program() const
{
    switch (kind) {
    case Kind::LocalFile:
        return {};
    case Kind::CloudRunTail:
    case Kind::CloudRunRead:
        return QStringLiteral("gcloud");
    case Kind::AppRunnerTail:
        return QStringLiteral("aws");
    }
    return {};
}

QStringList LogSourceRequest::arguments() const
{
    // The runbook's argument lists (LogCommandSource's header).
    if (kind == Kind::AppRunnerTail) {
        return {QStringLiteral("logs"),     QStringLiteral("tail"),     values.value(LogGroup),
                QStringLiteral("--follow"), QStringLiteral("--format"), QStringLiteral("short")};
    }
    if (kind == Kind::LocalFile)
        return {};
    // `logs tail` is still in gcloud's beta track; `logs read` (the runbook's) is not.
    QStringList args;
    if (kind != Kind::CloudRunRead)
        args << QStringLiteral("beta");
    args << QStringList {QStringLiteral("run"),
                         QStringLiteral("services"),
                         QStringLiteral("logs"),
                         kind == Kind::CloudRunRead ? QStringLiteral("read")
                                                    : QStringLiteral("tail"),
                         values.value(Service),
                         QStringLiteral("--region"),
                         values.value(Region)};
    if (!values.value(Project).isEmpty())
        args << QStringLiteral("--project") << values.value(Project);
    if (kind == Kind::CloudRunRead)
        args << QStringLiteral("--limit") << values.value(Limit);
    return args;
}

QString LogSourceRequest::commandLine() const
{
    if (kind == Kind::LocalFile)
        return QStringLiteral("tail -F ") + ShellQuote::posix(absolutePath());
    return ShellQuote::join(QStringList {program()} + arguments());
}

QString LogSourceRequest::absolutePath() const
{
    const QString path = values.value(Path).trimmed();
    return path.isEmpty() ? QString() : QDir::cleanPath(QFileInfo(path).absoluteFilePath());
}

bool LogSourceRequest::isProgramAvailable() const
{
    return kind == Kind::LocalFile || LogCommandSource::isAvailable(program());
}

QString LogSourceRequest::note() const
{
    if (kind == Kind::LocalFile) {
        if (!pathError().isEmpty())
            return {};
        const QFileInfo info(absolutePath());
        if (info.exists())
            return QStringLiteral("Follows %1 from its first line, then as it grows or rotates.")
                .arg(info.filePath());
        return QStringLiteral("%1 is not there yet: it will be followed when it appears.")
            .arg(info.filePath());
    }
    if (isProgramAvailable())
        return {};
    const QString product = kind == Kind::AppRunnerTail ? QStringLiteral("the AWS CLI")
                                                        : QStringLiteral("the Google Cloud CLI");
    return QStringLiteral("%1 is not installed or not on PATH, so this source cannot run. Install "
                          "%2 (or put it on PATH) and choose again.")
        .arg(program(), product);
}

LogSource *LogSourceRequest::createSource(int id) const
{
    if (!isValid() || !isProgramAvailable())
        return nullptr;
    if (kind == Kind::LocalFile)
        return new LogFileSource(id, absolutePath());
    const QStringList args = arguments();
    // "gcloud run services logs tail api": the program and its words up to the first option.
    QStringList nameWords = {program()};
    for (const QString &arg : args) {
        if (arg.startsWith(QLatin1Char('-')))
            break;
        nameWords << arg;
    }
    LogCommandSource::Options options;
    options.restart = kind != Kind::CloudRunRead; // a one-off read ends, it is not restarted
    return new LogCommandSource(id, nameWords.join(QLatin1Char(' ')), program(), args, options);
}
