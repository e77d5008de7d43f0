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

    /// 0 when allowed; otherwise the seconds to put in Retry-After (>= 1).
    int take(const QByteArray &credential);
    /// Same, at an explicit time (tests).
    int takeAt(const QByteArray &credential, qint64 nowMs);

private:
    struct Bucket
    {
        double tokens = 0;
        qint64 lastMs = 0;
    };
    double m_rate;
    double m_burst;
    QElapsedTimer m_clock;
    QHash<QByteArray, Bucket> m_buckets;
};
