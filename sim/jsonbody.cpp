#include "jsonbody.h"

#include <cmath>

void JsonBody::fail(const QString &code, const QString &message)
{
    if (m_code.isEmpty()) {
        m_code = code;
        m_message = message;
    }
}

std::optional<QString> JsonBody::string(const char *field, bool required, int maxLength)
{
    const QJsonValue value = m_object.value(QLatin1String(field));
    if (value.isUndefined() || value.isNull()) {
        if (required)
            fail(QStringLiteral("invalid_body"),
                 QStringLiteral("Field '%1' is required.").arg(QLatin1String(field)));
        return std::nullopt;
    }
    if (!value.isString() || value.toString().isEmpty() || value.toString().size() > maxLength) {
        fail(QStringLiteral("invalid_body"),
             QStringLiteral("Field '%1' must be a string of 1 to %2 characters.")
                 .arg(QLatin1String(field))
                 .arg(maxLength));
        return std::nullopt;
    }
    return value.toString();
}

std::optional<bool> JsonBody::boolean(const char *field, bool required)
{
    const QJsonValue value = m_object.value(QLatin1String(field));
    if (value.isUndefined() || value.isNull()) {
        if (required)
            fail(QStringLiteral("invalid_body"),
                 QStringLiteral("Field '%1' is required (true or false).")
                     .arg(QLatin1String(field)));
        return std::nullopt;
    }
    if (!value.isBool()) {
        fail(QStringLiteral("invalid_body"),
             QStringLiteral("Field '%1' must be true or false.").arg(QLatin1String(field)));
        return std::nullopt;
    }
    return value.toBool();
}

std::optional<double>
JsonBody::number(const char *field, bool required, double min, double max, bool integer)
{
    const QJsonValue value = m_object.value(QLatin1String(field));
    if (value.isUndefined() || value.isNull()) {
        if (required)
            fail(QStringLiteral("invalid_body"),
                 QStringLiteral("Field '%1' is required.").arg(QLatin1String(field)));
        return std::nullopt;
    }
    const double number = value.toDouble();
    if (!value.isDouble() || !std::isfinite(number) || number < min || number > max
        || (integer && std::floor(number) != number)) {
        fail(QStringLiteral("invalid_body"),
             QStringLiteral("Field '%1' must be a%2 number from %3 to %4.")
                 .arg(QLatin1String(field), integer ? QStringLiteral("n integer") : QString())
                 .arg(min)
                 .arg(max));
        return std::nullopt;
    }
    return number;
}

QString JsonBody::reason()
{
    const QJsonValue value = m_object.value(QLatin1String("reason"));
    if (value.isUndefined() || value.isNull()
        || (value.isString() && value.toString().trimmed().isEmpty())) {
        fail(QStringLiteral("reason_required"),
             QStringLiteral("A reason (1-500 characters) is required for this action."));
        return {};
    }
    if (!value.isString() || value.toString().size() > 500) {
        fail(QStringLiteral("invalid_body"),
             QStringLiteral("Field 'reason' must be a string of 1 to 500 characters."));
        return {};
    }
    return value.toString();
}

QString JsonBody::by(const QString &fallback)
{
    const std::optional<QString> name = string("operator", false, 128);
    return name.value_or(fallback);
}
