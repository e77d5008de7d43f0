#include "httpstats.h"

#include <algorithm>

QString HttpStats::key(const QString &path) const
{
    // Bounded: a client probing random paths cannot grow the maps without limit.
    if (m_requests.contains(path) || m_requests.size() < kMaxPaths)
        return path;
    return QStringLiteral("(other)");
}

void HttpStats::requestStarted(const QString &path)
{
    const QString k = key(path);
    ++m_requests[k];
    const int now = ++m_inFlight[k];
    int &max = m_maxInFlight[k];
    max = std::max(max, now);
}

void HttpStats::requestFinished(const QString &path)
{
    const QString k = key(path);
    auto it = m_inFlight.find(k);
    if (it != m_inFlight.end() && *it > 0)
        --*it;
}

void HttpStats::mutationExecuted(const QString &path)
{
    ++m_executed[key(path)];
}

QJsonObject HttpStats::toJson() const
{
    const auto toObject = [](const QHash<QString, int> &hash) {
        QJsonObject object;
        for (auto it = hash.cbegin(); it != hash.cend(); ++it)
            object.insert(it.key(), it.value());
        return object;
    };
    return QJsonObject {{QLatin1String("openConnections"), m_openConnections},
                        {QLatin1String("requestsByPath"), toObject(m_requests)},
                        {QLatin1String("inFlightByPath"), toObject(m_inFlight)},
                        {QLatin1String("maxInFlightByPath"), toObject(m_maxInFlight)},
                        {QLatin1String("executedMutations"), toObject(m_executed)}};
}
