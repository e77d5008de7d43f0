#include "runbooksteppanel.h"

#include "commandcatalogue.h"
#include "commandform.h"
#include "commandparamseditor.h"
#include "commandresult.h"
#include "reasondialog.h"
#include "runbookevidenceview.h"
#include "runbookrun.h"
#include "runbookstepstyle.h"
#include "statebadge.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

using RunbookStepStyle::label;

RunbookStepPanel::RunbookStepPanel(const CommandCatalogue &catalogue,
                                   ActionJournal *journal,
                                   QWidget *parent)
    : QWidget(parent)
    , m_catalogue(catalogue)
    , m_title(label(this, QStringLiteral("stepTitle")))
    , m_kind(label(this, QStringLiteral("stepKind")))
    , m_state(new StateBadge(this))
    , m_why(label(this, QStringLiteral("stepWhy")))
    , m_instruction(label(this, QStringLiteral("stepInstruction")))
    , m_evidence(new RunbookEvidenceView(this))
    , m_action(new QPushButton(this))
    , m_command(new CommandForm(catalogue, journal, this))
    , m_noteLabel(new QLabel(this))
    , m_note(new QLineEdit(this))
    , m_done(new QCheckBox(tr("&Done — I did this"), this))
    , m_answerBox(new QWidget(this))
    , m_answerLayout(new QVBoxLayout(m_answerBox))
{
    setObjectName(QStringLiteral("runbookStepPanel"));
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    m_title->setFont(titleFont);
    m_kind->setStyleSheet(QStringLiteral("QLabel { color: #616161; }"));
    m_state->setObjectName(QStringLiteral("stepState"));
    m_state->setWordWrap(true);
    m_state->setEmphasized(true);
    m_action->setObjectName(QStringLiteral("stepAction"));
    m_action->setAutoDefault(false);
    m_action->setText(tr("Run the step's action")); // replaced by each action step's own words
    connect(m_action, &QPushButton::clicked, this, [this] { requestAction(); });

    // The command step shows one command: the catalogue list would invite running another.
    m_command->commandList()->hide();
    connect(m_command, &CommandForm::runFinished, this, &RunbookStepPanel::onCommandFinished);
    connect(m_command->runButton(), &QPushButton::clicked, this, &RunbookStepPanel::interacted);

    m_noteLabel->setTextFormat(Qt::PlainText);
    m_noteLabel->setBuddy(m_note);
    m_note->setObjectName(QStringLiteral("stepNote"));
    m_note->setAccessibleName(tr("Note for the timeline (optional)"));
    m_note->setPlaceholderText(tr("Optional: goes on the incident timeline with the step"));
    m_done->setObjectName(QStringLiteral("stepDone"));
    m_done->setAccessibleName(tr("Done: I did this step"));
    connect(m_done, &QCheckBox::clicked, this, [this] { tickDone(); });
    m_answerBox->setObjectName(QStringLiteral("stepAnswers"));
    m_answerLayout->setContentsMargins(0, 0, 0, 0);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_kind);
    layout->addWidget(m_state);
    layout->addWidget(m_why);
    layout->addWidget(m_instruction);
    layout->addWidget(m_evidence);
    layout->addWidget(m_action, 0, Qt::AlignLeft);
    layout->addWidget(m_noteLabel);
    layout->addWidget(m_note);
    layout->addWidget(m_done);
    layout->addWidget(m_answerBox);
    layout->addWidget(m_command, 1);
    // Without a command form the step's parts sit at the top; the rest stays empty.
    layout->addStretch(1);
    setRun(nullptr);
}

void RunbookStepPanel::setEnvironment(const QString &environment)
{
    m_environment = environment;
    m_command->setContext(qEnvironmentVariable("USER", tr("operator")), environment);
}

void RunbookStepPanel::setProcessEnvironment(const QProcessEnvironment &environment)
{
    m_command->setProcessEnvironment(environment);
}

void RunbookStepPanel::setRun(RunbookRun *run)
{
    m_run = run;
    m_index = -2; // no step shown yet: showStep() rebuilds whatever index it gets
    showStep(run ? run->currentIndex() : -1);
}

void RunbookStepPanel::showStep(int index)
{
    if (index != m_index) {
        m_index = index;
        rebuild();
    }
    refresh();
}

