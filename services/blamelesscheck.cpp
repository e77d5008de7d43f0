#include "blamelesscheck.h"

#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <array>

namespace {

struct Rule
{
    const char *pattern;
    const char *message;
};

// A capitalised word that is a person's name (not a sentence's first word like "The"), then a
// blame verb. The stop list keeps system subjects ("The deploy failed to...") out.
constexpr const char *kBlameVerbs
    = "(?:forgot|forgets|failed to|didn't|did not|neglected|ignored|overlooked|missed|broke|"
      "messed up|screwed up|should have|caused)";

constexpr std::array<Rule, 6> kRules {{
    {"\\bhuman errors?\\b",
     "\"Human error\" stops the analysis: describe what in the system made the mistake easy and "
     "what would have caught it."},
    {"\\b(?:careless(?:ly|ness)?|negligen(?:t|ce)|sloppy|incompeten(?:t|ce)|lazy|reckless(?:ly)?)"
     "\\b",
     "This judges a person; describe what the process or tooling lacked."},
    {"\\bshould(?:n't| not)? have\\b",
     "Hindsight (\"should have\"): say which signal, check or guardrail was missing at the time."},
    {"\\b(?:(?:the )?fault of|(?:his|her|their|my|your) fault|to blame|blamed?)\\b",
     "Blameless write-ups look for causes in systems, not fault in people."},
    {"\\b(?:he|she|they|someone|somebody|the (?:engineer|operator|developer|on-call))\\s+", // +
                                                                                            // verb
     "Names a person with a blame verb; name the step or the missing safeguard instead."},
    {"\\b\\p{Lu}\\p{Ll}+\\s+", // + verb
     "Names a person with a blame verb; name the step or the missing safeguard instead."},
}};

bool isSystemWord(const QString &word)
{
    static const QSet<QString> words {
        QStringLiteral("the"),        QStringLiteral("this"),      QStringLiteral("that"),
        QStringLiteral("it"),         QStringLiteral("we"),        QStringLiteral("our"),
        QStringLiteral("deploy"),     QStringLiteral("system"),    QStringLiteral("service"),
        QStringLiteral("monitoring"), QStringLiteral("alerting"),  QStringLiteral("pipeline"),
        QStringLiteral("job"),        QStringLiteral("check"),     QStringLiteral("test"),
        QStringLiteral("tests"),      QStringLiteral("alert"),     QStringLiteral("release"),
        QStringLiteral("config"),     QStringLiteral("database"),  QStringLiteral("queue"),
        QStringLiteral("cache"),      QStringLiteral("migration"), QStringLiteral("script"),
        QStringLiteral("nobody"),     QStringLiteral("no"),        QStringLiteral("citadel")};
    return words.contains(word.trimmed().toLower());
}

} // namespace

QList<BlamelessCheck::Finding> BlamelessCheck::check(const QString &text)
{
    QList<Finding> found;
    for (std::size_t i = 0; i < kRules.size(); ++i) {
        QString pattern = QLatin1String(kRules.at(i).pattern);
        const bool subjectRule = i >= 4;
        if (subjectRule)
            pattern += QLatin1String(kBlameVerbs) + QStringLiteral("\\b");
        const QRegularExpression re(pattern,
                                    subjectRule && i == 5
                                        ? QRegularExpression::UseUnicodePropertiesOption
                                        : QRegularExpression::CaseInsensitiveOption
                                            | QRegularExpression::UseUnicodePropertiesOption);
        auto it = re.globalMatch(text);
        while (it.hasNext()) {
            const QRegularExpressionMatch m = it.next();
            if (i == 5 && isSystemWord(m.captured(0).section(QLatin1Char(' '), 0, 0)))
                continue;
            found.append(
                {m.capturedStart(), m.capturedLength(), QLatin1String(kRules.at(i).message)});
        }
    }
    std::sort(found.begin(), found.end(), [](const Finding &a, const Finding &b) {
        return a.offset != b.offset ? a.offset < b.offset : a.length > b.length;
    });
    QList<Finding> kept;
    for (const Finding &f : found) {
        if (!kept.isEmpty() && f.offset < kept.constLast().offset + kept.constLast().length)
            continue;
        kept.append(f);
    }
    return kept;
}
