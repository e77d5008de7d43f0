#include "reasondialog.h"

#include "dialogparts.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScreen>
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
    , m_problem(newProblemLabel(this))
    , m_confirm(new QPushButton(request.actionText, this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_typeToConfirm(request.typeToConfirm)
    , m_trigger(request.trigger)
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
    if (request.extra) {
        request.extra->setParent(this);
        form->addRow(request.extra);
    }
    if (!m_typeToConfirm.isEmpty()) {
        m_typed = new QLineEdit(this);
        m_typed->setObjectName(QStringLiteral("typeToConfirm"));
        m_typed->setAccessibleName(tr("Type %1 to confirm").arg(m_typeToConfirm));
        auto *label = new QLabel(tr("&Type “%1” to confirm:").arg(m_typeToConfirm), this);
        label->setTextFormat(Qt::PlainText);
        label->setBuddy(m_typed);
        form->addRow(label, m_typed);
        connect(m_typed, &QLineEdit::textChanged, this, [this] {
            updateConfirm();
            Q_EMIT inputChanged();
        });
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
        if (!m_confirm->isEnabled())
            return;
        m_confirmed = true; // a double click or key repeat confirms once (U2)
        updateConfirm();
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_reason, &QLineEdit::textChanged, this, [this] {
        updateConfirm();
        Q_EMIT inputChanged();
    });

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);
    updateConfirm();
    if (m_typed)
        m_typed->setFocus();
    else
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

bool ReasonDialog::targetConfirmed() const
{
    return !m_typed || m_typed->text() == m_typeToConfirm; // exact: no trimming, same case
}

void ReasonDialog::setProblem(const QString &sentence)
{
    if (sentence == m_problem->text())
        return;
    m_problem->setText(sentence);
    m_problem->setVisible(!sentence.isEmpty());
    updateConfirm();
    if (isVisible())
        fitHeight();
}

QString ReasonDialog::problem() const
{
    return m_problem->text();
}

void ReasonDialog::updateConfirm()
{
    m_confirm->setEnabled(!m_confirmed && !reason().isEmpty() && targetConfirmed()
                          && m_problem->text().isEmpty());
}

void ReasonDialog::showEvent(QShowEvent *event)
{
    QDialog::showEvent(event);
    fitHeight();
    moveAwayFromTrigger();
}

void ReasonDialog::fitHeight()
{
    growToFitHeight(this);
}

void ReasonDialog::moveAwayFromTrigger()
{
    if (!m_trigger || !m_trigger->isVisible())
        return;
    constexpr int kMargin = 24;
    const QRect trigger(m_trigger->mapToGlobal(QPoint(0, 0)), m_trigger->size());
    const QRect confirm(m_confirm->mapToGlobal(QPoint(0, 0)), m_confirm->size());
    const QRect guarded = trigger.adjusted(-kMargin, -kMargin, kMargin, kMargin);
    if (!guarded.intersects(confirm))
        return;
    // Below the trigger if the screen has room, else above it.
    int dy = guarded.bottom() + 1 - confirm.top();
    const QScreen *screen = m_trigger->screen();
    if (screen && frameGeometry().bottom() + dy > screen->availableGeometry().bottom())
        dy = guarded.top() - 1 - confirm.bottom();
    move(pos() + QPoint(0, dy));
}