QWidget *RunbookStepPanel::stepControl() const
{
    if (!m_run || m_index < 0 || m_index != m_run->currentIndex())
        return nullptr;
    const RunbookStepState state = m_run->status(m_index).state;
    if (state != RunbookStepState::WaitingConfirmation && state != RunbookStepState::Failed)
        return nullptr;
    switch (m_run->runbook().steps.at(m_index).kind) {
    case RunbookStepKind::Action:
        return m_action;
    case RunbookStepKind::Command:
        return m_command->runButton();
    case RunbookStepKind::Manual:
        return state == RunbookStepState::WaitingConfirmation ? m_done : nullptr;
    case RunbookStepKind::Decision:
        return m_answers.isEmpty() ? nullptr : m_answers.first();
    case RunbookStepKind::Check:
    case RunbookStepKind::Watch:
        break;
    }
    return nullptr;
}

ReasonDialog *RunbookStepPanel::requestAction()
{
    const std::optional<ActionRequest> request = m_run ? m_run->proposedAction() : std::nullopt;
    if (!request)
        return nullptr;
    ReasonDialog::Request ask;
    ask.title = request->summary();
    ask.actionText = request->summary();
    ask.target = request->target.isEmpty() ? request->summary() : request->target;
    ask.environment = m_environment;
    ask.effect = request->effect();
    // As on the agents page: a quarantine names its agent by typing it (U1).
    if (request->kind == ActionRequest::Kind::QuarantineAgent)
        ask.typeToConfirm = request->target;
    ask.trigger = m_action;
    auto *dialog = new ReasonDialog(ask, this);
    dialog->setObjectName(QStringLiteral("runbookActionDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->reasonEdit()->setText(request->reason); // the runbook's template, editable
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        Q_EMIT interacted();
        QString why;
        if (m_run && !m_run->confirmAction(dialog->reason(), &why))
            Q_EMIT problem(why);
    });
    dialog->open();
    return dialog;
}

void RunbookStepPanel::rebuild()
{
    for (QPushButton *button : std::as_const(m_answers))
        button->deleteLater(); // an answer's own click may be what moved the run on
    m_answers.clear();
    m_note->clear();
    m_done->setChecked(false);
    const RunbookStep *step = m_run && m_index >= 0 && m_index < m_run->runbook().steps.size()
        ? &m_run->runbook().steps.at(m_index)
        : nullptr;
    const RunbookStepKind kind = step ? step->kind : RunbookStepKind::Check;
    const bool hasCheck = step && step->check.has_value();
    m_evidence->clear();
    m_evidence->setVisible(hasCheck);
    m_action->setVisible(step && kind == RunbookStepKind::Action);
    m_command->setVisible(step && kind == RunbookStepKind::Command);
    const bool manual = step && kind == RunbookStepKind::Manual;
    m_done->setVisible(manual);
    m_note->setVisible(manual);
    m_noteLabel->setVisible(manual);
    m_answerBox->setVisible(step && kind == RunbookStepKind::Decision && !step->question.isEmpty());
    if (!step) {
        m_title->setText(m_run && m_run->isFinished()
                             ? tr("The runbook is finished: every step is on the incident "
                                  "timeline.")
                             : tr("No runbook is running."));
        // Empty selectable labels would be focusable and nameless (U5): hide them.
        for (QLabel *unused : {m_kind, m_why, m_instruction}) {
            unused->clear();
            unused->hide();
        }
        m_state->hide();
        return;
    }
    m_state->show();
    m_title->setText(tr("Step %1 of %2: %3")
                         .arg(m_index + 1)
                         .arg(m_run->runbook().steps.size())
                         .arg(step->title));
    m_kind->setText(RunbookStepStyle::kindText(kind));
    m_kind->show();
    m_why->setText(step->why.isEmpty() ? QString() : tr("Why: %1").arg(step->why));
    m_why->setVisible(!step->why.isEmpty());

    // The engine proposes the current step's action and command only.
    const bool current = m_index == m_run->currentIndex();
    QString instruction;
    if (kind == RunbookStepKind::Manual) {
        instruction = step->instruction;
        m_noteLabel->setText(step->notePrompt.isEmpty() ? tr("&Note (optional):")
                                                        : step->notePrompt + QLatin1Char(':'));
        m_note->setAccessibleName(step->notePrompt.isEmpty() ? tr("Note for the timeline")
                                                             : step->notePrompt);
    } else if (kind == RunbookStepKind::Action) {
        const std::optional<ActionRequest> request
            = current ? m_run->proposedAction() : std::nullopt;
        instruction = request ? tr("Does: %1").arg(request->effect()) : QString();
        m_action->setText(request ? request->summary() + QStringLiteral("…") : step->action);
        m_action->setAccessibleName(request ? request->summary() : tr("Perform the action"));
    } else if (kind == RunbookStepKind::Command) {
        const CommandSpec *spec = m_catalogue.find(step->command);
        instruction = spec ? tr("Runs: %1").arg(spec->title)
                           : tr("The command “%1” is not in the catalogue: skip the step with a "
                                "reason.")
                                 .arg(step->command);
        if (current)
            prefillCommand();
    } else if (kind == RunbookStepKind::Decision && !step->question.isEmpty()) {
        instruction = step->question;
        for (int i = 0; i < step->answers.size(); ++i) {
            auto *button = new QPushButton(step->answers.at(i).label, m_answerBox);
            button->setObjectName(QStringLiteral("answer%1").arg(i));
            button->setAutoDefault(false);
            button->setAccessibleName(tr("Answer: %1").arg(step->answers.at(i).label));
            connect(button, &QPushButton::clicked, this, [this, i] {
                Q_EMIT interacted();
                QString why;
                if (m_run && !m_run->answer(i, &why))
                    Q_EMIT problem(why);
            });
            m_answerLayout->addWidget(button, 0, Qt::AlignLeft);
            button->show(); // created after the panel was shown
            m_answers.append(button);
        }
    }
    m_instruction->setText(instruction);
    m_instruction->setVisible(!instruction.isEmpty());
}

