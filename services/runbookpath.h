#pragma once

#include <QJsonValue>
#include <QString>

#include <optional>

/// The dotted JSON paths of runbook predicates: "checks.database", "breakers.[name=openai].state",
/// "agents.[status=degraded].id", "agents.[max:queueDepth].id", "gates.0.ready". A number indexes
/// an array, "[field=value]" picks the first element whose field reads as `value`, "[max:field]"
/// and "[min:field]" the element with the largest / smallest number in `field`.
class RunbookPath final
{
public:
    /// The value at `path` (empty path = `root`), or nullopt when a segment does not resolve.
    static std::optional<QJsonValue> resolve(const QJsonValue &root, const QString &path);
    /// Whether `path` is well-formed; else *why says which segment is not.
    static bool isValid(const QString &path, QString *why = nullptr);
    /// A value for a sentence: true/false, 62.5, a string as is, JSON shortened to 200 chars.
    static QString display(const QJsonValue &value);
};
