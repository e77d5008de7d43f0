#pragma once

#include <QJsonObject>
#include <QString>

#include <optional>

// Typed access to a request's JSON object that remembers the first violation as the contract's
// error (invalid_body naming the field, or reason_required). Used by the route handlers.
class JsonBody final
{
public:
    explicit JsonBody(const QJsonObject &object)
        : m_object(object)
    { }

    std::optional<QString> string(const char *field, bool required, int maxLength = 500);
    std::optional<bool> boolean(const char *field, bool required);
    /// Integers only when `integer`; range inclusive.
    std::optional<double>
    number(const char *field, bool required, double min, double max, bool integer = true);
    /// The contract's `reason` (1-500 chars): missing or blank -> reason_required.
    QString reason();
    /// `operator` if given, else the role name.
    QString by(const QString &fallback);

    bool failed() const { return !m_code.isEmpty(); }
    QString code() const { return m_code; }
    QString message() const { return m_message; }

private:
    void fail(const QString &code, const QString &message);

    QJsonObject m_object;
    QString m_code;
    QString m_message;
};
