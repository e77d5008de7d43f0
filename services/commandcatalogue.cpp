#include "commandcatalogue.h"

#include "commandvalidator.h"
#include "logging.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>

#include <spdlog/spdlog.h>

namespace {

const QStringList kParamKeys {
    QStringLiteral("name"),    QStringLiteral("label"),      QStringLiteral("type"),
    QStringLiteral("pattern"), QStringLiteral("allowed"),    QStringLiteral("min"),
    QStringLiteral("max"),     QStringLiteral("default"),    QStringLiteral("help"),
    QStringLiteral("from"),    QStringLiteral("fromSelect"), QStringLiteral("delivery")};
const QStringList kCommandKeys {QStringLiteral("id"),
                                QStringLiteral("title"),
                                QStringLiteral("cli"),
                                QStringLiteral("args"),
                                QStringLiteral("params"),
                                QStringLiteral("readOnly"),
                                QStringLiteral("changesProduction"),
                                QStringLiteral("preview"),
                                QStringLiteral("confirm"),
                                QStringLiteral("timeoutSeconds")};

QString unknownKey(const QJsonObject &object, const QStringList &known)
{
    for (const QString &key : object.keys()) {
        if (!known.contains(key))
            return key;
    }
    return {};
}

bool fail(QString *reason, const QString &sentence)
{
    *reason = sentence;
    return false;
}

const QHash<QString, CommandParam::Type> &typeNames()
{
    static const QHash<QString, CommandParam::Type> names {
        {QStringLiteral("string"), CommandParam::Type::String},
        {QStringLiteral("enum"), CommandParam::Type::Enum},
        {QStringLiteral("int"), CommandParam::Type::Int},
        {QStringLiteral("envflag"), CommandParam::Type::EnvFlag},
        {QStringLiteral("secret"), CommandParam::Type::Secret},
        {QStringLiteral("revision"), CommandParam::Type::Revision}};
    return names;
}

QStringList placeholders(const QString &text)
{
    QStringList names;
    auto it = CommandValidator::placeholderExpression().globalMatch(text);
    while (it.hasNext())
        names.append(it.next().captured(1));
    return names;
}

bool parseParamBody(const QJsonObject &o, CommandParam *p, QString *reason)
{
    if (const QString key = unknownKey(o, kParamKeys); !key.isEmpty())
        return fail(reason,
                    QStringLiteral("parameter “%1” has an unknown key “%2”.").arg(p->name, key));
    static const QRegularExpression nameRe(QStringLiteral("^[A-Za-z][A-Za-z0-9_]*$"));
    if (!nameRe.match(p->name).hasMatch())
        return fail(reason,
                    QStringLiteral("a parameter name “%1” is not an identifier.").arg(p->name));
    const QString where = QStringLiteral("parameter “%1”").arg(p->name);
    p->label = o.value(QLatin1String("label")).toString();
    if (p->label.isEmpty())
        return fail(reason, where + QStringLiteral(" has no label."));
    const QString type = o.value(QLatin1String("type")).toString();
    if (!typeNames().contains(type))
        return fail(reason, where + QStringLiteral(" has an unknown type “%1”.").arg(type));
    p->type = typeNames().value(type);
    p->pattern = o.value(QLatin1String("pattern")).toString();
    p->defaultValue = o.value(QLatin1String("default")).toString();
    p->help = o.value(QLatin1String("help")).toString();
    p->from = o.value(QLatin1String("from")).toString();
    p->fromSelect = o.value(QLatin1String("fromSelect")).toInt(0);
    for (const QJsonValue &v : o.value(QLatin1String("allowed")).toArray())
        p->allowed.append(v.toString());
    using T = CommandParam::Type;
    if (p->type == T::String || p->type == T::Revision) {
        if (!p->pattern.startsWith(QLatin1Char('^')) || !p->pattern.endsWith(QLatin1Char('$')))
            return fail(reason, where + QStringLiteral(" needs an anchored pattern (^…$)."));
        CommandValidator::Values dummy;
        for (const QString &name : placeholders(p->pattern))
            dummy.insert(name, QStringLiteral("x"));
        if (!QRegularExpression(CommandValidator::expandPattern(p->pattern, dummy)).isValid())
            return fail(reason, where + QStringLiteral(" has an invalid pattern."));
    }
    if ((p->type == T::Enum || p->type == T::EnvFlag) && p->allowed.isEmpty())
        return fail(reason, where + QStringLiteral(" lists no allowed values."));
    for (const QString &value : std::as_const(p->allowed)) {
        if (const QString e = CommandValidator::checkCommon(p->label, value); !e.isEmpty())
            return fail(reason, where + QStringLiteral(": an allowed value is refused: ") + e);
    }
    if (p->type == T::Int) {
        if (!o.value(QLatin1String("max")).isDouble())
            return fail(reason, where + QStringLiteral(" needs a max."));
        p->min = qint64(o.value(QLatin1String("min")).toDouble(0));
        p->max = qint64(o.value(QLatin1String("max")).toDouble());
        if (p->min < 0 || p->min > p->max)
            return fail(reason, where + QStringLiteral(" needs 0 <= min <= max."));
    }
    if (p->type == T::Secret) {
        const QString delivery
            = o.value(QLatin1String("delivery")).toString(QStringLiteral("file"));
        if (delivery != QLatin1String("file") && delivery != QLatin1String("stdin"))
            return fail(reason, where + QStringLiteral(": delivery must be file or stdin."));
        p->delivery = delivery == QLatin1String("stdin") ? CommandParam::Delivery::Stdin
                                                         : CommandParam::Delivery::File;
        if (!p->defaultValue.isEmpty())
            return fail(reason, where + QStringLiteral(": a secret cannot have a default."));
    } else if (!p->defaultValue.isEmpty() && placeholders(p->pattern).isEmpty()) {
        if (const QString e = CommandValidator::check(*p, p->defaultValue, {}); !e.isEmpty())
            return fail(reason, where + QStringLiteral(": the default is refused: ") + e);
    }
    return true;
}

bool parseParam(const QJsonValue &value,
                const QJsonObject &shared,
                CommandParam *p,
                QString *reason)
{
    if (value.isString()) {
        p->name = value.toString();
        if (!shared.value(p->name).isObject())
            return fail(reason,
                        QStringLiteral("parameter “%1” is not defined in the file's “params”.")
                            .arg(p->name));
        return parseParamBody(shared.value(p->name).toObject(), p, reason);
    }
    if (!value.isObject())
        return fail(reason, QStringLiteral("a parameter must be a name or an object."));
    p->name = value.toObject().value(QLatin1String("name")).toString();
    return parseParamBody(value.toObject(), p, reason);
}

bool checkPlaceholders(const CommandSpec &s, QString *reason)
{
    QHash<QString, int> uses;
    for (const QString &element : s.args) {
        int secrets = 0;
        for (const QString &name : placeholders(element)) {
            const CommandParam *p = s.param(name);
            if (!p)
                return fail(reason,
                            QStringLiteral("args name an undefined parameter {%1}.").arg(name));
            ++uses[name];
            secrets += p->type == CommandParam::Type::Secret ? 1 : 0;
        }
        if (secrets > 1)
            return fail(reason, QStringLiteral("an argv element holds more than one secret."));
    }
    for (const CommandParam &p : s.params) {
        if (uses.value(p.name) == 0)
            return fail(reason, QStringLiteral("parameter “%1” is not used in args.").arg(p.name));
        if (p.type == CommandParam::Type::Secret && uses.value(p.name) != 1)
            return fail(reason,
                        QStringLiteral("secret “%1” must appear exactly once.").arg(p.name));
        for (const QString &name : placeholders(p.pattern)) {
            const CommandParam *other = s.param(name);
            if (!other || name == p.name || other->type == CommandParam::Type::Secret)
                return fail(reason,
                            QStringLiteral("the pattern of “%1” names {%2}, which is not "
                                           "another non-secret parameter.")
                                .arg(p.name, name));
        }
    }
    for (const QString &name : placeholders(s.confirm)) {
        const CommandParam *p = s.param(name);
        if (!p || p->type == CommandParam::Type::Secret)
            return fail(reason,
                        QStringLiteral("confirm names {%1}, which is not a non-secret "
                                       "parameter.")
                            .arg(name));
    }
    return true;
}

bool parseCommand(const QJsonObject &o, const QJsonObject &shared, CommandSpec *s, QString *reason)
{
    if (const QString key = unknownKey(o, kCommandKeys); !key.isEmpty())
        return fail(reason, QStringLiteral("unknown key “%1”.").arg(key));
    static const QRegularExpression idRe(QStringLiteral("^[a-z][a-z0-9]*(\\.[a-z][a-z0-9-]*)+$"));
    if (!idRe.match(s->id).hasMatch())
        return fail(reason, QStringLiteral("the id is not of the form “area.thing.verb”."));
    s->title = o.value(QLatin1String("title")).toString();
    s->cli = o.value(QLatin1String("cli")).toString();
    s->preview = o.value(QLatin1String("preview")).toString();
    s->confirm = o.value(QLatin1String("confirm")).toString();
    if (s->title.isEmpty() || s->preview.isEmpty())
        return fail(reason, QStringLiteral("a title and a preview are required."));
    if (s->cli != QLatin1String("gcloud") && s->cli != QLatin1String("aws"))
        return fail(reason, QStringLiteral("cli must be “gcloud” or “aws”."));
    const QJsonArray args = o.value(QLatin1String("args")).toArray();
    for (const QJsonValue &v : args) {
        if (!v.isString() || v.toString().isEmpty())
            return fail(reason, QStringLiteral("every args element must be a non-empty string."));
        s->args.append(v.toString());
    }
    if (s->args.isEmpty())
        return fail(reason, QStringLiteral("args is empty."));
    for (const QJsonValue &v : o.value(QLatin1String("params")).toArray()) {
        CommandParam p;
        if (!parseParam(v, shared, &p, reason))
            return false;
        if (s->param(p.name))
            return fail(reason, QStringLiteral("parameter “%1” is defined twice.").arg(p.name));
        s->params.append(p);
    }
    for (const char *key : {"readOnly", "changesProduction"}) {
        const QJsonValue v = o.value(QLatin1String(key));
        if (!v.isUndefined() && !v.isBool())
            return fail(reason,
                        QStringLiteral("%1 must be true or false.").arg(QLatin1String(key)));
    }
    s->readOnly = o.value(QLatin1String("readOnly")).toBool();
    s->changesProduction = o.value(QLatin1String("changesProduction")).toBool();
    if (s->readOnly == s->changesProduction)
        return fail(reason,
                    QStringLiteral("exactly one of readOnly and changesProduction must be "
                                   "true."));
    if (s->changesProduction && s->confirm.isEmpty())
        return fail(reason, QStringLiteral("a production change needs a confirm text."));
    s->timeoutSeconds = o.value(QLatin1String("timeoutSeconds")).toInt(120);
    if (s->timeoutSeconds < 1 || s->timeoutSeconds > 86400)
        return fail(reason, QStringLiteral("timeoutSeconds must be from 1 to 86400."));
    return checkPlaceholders(*s, reason);
}

} // namespace

