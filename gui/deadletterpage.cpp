#include "deadletterpage.h"

#include "actioncontroller.h"
#include "actionoutcomerow.h"
#include "controlspoller.h"
#include "deadletterbreakdownmodel.h"
#include "deadletterrecordmodel.h"
#include "deadlettersummarybox.h"
#include "displayformat.h"
#include "reasondialog.h"
#include "replayfields.h"
#include "replayprogress.h"
#include "statebadge.h"
#include "tablesection.h"

#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>
#include <limits>

namespace {

QLabel *valueLabel(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(QStringLiteral("—"), parent);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

DeadLetterPage::DeadLetterPage(ActionController *controller,
                               ControlsPoller *poller,
                               const QString &environment,
                               QWidget *parent)
    : QWidget(parent)
    , m_controller(controller)
    , m_poller(poller)
    , m_environment(environment)
    , m_records(new DeadLetterRecordModel(this))
    , m_breakdown(new DeadLetterBreakdownModel(this))
{
    setObjectName(QStringLiteral("deadLetterPage"));
    m_summary = new DeadLetterSummaryBox(this);
    m_summary->setObjectName(QStringLiteral("summary"));
    m_breakdownSection = new TableSection(tr("Breakdown"), m_breakdown, this);
    m_breakdownSection->setObjectName(QStringLiteral("breakdownSection"));
    m_recordsSection = new TableSection(tr("Recent records"), m_records, this);
    m_recordsSection->setObjectName(QStringLiteral("recordsSection"));

    auto *top = new QHBoxLayout;
    top->addWidget(m_summary, 1);
    top->addWidget(m_breakdownSection, 2, Qt::AlignTop);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(buildReplayBox());
    layout->addWidget(m_recordsSection);
    layout->addStretch();

    connect(controller, &ActionController::actionFinished, this,
            [this](const ActionOutcome &outcome) { actionFinished(outcome); });
    connect(controller, &ActionController::actionStarted, this,
            [this](const ActionOutcome &outcome) {
                if (m_actions.contains(outcome.resendOf))
                    m_actions.insert(outcome.actionId);
            });
    connect(controller, &ActionController::readOnlyChanged, this, [this] { updateButtons(); });
    connect(poller, &ControlsPoller::deadLetterUpdated, this,
            [this](const DeadLetterStatus &status) { showStatus(status); });
    connect(poller, &ControlsPoller::sourceFailed, this, [this](ControlsPoller::Source source) {
        if (source == ControlsPoller::Source::DeadLetter)
            showSource();
    });
    showStatus(poller->deadLetter().value_or(DeadLetterStatus()));
}

QWidget *DeadLetterPage::buildReplayBox()
{
    // Bold title and normal rows, like the freshness boxes around it.
    auto *box = new QGroupBox(tr("Replay"), this);
    QFont title = box->font();
    title.setBold(true);
    box->setFont(title);
    auto *body = new QWidget(box);
    QFont rows = title;
    rows.setBold(false);
    body->setFont(rows);
    m_phase = valueLabel(QStringLiteral("replayPhase"), body);
    m_phase->setAccessibleName(tr("Replay state"));
    m_bar = new QProgressBar(body);
    m_bar->setObjectName(QStringLiteral("replayBar"));
    m_bar->setAccessibleName(tr("Replay progress"));
    m_bar->setRange(0, 1);
    m_bar->setValue(0);
    m_progress = valueLabel(QStringLiteral("replayProgress"), body);
    m_progress->setAccessibleName(tr("Replay figures"));
    m_progress->setWordWrap(true);
    m_replay = new QPushButton(tr("&Replay…"), body);
    m_replay->setObjectName(QStringLiteral("replay"));
    m_replay->setAccessibleName(tr("Replay dead-letter messages"));
    m_replay->setAutoDefault(false);
    m_stop = new QPushButton(tr("&Stop replay…"), body);
    m_stop->setObjectName(QStringLiteral("stopReplay"));
    m_stop->setAccessibleName(tr("Stop the running replay"));
    m_stop->setAutoDefault(false);
    m_readOnly = valueLabel(QStringLiteral("readOnly"), body);
    m_readOnly->setWordWrap(true);
    m_readOnly->hide();
    m_outcome = new ActionOutcomeRow(m_controller, body);

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_phase);
    bar->addWidget(m_bar, 1);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_replay);
    buttons->addWidget(m_stop);
    buttons->addWidget(m_outcome, 1);
    auto *layout = new QVBoxLayout(body);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_progress);
    layout->addLayout(buttons);
    layout->addWidget(m_readOnly);
    (new QVBoxLayout(box))->addWidget(body);
    connect(m_replay, &QPushButton::clicked, this, [this] { requestReplay(); });
    connect(m_stop, &QPushButton::clicked, this, [this] { requestStop(); });
    return box;
}

