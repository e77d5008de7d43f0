#include "slapolicy.h"

#include <QJsonDocument>

namespace {

constexpr int kVersion = 1;

bool readTargets(const QJsonObject &root,
                 const QString &key,
                 SlaPolicy::Targets &targets,
                 QString *error)
{
    if (!root.contains(key))
        return true;
    const QJsonObject o = root.value(key).toObject();
    const auto read = [&](const char *field, qint64 &seconds) {
        const QJsonValue v = o.value(QLatin1String(field));
        if (v.isUndefined())
            return true;
        if (!v.isDouble() || v.toDouble() <= 0) {
            if (error)
                *error = QStringLiteral("SLA policy: %1.%2 must be a positive number of minutes.")
                             .arg(key, QLatin1String(field));
            return false;
        }
        seconds = qint64(v.toDouble() * 60.0);
        return true;
    };
    return read("responseMinutes", targets.responseSeconds)
        && read("resolutionMinutes", targets.resolutionSeconds);
}

} // namespace

SlaPolicy::Targets SlaPolicy::targets(Severity severity) const
{
    switch (severity) {
    case Severity::P0:
        return p0;
    case Severity::P1:
        return p1;
    default:
        return p2;
    }
}

std::optional<SlaPolicy> SlaPolicy::fromJson(const QByteArray &json, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    const QJsonObject root = doc.object();
    if (!doc.isObject()
        || root.value(QLatin1String("format")).toString() != QLatin1String("dreamops-sla")) {
        if (error)
            *error = QStringLiteral(
                "This file is not a DreamOps SLA policy; the current targets are kept.");
        return std::nullopt;
    }
    if (root.value(QLatin1String("version")).toInt() > kVersion) {
        if (error)
            *error
                = QStringLiteral("This SLA policy was written by a newer DreamOps Console "
                                 "(version %1); update the console. The current targets are kept.")
                      .arg(root.value(QLatin1String("version")).toInt());
        return std::nullopt;
    }
    SlaPolicy policy;
    if (!readTargets(root, QStringLiteral("P0"), policy.p0, error)
        || !readTargets(root, QStringLiteral("P1"), policy.p1, error)
        || !readTargets(root, QStringLiteral("P2"), policy.p2, error))
        return std::nullopt;
    if (root.contains(QLatin1String("nearFraction"))) {
        const double f = root.value(QLatin1String("nearFraction")).toDouble(-1);
        if (f <= 0 || f >= 1) {
            if (error)
                *error = QStringLiteral("SLA policy: nearFraction must be between 0 and 1.");
            return std::nullopt;
        }
        policy.nearFraction = f;
    }
    return policy;
}

QByteArray SlaPolicy::toJson() const
{
    const auto targetsJson = [](const Targets &t) {
        return QJsonObject {
            {QStringLiteral("responseMinutes"), double(t.responseSeconds) / 60.0},
            {QStringLiteral("resolutionMinutes"), double(t.resolutionSeconds) / 60.0}};
    };
    const QJsonObject root {{QStringLiteral("format"), QStringLiteral("dreamops-sla")},
                            {QStringLiteral("version"), kVersion},
                            {QStringLiteral("nearFraction"), nearFraction},
                            {QStringLiteral("P0"), targetsJson(p0)},
                            {QStringLiteral("P1"), targetsJson(p1)},
                            {QStringLiteral("P2"), targetsJson(p2)}};
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}