void RunbookStepPanel::refresh()
{
    if (!m_run || m_index < 0)
        return;
    const RunbookStep &step = m_run->runbook().steps.at(m_index);
    const RunbookStepStatus status = m_run->status(m_index);
    const QString words = runbookStepStateText(status.state);
    m_state->setState(RunbookStepStyle::severity(status.state),
                      status.sentence.isEmpty() ? words
                                                : tr("%1 — %2").arg(words, status.sentence));
    m_state->setAccessibleName(tr("Step state: %1").arg(m_state->text()));
    if (status.evidence) {
        const RunbookEvidence &e = *status.evidence;
        QString value = e.value;
        if (!e.source.isEmpty())
            value = value.isEmpty() ? e.source : tr("%1 (%2)").arg(value, e.source);
        // The state line above already says the step's own verdict: the evidence repeats only a
        // different one (e.g. a decision's check), and adds the value and the raw answer.
        m_evidence->setEvidence(RunbookStepStyle::severity(e.verdict),
                                e.sentence == status.sentence ? QString() : e.sentence, value,
                                e.rawJson.toUtf8());
    }
    if (step.kind == RunbookStepKind::Watch
        && (status.state == RunbookStepState::Running || status.state == RunbookStepState::Passed
            || status.state == RunbookStepState::Failed)) {
        const double remaining = status.state == RunbookStepState::Running
            ? double(step.timeoutSeconds - status.elapsedSeconds)
            : -1.0;
        m_evidence->setWatchProgress(status.heldSeconds, step.holdSeconds, remaining);
    } else {
        m_evidence->clearWatch();
    }
    const bool current = m_index == m_run->currentIndex();
    const bool waiting = current
        && (status.state == RunbookStepState::WaitingConfirmation
            || status.state == RunbookStepState::Failed);
    m_action->setEnabled(waiting);
    m_done->setEnabled(current && status.state == RunbookStepState::WaitingConfirmation);
    m_done->setChecked(status.state == RunbookStepState::Done);
    m_note->setEnabled(m_done->isEnabled());
    for (QPushButton *button : std::as_const(m_answers))
        button->setEnabled(current && status.state == RunbookStepState::WaitingConfirmation);
}

void RunbookStepPanel::prefillCommand()
{
    if (!m_command->selectCommand(m_run->commandId()))
        return;
    // Through the editors themselves, so that the form re-validates and re-previews as if typed.
    const QHash<QString, QString> values = m_run->commandParams();
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        QWidget *editor = m_command->paramsEditor()->editor(it.key());
        if (auto *line = qobject_cast<QLineEdit *>(editor))
            line->setText(it.value());
        else if (auto *combo = qobject_cast<QComboBox *>(editor))
            combo->setCurrentText(it.value());
    }
}

void RunbookStepPanel::onCommandFinished(const CommandResult &result)
{
    if (!m_run || m_index != m_run->currentIndex() || result.commandId != m_run->commandId())
        return; // a fetch of a parameter's choices, or a run of a step already left
    m_run->reportCommandResult(result);
}

void RunbookStepPanel::tickDone()
{
    if (!m_run)
        return;
    Q_EMIT interacted();
    QString why;
    if (!m_run->completeManual(m_note->text().trimmed(), &why)) {
        m_done->setChecked(false);
        Q_EMIT problem(why);
    }
}
