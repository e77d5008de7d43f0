#pragma once

#include <QList>
#include <QString>

/// A gentle check of write-up prose: points at wording that blames people rather than systems
/// ("X forgot", "human error", "careless", "should have", "fault of", a name followed by a blame
/// verb...) with a suggestion. It only advises; the text is never changed.
class BlamelessCheck final
{
public:
    struct Finding
    {
        qsizetype offset = 0; ///< in UTF-16 code units of the checked text
        qsizetype length = 0;
        QString message; ///< what to write instead

        friend bool operator==(const Finding &, const Finding &) = default;
    };

    /// Every finding, by offset; overlapping matches keep the first, longest one.
    static QList<Finding> check(const QString &text);
};
