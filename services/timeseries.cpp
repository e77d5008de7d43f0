#include "timeseries.h"

#include <algorithm>

namespace {
constexpr float kGap = std::numeric_limits<float>::quiet_NaN();
}

TimeSeries::TimeSeries(qsizetype capacitySeconds)
    : m_values(std::size_t(std::max<qsizetype>(1, capacitySeconds)), kGap)
{ }

bool TimeSeries::append(qint64 second, double value)
{
    const float stored = std::isfinite(value) ? float(value) : kGap;
    if (isEmpty()) {
        m_newest = second;
        m_size = 1;
        m_values[slot(second)] = stored;
        return true;
    }
    if (second <= m_newest) {
        if (second < firstSecond())
            return false;
        m_values[slot(second)] = stored;
        return true;
    }
    const qint64 advance = second - m_newest;
    if (advance >= capacity()) {
        // Everything held is older than the window now: start again with one
        // sample.
        std::fill(m_values.begin(), m_values.end(), kGap);
        m_size = 1;
    } else {
        for (qint64 s = m_newest + 1; s < second; ++s)
            m_values[slot(s)] = kGap;
        m_size = qsizetype(std::min<qint64>(capacity(), m_size + advance));
    }
    m_newest = second;
    m_values[slot(second)] = stored;
    return true;
}

double TimeSeries::valueAt(qint64 second) const
{
    if (isEmpty() || second < firstSecond() || second > lastSecond())
        return std::numeric_limits<double>::quiet_NaN();
    return double(m_values[slot(second)]);
}

double TimeSeries::latest() const
{
    for (qint64 s = lastSecond(); !isEmpty() && s >= firstSecond(); --s) {
        const float v = m_values[slot(s)];
        if (!std::isnan(v))
            return double(v);
    }
    return std::numeric_limits<double>::quiet_NaN();
}

void TimeSeries::clear()
{
    std::fill(m_values.begin(), m_values.end(), kGap);
    m_size = 0;
    m_newest = 0;
}
