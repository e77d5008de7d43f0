#include "ratelimiter.h"

#include <algorithm>
#include <cmath>

RateLimiter::RateLimiter(double ratePerSecond)
    : m_rate(ratePerSecond)
    , m_burst(2.0 * ratePerSecond)
{
    m_clock.start();
}

int RateLimiter::take(const QByteArray &credential)
{
    return takeAt(credential, m_clock.elapsed());
}

int RateLimiter::takeAt(const QByteArray &credential, qint64 nowMs)
{
    auto it = m_buckets.find(credential);
    if (it == m_buckets.end()) {
        if (m_buckets.size() > 1000)
            m_buckets.clear(); // only a handful of credentials exist; never grow unbounded
        it = m_buckets.insert(credential, Bucket {m_burst, nowMs});
    }
    Bucket &bucket = *it;
    bucket.tokens
        = std::min(m_burst, bucket.tokens + double(nowMs - bucket.lastMs) / 1000.0 * m_rate);
    bucket.lastMs = nowMs;
    if (bucket.tokens >= 1.0) {
        bucket.tokens -= 1.0;
        return 0;
    }
    return std::max(1, int(std::ceil((1.0 - bucket.tokens) / m_rate)));
}