void DeadLetterPage::requestReplay()
{
    if (openDialog() || m_outcome->refuseIfReadOnly())
        return;
    ReasonDialog::Request request;
    request.title = tr("Replay dead-letter messages");
    request.actionText = tr("Start replay");
    request.target = tr("dead-letter queue (%1 messages)").arg(QLocale().toString(m_status.depth));
    request.environment = m_environment;
    request.effect = tr("Sends messages from the dead-letter queue back to their conduits at the "
                        "rate cap; a message that fails again returns with one more attempt.");
    auto *fields = new ReplayFields(m_status);
    request.extra = fields;
    request.trigger = m_replay;
    auto *dialog = new ReasonDialog(request, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const auto actionFor = [fields](const QString &reason) {
        ActionRequest action;
        action.kind = ActionRequest::Kind::StartReplay;
        action.replay = fields->request();
        action.reason = reason;
        return action;
    };
    const auto revalidate = [this, dialog, actionFor] {
        // Ranges are refused as soon as they are typed, before a reason is given.
        const QString reason = dialog->reason().isEmpty() ? QStringLiteral("-") : dialog->reason();
        dialog->setProblem(m_controller->validate(actionFor(reason)).value_or(QString()));
    };
    connect(dialog, &ReasonDialog::inputChanged, dialog, revalidate);
    connect(fields, &ReplayFields::changed, dialog, revalidate);
    connect(dialog, &QDialog::accepted, this,
            [this, dialog, actionFor] { send(actionFor(dialog->reason())); });
    revalidate();
    m_dialog = dialog;
    dialog->open();
}

void DeadLetterPage::requestStop()
{
    if (openDialog() || m_outcome->refuseIfReadOnly())
        return;
    ReasonDialog::Request request;
    request.title = tr("Stop replay");
    request.actionText = tr("Stop replay");
    request.target = m_status.replay
        ? tr("replay %1 (%2)").arg(m_status.replay->id, ReplayProgress::shortText(*m_status.replay))
        : tr("the running replay");
    request.environment = m_environment;
    request.effect = tr("No more messages are replayed; those not yet replayed stay in the "
                        "queue.");
    request.trigger = m_stop;
    auto *dialog = new ReasonDialog(request, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        ActionRequest action;
        action.kind = ActionRequest::Kind::StopReplay;
        action.reason = dialog->reason();
        send(action);
    });
    m_dialog = dialog;
    dialog->open();
}

void DeadLetterPage::send(const ActionRequest &action)
{
    const QString id = m_outcome->perform(action);
    if (!id.isEmpty())
        m_actions.insert(id);
}

