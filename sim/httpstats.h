#pragma once

#include <QHash>
#include <QJsonObject>
#include <QString>

// Per-path request bookkeeping of the HTTP layer, served in GET /api/sim/state so that client
// tests can prove "at most one request in flight per endpoint" and "no second effect".
class HttpStats final
{
public:
    static constexpr qsizetype kMaxPaths = 512;

    void requestStarted(const QString &path);
    void requestFinished(const QString &path);
    void mutationExecuted(const QString &path);
    void setOpenConnections(int count) { m_openConnections = count; }

    int openConnections() const { return m_openConnections; }
    int inFlight(const QString &path) const { return m_inFlight.value(key(path)); }
    int executed(const QString &path) const { return m_executed.value(key(path)); }
    QJsonObject toJson() const;

private:
    QString key(const QString &path) const;

    int m_openConnections = 0;
    QHash<QString, int> m_requests;
    QHash<QString, int> m_inFlight;
    QHash<QString, int> m_maxInFlight;
    QHash<QString, int> m_executed;
};
