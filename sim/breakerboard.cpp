#include "breakerboard.h"

#include "simclock.h"

namespace {
using L1 = QLatin1String;

QJsonValue timeOrNull(qint64 ms)
{
    return ms > 0 ? QJsonValue(SimClock::toIso(ms)) : QJsonValue(QJsonValue::Null);
}
} // namespace

BreakerBoard::BreakerBoard()
{
    for (const char *name : {"database", "openai", "stripe", "google"})
        m_breakers.append(Breaker {QString::fromLatin1(name)});
}

BreakerBoard::Breaker *BreakerBoard::findMutable(const QString &name)
{
    for (Breaker &breaker : m_breakers) {
        if (breaker.name == name)
            return &breaker;
    }
    return nullptr;
}

const BreakerBoard::Breaker *BreakerBoard::find(const QString &name) const
{
    for (const Breaker &breaker : m_breakers) {
        if (breaker.name == name)
            return &breaker;
    }
    return nullptr;
}

bool BreakerBoard::isOpen(const QString &name) const
{
    const Breaker *breaker = find(name);
    return breaker && breaker->state == State::Open;
}

bool BreakerBoard::observe(const QString &name, bool failing, qint64 nowMs)
{
    Breaker *b = findMutable(name);
    if (!b || b->forced)
        return false;
    const State before = b->state;
    if (failing) {
        ++b->failureCount;
        b->lastFailureAtMs = nowMs;
    }
    switch (b->state) {
    case State::Closed:
        if (!failing) {
            b->failureCount = 0;
        } else if (b->failureCount >= kFailureThreshold) {
            b->state = State::Open;
            b->nextAttemptAtMs = nowMs + kCooldownMs;
        }
        break;
    case State::Open:
        if (nowMs >= b->nextAttemptAtMs)
            b->state = State::HalfOpen;
        break;
    case State::HalfOpen:
        if (failing) {
            b->state = State::Open;
            b->nextAttemptAtMs = nowMs + kCooldownMs;
        } else {
            b->state = State::Closed;
            b->failureCount = 0;
            b->nextAttemptAtMs = 0;
        }
        break;
    }
    return b->state != before;
}

bool BreakerBoard::trip(const QString &name, qint64 nowMs)
{
    Breaker *b = findMutable(name);
    if (!b)
        return false;
    b->state = State::Open;
    b->forced = true;
    b->nextAttemptAtMs = 0;
    Q_UNUSED(nowMs)
    return true;
}

bool BreakerBoard::reset(const QString &name)
{
    Breaker *b = findMutable(name);
    if (!b)
        return false;
    b->state = State::Closed;
    b->forced = false;
    b->failureCount = 0;
    b->nextAttemptAtMs = 0;
    return true;
}

void BreakerBoard::closeAll()
{
    for (Breaker &b : m_breakers)
        reset(b.name);
}

QString BreakerBoard::stateName(State state)
{
    switch (state) {
    case State::Closed:
        return QStringLiteral("closed");
    case State::Open:
        return QStringLiteral("open");
    case State::HalfOpen:
        return QStringLiteral("half-open");
    }
    return QStringLiteral("closed");
}

QJsonObject BreakerBoard::toJson(const Breaker &b)
{
    return QJsonObject {{L1("name"), b.name},
                        {L1("state"), stateName(b.state)},
                        {L1("failureCount"), b.failureCount},
                        {L1("lastFailureAt"), timeOrNull(b.lastFailureAtMs)},
                        {L1("nextAttemptAt"), timeOrNull(b.nextAttemptAtMs)},
                        {L1("forced"), b.forced}};
}

QJsonArray BreakerBoard::toJson() const
{
    QJsonArray array;
    for (const Breaker &b : m_breakers)
        array.append(toJson(b));
    return array;
}
