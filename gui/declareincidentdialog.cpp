#include "declareincidentdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

DeclareIncidentDialog::DeclareIncidentDialog(QWidget *parent)
    : QDialog(parent)
    , m_title(new QLineEdit(this))
    , m_severity(new QComboBox(this))
    , m_affected(new QLineEdit(this))
    , m_commander(new QLineEdit(this))
    , m_reason(new QLineEdit(this))
{
    setWindowTitle(tr("Declare incident"));
    setAccessibleName(tr("Declare incident"));
    m_title->setAccessibleName(tr("Incident title"));
    m_title->setPlaceholderText(tr("What is broken, in a few words"));
    for (const Severity s : severities())
        m_severity->addItem(severityName(s), int(s));
    m_severity->setCurrentIndex(1);
    m_severity->setAccessibleName(tr("Severity"));
    m_affected->setAccessibleName(tr("Affected services"));
    m_affected->setPlaceholderText(tr("citadel, api (comma-separated)"));
    m_commander->setAccessibleName(tr("Incident commander"));
    m_reason->setAccessibleName(tr("Reason"));
    m_reason->setPlaceholderText(tr("Why this severity (required)"));

    auto *form = new QFormLayout;
    form->addRow(tr("&Title:"), m_title);
    form->addRow(tr("&Severity:"), m_severity);
    form->addRow(tr("&Affected:"), m_affected);
    form->addRow(tr("&Commander:"), m_commander);
    form->addRow(tr("&Reason:"), m_reason);

    auto *buttons = new QDialogButtonBox(this);
    m_declare = buttons->addButton(tr("Declare"), QDialogButtonBox::AcceptRole);
    m_declare->setAccessibleName(tr("Declare"));
    QPushButton *cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setAccessibleName(tr("Cancel"));
    // Enter must not declare by accident: Cancel is the default button (as in ReasonDialog).
    m_declare->setAutoDefault(false);
    cancel->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
    connect(m_title, &QLineEdit::textChanged, this, [this] { updateButton(); });
    connect(m_reason, &QLineEdit::textChanged, this, [this] { updateButton(); });
    updateButton();
    resize(480, sizeHint().height());
}

QList<Severity> DeclareIncidentDialog::severities()
{
    return {Severity::P0, Severity::P1, Severity::P2};
}

void DeclareIncidentDialog::setSuggestion(Severity severity, const QStringList &reasons)
{
    const int index = int(severities().indexOf(severity));
    if (index >= 0)
        m_severity->setCurrentIndex(index);
    if (m_title->text().isEmpty() && !reasons.isEmpty())
        m_title->setText(reasons.first());
    m_reason->setText(tr("confirmed the suggestion: %1").arg(reasons.join(QStringLiteral("; "))));
}

void DeclareIncidentDialog::setCommander(const QString &commander)
{
    m_commander->setText(commander);
}

IncidentStore::Declaration DeclareIncidentDialog::declaration() const
{
    IncidentStore::Declaration d;
    d.title = m_title->text().trimmed();
    d.severity = Severity(m_severity->currentData().toInt());
    const QStringList parts = m_affected->text().split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString &part : parts) {
        if (!part.trimmed().isEmpty())
            d.affected << part.trimmed();
    }
    d.commander = m_commander->text().trimmed();
    d.reason = m_reason->text().trimmed();
    return d;
}

void DeclareIncidentDialog::updateButton()
{
    m_declare->setEnabled(!m_title->text().trimmed().isEmpty()
                          && !m_reason->text().trimmed().isEmpty());
}