void DeadLetterPage::actionFinished(const ActionOutcome &outcome)
{
    if (!m_actions.remove(outcome.actionId))
        return;
    const QLocale locale;
    if (outcome.state == ActionOutcome::State::Succeeded
        && outcome.request.kind == ActionRequest::Kind::StartReplay) {
        // The controller says "done" for the call; the replay itself has only begun.
        m_outcome->explain(StateBadge::Severity::Ok,
                           tr("Replay started: up to %1 messages at %2/s; progress above.")
                               .arg(locale.toString(outcome.request.replay.maxMessages),
                                    locale.toString(outcome.request.replay.rateLimit)));
    } else if (outcome.state == ActionOutcome::State::Succeeded
               && outcome.request.kind == ActionRequest::Kind::StopReplay) {
        m_outcome->explain(StateBadge::Severity::Ok,
                           tr("Replay stopped; messages not yet replayed stay in the queue."));
    }
    if (outcome.error && outcome.error->code == QLatin1String("replay_in_progress")) {
        m_outcome->explain(StateBadge::Severity::Warning,
                           tr("Not started: a replay is already running (shown above). Stop it "
                              "before starting another."));
    }
    m_poller->refreshNow(ControlsPoller::Source::DeadLetter);
}

void DeadLetterPage::showStatus(const DeadLetterStatus &status)
{
    m_status = status;
    const QLocale locale;
    m_records->setRecords(status.recent);
    m_breakdown->setStatus(status);
    m_summary->setStatus(status);
    if (status.replay) {
        const ReplayState &replay = *status.replay;
        const qint64 all = ReplayProgress::total(replay);
        const int maximum
            = int(std::min<qint64>(std::max<qint64>(all, 1), std::numeric_limits<int>::max()));
        m_bar->setRange(0, maximum);
        m_bar->setValue(int(std::min<qint64>(replay.replayed + replay.failed, maximum)));
        m_phase->setText(tr("Replay %1").arg(ReplayProgress::phaseText(replay.state)));
        QString figures = tr("%1 replayed · %2 failed · %3 remaining · %4/s")
                              .arg(locale.toString(replay.replayed), locale.toString(replay.failed),
                                   locale.toString(replay.remaining),
                                   locale.toString(replay.rateLimit, 'g', 6));
        const qint64 eta = ReplayProgress::etaSeconds(replay);
        if (ReplayProgress::isActive(status.replay) && eta >= 0)
            figures += tr(" · about %1 left").arg(DisplayFormat::duration(double(eta)));
        m_progress->setText(figures);
        m_bar->setAccessibleDescription(figures);
    } else {
        m_bar->setRange(0, 1);
        m_bar->setValue(0);
        m_phase->setText(tr("No replay"));
        m_progress->setText(tr("No replay has run yet."));
    }
    showSource();
    updateButtons();
}

void DeadLetterPage::showSource()
{
    constexpr auto source = ControlsPoller::Source::DeadLetter;
    const QDateTime last = m_poller->lastSuccess(source);
    for (FreshnessBox *section :
         std::initializer_list<FreshnessBox *> {m_summary, m_breakdownSection, m_recordsSection}) {
        if (!m_poller->isStale(source)) {
            section->setFresh(last);
            continue;
        }
        const QString reason = m_poller->staleReason(source);
        section->setStale(last, reason.isEmpty() ? tr("Waiting for the first answer…") : reason);
    }
}

void DeadLetterPage::updateButtons()
{
    const bool canAct = !m_controller->isReadOnly();
    const bool running = ReplayProgress::isActive(m_status.replay);
    m_replay->setEnabled(canAct && !running);
    m_stop->setEnabled(canAct && running);
    m_replay->setToolTip(!canAct       ? m_controller->readOnlyReason()
                             : running ? tr("A replay is running; stop it first.")
                                       : QString());
    m_readOnly->setText(canAct ? QString()
                               : tr("Read-only: %1").arg(m_controller->readOnlyReason()));
    m_readOnly->setVisible(!canAct);
}

QString DeadLetterPage::depthText() const
{
    return m_summary->depthText();
}

QString DeadLetterPage::progressText() const
{
    return m_progress->text();
}

ReasonDialog *DeadLetterPage::openDialog() const
{
    // A closed dialog lingers until its deleteLater runs.
    return m_dialog && m_dialog->isVisible() ? m_dialog.data() : nullptr;
}
