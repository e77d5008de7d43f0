#include "backoffpolicy.h"

#include <QRandomGenerator>

#include <algorithm>
#include <cmath>

BackoffPolicy::BackoffPolicy()
    : BackoffPolicy(Options {})
{ }

BackoffPolicy::BackoffPolicy(const Options &options)
    : m_options(options)
    , m_tokens(options.budgetCapacity)
    , m_rng(options.seed != 0 ? options.seed : QRandomGenerator::global()->generate64())
{
    m_options.baseDelayMs = std::max(1, m_options.baseDelayMs);
    m_options.maxDelayMs = std::max(m_options.baseDelayMs, m_options.maxDelayMs);
    m_options.maxRetryAfterMs = std::max(0, m_options.maxRetryAfterMs);
    m_options.retryAfterJitter = std::clamp(m_options.retryAfterJitter, 0.0, 1.0);
}

double BackoffPolicy::uniform()
{
    // splitmix64: small, seedable, good enough for jitter.
    m_rng += 0x9E3779B97F4A7C15ULL;
    quint64 z = m_rng;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    z ^= z >> 31;
    return double(z >> 11) * (1.0 / 9007199254740992.0);
}

void BackoffPolicy::refill(qint64 nowMs)
{
    if (m_lastRefillMs >= 0 && nowMs > m_lastRefillMs) {
        const double gained
            = double(nowMs - m_lastRefillMs) / 1000.0 * m_options.budgetRefillPerSecond;
        m_tokens = std::min(m_options.budgetCapacity, m_tokens + gained);
    }
    if (m_lastRefillMs < 0 || nowMs > m_lastRefillMs)
        m_lastRefillMs = nowMs;
}

double BackoffPolicy::budget(qint64 nowMs)
{
    refill(nowMs);
    return m_tokens;
}

std::optional<qint64> BackoffPolicy::nextDelayMs(qint64 nowMs, std::optional<int> retryAfterSeconds)
{
    refill(nowMs);
    ++m_failures;
    if (m_tokens < 1.0)
        return std::nullopt;
    m_tokens -= 1.0;

    if (retryAfterSeconds && *retryAfterSeconds >= 0) {
        // Never earlier than the server asked (up to our cap); stretch upwards so that many
        // clients told the same Retry-After do not come back in the same millisecond.
        const double asked
            = std::min<double>(double(*retryAfterSeconds) * 1000.0, m_options.maxRetryAfterMs);
        return qint64(std::ceil(asked * (1.0 + m_options.retryAfterJitter * uniform())));
    }

    // Full jitter: uniform in [0, min(cap, base * 2^(n-1))].
    const int exponent = std::min(m_failures - 1, 30);
    const double window = std::min<double>(
        m_options.maxDelayMs, double(m_options.baseDelayMs) * std::ldexp(1.0, exponent));
    return qint64(window * uniform());
}

void BackoffPolicy::recordSuccess()
{
    m_failures = 0;
}
