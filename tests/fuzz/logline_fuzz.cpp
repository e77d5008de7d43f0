#include "fuzztargets.h"

#include "logline.h"

#include <QByteArrayView>
#include <QString>

namespace {

bool inside(int start, int length, qsizetype size)
{
    return start >= 0 && length >= 0 && qsizetype(start) + length <= size;
}

bool insideView(QByteArrayView part, QByteArrayView whole)
{
    return part.isEmpty()
        || (part.data() >= whole.data()
            && part.data() + part.size() <= whole.data() + whole.size());
}

bool isHidden(char16_t c)
{
    return c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e)
        || (c >= 0x2066 && c <= 0x2069) || c == 0x200e || c == 0x200f || c == 0x061c || c == 0x2028
        || c == 0x2029;
}

} // namespace

const char *FuzzTargets::logLine(const std::uint8_t *data, std::size_t size)
{
    const QByteArrayView line(reinterpret_cast<const char *>(data), qsizetype(size));
    const LogLineFields fields = LogLineParser::parse(line);
    if (!inside(fields.componentStart, fields.componentLength, line.size()))
        return "the component lies outside the line";
    if (!inside(fields.messageStart, fields.messageLength, line.size()))
        return "the message lies outside the line";
    if (LogLineParser::timestampMs(line) != fields.timestampMs)
        return "timestampMs() disagrees with parse()";
    if (LogLineParser::level(line) != fields.level)
        return "level() disagrees with parse()";
    for (const char *key : {"traceId", "ms", "route"}) {
        if (!insideView(LogLineParser::value(line, QByteArrayView(key)), line))
            return "a key's value lies outside the line";
    }
    constexpr int kMaxChars = 256;
    const QString shown = LogLineParser::displayText(line, kMaxChars);
    for (const QChar c : shown) {
        if (isHidden(c.unicode()))
            return "the display text holds a control or bidi character";
    }
    // Cut at the limit: the last character may be "[U+202E]" (8), then "… (N more bytes)".
    if (shown.size() > kMaxChars + 8 + 32)
        return "the display text is not cut";
    return nullptr;
}
