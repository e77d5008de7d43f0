#include "quarantinefields.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>

namespace {
constexpr int kCustom = -1;
constexpr int kUntilReleased = 0;
} // namespace

QuarantineFields::QuarantineFields(QWidget *parent)
    : QWidget(parent)
    , m_duration(new QComboBox(this))
    , m_minutes(new QSpinBox(this))
    , m_override(new QCheckBox(tr("&Override cap"), this))
{
    m_duration->setObjectName(QStringLiteral("duration"));
    m_duration->setAccessibleName(tr("Quarantine duration"));
    m_duration->addItem(tr("Until released"), kUntilReleased);
    m_duration->addItem(tr("15 min"), 15 * 60);
    m_duration->addItem(tr("1 h"), 3600);
    m_duration->addItem(tr("4 h"), 4 * 3600);
    m_duration->addItem(tr("Custom…"), kCustom);

    // The server takes 1-86400 s: 1 min to 24 h.
    m_minutes->setObjectName(QStringLiteral("customMinutes"));
    m_minutes->setAccessibleName(tr("Custom duration in minutes"));
    m_minutes->setRange(1, 24 * 60);
    m_minutes->setValue(30);
    m_minutes->setSuffix(tr(" min"));
    m_minutes->setEnabled(false);

    m_override->setObjectName(QStringLiteral("overrideCap"));
    m_override->setAccessibleName(tr("Override the quarantine cap"));
    m_override->setToolTip(tr("The cap guards against mass mistakes; tick only if quarantining "
                              "more agents now is really intended."));
    m_override->hide();

    auto *durationRow = new QHBoxLayout;
    durationRow->setContentsMargins(0, 0, 0, 0);
    durationRow->addWidget(m_duration);
    durationRow->addWidget(m_minutes);
    durationRow->addStretch();
    auto *form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    auto *label = new QLabel(tr("&Duration:"), this);
    label->setBuddy(m_duration);
    form->addRow(label, durationRow);
    form->addRow(m_override);

    connect(m_duration, &QComboBox::currentIndexChanged, this, [this] {
        m_minutes->setEnabled(m_duration->currentData().toInt() == kCustom);
        Q_EMIT changed();
    });
    connect(m_minutes, &QSpinBox::valueChanged, this, [this] { Q_EMIT changed(); });
    connect(m_override, &QCheckBox::toggled, this, [this] { Q_EMIT changed(); });
}

std::optional<int> QuarantineFields::durationSeconds() const
{
    const int seconds = m_duration->currentData().toInt();
    if (seconds == kUntilReleased)
        return std::nullopt;
    return seconds == kCustom ? m_minutes->value() * 60 : seconds;
}

void QuarantineFields::setCapHit(bool hit)
{
    if (hit == m_capHit)
        return;
    m_capHit = hit;
    m_override->setChecked(false);
    m_override->setVisible(hit);
}

bool QuarantineFields::overrideCap() const
{
    return m_capHit && m_override->isChecked();
}
