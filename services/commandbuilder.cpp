#include "commandbuilder.h"

#include "shellquote.h"

#include <QRegularExpression>

namespace CommandBuilder {

namespace {

/// One template element filled in. `secretName` is set when the element holds a secret: the
/// secret placeholder is then kept (raw) or replaced by the mask (masked), never by the value.
struct Filled
{
    QString raw;
    QString masked;
    QString quotedMasked;
    QString secretName;
};

Filled fill(const CommandSpec &spec, const QString &element, const CommandValidator::Values &values)
{
    Filled out;
    QString pendingLiteral; // quoted in runs so that the mask stays outside the quotes
    qsizetype last = 0;
    auto flushQuoted = [&out, &pendingLiteral] {
        if (!pendingLiteral.isEmpty())
            out.quotedMasked += ShellQuote::posix(pendingLiteral);
        pendingLiteral.clear();
    };
    auto it = CommandValidator::placeholderExpression().globalMatch(element);
    while (it.hasNext()) {
        const auto m = it.next();
        const QString literal = element.mid(last, m.capturedStart() - last);
        out.raw += literal;
        out.masked += literal;
        pendingLiteral += literal;
        last = m.capturedEnd();
        const CommandParam *param = spec.param(m.captured(1));
        if (param && param->type == CommandParam::Type::Secret) {
            const QString mask = secretMask(param->delivery);
            out.secretName = param->name;
            out.raw += m.captured(0);
            out.masked += mask;
            flushQuoted();
            out.quotedMasked += mask;
        } else {
            const QString value = values.value(m.captured(1));
            out.raw += value;
            out.masked += value;
            pendingLiteral += value;
        }
    }
    const QString tail = element.mid(last);
    out.raw += tail;
    out.masked += tail;
    pendingLiteral += tail;
    if (out.secretName.isEmpty()) {
        out.quotedMasked = ShellQuote::posix(out.raw);
    } else {
        flushQuoted();
    }
    return out;
}

} // namespace

QString secretMask(CommandParam::Delivery delivery)
{
    return delivery == CommandParam::Delivery::Stdin ? QStringLiteral("<secret from stdin>")
                                                     : QStringLiteral("<secret from file>");
}

std::optional<CommandInvocation> build(const CommandSpec &spec,
                                       const CommandValidator::Values &values,
                                       CommandValidator::Values *errors)
{
    const CommandValidator::Values problems = CommandValidator::validate(spec, values);
    if (errors)
        *errors = problems;
    if (!problems.isEmpty())
        return std::nullopt;

    CommandInvocation inv;
    inv.commandId = spec.id;
    inv.title = spec.title;
    inv.cli = spec.cli;
    inv.readOnly = spec.readOnly;
    inv.changesProduction = spec.changesProduction;
    inv.timeoutSeconds = spec.timeoutSeconds;
    QStringList quoted {ShellQuote::posix(spec.cli)};
    for (const QString &element : spec.args) {
        const Filled filled = fill(spec, element, values);
        if (!filled.secretName.isEmpty()) {
            const CommandParam *secret = spec.param(filled.secretName);
            inv.secretArgument = int(inv.arguments.size());
            inv.secretPlaceholder = QLatin1Char('{') + filled.secretName + QLatin1Char('}');
            inv.secretValue = values.value(filled.secretName);
            inv.secretDelivery = secret->delivery;
        }
        inv.arguments.append(filled.raw);
        inv.maskedArguments.append(filled.masked);
        quoted.append(filled.quotedMasked);
    }
    inv.preview = quoted.join(QLatin1Char(' '));
    for (const CommandParam &param : spec.params) {
        const bool secret = param.type == CommandParam::Type::Secret;
        inv.maskedParams.insert(param.name,
                                secret ? QStringLiteral("***") : values.value(param.name));
        if (!secret)
            inv.suppliedValues.append(values.value(param.name));
    }
    return inv;
}

QString previewText(const CommandSpec &spec, const CommandValidator::Values &values)
{
    QStringList quoted {ShellQuote::posix(spec.cli)};
    for (const QString &element : spec.args)
        quoted.append(fill(spec, element, values).quotedMasked);
    return quoted.join(QLatin1Char(' '));
}

QString confirmText(const CommandSpec &spec, const CommandValidator::Values &values)
{
    QString out;
    qsizetype last = 0;
    auto it = CommandValidator::placeholderExpression().globalMatch(spec.confirm);
    while (it.hasNext()) {
        const auto m = it.next();
        out += spec.confirm.mid(last, m.capturedStart() - last) + values.value(m.captured(1));
        last = m.capturedEnd();
    }
    return out + spec.confirm.mid(last);
}

} // namespace CommandBuilder
