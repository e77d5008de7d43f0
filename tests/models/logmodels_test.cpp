// LogTableModel and LogFilterModel under QAbstractItemModelTester (Fatal), incl. ring
// eviction, and the filter engine: level, component, text, regex, exclude, case, invalid
// patterns, stale generations and lines arriving after a filter.
#include "logfiltermodel.h"
#include "logfilterworker.h"
#include "logtablemodel.h"
#include "testsupport.h"

#include <gtest/gtest.h>

#include <QAbstractItemModelTester>
#include <QSignalSpy>

namespace {

QByteArray line(int i, const char *level, const char *component, const QByteArray &message)
{
    return "2026-11-29T10:" + QByteArray::number(10 + (i / 60) % 50) + ":"
        + QByteArray::number(10 + i % 50) + ".000Z " + level + " [" + component + "] " + message
        + "\n";
}

// 10 lines: i%5==0 ERROR database, i%5==1 WARN openai, others INFO api.
QByteArray sample(int from, int count)
{
    QByteArray bytes;
    for (int i = from; i < from + count; ++i) {
        switch (i % 5) {
        case 0:
            bytes += line(i, "ERROR", "database",
                          "connect ECONNREFUSED traceId=t" + QByteArray::number(i) + " ms=1043");
            break;
        case 1:
            bytes += line(i, "WARN", "openai", "Rate limit 429 Timeout ms=87");
            break;
        default:
            bytes
                += line(i, "INFO", "api", "GET /api/dreams status=200 ms=" + QByteArray::number(i));
        }
    }
    return bytes;
}

std::vector<qint64> shownLines(const LogFilterModel &model)
{
    std::vector<qint64> lines;
    for (int r = 0; r < model.rowCount(); ++r)
        lines.push_back(model.lineAt(r));
    return lines;
}

std::vector<qint64> filterNow(LogFilterModel &model, const LogFilter::Spec &spec)
{
    EXPECT_TRUE(model.setFilter(spec)) << qPrintable(model.errorText());
    EXPECT_TRUE(TestSupport::waitUntil([&] { return !model.isFiltering(); }, 10000));
    return shownLines(model);
}

} // namespace

TEST(LogTableModel, BatchesInsertAndEvictUnderTheTester)
{
    LogTableModel model(320);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    model.setSourceName(3, QStringLiteral("server.log"));
    for (int batch = 0; batch < 40; ++batch)
        model.appendChunks(
            {LogChunk {3, sample(batch * 10, 6)}, LogChunk {4, sample(batch * 10 + 6, 4)}});
    EXPECT_EQ(inserted.size(), 40); // one insert per batch
    EXPECT_GE(removed.size(), 1);
    EXPECT_LE(model.rowCount(), 320);
    EXPECT_EQ(model.store().endLine(), 400);
    const int last = model.rowCount() - 1;
    EXPECT_EQ(model.index(last, LogTableModel::MessageColumn).data().toString(),
              QStringLiteral("GET /api/dreams status=200 ms=399"));
    EXPECT_EQ(model.index(last, LogTableModel::LevelColumn).data().toString(),
              QStringLiteral("INFO"));
    EXPECT_EQ(model.index(last, LogTableModel::ComponentColumn).data().toString(),
              QStringLiteral("api"));
    EXPECT_EQ(model.index(last, LogTableModel::SourceColumn).data().toString(),
              QStringLiteral("4"));
    EXPECT_EQ(model.index(last, LogTableModel::TimeColumn).data().toString(),
              QStringLiteral("10:16:59.000"));
    const QModelIndex error = model.index(model.rowOfLine(390), LogTableModel::LevelColumn);
    EXPECT_EQ(error.data().toString(), QStringLiteral("ERROR"));
    EXPECT_TRUE(error.data(Qt::BackgroundRole).isValid()); // colour AND the level text
    EXPECT_EQ(model.index(model.rowOfLine(390), 0).data(LogTableModel::SourceIdRole).toInt(), 3);
    EXPECT_EQ(model.index(model.rowOfLine(390), 0).data(LogTableModel::RawLineRole).toByteArray(),
              sample(390, 1).chopped(1));
    EXPECT_EQ(model.rowOfLine(0), -1); // evicted
    model.clear();
    EXPECT_EQ(model.rowCount(), 0);
}

