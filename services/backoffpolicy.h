#pragma once

#include <QtGlobal>

#include <optional>

/// When to try a failed GET again: exponential backoff with full jitter and a cap, honouring a
/// server's Retry-After (capped, jittered upwards), and a retry budget (token bucket) that empties
/// under a 429/503 storm so that the caller fails fast instead of hammering (N6, N7).
/// Used by the dashboard poller; OpsClient itself never loops. Not a QObject: the caller owns
/// the timer and passes the current time in milliseconds (any monotonic clock).
class BackoffPolicy final
{
public:
    struct Options
    {
        int baseDelayMs = 500; ///< first retry window
        int maxDelayMs = 30000; ///< cap of the exponential window
        int maxRetryAfterMs = 60000; ///< cap on a server's Retry-After
        double budgetCapacity = 10; ///< retries that may be spent in a burst
        double budgetRefillPerSecond = 0.2; ///< retries regained per second
        double retryAfterJitter = 0.2; ///< Retry-After is stretched by up to this fraction
        quint32 seed = 0; ///< 0 = random seed; fixed for reproducible tests
    };

    BackoffPolicy();
    explicit BackoffPolicy(const Options &options);

    /// A failure happened at nowMs. Returns the delay before the next attempt, or nullopt when
    /// the retry budget is empty (fail fast: give up until the next regular poll).
    std::optional<qint64> nextDelayMs(qint64 nowMs, std::optional<int> retryAfterSeconds = {});

    /// A success: the exponential window starts again from baseDelayMs.
    void recordSuccess();

    int consecutiveFailures() const { return m_failures; }
    /// Retries left in the budget at nowMs (refill applied).
    double budget(qint64 nowMs);
    const Options &options() const { return m_options; }

private:
    void refill(qint64 nowMs);
    double uniform(); // [0, 1)

    Options m_options;
    int m_failures = 0;
    double m_tokens = 0;
    qint64 m_lastRefillMs = -1;
    quint64 m_rng = 0;
};
