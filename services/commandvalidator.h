#pragma once

#include "commandspec.h"

#include <QHash>
#include <QRegularExpression>
#include <QString>

/// Checks a pre-baked command's values before anything is spawned (C1). Every value reaches the
/// CLI as (part of) exactly one argv element and no shell ever sees it; these rules still refuse
/// anything a shell, an option parser or a reader could mistake: separators, substitutions,
/// control characters, a leading "-", "--", oversized and non-ASCII values. Used by
/// CommandBuilder, CommandCatalogue (defaults, allowed values) and the command form (inline).
namespace CommandValidator {

using Values = QHash<QString, QString>;

/// Longest non-secret value, in UTF-8 bytes.
constexpr int kMaxValueBytes = 1024;
/// Longest secret value (a service-account key file is a few KB).
constexpr int kMaxSecretBytes = 64 * 1024;

/// The type-independent rules for a non-secret value. Empty when fine, else a sentence that
/// starts with `label`.
QString checkCommon(const QString &label, const QString &value);

/// One value against its parameter: the common rules, then type, allowed values, bounds and
/// pattern ({other} in a pattern is the other parameter's value, escaped).
QString check(const CommandParam &param, const QString &value, const Values &values);

/// Every parameter of the command; name -> sentence for each failing one (empty = all valid).
Values validate(const CommandSpec &spec, const Values &values);

/// {name} in args templates, patterns and confirm texts (capture 1 = the name).
const QRegularExpression &placeholderExpression();

/// The anchored pattern with {name} placeholders replaced by the escaped values.
QString expandPattern(const QString &pattern, const Values &values);

} // namespace CommandValidator
