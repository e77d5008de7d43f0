// Rows F1 and F2 on every build: the checked-in corpus (seeds, and any input a fuzzing run found
// worth keeping) replayed through the same targets libFuzzer drives (scripts/fuzz), plus inputs
// too large for a fuzzer's default length: deep nesting, a huge answer, a megabyte line.
#include "fuzztargets.h"

#include <gtest/gtest.h>

#include <QByteArray>
#include <QDir>
#include <QFile>

namespace {

using Target = const char *(*)(const std::uint8_t *, std::size_t);

const char *run(Target target, const QByteArray &input)
{
    return target(reinterpret_cast<const std::uint8_t *>(input.constData()),
                  std::size_t(input.size()));
}

// Every file of corpus/<name>; the count, so that an empty or missing folder fails.
int replay(const char *name, Target target)
{
    const QDir dir(QStringLiteral(DREAMOPS_FUZZ_CORPUS "/") + QLatin1String(name));
    int count = 0;
    for (const QString &file : dir.entryList(QDir::Files, QDir::Name)) {
        QFile f(dir.filePath(file));
        if (!f.open(QIODevice::ReadOnly)) {
            ADD_FAILURE() << "cannot read " << file.toStdString();
            continue;
        }
        const char *broken = run(target, f.readAll());
        EXPECT_EQ(broken, nullptr) << name << "/" << file.toStdString() << ": " << broken;
        ++count;
    }
    return count;
}

} // namespace

TEST(Fuzz, F1_PrometheusCorpusReplaysWithinItsPromises)
{
    EXPECT_GE(replay("prometheus", &FuzzTargets::prometheusAnswer), 12);
}

TEST(Fuzz, F1_PrometheusAnswersTooLargeForTheFuzzer)
{
    // 100,000 nested arrays: Qt's JSON parser refuses them (its depth limit), no stack overflow.
    const QByteArray deep = QByteArray(100'000, '[') + QByteArray(100'000, ']');
    EXPECT_EQ(run(&FuzzTargets::prometheusAnswer, deep), nullptr);
    // 5,000 series: over the cap, refused with its sentence.
    QByteArray wide = R"({"status":"success","data":{"resultType":"vector","result":[)";
    for (int i = 0; i < 5000; ++i) {
        wide += (i ? "," : "") + QByteArray(R"({"metric":{"instance":"i)") + QByteArray::number(i)
            + R"("},"value":[1,"1"]})";
    }
    wide += "]}}";
    EXPECT_EQ(run(&FuzzTargets::prometheusAnswer, wide), nullptr);
    // One series of 200,000 points, and a label value of a megabyte.
    QByteArray longSeries = R"({"status":"success","data":{"resultType":"matrix","result":[)"
                            R"({"metric":{},"values":[)";
    for (int i = 0; i < 200'000; ++i)
        longSeries += (i ? ",[" : "[") + QByteArray::number(i) + R"(,"0.5"])";
    longSeries += "]}]}}";
    EXPECT_EQ(run(&FuzzTargets::prometheusAnswer, longSeries), nullptr);
    const QByteArray bigLabel = R"({"status":"success","data":{"resultType":"vector","result":[)"
                                R"({"metric":{"x":")"
        + QByteArray(1 << 20, 'a') + R"("},"value":[1,"1"]}]}})";
    EXPECT_EQ(run(&FuzzTargets::prometheusAnswer, bigLabel), nullptr);
}

TEST(Fuzz, OpsAnswerCorpusReplaysWithinItsPromises)
{
    EXPECT_GE(replay("opsanswer", &FuzzTargets::opsAnswer), 10);
    // 100,000 nested objects: refused as invalid JSON (Qt's depth limit), no stack overflow.
    QByteArray deep;
    for (int i = 0; i < 100'000; ++i)
        deep += "{\"a\":";
    EXPECT_EQ(run(&FuzzTargets::opsAnswer, deep + "1" + QByteArray(100'000, '}')), nullptr);
}

TEST(Fuzz, F2_LogLineCorpusReplaysWithinItsPromises)
{
    EXPECT_GE(replay("logline", &FuzzTargets::logLine), 10);
}

TEST(Fuzz, F2_LogLinesTooLargeForTheFuzzer)
{
    // A megabyte line of escapes, one of bidi overrides, and one of invalid UTF-8.
    EXPECT_EQ(run(&FuzzTargets::logLine, QByteArray(1 << 20, '\x1b')), nullptr);
    QByteArray bidi;
    for (int i = 0; i < 100'000; ++i)
        bidi += "\xe2\x80\xae"; // U+202E
    EXPECT_EQ(run(&FuzzTargets::logLine, bidi), nullptr);
    EXPECT_EQ(run(&FuzzTargets::logLine, QByteArray(1 << 20, '\xff')), nullptr);
}