QString CommandCatalogue::LoadError::sentence() const
{
    if (commandId.isEmpty())
        return QStringLiteral("%1 was not loaded: %2").arg(file, reason);
    return QStringLiteral("%1: command “%2” was not loaded: %3").arg(file, commandId, reason);
}

QStringList CommandCatalogue::defaultDirectories()
{
    return {QStringLiteral(":/commands"),
            QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation)
                + QStringLiteral("/commands")};
}

void CommandCatalogue::load(const QStringList &directories)
{
    m_commands.clear();
    m_errors.clear();
    for (const QString &dir : directories) {
        const QStringList names
            = QDir(dir).entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
        for (const QString &name : names) {
            if (!name.endsWith(QLatin1String(".schema.json")))
                loadFile(dir + QLatin1Char('/') + name);
        }
    }
    dropBrokenSources();
    for (const LoadError &error : std::as_const(m_errors))
        Logging::get("services")->warn("{}", error.sentence().toStdString());
}

const CommandSpec *CommandCatalogue::find(const QString &id) const
{
    for (const CommandSpec &spec : m_commands) {
        if (spec.id == id)
            return &spec;
    }
    return nullptr;
}

void CommandCatalogue::loadFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        m_errors.append({path, {}, file.errorString()});
        return;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!doc.isObject()) {
        const QString why = parseError.error != QJsonParseError::NoError
            ? QStringLiteral("not valid JSON (%1 at offset %2).")
                  .arg(parseError.errorString())
                  .arg(parseError.offset)
            : QStringLiteral("the top level is not an object.");
        m_errors.append({path, {}, why});
        return;
    }
    const QJsonObject root = doc.object();
    if (!root.value(QLatin1String("commands")).isArray()) {
        m_errors.append({path, {}, QStringLiteral("it has no “commands” list.")});
        return;
    }
    const QJsonObject shared = root.value(QLatin1String("params")).toObject();
    QStringList seen;
    for (const QJsonValue &value : root.value(QLatin1String("commands")).toArray()) {
        CommandSpec spec;
        spec.id = value.toObject().value(QLatin1String("id")).toString();
        spec.sourceFile = path;
        QString reason;
        if (!value.isObject()) {
            m_errors.append({path, {}, QStringLiteral("a command is not an object.")});
            continue;
        }
        if (seen.contains(spec.id)) {
            m_errors.append({path, spec.id, QStringLiteral("the id appears twice in the file.")});
            continue;
        }
        seen.append(spec.id);
        if (!parseCommand(value.toObject(), shared, &spec, &reason)) {
            m_errors.append({path, spec.id, reason});
            continue;
        }
        auto same = std::find_if(m_commands.begin(), m_commands.end(),
                                 [&spec](const CommandSpec &c) { return c.id == spec.id; });
        if (same != m_commands.end())
            *same = spec; // the user's file replaces the built-in command
        else
            m_commands.append(spec);
    }
}

void CommandCatalogue::dropBrokenSources()
{
    for (bool changed = true; changed;) {
        changed = false;
        for (qsizetype i = 0; i < m_commands.size() && !changed; ++i) {
            const CommandSpec &spec = m_commands.at(i);
            for (const CommandParam &p : spec.params) {
                if (p.from.isEmpty())
                    continue;
                const CommandSpec *source = find(p.from);
                QString reason;
                if (!source || !source->readOnly)
                    reason = QStringLiteral("“%1” takes its choices from “%2”, which is not a "
                                            "loaded read-only command.")
                                 .arg(p.name, p.from);
                for (qsizetype k = 0; source && reason.isEmpty() && k < source->params.size();
                     ++k) {
                    if (!spec.param(source->params.at(k).name))
                        reason = QStringLiteral("“%1” needs parameter “%2” to run “%3”.")
                                     .arg(p.name, source->params.at(k).name, p.from);
                }
                if (!reason.isEmpty()) {
                    m_errors.append({spec.sourceFile, spec.id, reason});
                    m_commands.removeAt(i);
                    changed = true;
                    break;
                }
            }
        }
    }
}
