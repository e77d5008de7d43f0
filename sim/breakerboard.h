#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

// The circuit breakers of the simulated service (database, openai, stripe, google). SimEngine
// feeds each one a per-second outcome; operators trip (force open) and reset them.
class BreakerBoard final
{
public:
    enum class State { Closed, Open, HalfOpen };
    struct Breaker
    {
        QString name;
        State state = State::Closed;
        int failureCount = 0;
        qint64 lastFailureAtMs = 0; ///< 0 = never
        qint64 nextAttemptAtMs = 0; ///< 0 = none
        bool forced = false;
    };
    static constexpr int kFailureThreshold = 5;
    static constexpr qint64 kCooldownMs = 20000;

    BreakerBoard();

    /// One simulated second of calls through `name`: failing or not. Returns true if the state
    /// changed.
    bool observe(const QString &name, bool failing, qint64 nowMs);
    bool trip(const QString &name, qint64 nowMs);
    bool reset(const QString &name);
    void closeAll();

    const Breaker *find(const QString &name) const;
    const QList<Breaker> &all() const { return m_breakers; }
    bool isOpen(const QString &name) const;

    static QString stateName(State state);
    static QJsonObject toJson(const Breaker &breaker);
    QJsonArray toJson() const;

private:
    Breaker *findMutable(const QString &name);
    QList<Breaker> m_breakers;
};
