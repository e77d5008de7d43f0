#include "ratelimiter.h"

#include <algorithm>
#include <cmath>

RateLimiter::RateLimiter(double ratePerSecond)
    : RateLimiter(ratePerSecond, 2.0 * ratePerSecond)
{ }

RateLimiter::RateLimiter(double ratePerSecond, double burst)
    : m_rate(ratePerSecond)
    , m_burst(burst)
{
    m_clock.start();
}

int RateLimiter::take(const QByteArray &credential)
{
    return takeAt(credential, m_clock.elapsed());
}

RateLimiter::Bucket &RateLimiter::refilled(const QByteArray &key, qint64 nowMs)
{
    auto it = m_buckets.find(key);
    if (it == m_buckets.end()) {
        if (m_buckets.size() >= kMaxBuckets)
            forgetFullBuckets(nowMs);
        it = m_buckets.insert(key, Bucket {m_burst, nowMs});
    }
    Bucket &bucket = *it;
    bucket.tokens
        = std::min(m_burst, bucket.tokens + double(nowMs - bucket.lastMs) / 1000.0 * m_rate);
    bucket.lastMs = nowMs;
    return bucket;
}

void RateLimiter::forgetFullBuckets(qint64 nowMs)
{
    // A full bucket carries no state; dropping an emptied one would hand a guesser (keyed by
    // peer address) a fresh allowance, so those stay unless the table is still too big.
    m_buckets.removeIf([this, nowMs](const auto &it) {
        return it.value().tokens + double(nowMs - it.value().lastMs) / 1000.0 * m_rate >= m_burst;
    });
    if (m_buckets.size() >= kMaxBuckets)
        m_buckets.clear(); // never grow without bound
}

int RateLimiter::retryAfter(const Bucket &bucket) const
{
    return std::max(1, int(std::ceil((1.0 - bucket.tokens) / m_rate)));
}

int RateLimiter::takeAt(const QByteArray &credential, qint64 nowMs)
{
    Bucket &bucket = refilled(credential, nowMs);
    if (bucket.tokens >= 1.0) {
        bucket.tokens -= 1.0;
        return 0;
    }
    return retryAfter(bucket);
}

int RateLimiter::waitFor(const QByteArray &key)
{
    return waitForAt(key, m_clock.elapsed());
}

int RateLimiter::waitForAt(const QByteArray &key, qint64 nowMs)
{
    const Bucket &bucket = refilled(key, nowMs);
    return bucket.tokens >= 1.0 ? 0 : retryAfter(bucket);
}
