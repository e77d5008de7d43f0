#pragma once

#include <QByteArray>
#include <QStringList>

/// What CommandRunner keeps of a run's output: the first and the last `limit` bytes, and a count
/// of what was dropped between them (C3: a CLI printing 100 MB costs 2 MiB). Feeds the journal's
/// first/last lines and the result.
class CommandOutputCapture final
{
public:
    static constexpr qsizetype kDefaultLimit = 1024 * 1024;

    explicit CommandOutputCapture(qsizetype limit = kDefaultLimit);

    void append(const QByteArray &data);
    void clear();

    const QByteArray &head() const { return m_head; }
    /// The kept end, disjoint from head() (at most `limit` bytes).
    QByteArray tail() const;
    qint64 totalBytes() const { return m_total; }
    qint64 droppedBytes() const;

    /// Up to `count` non-empty lines from the start / the end, each cut to `maxChars`.
    QStringList firstLines(int count, int maxChars = 200) const;
    QStringList lastLines(int count, int maxChars = 200) const;

private:
    qsizetype m_limit;
    QByteArray m_head;
    QByteArray m_tail; ///< grows to 2 * limit, then keeps its last `limit` bytes
    qint64 m_total = 0;
};
