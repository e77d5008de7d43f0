#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QHash>

// Token bucket per credential on wall time: `rate` requests per second, burst twice that.
// SimHttpServer asks it before every authenticated /api/* request.
class RateLimiter final
{
public:
    explicit RateLimiter(double ratePerSecond);
    /// `burst` tokens at most (also the start), refilled at `ratePerSecond`.
    RateLimiter(double ratePerSecond, double burst);

    /// 0 when allowed; otherwise the seconds to put in Retry-After (>= 1).
    int take(const QByteArray &credential);
    /// Same, at an explicit time (tests).
    int takeAt(const QByteArray &credential, qint64 nowMs);
    /// Like take() but never consumes: 0 when a token is available, else Retry-After seconds.
    int waitFor(const QByteArray &key);
    int waitForAt(const QByteArray &key, qint64 nowMs);

private:
    struct Bucket
    {
        double tokens = 0;
        qint64 lastMs = 0;
    };
    static constexpr qsizetype kMaxBuckets = 1000;
    Bucket &refilled(const QByteArray &key, qint64 nowMs);
    void forgetFullBuckets(qint64 nowMs);
    int retryAfter(const Bucket &bucket) const;

    double m_rate;
    double m_burst;
    QElapsedTimer m_clock;
    QHash<QByteArray, Bucket> m_buckets;
};
