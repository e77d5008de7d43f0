#include "commandvalidator.h"

#include <QRegularExpression>

namespace CommandValidator {

namespace {

QString charName(QChar c)
{
    return QStringLiteral("U+%1").arg(c.unicode(), 4, 16, QLatin1Char('0')).toUpper();
}

QString checkInt(const CommandParam &param, const QString &value)
{
    static const QRegularExpression digits(QStringLiteral("^(0|[1-9][0-9]{0,17})$"));
    bool ok = digits.match(value).hasMatch();
    const qint64 n = ok ? value.toLongLong(&ok) : 0;
    if (!ok || n < param.min || n > param.max) {
        return QStringLiteral("%1 must be a whole number from %2 to %3.")
            .arg(param.label)
            .arg(param.min)
            .arg(param.max);
    }
    return {};
}

QString checkSecret(const CommandParam &param, const QString &value)
{
    if (value.isEmpty())
        return QStringLiteral("%1 is empty.").arg(param.label);
    if (value.toUtf8().size() > kMaxSecretBytes)
        return QStringLiteral("%1 is longer than 64 KB.").arg(param.label);
    if (value.contains(QChar(0)))
        return QStringLiteral("%1 contains a NUL character.").arg(param.label);
    return {};
}

} // namespace

QString checkCommon(const QString &label, const QString &value)
{
    if (value.isEmpty())
        return QStringLiteral("%1 is empty.").arg(label);
    if (value.toUtf8().size() > kMaxValueBytes)
        return QStringLiteral("%1 is longer than 1 KB (%2 bytes).")
            .arg(label)
            .arg(value.toUtf8().size());
    for (const QChar c : value) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f || c.category() == QChar::Other_Control)
            return QStringLiteral("%1 contains a line break or control character (%2).")
                .arg(label, charName(c));
    }
    if (value.startsWith(QLatin1Char('-')))
        return QStringLiteral("%1 starts with “-”, so the CLI would read it as an option.")
            .arg(label);
    if (value.contains(QLatin1String("--")))
        return QStringLiteral("%1 contains “--”: a value cannot carry an option.").arg(label);
    if (value.contains(QLatin1String("$(")) || value.contains(QLatin1Char('`')))
        return QStringLiteral("%1 contains a command substitution (“$(” or “`”).").arg(label);
    static const QString separators = QStringLiteral(";|&<>");
    for (const QChar c : value) {
        if (separators.contains(c))
            return QStringLiteral("%1 contains “%2”, which a shell reads as a command separator "
                                  "or redirection.")
                .arg(label, QString(c));
    }
    for (const QChar c : value) {
        if (c.unicode() > 0x7e)
            return QStringLiteral("%1 contains the non-ASCII character “%2” (%3); only plain "
                                  "ASCII is accepted (look-alike letters are refused).")
                .arg(label, QString(c), charName(c));
    }
    return {};
}

const QRegularExpression &placeholderExpression()
{
    static const QRegularExpression re(QStringLiteral("\\{([A-Za-z][A-Za-z0-9_]*)\\}"));
    return re;
}

QString expandPattern(const QString &pattern, const Values &values)
{
    QString out;
    qsizetype last = 0;
    auto it = placeholderExpression().globalMatch(pattern);
    while (it.hasNext()) {
        const auto m = it.next();
        out += pattern.mid(last, m.capturedStart() - last);
        out += QRegularExpression::escape(values.value(m.captured(1)));
        last = m.capturedEnd();
    }
    out += pattern.mid(last);
    return out;
}

QString check(const CommandParam &param, const QString &value, const Values &values)
{
    if (param.type == CommandParam::Type::Secret)
        return checkSecret(param, value);
    if (QString common = checkCommon(param.label, value); !common.isEmpty())
        return common;
    switch (param.type) {
    case CommandParam::Type::Int:
        return checkInt(param, value);
    case CommandParam::Type::Enum:
    case CommandParam::Type::EnvFlag:
        if (!param.allowed.contains(value))
            return QStringLiteral("%1 must be one of: %2.")
                .arg(param.label, param.allowed.join(QLatin1String(", ")));
        return {};
    case CommandParam::Type::String:
    case CommandParam::Type::Revision: {
        const QRegularExpression re(expandPattern(param.pattern, values));
        if (!re.isValid() || !re.match(value).hasMatch()) {
            return param.help.isEmpty()
                ? QStringLiteral("%1 does not have the expected form.").arg(param.label)
                : QStringLiteral("%1 does not have the expected form. %2")
                      .arg(param.label, param.help);
        }
        return {};
    }
    case CommandParam::Type::Secret:
        break;
    }
    return {};
}

Values validate(const CommandSpec &spec, const Values &values)
{
    Values errors;
    for (const CommandParam &param : spec.params) {
        const QString error = check(param, values.value(param.name), values);
        if (!error.isEmpty())
            errors.insert(param.name, error);
    }
    return errors;
}

} // namespace CommandValidator
