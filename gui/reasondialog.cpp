#include "reasondialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace {

QLabel *plainLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setTextFormat(Qt::PlainText); // server strings (breaker names) are never rich text
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

ReasonDialog::ReasonDialog(const Request &request, QWidget *parent)
    : QDialog(parent)
    , m_reason(new QLineEdit(this))
    , m_confirm(new QPushButton(request.actionText, this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
{
    setObjectName(QStringLiteral("reasonDialog"));
    setWindowTitle(request.title);
    setModal(true);

    auto *form = new QFormLayout;
    form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    form->setLabelAlignment(Qt::AlignLeft | Qt::AlignTop); // beside the first line of a wrap
    form->addRow(tr("Target:"), plainLabel(request.target, this));
    form->addRow(tr("Environment:"), plainLabel(request.environment, this));
    if (!request.effect.isEmpty())
        form->addRow(tr("Effect:"), plainLabel(request.effect, this));
    if (!request.choiceLabel.isEmpty()) {
        m_choice = new QComboBox(this);
        m_choice->setObjectName(QStringLiteral("choice"));
        m_choice->addItems(request.choices);
        m_choice->setCurrentIndex(request.currentChoice);
        m_choice->setAccessibleName(request.choiceLabel);
        auto *label = new QLabel(request.choiceLabel, this);
        label->setBuddy(m_choice);
        form->addRow(label, m_choice);
    }
    m_reason->setObjectName(QStringLiteral("reason"));
    m_reason->setPlaceholderText(tr("Required: why, for the audit trail"));
    m_reason->setAccessibleName(tr("Reason"));
    m_reason->setMinimumWidth(360);
    auto *reasonLabel = new QLabel(tr("&Reason:"), this);
    reasonLabel->setBuddy(m_reason);
    form->addRow(reasonLabel, m_reason);

    // Cancel is the default: Enter in the reason field must never act on production.
    m_cancel->setObjectName(QStringLiteral("cancel"));
    m_cancel->setDefault(true);
    m_cancel->setAutoDefault(true);
    m_confirm->setObjectName(QStringLiteral("confirm"));
    m_confirm->setAutoDefault(false);
    m_confirm->setDefault(false);
    m_confirm->setAccessibleName(request.actionText);
    m_cancel->setAccessibleName(tr("Cancel"));
    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_confirm, QDialogButtonBox::AcceptRole);
    buttons->addButton(m_cancel, QDialogButtonBox::RejectRole);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (!reason().isEmpty())
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_reason, &QLineEdit::textChanged, this, [this] { updateConfirm(); });

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
    updateConfirm();
    m_reason->setFocus();
}

QString ReasonDialog::reason() const
{
    return m_reason->text().trimmed();
}

int ReasonDialog::choice() const
{
    return m_choice ? m_choice->currentIndex() : -1;
}

void ReasonDialog::updateConfirm()
{
    m_confirm->setEnabled(!reason().isEmpty());
}
