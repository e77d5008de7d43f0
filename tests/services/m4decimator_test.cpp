#include "m4decimator.h"

#include <gtest/gtest.h>

#include <QRandomGenerator>

#include <cmath>

namespace {

constexpr qint64 kStart = 1'764'400'000; // an epoch second
constexpr int kDay = 24 * 60 * 60;

TimeSeries noisyDay(quint32 seed)
{
    TimeSeries series;
    QRandomGenerator random(seed);
    for (int s = 0; s < kDay; ++s)
        series.append(kStart + s, 40.0 + 10.0 * std::sin(s / 900.0) + random.bounded(5.0));
    return series;
}

void expectIncreasingX(const M4Decimator::Segment &segment)
{
    for (qsizetype i = 1; i < segment.size(); ++i)
        ASSERT_LT(segment[i - 1].x(), segment[i].x()) << "point " << i;
}

} // namespace

TEST(M4Decimator, PointsBoundedByPixelWidth)
{
    const TimeSeries series = noisyDay(1);
    const auto segments = M4Decimator::decimate(series, kStart, kStart + kDay - 1, 1280);
    ASSERT_EQ(segments.size(), 1);
    EXPECT_LE(M4Decimator::pointCount(segments), 4 * 1280);
    EXPECT_GE(M4Decimator::pointCount(segments), 2 * 1280) << "each column keeps min and max";
    expectIncreasingX(segments.first());
}

TEST(M4Decimator, EveryOneSampleSpikeSurvives)
{
    TimeSeries series = noisyDay(2);
    QRandomGenerator random(3);
    QList<qint64> spikes;
    for (int i = 0; i < 40; ++i) {
        const qint64 second = kStart + random.bounded(kDay);
        series.append(second, (i % 2) ? 5000.0 + i : -1000.0 - i); // highs and lows
        spikes.append(second);
    }
    const auto segments = M4Decimator::decimate(series, kStart, kStart + kDay - 1, 1280);
    for (qint64 spike : std::as_const(spikes)) {
        const double expected = series.valueAt(spike);
        bool found = false;
        for (const auto &segment : segments) {
            for (const QPointF &p : segment)
                found = found || (qint64(p.x() / 1000) == spike && p.y() == expected);
        }
        EXPECT_TRUE(found) << "spike at second " << spike - kStart << " value " << expected;
    }
}

