#include "actionoutcomerow.h"

#include "actioncontroller.h"
#include "statebadge.h"

#include <QHBoxLayout>
#include <QPushButton>

ActionOutcomeRow::ActionOutcomeRow(ActionController *controller, QWidget *parent)
    : QWidget(parent)
    , m_controller(controller)
    , m_badge(new StateBadge(this))
    , m_resend(new QPushButton(tr("Resend with the same key"), this))
{
    m_badge->setObjectName(QStringLiteral("outcome"));
    m_badge->setWordWrap(true);
    m_badge->setAccessibleName(tr("Outcome of the last action"));
    m_resend->setObjectName(QStringLiteral("resend"));
    m_resend->setAccessibleName(tr("Resend the last action with the same idempotency key"));
    m_resend->setToolTip(tr("Sends the same request again with the same Idempotency-Key: the "
                            "server executes it at most once."));
    m_resend->setAutoDefault(false);
    m_resend->hide();
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_badge, 1);
    layout->addWidget(m_resend);
    connect(m_resend, &QPushButton::clicked, this, [this] { resend(); });
    connect(controller, &ActionController::actionStarted, this,
            [this](const ActionOutcome &outcome) {
                // A resend is a new action repeating ours: follow it from now on.
                if (!m_actionId.isEmpty() && outcome.actionId != m_actionId
                    && outcome.resendOf == m_rootId) {
                    m_actionId = outcome.actionId;
                }
            });
    connect(controller, &ActionController::actionFinished, this,
            [this](const ActionOutcome &outcome) {
                if (outcome.actionId != m_actionId)
                    return;
                show(outcome);
                Q_EMIT finished(outcome);
            });
    clear();
}

QString ActionOutcomeRow::perform(const ActionRequest &request)
{
    QString rejected;
    const QString id = m_controller->perform(request, &rejected);
    if (id.isEmpty())
        showRejected(rejected);
    else
        track(id, request.summary());
    return id;
}

bool ActionOutcomeRow::refuseIfReadOnly()
{
    if (!m_controller->isReadOnly())
        return false;
    showRejected(m_controller->readOnlyReason());
    return true;
}

void ActionOutcomeRow::track(const QString &actionId, const QString &summary)
{
    m_actionId = actionId;
    m_rootId = actionId;
    m_resend->hide();
    m_badge->setState(StateBadge::Severity::Info, tr("%1: waiting for the server…").arg(summary));
    m_badge->show();
}

void ActionOutcomeRow::showRejected(const QString &sentence)
{
    m_actionId.clear();
    m_resend->hide();
    m_badge->setState(StateBadge::Severity::Warning, tr("Not sent: %1").arg(sentence));
    m_badge->show();
}

void ActionOutcomeRow::clear()
{
    m_actionId.clear();
    m_rootId.clear();
    m_resend->hide();
    m_badge->setState(StateBadge::Severity::None, QString());
    m_badge->setAccessibleName(tr("No action outcome to show"));
    m_badge->hide();
}

void ActionOutcomeRow::explain(StateBadge::Severity severity, const QString &sentence)
{
    m_resend->hide();
    m_badge->setState(severity, sentence);
    m_badge->show();
}

QString ActionOutcomeRow::text() const
{
    return m_badge->isVisible() ? m_badge->text() : QString();
}

void ActionOutcomeRow::show(const ActionOutcome &outcome)
{
    const QString summary = outcome.request.summary();
    const QString text = outcome.message.isEmpty() ? summary
        : outcome.message.startsWith(summary)      ? outcome.message
                                                   : tr("%1: %2").arg(summary, outcome.message);
    switch (outcome.state) {
    case ActionOutcome::State::Pending:
        m_badge->setState(StateBadge::Severity::Info,
                          tr("%1: waiting for the server…").arg(summary));
        break;
    case ActionOutcome::State::Succeeded:
        m_badge->setState(StateBadge::Severity::Ok, text);
        break;
    case ActionOutcome::State::Failed:
        m_badge->setState(StateBadge::Severity::Critical, tr("FAILED — %1").arg(text));
        break;
    case ActionOutcome::State::Unknown:
        m_badge->setState(StateBadge::Severity::Warning, tr("OUTCOME UNKNOWN — %1").arg(text));
        break;
    }
    m_resend->setVisible(m_controller->canResend(outcome.actionId));
    m_badge->show();
}

void ActionOutcomeRow::resend()
{
    QString rejected;
    if (!m_controller->resend(m_actionId, &rejected)) {
        m_badge->setState(StateBadge::Severity::Warning, tr("Not resent: %1").arg(rejected));
        return;
    }
    m_resend->hide();
    if (const auto outcome = m_controller->outcome(m_actionId))
        m_badge->setState(StateBadge::Severity::Info,
                          tr("%1: resent with the same key, waiting for the server…")
                              .arg(outcome->request.summary()));
}
