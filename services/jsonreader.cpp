#include "jsonreader.h"

#include <cmath>

namespace {
constexpr double maxSafeInteger = 9007199254740992.0; // 2^53
}

JsonReader::JsonReader(const QJsonObject &object, const QString &prefix)
    : JsonReader(object, prefix, std::make_shared<QString>())
{ }

JsonReader::JsonReader(const QJsonObject &object,
                       const QString &prefix,
                       std::shared_ptr<QString> error)
    : m_object(object)
    , m_prefix(prefix)
    , m_error(std::move(error))
{ }

QString JsonReader::pathOf(const QString &key) const
{
    if (m_prefix.isEmpty())
        return key;
    if (key.isEmpty())
        return m_prefix;
    return m_prefix + QLatin1Char('.') + key;
}

void JsonReader::fail(const QString &key, const QString &problem)
{
    if (m_error->isEmpty())
        *m_error = QStringLiteral("field '%1' %2").arg(pathOf(key), problem);
}

bool JsonReader::lookup(const char *key, Presence presence, QJsonValue *value)
{
    const QString k = QString::fromLatin1(key);
    *value = m_object.value(k);
    if (value->isUndefined() || value->isNull()) {
        if (presence == Presence::Required)
            fail(k, value->isNull() ? QStringLiteral("is null") : QStringLiteral("is missing"));
        return false;
    }
    return true;
}

bool JsonReader::toInteger(double value, qint64 *out)
{
    if (!std::isfinite(value) || std::fabs(value) > maxSafeInteger)
        return false;
    *out = qint64(std::llround(value));
    return true;
}

QString JsonReader::string(const char *key, Presence presence)
{
    QJsonValue v;
    if (!lookup(key, presence, &v))
        return {};
    if (!v.isString()) {
        fail(QString::fromLatin1(key), QStringLiteral("is not a string"));
        return {};
    }
    return v.toString();
}

QString JsonReader::idString(const char *key, Presence presence)
{
    QJsonValue v;
    if (!lookup(key, presence, &v))
        return {};
    if (v.isString())
        return v.toString();
    qint64 n = 0;
    if (v.isDouble() && toInteger(v.toDouble(), &n))
        return QString::number(n);
    fail(QString::fromLatin1(key), QStringLiteral("is not a string or integer id"));
    return {};
}

bool JsonReader::boolean(const char *key, Presence presence)
{
    QJsonValue v;
    if (!lookup(key, presence, &v))
        return false;
    if (!v.isBool()) {
        fail(QString::fromLatin1(key), QStringLiteral("is not a boolean"));
        return false;
    }
    return v.toBool();
}

double JsonReader::number(const char *key, Presence presence)
{
    QJsonValue v;
    if (!lookup(key, presence, &v))
        return 0;
    if (!v.isDouble()) {
        fail(QString::fromLatin1(key), QStringLiteral("is not a number"));
        return 0;
    }
    const double d = v.toDouble();
    if (!std::isfinite(d)) {
        fail(QString::fromLatin1(key), QStringLiteral("is not a finite number"));
        return 0;
    }
    return d;
}

qint64 JsonReader::integer(const char *key, Presence presence)
{
    QJsonValue v;
    if (!lookup(key, presence, &v))
        return 0;
    if (!v.isDouble()) {
        fail(QString::fromLatin1(key), QStringLiteral("is not a number"));
        return 0;
    }
    qint64 n = 0;
    if (!toInteger(v.toDouble(), &n)) {
        fail(QString::fromLatin1(key), QStringLiteral("is not a finite integer within 2^53"));
        return 0;
    }
    return n;
}

QDateTime JsonReader::dateTime(const char *key, Presence presence)
{
    QJsonValue v;
    if (!lookup(key, presence, &v))
        return {};
    if (v.isDouble()) {
        qint64 ms = 0;
        if (toInteger(v.toDouble(), &ms) && ms >= 0)
            return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
        fail(QString::fromLatin1(key), QStringLiteral("is not a valid epoch time"));
        return {};
    }
    if (!v.isString()) {
        fail(QString::fromLatin1(key), QStringLiteral("is not an ISO-8601 time string"));
        return {};
    }
    QDateTime t = QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
    if (!t.isValid()) {
        fail(QString::fromLatin1(key), QStringLiteral("is not an ISO-8601 time"));
        return {};
    }
    return t.toUTC();
}

QJsonArray JsonReader::array(const char *key, Presence presence)
{
    QJsonValue v;
    if (!lookup(key, presence, &v))
        return {};
    if (!v.isArray()) {
        fail(QString::fromLatin1(key), QStringLiteral("is not an array"));
        return {};
    }
    return v.toArray();
}

QMap<QString, qint64> JsonReader::integerMap(const char *key, Presence presence)
{
    QMap<QString, qint64> out;
    QJsonValue v;
    if (!lookup(key, presence, &v))
        return out;
    if (!v.isObject()) {
        fail(QString::fromLatin1(key), QStringLiteral("is not an object"));
        return out;
    }
    const QJsonObject o = v.toObject();
    for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
        qint64 n = 0;
        if (!it.value().isDouble() || !toInteger(it.value().toDouble(), &n)) {
            fail(QString::fromLatin1(key) + QLatin1Char('.') + it.key(),
                 QStringLiteral("is not a finite integer"));
            return {};
        }
        out.insert(it.key(), n);
    }
    return out;
}

JsonReader JsonReader::object(const char *key, Presence presence)
{
    const QString k = QString::fromLatin1(key);
    QJsonValue v;
    if (!lookup(key, presence, &v))
        return JsonReader(QJsonObject(), pathOf(k), m_error);
    if (!v.isObject()) {
        fail(k, QStringLiteral("is not an object"));
        return JsonReader(QJsonObject(), pathOf(k), m_error);
    }
    return JsonReader(v.toObject(), pathOf(k), m_error);
}

bool JsonReader::hasObject(const char *key) const
{
    return m_object.value(QString::fromLatin1(key)).isObject();
}

bool JsonReader::has(const char *key) const
{
    const QJsonValue v = m_object.value(QString::fromLatin1(key));
    return !v.isUndefined() && !v.isNull();
}

QJsonValue JsonReader::raw(const char *key) const
{
    return m_object.value(QString::fromLatin1(key));
}

JsonReader JsonReader::element(const QJsonArray &array, const char *key, qsizetype index)
{
    const QString k = QStringLiteral("%1[%2]").arg(QString::fromLatin1(key)).arg(index);
    const QJsonValue v = array.at(index);
    if (!v.isObject()) {
        fail(k, QStringLiteral("is not an object"));
        return JsonReader(QJsonObject(), pathOf(k), m_error);
    }
    return JsonReader(v.toObject(), pathOf(k), m_error);
}
