#include "deadlettersummarybox.h"

#include "consolesession.h"
#include "displayformat.h"

#include <QLabel>
#include <QLocale>

DeadLetterSummaryBox::DeadLetterSummaryBox(QWidget *parent)
    : SectionBox(tr("Dead-letter queue"), parent)
    , m_depth(makeValueLabel(QStringLiteral("depth")))
    , m_rate(makeValueLabel(QStringLiteral("messagesPerMinute")))
    , m_oldest(makeValueLabel(QStringLiteral("oldest")))
{
    QFont big = m_depth->font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 1.4);
    m_depth->setFont(big);
    m_depth->setAccessibleName(tr("Depth"));
    m_rate->setAccessibleName(tr("Messages per minute"));
    m_oldest->setAccessibleName(tr("Oldest message"));
    addRow(tr("Depth:"), m_depth);
    addRow(tr("Messages/min:"), m_rate);
    addRow(tr("Oldest:"), m_oldest);
}

void DeadLetterSummaryBox::setStatus(const DeadLetterStatus &status)
{
    const QLocale locale;
    m_depth->setText(locale.toString(status.depth));
    m_rate->setText(locale.toString(status.messagesPerMinute, 'f', 1));
    // The age only when the server's clock is not ahead of ours (a simulator's stepped clock).
    const qint64 age = status.oldestAt.secsTo(QDateTime::currentDateTimeUtc());
    if (!status.oldestAt.isValid())
        m_oldest->setText(tr("none (the queue is empty)"));
    else if (age >= 0)
        m_oldest->setText(tr("%1 (%2 ago)")
                              .arg(ConsoleSession::formatTime(status.oldestAt),
                                   DisplayFormat::duration(double(age))));
    else
        m_oldest->setText(ConsoleSession::formatTime(status.oldestAt));
    m_oldest->setToolTip(status.oldestAt.isValid() ? DisplayFormat::utc(status.oldestAt)
                                                   : QString());
}

QString DeadLetterSummaryBox::depthText() const
{
    return m_depth->text();
}

QString DeadLetterSummaryBox::oldestText() const
{
    return m_oldest->text();
}
