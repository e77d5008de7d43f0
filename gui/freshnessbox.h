#pragma once

#include <QDateTime>
#include <QGroupBox>

class StateBadge;

// A titled group fed by one polled source, with a freshness line on top: "Updated 10:31:02", or,
// when the source failed, "Stale …" with the reason, the title marked "(stale)" and the contents
// dimmed (still readable: they are the last known truth). SectionBox and TableSection derive from
// it so that stale data looks the same everywhere; each says how its contents dim.
class FreshnessBox : public QGroupBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FreshnessBox)

public:
    explicit FreshnessBox(const QString &title, QWidget *parent = nullptr);

    void setFresh(const QDateTime &updated);
    /// lastGood invalid = no data yet.
    void setStale(const QDateTime &lastGood, const QString &reason);

    bool isStale() const { return m_stale; }
    QString freshnessText() const;

protected:
    /// The freshness line, for the subclass's layout (first row).
    StateBadge *freshnessBadge() const { return m_freshness; }
    /// The bold title's font without the bold, for the rows.
    QFont rowFont() const;
    /// The freshness line's text while stale with a last good time.
    virtual QString staleText(const QDateTime &lastGood, const QString &reason) const;
    virtual void setDimmed(bool dimmed) = 0;

private:
    QString m_title;
    StateBadge *m_freshness;
    bool m_stale = true;
};
