#include "runbookpath.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

#include <cmath>
#include <limits>

namespace {

QStringList segments(const QString &path)
{
    QStringList out;
    QString current;
    int depth = 0;
    for (const QChar c : path) {
        if (c == QLatin1Char('['))
            ++depth;
        else if (c == QLatin1Char(']'))
            --depth;
        if (c == QLatin1Char('.') && depth == 0) {
            out.append(current);
            current.clear();
        } else {
            current.append(c);
        }
    }
    out.append(current);
    return out;
}

QString textOf(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    return RunbookPath::display(value);
}

std::optional<QJsonValue> select(const QJsonArray &array, const QString &selector)
{
    const QString inner = selector.mid(1, selector.size() - 2);
    const bool max = inner.startsWith(QLatin1String("max:"));
    if (max || inner.startsWith(QLatin1String("min:"))) {
        const QString field = inner.mid(4);
        std::optional<QJsonValue> best;
        double bestValue = max ? -std::numeric_limits<double>::infinity()
                               : std::numeric_limits<double>::infinity();
        for (const QJsonValue &element : array) {
            const QJsonValue v = element.toObject().value(field);
            if (!v.isDouble())
                continue;
            if (max ? v.toDouble() > bestValue : v.toDouble() < bestValue) {
                bestValue = v.toDouble();
                best = element;
            }
        }
        return best;
    }
    const qsizetype eq = inner.indexOf(QLatin1Char('='));
    const QString field = inner.left(eq);
    const QString wanted = inner.mid(eq + 1);
    for (const QJsonValue &element : array) {
        const QJsonValue v = element.toObject().value(field);
        if (!v.isUndefined() && textOf(v) == wanted)
            return element;
    }
    return std::nullopt;
}

} // namespace

std::optional<QJsonValue> RunbookPath::resolve(const QJsonValue &root, const QString &path)
{
    if (path.isEmpty())
        return root;
    QJsonValue current = root;
    for (const QString &segment : segments(path)) {
        if (segment.startsWith(QLatin1Char('['))) {
            if (!current.isArray())
                return std::nullopt;
            const std::optional<QJsonValue> picked = select(current.toArray(), segment);
            if (!picked)
                return std::nullopt;
            current = *picked;
            continue;
        }
        bool isIndex = false;
        const int index = segment.toInt(&isIndex);
        if (isIndex && current.isArray()) {
            const QJsonArray array = current.toArray();
            if (index < 0 || index >= array.size())
                return std::nullopt;
            current = array.at(index);
            continue;
        }
        if (!current.isObject())
            return std::nullopt;
        const QJsonObject object = current.toObject();
        if (!object.contains(segment))
            return std::nullopt;
        current = object.value(segment);
    }
    return current;
}

bool RunbookPath::isValid(const QString &path, QString *why)
{
    if (path.isEmpty())
        return true;
    for (const QString &segment : segments(path)) {
        QString problem;
        if (segment.isEmpty()) {
            problem = QStringLiteral("an empty segment");
        } else if (segment.startsWith(QLatin1Char('['))) {
            const QString inner = segment.mid(1, segment.size() - 2);
            const bool minMax = inner.startsWith(QLatin1String("max:"))
                || inner.startsWith(QLatin1String("min:"));
            if (!segment.endsWith(QLatin1Char(']'))
                || (minMax ? inner.size() <= 4 : inner.indexOf(QLatin1Char('=')) <= 0))
                problem = QStringLiteral("selector '%1' (use [field=value], [max:field] or "
                                         "[min:field])")
                              .arg(segment);
        } else if (segment.contains(QLatin1Char('[')) || segment.contains(QLatin1Char(']'))) {
            problem = QStringLiteral("segment '%1'").arg(segment);
        }
        if (!problem.isEmpty()) {
            if (why)
                *why = QStringLiteral("path '%1' has %2").arg(path, problem);
            return false;
        }
    }
    return true;
}

QString RunbookPath::display(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double: {
        const double v = value.toDouble();
        if (std::abs(v - std::round(v)) < 1e-9 && std::abs(v) < 1e15)
            return QString::number(qint64(std::round(v)));
        return QString::number(v, 'f', std::abs(v) >= 10 ? 1 : 3);
    }
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Undefined:
        return QStringLiteral("(missing)");
    case QJsonValue::Array:
    case QJsonValue::Object: {
        const QJsonDocument doc
            = value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
        QString text = QString::fromUtf8(doc.toJson(QJsonDocument::Compact));
        if (text.size() > 200)
            text = text.left(199) + QChar(0x2026);
        return text;
    }
    }
    return {};
}
