#pragma once

#include "freshnessbox.h"

class QFormLayout;
class QLabel;
class StateBadge;

// A titled group of label/value rows fed by one endpoint, under FreshnessBox's freshness line;
// stale values dim, badges included. Every status panel derives from it.
class SectionBox : public FreshnessBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SectionBox)

public:
    explicit SectionBox(const QString &title, QWidget *parent = nullptr);

    /// Widest row label; StatusPage aligns the label columns of boxes stacked above each other.
    int labelColumnWidth() const;
    void setLabelColumnWidth(int width);

protected:
    /// Adds a row; the label is the field's buddy so screen readers read both together.
    void addRow(const QString &label, QWidget *field);
    /// A value label: plain text (server strings are never rich text), selectable.
    QLabel *makeValueLabel(const QString &objectName);
    StateBadge *makeBadge(const QString &objectName, bool emphasized = false);

    void setDimmed(bool dimmed) override;

private:
    QWidget *m_values;
    QFormLayout *m_form;
    QList<QLabel *> m_labels;
    QList<StateBadge *> m_badges;
};
