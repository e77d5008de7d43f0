#include "commandoutputcapture.h"

#include <QString>

namespace {

QStringList nonEmptyLines(const QByteArray &bytes, int maxChars)
{
    QStringList lines;
    for (const QByteArray &line : bytes.split('\n')) {
        const QString text = QString::fromUtf8(line).trimmed();
        if (!text.isEmpty())
            lines.append(text.left(maxChars));
    }
    return lines;
}

} // namespace

CommandOutputCapture::CommandOutputCapture(qsizetype limit)
    : m_limit(limit)
{ }

void CommandOutputCapture::append(const QByteArray &data)
{
    m_total += data.size();
    qsizetype used = 0;
    if (m_head.size() < m_limit) {
        used = qMin(m_limit - m_head.size(), data.size());
        m_head.append(data.constData(), used);
    }
    if (used == data.size())
        return;
    m_tail.append(data.constData() + used, data.size() - used);
    if (m_tail.size() > 2 * m_limit)
        m_tail.remove(0, m_tail.size() - m_limit);
}

void CommandOutputCapture::clear()
{
    m_head.clear();
    m_tail.clear();
    m_total = 0;
}

QByteArray CommandOutputCapture::tail() const
{
    return m_tail.size() > m_limit ? m_tail.right(m_limit) : m_tail;
}

qint64 CommandOutputCapture::droppedBytes() const
{
    return m_total - m_head.size() - tail().size();
}

QStringList CommandOutputCapture::firstLines(int count, int maxChars) const
{
    return nonEmptyLines(m_head.left(64 * 1024), maxChars).mid(0, count);
}

QStringList CommandOutputCapture::lastLines(int count, int maxChars) const
{
    const QByteArray end = m_tail.isEmpty() ? m_head : tail();
    const QStringList lines = nonEmptyLines(end.right(64 * 1024), maxChars);
    return lines.mid(qMax<qsizetype>(0, lines.size() - count));
}
