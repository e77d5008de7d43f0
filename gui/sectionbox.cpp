#include "sectionbox.h"

#include "displayformat.h"
#include "statebadge.h"

#include <QFormLayout>
#include <QLabel>
#include <QVBoxLayout>

#include <algorithm>

SectionBox::SectionBox(const QString &title, QWidget *parent)
    : FreshnessBox(title, parent)
    , m_values(new QWidget(this))
    , m_form(new QFormLayout(m_values))
{
    m_values->setFont(rowFont());
    m_form->setContentsMargins(0, 0, 0, 0);
    m_form->setLabelAlignment(Qt::AlignRight | Qt::AlignTop);
    m_form->setFormAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_form->setRowWrapPolicy(QFormLayout::DontWrapRows);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(freshnessBadge());
    layout->addWidget(m_values);
    layout->addStretch(1);
    setStale({}, tr("Waiting for the first answer…"));
}

void SectionBox::addRow(const QString &label, QWidget *field)
{
    field->setParent(m_values);
    auto *labelWidget = new QLabel(label, m_values);
    labelWidget->setBuddy(field);
    labelWidget->setAlignment(Qt::AlignRight | Qt::AlignTop);
    m_form->addRow(labelWidget, field);
    m_labels << labelWidget;
}

int SectionBox::labelColumnWidth() const
{
    int width = 0;
    for (const QLabel *label : m_labels)
        width = std::max(width, label->sizeHint().width());
    return width;
}

void SectionBox::setLabelColumnWidth(int width)
{
    for (QLabel *label : std::as_const(m_labels))
        label->setMinimumWidth(width);
}

QLabel *SectionBox::makeValueLabel(const QString &objectName)
{
    auto *label = new QLabel(QStringLiteral("—"), m_values);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setWordWrap(true);
    return label;
}

StateBadge *SectionBox::makeBadge(const QString &objectName, bool emphasized)
{
    auto *badge = new StateBadge(m_values);
    badge->setObjectName(objectName);
    badge->setEmphasized(emphasized);
    m_badges << badge;
    return badge;
}

void SectionBox::setDimmed(bool dimmed)
{
    // Halfway between text and background: visibly not current, still readable at 3 a.m.
    QPalette pal = palette();
    if (dimmed)
        pal.setColor(
            QPalette::WindowText,
            DisplayFormat::mix(pal.color(QPalette::WindowText), pal.color(QPalette::Window), 0.55));
    m_values->setPalette(pal);
    for (StateBadge *badge : std::as_const(m_badges))
        badge->setDimmed(dimmed);
}
