#pragma once

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QString>

#include <memory>

/// Reads typed fields out of one JSON object for jsonmapping.cpp, remembering the first problem
/// with its full dotted path ("goldenSignals.latency.p99: missing"). Readers of nested objects
/// and array elements share the parent's error slot, so one check at the end is enough.
class JsonReader final
{
public:
    /// Required: must be present and of the type. Optional: may be missing or null.
    enum class Presence { Required, Optional };

    explicit JsonReader(const QJsonObject &object, const QString &prefix = {});

    bool failed() const { return !m_error->isEmpty(); }
    QString error() const { return *m_error; }
    void fail(const QString &key, const QString &problem);

    QString string(const char *key, Presence presence = Presence::Required);
    /// A string, or an integral number rendered as text (ids).
    QString idString(const char *key, Presence presence = Presence::Required);
    bool boolean(const char *key, Presence presence = Presence::Required);
    double number(const char *key, Presence presence = Presence::Required);
    qint64 integer(const char *key, Presence presence = Presence::Required);
    /// ISO-8601 string (or epoch milliseconds); null gives an invalid QDateTime if Optional.
    QDateTime dateTime(const char *key, Presence presence = Presence::Required);
    QJsonArray array(const char *key, Presence presence = Presence::Required);
    /// {"name": integer, ...}
    QMap<QString, qint64> integerMap(const char *key, Presence presence = Presence::Required);
    /// A reader of a nested object (an empty, failed-on-use reader if missing and Required).
    JsonReader object(const char *key, Presence presence = Presence::Required);
    /// True if the key holds an object (not null / missing).
    bool hasObject(const char *key) const;
    bool has(const char *key) const;
    QJsonValue raw(const char *key) const;
    /// A reader for element i of an array read from this object under `key`; fails if the
    /// element is not an object.
    JsonReader element(const QJsonArray &array, const char *key, qsizetype index);

    static bool toInteger(double value, qint64 *out);

private:
    JsonReader(const QJsonObject &object, const QString &prefix, std::shared_ptr<QString> error);
    QString pathOf(const QString &key) const;
    /// Looks the key up; returns false (and records "missing") when absent/null and Required.
    bool lookup(const char *key, Presence presence, QJsonValue *value);

    QJsonObject m_object;
    QString m_prefix;
    std::shared_ptr<QString> m_error;
};
