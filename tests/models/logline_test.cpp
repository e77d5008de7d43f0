// The log line parser and the display sanitiser (services/logline.h), incl. row F2's fuzz run.
#include "logline.h"

#include <gtest/gtest.h>

#include <QElapsedTimer>
#include <QRandomGenerator>

#include <chrono>

namespace {

QByteArrayView view(const char *text)
{
    return QByteArrayView(text, qsizetype(std::strlen(text)));
}

QByteArrayView part(QByteArrayView line, int start, int length)
{
    return line.sliced(start, length);
}

} // namespace

TEST(LogLineParser, ParsesTheContractFormat)
{
    const QByteArrayView line
        = view("2026-11-29T10:00:00.123Z ERROR [database] connect ECONNREFUSED "
               "10.0.0.5:5432 traceId=abc123 route=/api/x status=500 ms=1043\n");
    const LogLineFields f = LogLineParser::parse(line);
    // 2026-11-29T10:00:00.123Z, checked against QDateTime once here (the parser never uses it).
    EXPECT_EQ(f.timestampMs, 1795946400123LL);
    EXPECT_EQ(f.level, LogLevel::Error);
    EXPECT_EQ(part(line, f.componentStart, f.componentLength), view("database"));
    EXPECT_EQ(part(line, f.messageStart, f.messageLength),
              view("connect ECONNREFUSED 10.0.0.5:5432 traceId=abc123 route=/api/x status=500 "
                   "ms=1043"));
    EXPECT_EQ(LogLineParser::value(line, "traceId"), view("abc123"));
    EXPECT_EQ(LogLineParser::value(line, "ms"), view("1043"));
    EXPECT_EQ(LogLineParser::value(line, "status"), view("500"));
    EXPECT_TRUE(LogLineParser::value(line, "missing").isEmpty());
    EXPECT_TRUE(LogLineParser::value(line, "Id").isEmpty()); // not a key of its own
}

TEST(LogLineParser, EveryLevelAndNoComponent)
{
    const struct
    {
        const char *text;
        LogLevel level;
    } cases[]
        = {{"TRACE", LogLevel::Trace}, {"DEBUG", LogLevel::Debug}, {"INFO", LogLevel::Info},
           {"WARN", LogLevel::Warn},   {"ERROR", LogLevel::Error}, {"FATAL", LogLevel::Fatal}};
    for (const auto &c : cases) {
        const QByteArray line = QByteArray("2026-01-01T00:00:00.000Z ") + c.text + " started";
        const LogLineFields f = LogLineParser::parse(line);
        EXPECT_EQ(f.level, c.level) << c.text;
        EXPECT_EQ(LogLineParser::level(line), c.level);
        EXPECT_EQ(f.componentLength, 0);
        EXPECT_EQ(line.sliced(f.messageStart, f.messageLength), QByteArray("started"));
        EXPECT_EQ(LogLineParser::levelName(c.level), QString::fromLatin1(c.text));
        EXPECT_EQ(LogLineParser::levelFromName(QByteArray(c.text).toLower()), c.level);
    }
    EXPECT_EQ(LogLineParser::levelFromName("warning"), LogLevel::Warn);
    EXPECT_EQ(LogLineParser::levelFromName("loud"), LogLevel::Unknown);
    EXPECT_EQ(LogLineParser::levelName(LogLevel::Unknown), QStringLiteral("unknown"));
    EXPECT_EQ(LogLineParser::timestampMs("1970-01-01T00:00:01.002Z"), 1002);
    EXPECT_EQ(LogLineParser::timestampMs("1969-12-31T23:59:59.999Z"), -1);
}

TEST(LogLineParser, GarbageIsUnknownAndKeptWhole)
{
    for (const char *text :
         {"", "hello world", "2026-13-01T00:00:00.000Z ERROR x",
          "2026-01-01T00:00:00.000Z ERRORS x", "2026-01-01 00:00:00 ERROR x",
          "2026-01-01T00:00:00.000Z",
          // Before the epoch: not a time (-1 means none), so not a level either.
          "0226-11-29T10:00:00.123Z INFO [x] y", "1969-12-31T23:59:59.999Z ERROR z"}) {
        const QByteArrayView line = view(text);
        const LogLineFields f = LogLineParser::parse(line);
        EXPECT_EQ(f.level, LogLevel::Unknown) << text;
        EXPECT_EQ(LogLineParser::level(line), LogLevel::Unknown) << text;
        EXPECT_LE(f.messageStart + f.messageLength, line.size());
    }
    const QByteArrayView plain = view("hello world\r\n");
    const LogLineFields f = LogLineParser::parse(plain);
    EXPECT_EQ(f.timestampMs, -1);
    EXPECT_EQ(part(plain, f.messageStart, f.messageLength), view("hello world"));
    // A timestamp without a level keeps its time.
    EXPECT_EQ(LogLineParser::parse("2026-01-01T00:00:00.000Z whatever").timestampMs,
              LogLineParser::timestampMs("2026-01-01T00:00:00.000Z"));
}