TEST(LogFilterModel, LevelComponentTextRegexExcludeAndCase)
{
    LogTableModel source(10'000);
    LogFilterModel model(&source);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    source.appendChunks({LogChunk {1, sample(0, 100)}});

    LogFilter::Spec spec;
    spec.minimumLevel = LogLevel::Warn;
    EXPECT_EQ(filterNow(model, spec).size(), 40u);
    spec.minimumLevel = LogLevel::Error;
    auto errors = filterNow(model, spec);
    ASSERT_EQ(errors.size(), 20u);
    EXPECT_EQ(errors[1], 5);

    spec = {};
    spec.component = QStringLiteral("OpenAI");
    EXPECT_EQ(filterNow(model, spec).size(), 20u);

    spec = {};
    spec.text = QStringLiteral("timeout"); // case-insensitive by default
    EXPECT_EQ(filterNow(model, spec).size(), 20u);
    spec.caseSensitive = true;
    EXPECT_EQ(filterNow(model, spec).size(), 0u);
    spec.text = QStringLiteral("Timeout");
    EXPECT_EQ(filterNow(model, spec).size(), 20u);

    spec = {};
    spec.regex = true;
    spec.text = QStringLiteral("ms=\\d{4}");
    EXPECT_EQ(filterNow(model, spec).size(), 20u);
    spec.text = QStringLiteral("refused|429");
    EXPECT_EQ(filterNow(model, spec).size(), 40u);
    spec.exclude = QStringLiteral("traceId=t[0-4]\\d\\b"); // t10, t15 ... t45
    EXPECT_EQ(filterNow(model, spec).size(), 32u);
    spec.text = QStringLiteral("^2026-\\S+ WARN");
    spec.exclude.clear();
    EXPECT_EQ(filterNow(model, spec).size(), 20u);
    spec.text = QStringLiteral("1043\\s2026"); // a match across lines is no match
    EXPECT_EQ(filterNow(model, spec).size(), 0u);
    EXPECT_EQ(model.totalLines(), 100);
}

TEST(LogFilterModel, InvalidRegexExplainsWhereAndKeepsTheResult)
{
    LogTableModel source;
    LogFilterModel model(&source);
    source.appendChunks({LogChunk {1, sample(0, 10)}});
    LogFilter::Spec spec;
    spec.text = QStringLiteral("database");
    EXPECT_EQ(filterNow(model, spec).size(), 2u);
    spec.regex = true;
    spec.text = QStringLiteral("time(out");
    EXPECT_FALSE(model.setFilter(spec));
    EXPECT_TRUE(model.errorText().contains(QStringLiteral("not a valid regular expression")))
        << qPrintable(model.errorText());
    EXPECT_TRUE(model.errorText().contains(QStringLiteral("at character 9")))
        << qPrintable(model.errorText());
    EXPECT_EQ(model.rowCount(), 2);
    spec.text = QStringLiteral("[");
    EXPECT_FALSE(LogFilter(spec).isValid());
    spec.text.clear();
    spec.exclude = QStringLiteral("(");
    EXPECT_TRUE(LogFilter(spec).errorText().contains(QStringLiteral("exclude filter")));
}

TEST(LogFilterModel, NewLinesAreMatchedIncrementallyAndEvictedFromTheTop)
{
    LogTableModel source(320);
    LogFilterModel model(&source);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    source.appendChunks({LogChunk {1, sample(0, 50)}});
    LogFilter::Spec spec;
    spec.minimumLevel = LogLevel::Error;
    ASSERT_EQ(filterNow(model, spec).size(), 10u);
    QSignalSpy counts(&model, &LogFilterModel::countsChanged);
    for (int batch = 0; batch < 50; ++batch)
        source.appendChunks({LogChunk {1, sample(50 + batch * 10, 10)}});
    EXPECT_FALSE(counts.isEmpty());
    const auto lines = shownLines(model);
    ASSERT_FALSE(lines.empty());
    EXPECT_EQ(lines.back(), 545);
    EXPECT_GE(lines.front(), source.store().firstLine());
    for (std::size_t i = 0; i < lines.size(); ++i)
        ASSERT_EQ(lines[i] % 5, 0);
    EXPECT_EQ(qint64(lines.size()), (source.store().endLine() - lines.front() + 4) / 5);
    EXPECT_EQ(model.totalLines(), source.store().size());
}

TEST(LogFilterWorker, StaleGenerationIsDropped)
{
    LogStore store(2'000'000);
    store.append(1, sample(0, 300'000));
    LogFilterWorker worker;
    QSignalSpy finished(&worker, &LogFilterWorker::finished);
    LogFilter::Spec slow;
    slow.regex = true;
    slow.text = QStringLiteral("(a|b|c|d)*x*refused");
    LogFilter::Spec fast;
    fast.minimumLevel = LogLevel::Warn;
    const quint64 first = worker.start(slow, store.snapshot(), 0, store.endLine());
    const quint64 second = worker.start(fast, store.snapshot(), 0, store.endLine());
    EXPECT_GT(second, first);
    ASSERT_TRUE(TestSupport::waitUntil([&] { return !worker.isBusy(); }, 20000));
    TestSupport::waitUntil([] { return false; }, 100); // a late stale result would show here
    ASSERT_EQ(finished.size(), 1);
    EXPECT_EQ(finished.front().at(0).toULongLong(), second);
    EXPECT_EQ(finished.front().at(1).value<std::vector<qint64>>().size(), 120'000u);
}
