#include "timeseries.h"

#include <gtest/gtest.h>

#include <cmath>

TEST(TimeSeries, AppendsContiguousSeconds)
{
    TimeSeries series(100);
    for (int s = 0; s < 10; ++s)
        EXPECT_TRUE(series.append(1000 + s, s * 1.5));
    EXPECT_EQ(series.size(), 10);
    EXPECT_EQ(series.firstSecond(), 1000);
    EXPECT_EQ(series.lastSecond(), 1009);
    EXPECT_DOUBLE_EQ(series.valueAt(1004), 6.0);
    EXPECT_DOUBLE_EQ(series.latest(), 13.5);
}

TEST(TimeSeries, SkippedSecondsStayGaps)
{
    TimeSeries series(100);
    series.append(10, 1.0);
    series.append(15, 2.0);
    EXPECT_EQ(series.size(), 6);
    for (int s = 11; s < 15; ++s)
        EXPECT_TRUE(std::isnan(series.valueAt(s))) << s;
    series.appendGap(16);
    EXPECT_TRUE(std::isnan(series.valueAt(16)));
    EXPECT_DOUBLE_EQ(series.latest(), 2.0) << "latest() skips a trailing gap";
}

TEST(TimeSeries, NonFiniteValuesAreGaps)
{
    TimeSeries series(10);
    series.append(1, std::numeric_limits<double>::infinity());
    series.append(2, std::nan(""));
    EXPECT_TRUE(std::isnan(series.valueAt(1)));
    EXPECT_TRUE(std::isnan(series.valueAt(2)));
    EXPECT_TRUE(std::isnan(series.latest()));
}

TEST(TimeSeries, SameSecondOverwritesAndOldSecondsWriteInPlace)
{
    TimeSeries series(10);
    series.append(100, 1.0);
    series.append(100, 2.0);
    EXPECT_EQ(series.size(), 1);
    EXPECT_DOUBLE_EQ(series.valueAt(100), 2.0);
    series.append(105, 5.0);
    EXPECT_TRUE(series.append(103, 3.0)) << "a late sample still inside the window lands";
    EXPECT_DOUBLE_EQ(series.valueAt(103), 3.0);
    EXPECT_FALSE(series.append(50, 9.0)) << "older than the window: ignored";
    EXPECT_EQ(series.lastSecond(), 105);
}

TEST(TimeSeries, WrapsAtCapacityWithBoundedMemory)
{
    TimeSeries series(10);
    for (int s = 0; s < 25; ++s)
        series.append(s, s);
    EXPECT_EQ(series.size(), 10);
    EXPECT_EQ(series.capacity(), 10);
    EXPECT_EQ(series.firstSecond(), 15);
    EXPECT_TRUE(std::isnan(series.valueAt(14)));
    int visited = 0;
    series.forEach(0, 100, [&](qint64 second, double value) {
        EXPECT_DOUBLE_EQ(value, double(second));
        ++visited;
    });
    EXPECT_EQ(visited, 10);
}

TEST(TimeSeries, JumpBeyondCapacityStartsAgain)
{
    TimeSeries series(10);
    series.append(0, 1.0);
    series.append(1000, 2.0);
    EXPECT_EQ(series.size(), 1);
    EXPECT_EQ(series.firstSecond(), 1000);
    EXPECT_DOUBLE_EQ(series.latest(), 2.0);
}

TEST(TimeSeries, DefaultHoldsTwentyFourHours)
{
    TimeSeries series;
    for (qint64 s = 0; s < 2 * TimeSeries::kDefaultCapacity; s += 7)
        series.append(s, 1.0);
    EXPECT_EQ(series.capacity(), 86400);
    EXPECT_LE(series.size(), 86400);
}