TEST(M4Decimator, GapWiderThanAColumnBreaksTheLine)
{
    TimeSeries series;
    for (int s = 0; s < kDay; ++s) {
        const bool serverDown = s >= 40'000 && s < 40'600; // ten minutes of failed polls
        if (serverDown)
            series.appendGap(kStart + s);
        else
            series.append(kStart + s, 1.0);
    }
    const auto segments = M4Decimator::decimate(series, kStart, kStart + kDay - 1, 1280);
    ASSERT_EQ(segments.size(), 2);
    EXPECT_LT(segments[0].last().x(), double(kStart + 40'000) * 1000);
    EXPECT_GE(segments[1].first().x(), double(kStart + 40'600) * 1000);
}

TEST(M4Decimator, ZoomedInOneMissedPollIsVisible)
{
    TimeSeries series;
    for (int s = 0; s < 300; ++s) {
        if (s == 150)
            series.appendGap(kStart + s);
        else
            series.append(kStart + s, s);
    }
    const auto segments = M4Decimator::decimate(series, kStart, kStart + 299, 1280);
    ASSERT_EQ(segments.size(), 2);
    EXPECT_EQ(segments[0].size(), 150);
    EXPECT_EQ(segments[1].size(), 149);
    EXPECT_DOUBLE_EQ(segments[1].first().y(), 151.0);
}

TEST(M4Decimator, WindowClipsToRequestedRange)
{
    const TimeSeries series = noisyDay(4);
    const qint64 from = kStart + 3600;
    const qint64 to = from + 299;
    const auto segments = M4Decimator::decimate(series, from, to, 600);
    ASSERT_EQ(segments.size(), 1);
    EXPECT_DOUBLE_EQ(segments.first().first().x(), double(from) * 1000);
    EXPECT_DOUBLE_EQ(segments.first().last().x(), double(to) * 1000);
    EXPECT_EQ(segments.first().size(), 300) << "fewer seconds than pixels: every sample kept";
}

TEST(M4Decimator, DegenerateInputsGiveNothing)
{
    const TimeSeries empty;
    EXPECT_TRUE(M4Decimator::decimate(empty, 0, 100, 100).isEmpty());
    const TimeSeries series = noisyDay(5);
    EXPECT_TRUE(M4Decimator::decimate(series, kStart, kStart + 10, 0).isEmpty());
    EXPECT_TRUE(M4Decimator::decimate(series, kStart + 10, kStart, 100).isEmpty());
}

namespace {

// A grid whose column boundaries fall on whole seconds: 10 s per column, phase 0.
constexpr double kTenSeconds = 10'000.0;

qsizetype update(M4Decimator::GridCache &cache, const TimeSeries &series, qint64 from, qint64 to)
{
    return M4Decimator::updateGrid(cache, series, kTenSeconds, 0.0, from / 10, to / 10, from, to);
}

} // namespace

TEST(M4Decimator, GridColumnsMatchThePlainDecimation)
{
    const TimeSeries series = noisyDay(6);
    const qint64 from = kStart + 3600; // a multiple of 10: a column boundary
    const qint64 to = from + 1000; // 1000 s over 100 pixels: 10 s per column, 101 columns
    M4Decimator::GridCache cache;
    EXPECT_EQ(update(cache, series, from, to), 101);
    EXPECT_EQ(M4Decimator::segmentsOf(cache), M4Decimator::decimate(series, from, to, 100));
}

TEST(M4Decimator, GridSlidingWindowRecomputesOnlyTheColumnsThatChanged)
{
    TimeSeries series;
    qint64 now = kStart + 999;
    for (qint64 s = kStart; s <= now; ++s)
        series.append(s, double(s % 17));
    M4Decimator::GridCache cache;
    ASSERT_EQ(update(cache, series, now - 999, now), 100);
    // One new sample inside the newest column: only that column is computed again.
    series.append(++now, 99.0);
    const qint64 from = (now - 999 + 9) / 10 * 10; // snapped to the next column boundary
    EXPECT_EQ(update(cache, series, from, from + 999), 1) << "only the new column";
    const auto segments = M4Decimator::segmentsOf(cache);
    ASSERT_FALSE(segments.isEmpty());
    EXPECT_DOUBLE_EQ(segments.last().last().y(), 99.0);
    M4Decimator::GridCache fresh;
    update(fresh, series, from, from + 999);
    EXPECT_EQ(segments, M4Decimator::segmentsOf(fresh)) << "the cache gives what a full pass does";
    // Unchanged data, unchanged window: nothing but the newest column.
    EXPECT_EQ(update(cache, series, from, from + 999), 1);
}

TEST(M4Decimator, GridRecomputesTheOldestColumnWhenTheRingDropsSamples)
{
    TimeSeries series(1000); // holds 1000 s
    qint64 now = kStart + 999;
    for (qint64 s = kStart; s <= now; ++s)
        series.append(s, s == kStart ? 500.0 : 1.0); // the oldest second holds the maximum
    M4Decimator::GridCache cache;
    ASSERT_EQ(update(cache, series, kStart, now), 100);
    series.append(++now, 1.0); // evicts kStart
    EXPECT_EQ(update(cache, series, kStart, now), 2) << "the oldest and the newest column";
    const auto segments = M4Decimator::segmentsOf(cache);
    ASSERT_EQ(segments.size(), 1);
    for (const QPointF &p : segments.first())
        EXPECT_LT(p.y(), 500.0) << "the evicted maximum is gone";
}

TEST(M4Decimator, GridGapColumnBreaksTheLineAndGridChangeRecomputesAll)
{
    TimeSeries series;
    for (qint64 s = kStart; s < kStart + 1000; ++s) {
        if (s >= kStart + 500 && s < kStart + 520)
            series.appendGap(s);
        else
            series.append(s, 1.0);
    }
    M4Decimator::GridCache cache;
    update(cache, series, kStart, kStart + 999);
    EXPECT_EQ(M4Decimator::segmentsOf(cache).size(), 2);
    // Another width (zoom or resize): a new grid, every column computed.
    EXPECT_EQ(M4Decimator::updateGrid(cache, series, 20'000.0, 0.0, kStart / 20,
                                      (kStart + 999) / 20, kStart, kStart + 999),
              50);
}
