#include "chaospolicy.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>

namespace {
using L1 = QLatin1String;
}

bool ChaosPolicy::parse(const QJsonObject &body, Settings *settings, QString *error)
{
    Settings s;
    struct NumberField
    {
        const char *name;
        double *target;
        double max;
    };
    const NumberField fields[] = {{"latencyMs", &s.latencyMs, 600000},
                                  {"jitterMs", &s.jitterMs, 600000},
                                  {"errorRate", &s.errorRate, 1},
                                  {"malformedRate", &s.malformedRate, 1},
                                  {"dropRate", &s.dropRate, 1},
                                  {"hangRate", &s.hangRate, 1},
                                  {"slowBytesPerSecond", &s.slowBytesPerSecond, 1e9}};
    for (const NumberField &field : fields) {
        const QJsonValue value = body.value(QLatin1String(field.name));
        if (value.isUndefined() || value.isNull())
            continue;
        if (!value.isDouble() || !std::isfinite(value.toDouble()) || value.toDouble() < 0
            || value.toDouble() > field.max) {
            *error = QStringLiteral("Field '%1' must be a number between 0 and %2.")
                         .arg(QLatin1String(field.name))
                         .arg(field.max);
            return false;
        }
        *field.target = value.toDouble();
    }
    if (const QJsonValue paths = body.value(L1("paths")); !paths.isUndefined() && !paths.isNull()) {
        if (!paths.isArray()) {
            *error = QStringLiteral("Field 'paths' must be an array of path prefixes.");
            return false;
        }
        for (const QJsonValue &path : paths.toArray()) {
            if (!path.isString() || !path.toString().startsWith(QLatin1Char('/'))) {
                *error = QStringLiteral("Field 'paths' must hold strings starting with '/'.");
                return false;
            }
            s.paths << path.toString();
        }
    }
    if (const QJsonValue kind = body.value(L1("malformedKind")); !kind.isUndefined()) {
        const QString name = kind.toString();
        if (name == L1("truncated"))
            s.malformedKind = MalformedKind::Truncated;
        else if (name == L1("html"))
            s.malformedKind = MalformedKind::Html;
        else if (name == L1("mixed"))
            s.malformedKind = MalformedKind::Mixed;
        else {
            *error = QStringLiteral(
                "Field 'malformedKind' must be one of \"truncated\", \"html\", \"mixed\".");
            return false;
        }
    }
    *settings = s;
    return true;
}

bool ChaosPolicy::isActive() const
{
    const Settings &s = m_settings;
    return s.latencyMs > 0 || s.jitterMs > 0 || s.errorRate > 0 || s.malformedRate > 0
        || s.dropRate > 0 || s.hangRate > 0 || s.slowBytesPerSecond > 0;
}

bool ChaosPolicy::appliesTo(const QString &path) const
{
    if (path.startsWith(L1("/api/sim/")) || path == L1("/api/sim"))
        return false;
    if (m_settings.paths.isEmpty())
        return true;
    return std::any_of(m_settings.paths.cbegin(), m_settings.paths.cend(),
                       [&path](const QString &prefix) { return path.startsWith(prefix); });
}

ChaosPolicy::Decision ChaosPolicy::decide(const QString &path, QRandomGenerator *rng) const
{
    Decision d;
    if (!isActive() || !appliesTo(path))
        return d;
    const Settings &s = m_settings;
    if (rng->generateDouble() < s.hangRate) {
        d.hang = true;
        return d;
    }
    d.drop = rng->generateDouble() < s.dropRate;
    d.error = !d.drop && rng->generateDouble() < s.errorRate;
    d.malformed = !d.drop && !d.error && rng->generateDouble() < s.malformedRate;
    if (d.malformed) {
        d.html = s.malformedKind == MalformedKind::Html
            || (s.malformedKind == MalformedKind::Mixed && rng->generateDouble() < 0.5);
    }
    const double jitter = s.jitterMs > 0 ? (rng->generateDouble() * 2.0 - 1.0) * s.jitterMs : 0;
    d.delayMs = int(std::max(0.0, s.latencyMs + jitter));
    d.bytesPerSecond = s.slowBytesPerSecond > 0 ? std::max(1, int(s.slowBytesPerSecond)) : 0;
    return d;
}

QJsonObject ChaosPolicy::toJson() const
{
    const Settings &s = m_settings;
    const char *kind = s.malformedKind == MalformedKind::Html ? "html"
        : s.malformedKind == MalformedKind::Truncated         ? "truncated"
                                                              : "mixed";
    return QJsonObject {{L1("active"), isActive()},
                        {L1("latencyMs"), s.latencyMs},
                        {L1("jitterMs"), s.jitterMs},
                        {L1("errorRate"), s.errorRate},
                        {L1("malformedRate"), s.malformedRate},
                        {L1("dropRate"), s.dropRate},
                        {L1("hangRate"), s.hangRate},
                        {L1("slowBytesPerSecond"), s.slowBytesPerSecond},
                        {L1("paths"), QJsonArray::fromStringList(s.paths)},
                        {L1("malformedKind"), QLatin1String(kind)}};
}
