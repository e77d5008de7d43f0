#include "sampleclock.h"

namespace {

/// Less than this after the previous poll, a receive second two ahead is jitter, not a missed
/// poll (a missed poll at a 1 s cadence shows as about 2 s).
constexpr qint64 kJitterWindowMs = 1500;

qint64 floorSecond(qint64 ms)
{
    return ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000);
}

} // namespace

qint64 SampleClock::keyFor(qint64 receiveMs)
{
    qint64 key = floorSecond(receiveMs);
    if (m_lastKey && key == m_lastKey->key + 2
        && receiveMs - m_lastKey->receiveMs < kJitterWindowMs) {
        key = m_lastKey->key + 1;
    }
    m_lastKey = Last {key, receiveMs};
    return key;
}
