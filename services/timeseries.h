#pragma once

#include <QtGlobal>

#include <cmath>
#include <limits>
#include <vector>

// A fixed-capacity ring of one-second samples for one signal (24 h by default).
// Fed by the poller once a second; read by the charts through M4Decimator. A
// second with no sample is a gap (NaN) and stays a gap: it is never
// interpolated. Memory is capacity × 4 bytes whatever the uptime.
class TimeSeries final
{
public:
    static constexpr qsizetype kDefaultCapacity = 24 * 60 * 60;

    explicit TimeSeries(qsizetype capacitySeconds = kDefaultCapacity);

    /// Records value at epoch second `second`. Seconds skipped since the last
    /// sample become gaps; the same second again overwrites; a second older than
    /// the newest is written in place if it is still held, else ignored. NaN/inf
    /// record a gap. Returns false when ignored.
    bool append(qint64 second, double value);
    /// Marks `second` as a gap (a poll that failed), advancing the newest second
    /// like append().
    void appendGap(qint64 second) { append(second, std::numeric_limits<double>::quiet_NaN()); }

    bool isEmpty() const { return m_size == 0; }
    qsizetype size() const { return m_size; } ///< seconds held, gaps included
    qsizetype capacity() const { return qsizetype(m_values.size()); }
    qint64 firstSecond() const { return m_newest - m_size + 1; } ///< valid when !isEmpty()
    qint64 lastSecond() const { return m_newest; } ///< valid when !isEmpty()

    /// The value at `second`, or NaN when it is a gap or not held.
    double valueAt(qint64 second) const;
    /// The newest non-gap value, or NaN.
    double latest() const;

    /// Calls f(second, value) for every held second in [from, to], gaps as NaN,
    /// oldest first.
    template<typename F>
    void forEach(qint64 from, qint64 to, F &&f) const
    {
        if (isEmpty())
            return;
        from = std::max(from, firstSecond());
        to = std::min(to, lastSecond());
        for (qint64 s = from; s <= to; ++s)
            f(s, double(m_values[slot(s)]));
    }

    void clear();

private:
    qsizetype slot(qint64 second) const
    {
        const auto cap = qint64(m_values.size());
        return qsizetype(((second % cap) + cap) % cap);
    }

    std::vector<float> m_values;
    qint64 m_newest = 0;
    qsizetype m_size = 0;
};
