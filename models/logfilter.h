#pragma once

#include "logstore.h"

#include <QByteArray>
#include <QRegularExpression>
#include <QString>

#include <atomic>
#include <vector>

/// What the log view shows (see LogFilter).
struct LogFilterSpec
{
    LogLevel minimumLevel = LogLevel::Unknown; ///< Unknown = every line
    QString component; ///< exact, case-insensitive; empty = any
    QString text; ///< empty = any
    QString exclude; ///< empty = nothing excluded
    bool regex = false; ///< text and exclude are regular expressions
    bool caseSensitive = false;
    bool operator==(const LogFilterSpec &other) const = default;
    bool isEmpty() const
    {
        return minimumLevel == LogLevel::Unknown && component.isEmpty() && text.isEmpty()
            && exclude.isEmpty();
    }
};

// What the log view shows: a minimum level, a component, a text or regular expression to
// include and one to exclude. Compiled once, then run on LogStore snapshots by the filter
// worker (whole blocks at a time, like grep) and on each new batch by LogFilterModel.
class LogFilter final
{
public:
    using Spec = LogFilterSpec;

    /// An invalid pattern leaves isValid() false and errorText() a sentence with the offset.
    explicit LogFilter(const Spec &spec = {});

    const Spec &spec() const { return m_spec; }
    bool isValid() const { return m_error.isEmpty(); }
    QString errorText() const { return m_error; }
    bool isEmpty() const { return m_spec.isEmpty(); }
    /// The expression whose matches the view highlights (invalid when there is none).
    QRegularExpression highlight() const;

    /// Appends to `out` the line numbers in [from, to) of `snapshot` that pass. Returns false
    /// when `cancel` became true (checked between blocks and every 64 K lines).
    bool match(const LogStore::Snapshot &snapshot,
               qint64 from,
               qint64 to,
               std::vector<qint64> &out,
               const std::atomic_bool *cancel = nullptr) const;

private:
    struct Pattern
    {
        bool active = false;
        bool literal = false; ///< case-sensitive plain text: memmem on bytes
        QByteArray bytes;
        QRegularExpression regex;
    };
    Pattern compile(const QString &text, const char *what);
    void hits(const Pattern &pattern,
              const LogStore::BlockView &view,
              int firstLine,
              int endLine,
              std::vector<int> &out) const;

    Spec m_spec;
    QString m_error;
    Pattern m_include;
    Pattern m_exclude;
    QByteArray m_component;
};
