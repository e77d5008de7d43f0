#pragma once

#include <QRandomGenerator>

#include <array>
#include <vector>

// Golden signals of the simulated service: per simulated second it draws synthetic requests
// (≈40 rps, slow waves + noise) under the conditions SimEngine derives from the scenario and the
// operator's actions, adds the real requests the HTTP server reports, and keeps the windows
// (errors over 60 s, latency percentiles over 10 s) and the cumulative counters.
class TrafficModel final
{
public:
    struct Conditions
    {
        double stormRps = 0; ///< extra (retry-storm) requests per second
        double stormErrorProb = 0; ///< 5xx probability of storm requests
        double baseErrorProb = 0.004;
        bool writesFail = false; ///< db-outage: writes answer 500
        bool writesDrained = false; ///< write drain: writes answer 503 write_drain (not errors)
        double aiErrorProb = 0; ///< rate-limit: AI-backed requests fail
        bool aiFallback = false; ///< AI requests take the fast hash fallback
        double slowShare = 0; ///< latency scenario: share of 5-15 s requests
    };
    static constexpr int kErrorWindow = 60;
    static constexpr int kLatencyWindow = 10;
    static constexpr int kRateWindow = 5;
    static constexpr std::array<double, 11> kPromBounds {0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
                                                         0.5,   1.0,  2.5,   5.0,  10.0};

    explicit TrafficModel(QRandomGenerator *rng);

    /// Closes one simulated second at `second` (seconds since start).
    void step(qint64 second, const Conditions &conditions);
    /// A real request answered by the HTTP server; `error` = counts towards errorRate.
    void recordReal(int status, double durationMs, bool error);

    double requestsPerSecond() const;
    double errorRate() const;
    double percentileMs(double q) const;
    quint64 requestsTotal() const { return m_requestsTotal; }
    quint64 status4xx() const { return m_status4xx; }
    quint64 status5xx() const { return m_status5xx; }
    double activeConnections() const { return m_activeConnections; }
    double lastSecondRequests() const { return m_lastRequests; }
    const std::array<quint64, kPromBounds.size()> &promBuckets() const { return m_promBuckets; }
    double promSumSeconds() const { return m_promSum; }

private:
    static constexpr int kBuckets = 104; // 1 ms * 1.12^i up to ~2 min
    struct Second
    {
        quint32 requests = 0;
        quint32 errors = 0;
        std::array<quint32, kBuckets> latency {};
    };

    void add(Second &second, int status, double ms, bool error);
    static int bucketOf(double ms);
    static double bucketUpper(int index);
    double normal();

    QRandomGenerator *m_rng;
    Second m_current;
    std::vector<Second> m_ring; // kErrorWindow closed seconds, newest at m_head
    int m_head = -1;
    int m_filled = 0;
    std::array<quint64, kBuckets> m_latencyWindow {};
    quint64 m_windowRequests = 0;
    quint64 m_windowErrors = 0;
    quint64 m_requestsTotal = 0;
    quint64 m_status4xx = 0;
    quint64 m_status5xx = 0;
    double m_activeConnections = 0;
    double m_lastRequests = 0;
    std::array<quint64, kPromBounds.size()> m_promBuckets {};
    double m_promSum = 0;
};
