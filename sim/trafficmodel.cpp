#include "trafficmodel.h"

#include <algorithm>
#include <cmath>
#include <numbers>

TrafficModel::TrafficModel(QRandomGenerator *rng)
    : m_rng(rng)
    , m_ring(kErrorWindow)
{ }

int TrafficModel::bucketOf(double ms)
{
    if (ms <= 1.0)
        return 0;
    const int index = int(std::ceil(std::log(ms) / std::log(1.12)));
    return std::clamp(index, 0, kBuckets - 1);
}

double TrafficModel::bucketUpper(int index)
{
    return std::pow(1.12, index);
}

double TrafficModel::normal()
{
    // Box-Muller on the engine's seeded generator keeps runs reproducible.
    const double u1 = std::max(m_rng->generateDouble(), 1e-12);
    const double u2 = m_rng->generateDouble();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

void TrafficModel::add(Second &second, int status, double ms, bool error)
{
    ++second.requests;
    if (error)
        ++second.errors;
    ++second.latency[size_t(bucketOf(ms))];
    ++m_requestsTotal;
    if (status >= 400 && status < 500)
        ++m_status4xx;
    else if (status >= 500)
        ++m_status5xx;
    const double seconds = ms / 1000.0;
    for (size_t i = 0; i < kPromBounds.size(); ++i) {
        if (seconds <= kPromBounds[i])
            ++m_promBuckets[i];
    }
    m_promSum += seconds;
}

void TrafficModel::recordReal(int status, double durationMs, bool error)
{
    add(m_current, status, std::max(durationMs, 0.1), error);
}

void TrafficModel::step(qint64 second, const Conditions &c)
{
    const double t = double(second);
    const double base = 40.0 + 6.0 * std::sin(2.0 * std::numbers::pi * t / 900.0)
        + 3.0 * std::sin(2.0 * std::numbers::pi * t / 173.0 + 1.0) + 2.0 * normal();
    const int baseCount = std::max(5, int(std::lround(base)));
    const int stormCount = c.stormRps > 0
        ? std::max(0, int(std::lround(c.stormRps + 0.1 * c.stormRps * normal())))
        : 0;
    double latencySum = 0;
    for (int i = 0; i < baseCount + stormCount; ++i) {
        const bool storm = i >= baseCount;
        const double kind = m_rng->generateDouble();
        const bool write = !storm && kind < 0.3;
        const bool ai = !storm && !write && kind < 0.5;
        double ms = 38.0 * std::exp(0.8 * normal());
        if (ai && !c.aiFallback)
            ms = 310.0 * std::exp(0.6 * normal());
        int status = 200;
        bool error = false;
        const double roll = m_rng->generateDouble();
        if (storm) {
            if (roll < c.stormErrorProb) {
                status = 500;
                error = true;
            }
        } else if (write && c.writesDrained) {
            status = 503;
            ms = 2.0 + m_rng->generateDouble() * 3.0;
        } else if (write && c.writesFail) {
            status = 500;
            error = true;
            ms = 900.0 + m_rng->generateDouble() * 400.0;
        } else if (ai && !c.aiFallback && roll < c.aiErrorProb) {
            status = 502;
            error = true;
            ms = 2000.0 + 6000.0 * m_rng->generateDouble();
        } else if (roll < c.baseErrorProb) {
            status = 500;
            error = true;
        } else if (roll < c.baseErrorProb + 0.012) {
            status = 400 + int(m_rng->bounded(5));
        }
        if (c.slowShare > 0 && m_rng->generateDouble() < c.slowShare)
            ms = 5000.0 + 10000.0 * m_rng->generateDouble();
        latencySum += ms;
        add(m_current, status, ms, error);
    }
    m_activeConnections = std::max(0.0, latencySum / 1000.0 + 4.0 + normal());

    // Close the second: slide the windows.
    m_head = (m_head + 1) % kErrorWindow;
    Second &slot = m_ring[size_t(m_head)];
    if (m_filled == kErrorWindow) {
        m_windowRequests -= slot.requests;
        m_windowErrors -= slot.errors;
    }
    if (m_filled >= kLatencyWindow) {
        const int oldIndex = (m_head - kLatencyWindow + kErrorWindow) % kErrorWindow;
        const Second &old = m_ring[size_t(oldIndex)];
        for (int b = 0; b < kBuckets; ++b)
            m_latencyWindow[size_t(b)] -= old.latency[size_t(b)];
    }
    slot = m_current;
    m_current = Second {};
    m_filled = std::min(m_filled + 1, kErrorWindow);
    m_windowRequests += slot.requests;
    m_windowErrors += slot.errors;
    for (int b = 0; b < kBuckets; ++b)
        m_latencyWindow[size_t(b)] += slot.latency[size_t(b)];
    m_lastRequests = slot.requests;
}

double TrafficModel::requestsPerSecond() const
{
    if (m_filled == 0)
        return 0;
    const int n = std::min(m_filled, kRateWindow);
    double sum = 0;
    for (int i = 0; i < n; ++i)
        sum += m_ring[size_t((m_head - i + kErrorWindow) % kErrorWindow)].requests;
    return sum / n;
}

double TrafficModel::errorRate() const
{
    return m_windowRequests ? double(m_windowErrors) / double(m_windowRequests) : 0.0;
}

double TrafficModel::percentileMs(double q) const
{
    quint64 total = 0;
    for (quint64 count : m_latencyWindow)
        total += count;
    if (total == 0)
        return 0;
    const double rank = q * double(total);
    quint64 cumulative = 0;
    for (int b = 0; b < kBuckets; ++b) {
        const quint64 count = m_latencyWindow[size_t(b)];
        if (count == 0)
            continue;
        if (double(cumulative + count) >= rank) {
            // Geometric interpolation inside the bucket keeps the quantile function monotonic.
            const double lower = b == 0 ? 0.5 : bucketUpper(b - 1);
            const double fraction
                = std::clamp((rank - double(cumulative)) / double(count), 0.0, 1.0);
            return lower * std::pow(bucketUpper(b) / lower, fraction);
        }
        cumulative += count;
    }
    return bucketUpper(kBuckets - 1);
}
