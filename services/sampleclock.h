#pragma once

#include <QtGlobal>

#include <optional>

// Turns the local receive time of each metrics poll (answer or failure) into the one-second key
// of the SignalStore. The key is the receive second, except when an answer of a steady 1 s
// cadence lands a few milliseconds past the next-but-one second boundary: then it takes the
// second in between, so timer and network jitter near a boundary do not punch a false gap into
// every chart. Keys never run ahead of the receive second. DashboardPoller owns one.
class SampleClock final
{
public:
    /// The store key for a poll that ended at epoch milliseconds `receiveMs`.
    qint64 keyFor(qint64 receiveMs);

private:
    struct Last
    {
        qint64 key = 0;
        qint64 receiveMs = 0;
    };
    std::optional<Last> m_lastKey;
};
