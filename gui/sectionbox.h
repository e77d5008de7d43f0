#pragma once

#include <QDateTime>
#include <QGroupBox>

class QFormLayout;
class QLabel;
class StateBadge;

// A titled group of label/value rows fed by one endpoint, with a freshness line on top:
// "Updated 10:31:02", or, when the endpoint failed, "Stale" with the last good time and the
// error, the title marked and the values dimmed (still readable: they are the last known truth).
// Every status panel derives from it so that stale data always looks the same.
class SectionBox : public QGroupBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SectionBox)

public:
    explicit SectionBox(const QString &title, QWidget *parent = nullptr);

    void setFresh(const QDateTime &updated);
    /// lastGood invalid = no data yet.
    void setStale(const QDateTime &lastGood, const QString &reason);

    bool isStale() const { return m_stale; }
    QString freshnessText() const;

    /// Widest row label; StatusPage aligns the label columns of boxes stacked above each other.
    int labelColumnWidth() const;
    void setLabelColumnWidth(int width);

protected:
    /// Adds a row; the label is the field's buddy so screen readers read both together.
    void addRow(const QString &label, QWidget *field);
    /// A value label: plain text (server strings are never rich text), selectable.
    QLabel *makeValueLabel(const QString &objectName);
    StateBadge *makeBadge(const QString &objectName, bool emphasized = false);

private:
    void setDimmed(bool dimmed);

    QString m_title;
    StateBadge *m_freshness;
    QWidget *m_values;
    QFormLayout *m_form;
    QList<QLabel *> m_labels;
    QList<StateBadge *> m_badges;
    bool m_stale = false;
};
