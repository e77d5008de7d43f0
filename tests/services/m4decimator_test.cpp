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
