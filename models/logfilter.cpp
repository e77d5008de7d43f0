#include "logfilter.h"

#include <algorithm>
#include <cstring>

namespace {

bool cancelled(const std::atomic_bool *cancel)
{
    return cancel && cancel->load(std::memory_order_relaxed);
}

bool sameIgnoringAsciiCase(QByteArrayView a, QByteArrayView b)
{
    return a.size() == b.size() && qstrnicmp(a.data(), a.size(), b.data(), b.size()) == 0;
}

} // namespace

LogFilter::LogFilter(const Spec &spec)
    : m_spec(spec)
    , m_component(spec.component.trimmed().toUtf8())
{
    m_include = compile(spec.text, "filter");
    if (m_error.isEmpty())
        m_exclude = compile(spec.exclude, "exclude filter");
}

LogFilter::Pattern LogFilter::compile(const QString &text, const char *what)
{
    Pattern pattern;
    if (text.isEmpty())
        return pattern;
    pattern.active = true;
    if (!m_spec.regex && m_spec.caseSensitive) {
        pattern.literal = true;
        pattern.bytes = text.toUtf8();
        return pattern;
    }
    QRegularExpression::PatternOptions options = QRegularExpression::MultilineOption;
    if (!m_spec.caseSensitive)
        options |= QRegularExpression::CaseInsensitiveOption;
    pattern.regex.setPattern(m_spec.regex ? text : QRegularExpression::escape(text));
    pattern.regex.setPatternOptions(options);
    if (!pattern.regex.isValid()) {
        m_error = QObject::tr("The %1 is not a valid regular expression: %2 at character %3. "
                              "Correct the pattern or turn off \"Regex\" to search for the text.")
                      .arg(QLatin1String(what), pattern.regex.errorString())
                      .arg(pattern.regex.patternErrorOffset() + 1);
        pattern.active = false;
        return pattern;
    }
    pattern.regex.optimize();
    return pattern;
}

QRegularExpression LogFilter::highlight() const
{
    if (!isValid() || !m_include.active)
        return {};
    if (m_include.literal)
        return QRegularExpression(QRegularExpression::escape(m_spec.text));
    return m_include.regex;
}

// Local indices (within the block) of the lines in [firstLine, endLine) containing a match.
// The whole byte range is searched at once, as grep does, then hits are mapped to lines.
void LogFilter::hits(const Pattern &pattern,
                     const LogStore::BlockView &view,
                     int firstLine,
                     int endLine,
                     std::vector<int> &out) const
{
    const LogStore::Block &b = *view.block;
    const char *base = b.data;
    const qsizetype rangeStart = b.offsets[firstLine];
    const qsizetype rangeEnd = qsizetype(b.offsets[endLine - 1]) + b.lengths[endLine - 1];
    if (pattern.literal) {
        const QByteArrayView needle(pattern.bytes);
        int line = firstLine;
        qsizetype pos = rangeStart;
        while (pos < rangeEnd && line < endLine) {
            const void *found = memmem(base + pos, std::size_t(rangeEnd - pos), needle.data(),
                                       std::size_t(needle.size()));
            if (!found)
                return;
            const qsizetype at = static_cast<const char *>(found) - base;
            while (qsizetype(b.offsets[line]) + b.lengths[line] < at)
                ++line;
            out.push_back(line);
            pos = qsizetype(b.offsets[line]) + b.lengths[line] + 1;
            ++line;
        }
        return;
    }
    // Regex: decode the range once; '\n' stays one UTF-16 unit, so lines are counted by it.
    const QString text = QString::fromUtf8(base + rangeStart, rangeEnd - rangeStart);
    int line = firstLine;
    qsizetype lineStart = 0; // UTF-16 position of `line`
    qsizetype offset = 0;
    while (offset <= text.size() && line < endLine) {
        // The text came from fromUtf8 (valid UTF-16): without this option PCRE2 re-checks the
        // whole block on every call, which makes the scan quadratic.
        const QRegularExpressionMatch m
            = pattern.regex.match(text, offset, QRegularExpression::NormalMatch,
                                  QRegularExpression::DontCheckSubjectStringMatchOption);
        if (!m.hasMatch())
            return;
        const qsizetype at = m.capturedStart();
        qsizetype lineEnd = text.indexOf(QLatin1Char('\n'), lineStart);
        while (lineEnd >= 0 && lineEnd < at) {
            lineStart = lineEnd + 1;
            ++line;
            lineEnd = text.indexOf(QLatin1Char('\n'), lineStart);
        }
        if (lineEnd < 0)
            lineEnd = text.size();
        if (at == lineEnd && m.capturedLength() > 0 && at < text.size()) {
            // The match starts at this line's newline: it belongs to the next line, if any.
            offset = at + 1;
            continue;
        }
        // A match running across a newline (`\s`, `[^x]`) counts only if the line alone matches.
        const bool inLine = m.capturedEnd() <= lineEnd
            || pattern.regex.match(QStringView(text).sliced(lineStart, lineEnd - lineStart))
                   .hasMatch();
        if (inLine)
            out.push_back(line);
        lineStart = lineEnd + 1;
        offset = lineStart;
        ++line;
    }
}

bool LogFilter::match(const LogStore::Snapshot &snapshot,
                      qint64 from,
                      qint64 to,
                      std::vector<qint64> &out,
                      const std::atomic_bool *cancel) const
{
    if (!isValid())
        return true;
    constexpr int Slice = 65536;
    std::vector<int> included;
    std::vector<int> excluded;
    const int minimum = int(m_spec.minimumLevel);
    for (const LogStore::BlockView &view : snapshot) {
        const LogStore::Block &b = *view.block;
        const qint64 viewEnd = view.firstLine + view.lines;
        if (viewEnd <= from || view.firstLine >= to)
            continue;
        const int first = int(qMax(from, view.firstLine) - view.firstLine);
        const int end = int(qMin(to, viewEnd) - view.firstLine);
        for (int sliceStart = first; sliceStart < end; sliceStart += Slice) {
            if (cancelled(cancel))
                return false;
            const int sliceEnd = qMin(end, sliceStart + Slice);
            included.clear();
            excluded.clear();
            if (m_include.active)
                hits(m_include, view, sliceStart, sliceEnd, included);
            if (m_exclude.active)
                hits(m_exclude, view, sliceStart, sliceEnd, excluded);
            auto excludedIt = excluded.cbegin();
            const auto accept = [&](int i) {
                while (excludedIt != excluded.cend() && *excludedIt < i)
                    ++excludedIt;
                if (excludedIt != excluded.cend() && *excludedIt == i)
                    return;
                if (minimum > 0 && (b.meta[i] & 7) < minimum)
                    return;
                if (!m_component.isEmpty()) {
                    const QByteArrayView line(b.data + b.offsets[i], b.lengths[i]);
                    const LogLineFields f = LogLineParser::parse(line);
                    if (!sameIgnoringAsciiCase(line.sliced(f.componentStart, f.componentLength),
                                               m_component))
                        return;
                }
                out.push_back(view.firstLine + i);
            };
            if (m_include.active) {
                for (const int i : included)
                    accept(i);
            } else {
                for (int i = sliceStart; i < sliceEnd; ++i)
                    accept(i);
            }
        }
    }
    return true;
}