TEST(LogLineParser, F2_InvalidUtf8NulAndEscapesAreShownNeutral)
{
    static const char raw[] = "2026-01-01T00:00:00.000Z INFO [x] a\xff\xfe b\0c \x1b[31mred"
                              "\x1b]8;;http://e\x07 \xe2\x80\xae"
                              "evil \xc0\xaf <b>bold</b>";
    const QByteArray line(raw, sizeof(raw) - 1);
    const LogLineFields f = LogLineParser::parse(line);
    EXPECT_EQ(f.level, LogLevel::Info);
    const QString shown = LogLineParser::displayText(line.sliced(f.messageStart));
    EXPECT_FALSE(shown.contains(QChar(0x1b)));
    EXPECT_FALSE(shown.contains(QChar(0)));
    EXPECT_FALSE(shown.contains(QChar(0x202E)));
    EXPECT_FALSE(shown.contains(QChar(7)));
    EXPECT_TRUE(shown.contains(QStringLiteral("[U+202E]")));
    EXPECT_TRUE(shown.contains(QStringLiteral("^[[31mred")));
    EXPECT_TRUE(shown.contains(QStringLiteral("a\ufffd\ufffd b^@c")));
    EXPECT_TRUE(shown.contains(QStringLiteral("<b>bold</b>"))); // text, not markup
    EXPECT_TRUE(shown.contains(QStringLiteral("\ufffd\ufffd <b>"))); // overlong '/' rejected
    EXPECT_EQ(LogLineParser::displayText("caf\xc3\xa9 \xf0\x9f\x98\x80"), QStringLiteral("café 😀"));
}

TEST(LogLineParser, F2_MegabyteLineIsCutForDisplay)
{
    QByteArray line("2026-01-01T00:00:00.000Z WARN [big] ");
    line.append(QByteArray(1 << 20, 'x'));
    const LogLineFields f = LogLineParser::parse(line);
    EXPECT_EQ(f.level, LogLevel::Warn);
    EXPECT_EQ(f.messageLength, 1 << 20);
    const QString shown = LogLineParser::displayText(line.sliced(f.messageStart), 4096);
    EXPECT_TRUE(shown.startsWith(QString(4096, QLatin1Char('x'))));
    EXPECT_TRUE(shown.endsWith(QStringLiteral("… (%1 more bytes)").arg((1 << 20) - 4096)));
    EXPECT_LT(shown.size(), 4200);
}

// Row F2's fuzz target, briefly: random bytes and mutated contract lines must parse within
// bounds and display without any control, bidi or escape character. DREAMOPS_FUZZ_SECONDS
// runs it longer.
TEST(LogLineParser, F2_FuzzRandomBytes)
{
    const double seconds = qEnvironmentVariableIsSet("DREAMOPS_FUZZ_SECONDS")
        ? qEnvironmentVariable("DREAMOPS_FUZZ_SECONDS").toDouble()
        : 2.0;
    QRandomGenerator rng(20261129);
    const QByteArray seed("2026-11-29T10:00:00.123Z ERROR [db] connect traceId=abc ms=1043 "
                          "\x1b]8;;x\x07\xe2\x80\xae\xe2\x81\xa6");
    QElapsedTimer timer;
    timer.start();
    qint64 runs = 0;
    while (timer.elapsed() < qint64(seconds * 1000)) {
        QByteArray bytes = rng.bounded(2) ? seed : QByteArray();
        const int edits = int(rng.bounded(1, 40));
        for (int i = 0; i < edits; ++i) {
            const char c = char(rng.bounded(256));
            if (!bytes.isEmpty() && rng.bounded(2))
                bytes[qsizetype(rng.bounded(int(bytes.size())))] = c;
            else
                bytes.insert(qsizetype(rng.bounded(int(bytes.size()) + 1)), c);
        }
        const LogLineFields f = LogLineParser::parse(bytes);
        ASSERT_GE(f.messageStart, 0);
        ASSERT_LE(qsizetype(f.messageStart) + f.messageLength, bytes.size());
        ASSERT_LE(qsizetype(f.componentStart) + f.componentLength, bytes.size());
        (void)LogLineParser::value(bytes, "traceId");
        const QString shown = LogLineParser::displayText(bytes, int(rng.bounded(1, 100)));
        for (const QChar c : shown) {
            const char16_t u = c.unicode();
            ASSERT_FALSE(u < 0x20 || u == 0x7f || (u >= 0x80 && u <= 0x9f)) << int(u);
            ASSERT_FALSE((u >= 0x202A && u <= 0x202E) || (u >= 0x2066 && u <= 0x2069));
        }
        ++runs;
    }
    EXPECT_GT(runs, 100);
}
