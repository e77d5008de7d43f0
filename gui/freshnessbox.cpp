#include "freshnessbox.h"

#include "consolesession.h"
#include "statebadge.h"

FreshnessBox::FreshnessBox(const QString &title, QWidget *parent)
    : QGroupBox(title, parent)
    , m_title(title)
    , m_freshness(new StateBadge(this))
{
    // A bold title gives the page its structure; the rows keep the normal weight.
    QFont titleFont = font();
    titleFont.setBold(true);
    setFont(titleFont);
    m_freshness->setFont(rowFont());
    m_freshness->setObjectName(QStringLiteral("freshness"));
}

QFont FreshnessBox::rowFont() const
{
    QFont row = font();
    row.setBold(false);
    return row;
}

QString FreshnessBox::freshnessText() const
{
    return m_freshness->text();
}

void FreshnessBox::setFresh(const QDateTime &updated)
{
    m_stale = false;
    setTitle(m_title);
    m_freshness->setState(StateBadge::Severity::None,
                          tr("Updated %1").arg(ConsoleSession::formatTime(updated)));
    m_freshness->setSecondary(true);
    setDimmed(false);
}

void FreshnessBox::setStale(const QDateTime &lastGood, const QString &reason)
{
    m_stale = true;
    m_freshness->setSecondary(false);
    if (lastGood.isValid()) {
        setTitle(tr("%1 (stale)").arg(m_title));
        m_freshness->setState(StateBadge::Severity::Warning, staleText(lastGood, reason));
    } else {
        setTitle(m_title);
        m_freshness->setState(StateBadge::Severity::Info, tr("No data yet. %1").arg(reason));
    }
    setDimmed(lastGood.isValid());
}

QString FreshnessBox::staleText(const QDateTime &lastGood, const QString &reason) const
{
    return tr("Stale: last good data %1. %2").arg(ConsoleSession::formatTime(lastGood), reason);
}
