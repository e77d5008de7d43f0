#pragma once

#include "signalstore.h"

#include <array>
#include <optional>

/// Writes fleet values (one number per dashboard signal, in the dashboard's units, NaN = no value)
/// into a SignalStore through its one public door, ingest(), so that the store's plausibility
/// rules apply to fleet data too. CPU % reaches the store as the cumulative counter it derives
/// CPU from; a missing CPU value makes that counter step back, which the store records as a gap.
/// Owned by FleetMetricsSource.
class FleetStoreWriter final
{
public:
    using Values = std::array<double, SignalStore::kSignalCount>;

    explicit FleetStoreWriter(SignalStore *store);

    static Values missing(); ///< every signal NaN

    /// Records `values` for every second in [from, to] (a back-fill step or a live interval).
    void fill(qint64 from, qint64 to, const Values &values);
    /// Records [from, to] as a gap for every signal (Prometheus had no data, or was down).
    void fillGap(qint64 from, qint64 to);

private:
    void write(qint64 second, const Values &values);

    SignalStore *m_store;
    qint64 m_cpuMicros = 1'000'000'000'000; ///< synthetic cumulative CPU counter
    std::optional<qint64> m_lastSecond;
};
