#pragma once

// The error-spike drill of issue 6, shared by the services drill (IncidentDrill) and the drill
// through the window (IncidentDrillWindow): the blocking client call, the prose the lead types and
// tests/data/incident/drill-writeup.md with the drill's times substituted.
#include "apiresult.h"
#include "testsupport.h"

#include <gtest/gtest.h>

#include <QDateTime>
#include <QFile>
#include <QObject>

#include <optional>
#include <utility>

namespace IncidentTest {

/// Runs one OpsClient call (`start(context, callback)`) to its answer; false (and a test
/// failure) unless it succeeded.
template<typename T, typename Start>
bool call(Start start)
{
    std::optional<ApiResult<T>> result;
    QObject context;
    start(&context, [&result](const ApiResult<T> &r) { result.emplace(r); });
    TestSupport::waitUntil([&] { return result.has_value(); }, 10000);
    EXPECT_TRUE(result && result->ok())
        << (result ? result->error().userMessage().toStdString() : "no answer");
    return result && result->ok();
}

/// The drill's clock: the store runs from t0 (a whole minute, 40 minutes before the real time)
/// so that the milestones have fixed offsets; the journal's two quarantine entries keep their
/// real times.
struct DrillTimes
{
    QDateTime t0;
    QDateTime quarantineRequested;
    QDateTime quarantineDone;

    static QDateTime startFromNow()
    {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        return now.addSecs(-40 * 60).addSecs(-now.time().second()).addMSecs(-now.time().msec());
    }
    QDateTime at(int minutes) const { return t0.addSecs(minutes * 60); }
};

/// The write-up's prose fields as the lead fills them in the drill, by field key.
inline QList<std::pair<QString, QString>> drillProse()
{
    return {
        {QStringLiteral("root-cause"),
         QStringLiteral("citadel failed over half of its requests and its queue grew "
                        "(simulated error-spike).")},
        {QStringLiteral("why-not-caught"),
         QStringLiteral(
             "No alert on the per-agent error rate; only the fleet-wide rate was watched.")},
        {QStringLiteral("fix-applied"),
         QStringLiteral(
             "Quarantined citadel from the console; the error rate fell back under 5 %.")},
        {QStringLiteral("test-proving-fix"),
         QStringLiteral("The error-spike drill test (IncidentDrill.ErrorSpikeP1ToWriteup).")},
    };
}

inline QString hhmm(const QDateTime &t)
{
    return t.toUTC().toString(QStringLiteral("HH:mm"));
}

/// `file` (drill-writeup.md) with {{date}}, {{t-2}}...{{t+51}}, {{q}} and {{qr}} replaced.
inline QString expectedDrillWriteup(const QString &file, const DrillTimes &times)
{
    QFile in(file);
    EXPECT_TRUE(in.open(QIODevice::ReadOnly)) << file.toStdString();
    QString expected = QString::fromUtf8(in.readAll());
    const QList<std::pair<QString, QString>> tokens {
        {QStringLiteral("{{date}}"), times.at(-2).toString(QStringLiteral("yyyy-MM-dd"))},
        {QStringLiteral("{{t-2}}"), hhmm(times.at(-2))},
        {QStringLiteral("{{t+0}}"), hhmm(times.at(0))},
        {QStringLiteral("{{t+3}}"), hhmm(times.at(3))},
        {QStringLiteral("{{t+10}}"), hhmm(times.at(10))},
        {QStringLiteral("{{q}}"), hhmm(times.quarantineRequested)},
        {QStringLiteral("{{qr}}"), hhmm(times.quarantineDone)},
        {QStringLiteral("{{t+45}}"), hhmm(times.at(45))},
        {QStringLiteral("{{t+50}}"), hhmm(times.at(50))},
        {QStringLiteral("{{t+51}}"), hhmm(times.at(51))},
    };
    for (const auto &[token, value] : tokens)
        expected.replace(token, value);
    return expected;
}

} // namespace IncidentTest
