#include "logline.h"

#include <QLatin1String>
#include <QtEndian>

#include <cstring>

namespace {

constexpr int TimestampLength = 24; // 2026-11-29T10:00:00.123Z
// A log line's time is epoch milliseconds and -1 means "none": a year before the epoch is no
// timestamp, in parse() and level() alike (fuzzing found the two disagreeing on "0226-...").
constexpr int kFirstYear = 1970;

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// Reads n decimal digits at p; -1 when one is not a digit.
int digits(const char *p, int n)
{
    int value = 0;
    for (int i = 0; i < n; ++i) {
        if (!isDigit(p[i]))
            return -1;
        value = value * 10 + (p[i] - '0');
    }
    return value;
}

int twoDigits(const char *p)
{
    return (p[0] - '0') * 10 + (p[1] - '0');
}

// The same validity as timestampMs() >= 0 without the date arithmetic: what level() needs on
// every line of a bulk load.
// True when the 8 bytes in `word` have digits where `digitMask` has 0xff and exactly the bytes
// of `separators` where `separatorMask` has 0xff (SWAR: all 8 bytes at once).
constexpr bool
wordMatches(quint64 word, quint64 digitMask, quint64 separatorMask, quint64 separators)
{
    constexpr quint64 Zeros = 0x3030303030303030ULL; // '0' in every byte
    constexpr quint64 High = 0xf0f0f0f0f0f0f0f0ULL;
    constexpr quint64 Six = 0x0606060606060606ULL;
    const quint64 x = (word ^ Zeros) & digitMask; // a digit byte becomes 0x00-0x09
    return (word & separatorMask) == separators && (x & High) == 0 && ((x + Six) & High) == 0;
}

quint64 load64(const char *p)
{
    quint64 word = 0;
    std::memcpy(&word, p, sizeof word);
    return qFromLittleEndian(word);
}

// The same validity as timestampMs() >= 0 without the date arithmetic: what level() needs on
// every line of a bulk load (LogFileIndex), so three word compares instead of a loop.
bool hasTimestampShape(QByteArrayView line)
{
    if (line.size() < TimestampLength)
        return false;
    const char *p = line.data();
    // "dddd-dd-" "ddTdd:dd" ":dd.dddZ", byte 0 lowest.
    if (!wordMatches(load64(p), 0x00ffff00ffffffffULL, 0xff0000ff00000000ULL, 0x2d00002d00000000ULL)
        || !wordMatches(load64(p + 8), 0xffff00ffff00ffffULL, 0x0000ff0000ff0000ULL,
                        0x00003a0000540000ULL)
        || !wordMatches(load64(p + 16), 0x00ffffff00ffff00ULL, 0xff000000ff0000ffULL,
                        0x5a0000002e00003aULL))
        return false;
    const int year = twoDigits(p) * 100 + twoDigits(p + 2);
    const int month = twoDigits(p + 5);
    const int day = twoDigits(p + 8);
    return year >= kFirstYear && month >= 1 && month <= 12 && day >= 1 && day <= 31
        && twoDigits(p + 11) <= 23 && twoDigits(p + 14) <= 59 && twoDigits(p + 17) <= 60;
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
qint64 daysFromCivil(int y, int m, int d)
{
    y -= m <= 2 ? 1 : 0;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return qint64(era) * 146097 + doe - 719468;
}

QByteArrayView trimEol(QByteArrayView line)
{
    qsizetype n = line.size();
    while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
        --n;
    return line.first(n);
}

// The level token right after the timestamp ("... INFO ..."): its level and its length. A switch
// on the first letter and fixed-size compares (inlined), as this runs on every indexed line.
LogLevel levelAt(QByteArrayView line, int *length)
{
    const qsizetype start = TimestampLength + 1;
    if (line.size() <= start || line[TimestampLength] != ' ')
        return LogLevel::Unknown;
    const char *p = line.data() + start;
    const qsizetype rest = line.size() - start;
    const auto token = [p, rest, length](const char(&name)[6], LogLevel level) {
        constexpr int n = 5;
        if (rest < n || std::memcmp(p, name, n) != 0)
            return LogLevel::Unknown;
        if (rest > n && p[n] != ' ' && p[n] != '\n' && p[n] != '\r')
            return LogLevel::Unknown;
        *length = n;
        return level;
    };
    const auto shortToken = [p, rest, length](const char(&name)[5], LogLevel level) {
        constexpr int n = 4;
        if (rest < n || std::memcmp(p, name, n) != 0)
            return LogLevel::Unknown;
        if (rest > n && p[n] != ' ' && p[n] != '\n' && p[n] != '\r')
            return LogLevel::Unknown;
        *length = n;
        return level;
    };
    switch (p[0]) {
    case 'T':
        return token("TRACE", LogLevel::Trace);
    case 'D':
        return token("DEBUG", LogLevel::Debug);
    case 'I':
        return shortToken("INFO", LogLevel::Info);
    case 'W':
        return shortToken("WARN", LogLevel::Warn);
    case 'E':
        return token("ERROR", LogLevel::Error);
    case 'F':
        return token("FATAL", LogLevel::Fatal);
    default:
        break;
    }
    return LogLevel::Unknown;
}

char asciiLower(char c)
{
    return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c;
}

bool equalsIgnoringCase(QByteArrayView a, const char *b)
{
    const auto n = qsizetype(std::strlen(b));
    if (a.size() != n)
        return false;
    for (qsizetype i = 0; i < n; ++i) {
        if (asciiLower(a[i]) != b[i])
            return false;
    }
    return true;
}

} // namespace

namespace LogLineParser {

qint64 timestampMs(QByteArrayView line)
{
    if (line.size() < TimestampLength)
        return -1;
    const char *p = line.data();
    if (p[4] != '-' || p[7] != '-' || p[10] != 'T' || p[13] != ':' || p[16] != ':' || p[19] != '.'
        || p[23] != 'Z')
        return -1;
    const int year = digits(p, 4);
    const int month = digits(p + 5, 2);
    const int day = digits(p + 8, 2);
    const int hour = digits(p + 11, 2);
    const int minute = digits(p + 14, 2);
    const int second = digits(p + 17, 2);
    const int milli = digits(p + 20, 3);
    if (year < kFirstYear || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23
        || minute < 0 || minute > 59 || second < 0 || second > 60 || milli < 0)
        return -1;
    const qint64 days = daysFromCivil(year, month, day);
    return ((days * 24 + hour) * 60 + minute) * 60000 + qint64(second) * 1000 + milli;
}

LogLevel level(QByteArrayView line)
{
    int length = 0;
    const LogLevel found = levelAt(line, &length);
    if (found == LogLevel::Unknown || !hasTimestampShape(line))
        return LogLevel::Unknown;
    return found;
}

LogLineFields parse(QByteArrayView line)
{
    line = trimEol(line);
    LogLineFields fields;
    fields.messageLength = int(qMin<qsizetype>(line.size(), INT_MAX));
    fields.timestampMs = timestampMs(line);
    if (fields.timestampMs < 0)
        return fields;
    int levelLength = 0;
    fields.level = levelAt(line, &levelLength);
    if (fields.level == LogLevel::Unknown) {
        // A timestamp but no level: keep the time (for ordering and the time link), the rest
        // is the message.
        const int start = qMin<int>(TimestampLength + 1, fields.messageLength);
        fields.messageStart = start;
        fields.messageLength -= start;
        return fields;
    }
    int pos = TimestampLength + 1 + levelLength;
    if (pos < line.size() && line[pos] == ' ')
        ++pos;
    if (pos < line.size() && line[pos] == '[') {
        const qsizetype close = line.indexOf(']', pos + 1);
        if (close > 0) {
            fields.componentStart = pos + 1;
            fields.componentLength = int(close - pos - 1);
            pos = int(close + 1);
            if (pos < line.size() && line[pos] == ' ')
                ++pos;
        }
    }
    fields.messageStart = pos;
    fields.messageLength = int(line.size()) - pos;
    return fields;
}

QByteArrayView value(QByteArrayView line, QByteArrayView key)
{
    line = trimEol(line);
    if (key.isEmpty())
        return {};
    const LogLineFields fields = parse(line);
    const QByteArrayView message = line.sliced(fields.messageStart, fields.messageLength);
    qsizetype from = 0;
    while (from < message.size()) {
        const qsizetype at = message.indexOf(key, from);
        if (at < 0)
            return {};
        const qsizetype end = at + key.size();
        if ((at == 0 || message[at - 1] == ' ') && end < message.size() && message[end] == '=') {
            qsizetype valueEnd = message.indexOf(' ', end + 1);
            if (valueEnd < 0)
                valueEnd = message.size();
            return message.sliced(end + 1, valueEnd - end - 1);
        }
        from = at + 1;
    }
    return {};
}

QString levelName(LogLevel level)
{
    switch (level) {
    case LogLevel::Trace:
        return QStringLiteral("TRACE");
    case LogLevel::Debug:
        return QStringLiteral("DEBUG");
    case LogLevel::Info:
        return QStringLiteral("INFO");
    case LogLevel::Warn:
        return QStringLiteral("WARN");
    case LogLevel::Error:
        return QStringLiteral("ERROR");
    case LogLevel::Fatal:
        return QStringLiteral("FATAL");
    case LogLevel::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

LogLevel levelFromName(QByteArrayView name)
{
    struct Alias
    {
        const char *name;
        LogLevel level;
    };
    static constexpr Alias Aliases[] = {
        {"trace", LogLevel::Trace}, {"debug", LogLevel::Debug},  {"info", LogLevel::Info},
        {"warn", LogLevel::Warn},   {"warning", LogLevel::Warn}, {"error", LogLevel::Error},
        {"err", LogLevel::Error},   {"fatal", LogLevel::Fatal},  {"critical", LogLevel::Fatal},
    };
    name = name.trimmed();
    for (const Alias &alias : Aliases) {
        if (equalsIgnoringCase(name, alias.name))
            return alias.level;
    }
    return LogLevel::Unknown;
}

} // namespace LogLineParser

namespace {

// One decoded UTF-8 sequence: the code point (U+FFFD when invalid) and its byte length.
struct Decoded
{
    char32_t codePoint;
    int length;
};

Decoded decodeUtf8(const unsigned char *p, qsizetype available)
{
    const unsigned char lead = p[0];
    if (lead < 0x80)
        return {lead, 1};
    int length = 0;
    char32_t cp = 0;
    char32_t minimum = 0;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2, cp = lead & 0x1F, minimum = 0x80;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3, cp = lead & 0x0F, minimum = 0x800;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4, cp = lead & 0x07, minimum = 0x10000;
    } else {
        return {0xFFFD, 1};
    }
    if (available < length)
        return {0xFFFD, 1};
    for (int i = 1; i < length; ++i) {
        if ((p[i] & 0xC0) != 0x80)
            return {0xFFFD, 1};
        cp = (cp << 6) | (p[i] & 0x3F);
    }
    if (cp < minimum || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return {0xFFFD, 1};
    return {cp, length};
}

bool isBidiControl(char32_t cp)
{
    return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E
        || cp == 0x200F || cp == 0x061C;
}

} // namespace

QString LogLineParser::displayText(QByteArrayView bytes, int maxChars)
{
    bytes = trimEol(bytes);
    QString out;
    out.reserve(int(qMin<qsizetype>(bytes.size(), maxChars)) + 2);
    const auto *p = reinterpret_cast<const unsigned char *>(bytes.data());
    const qsizetype size = bytes.size();
    qsizetype pos = 0;
    while (pos < size && out.size() < maxChars) {
        const Decoded d = decodeUtf8(p + pos, size - pos);
        pos += d.length;
        const char32_t cp = d.codePoint;
        if (cp < 0x20) {
            // Caret notation, as `cat -v` shows them (ESC = ^[, NUL = ^@): always has glyphs.
            out.append(QLatin1Char('^'));
            out.append(QLatin1Char(char(cp + 0x40)));
        } else if (cp == 0x7F) {
            out.append(QLatin1String("^?"));
        } else if (cp >= 0x80 && cp <= 0x9F) {
            out.append(QChar(char16_t(0xFFFD))); // C1 controls (CSI 0x9B...) are never shown
        } else if (isBidiControl(cp) || cp == 0x2028 || cp == 0x2029) {
            out.append(QStringLiteral("[U+%1]").arg(uint(cp), 4, 16, QLatin1Char('0')).toUpper());
        } else if (cp >= 0x10000) {
            const char32_t ucs4[1] = {cp};
            out.append(QString::fromUcs4(ucs4, 1));
        } else {
            out.append(QChar(char16_t(cp)));
        }
    }
    if (pos < size)
        out.append(QStringLiteral("… (%1 more bytes)").arg(size - pos));
    return out;
}
