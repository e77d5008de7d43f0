#include "runbookwizard.h"

#include "dashboardpoller.h"
#include "declareincidentdialog.h"
#include "displayformat.h"
#include "emptyviewhint.h"
#include "incidentstore.h"
#include "reasondialog.h"
#include "runbookheader.h"
#include "runbooklibrary.h"
#include "runbooksteppanel.h"
#include "runbookstepstyle.h"
#include "statebadge.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QVBoxLayout>

namespace {

void setOutlined(QWidget *widget, bool on)
{
    if (!widget)
        return;
    QFont font = widget->font();
    font.setBold(on);
    widget->setFont(font);
    widget->setProperty("nextThing", on);
}

} // namespace

RunbookWizard::RunbookWizard(const RunbookLibrary &library,
                             const CommandCatalogue &catalogue,
                             ActionJournal *journal,
                             QWidget *parent)
    : QWidget(parent)
    , m_library(library)
    , m_header(new RunbookHeader(library, this))
    , m_steps(new QListWidget(this))
    , m_panel(new RunbookStepPanel(catalogue, journal))
{
    setObjectName(QStringLiteral("runbookWizard"));
    m_steps->setObjectName(QStringLiteral("runbookSteps"));
    m_steps->setAccessibleName(tr("Runbook steps"));
    new EmptyViewHint(m_steps, tr("Open a runbook: its steps appear here."));
    m_steps->setIconSize(QSize(16, 16));
    m_steps->setWordWrap(true);
    // Selecting a step shows it (read-only unless it is the current one).
    connect(m_steps, &QListWidget::currentRowChanged, m_panel, [this](int row) {
        if (row >= 0)
            m_panel->showStep(row);
        updateNextControl();
    });
    connect(m_panel, &RunbookStepPanel::interacted, this, [this] {
        if (m_run)
            m_run->countInteraction();
    });
    connect(m_panel, &RunbookStepPanel::problem, this, &RunbookWizard::setProblem);
    connect(m_header, &RunbookHeader::openRequested, this, &RunbookWizard::openRunbook);
    connect(m_header, &RunbookHeader::declareRequested, this, [this] { requestDeclare(); });

    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("runbookStepScroll"));
    scroll->setWidget(m_panel);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setAccessibleName(tr("Current step"));
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_steps);
    splitter->addWidget(scroll);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({320, 900});

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_header);
    layout->addWidget(splitter, 1);
    layout->addWidget(buildFooter());
    setSignals({});
    updateIncident();
    updateButtons();
}

RunbookWizard::~RunbookWizard() = default;

QWidget *RunbookWizard::buildFooter()
{
    auto *footer = new QWidget(this);
    m_problem = RunbookStepStyle::label(footer, QStringLiteral("runbookProblem"));
    m_problem->setStyleSheet(DisplayFormat::problemStyleSheet());
    m_problem->setAccessibleName(tr("Problem"));
    m_problem->hide();
    m_nextHint = RunbookStepStyle::label(footer, QStringLiteral("nextHint"));
    m_recheck = RunbookStepStyle::button(tr("&Re-check"), QStringLiteral("recheckStep"), footer);
    m_recheck->setToolTip(tr("Runs the step's check against the live system again."));
    m_skip = RunbookStepStyle::button(tr("S&kip…"), QStringLiteral("skipStep"), footer);
    m_skip->setToolTip(tr("Skips the step; asks why, for the timeline."));
    m_next = RunbookStepStyle::button(tr("&Next"), QStringLiteral("nextStep"), footer);
    m_next->setAccessibleName(tr("Next step"));
    connect(m_recheck, &QPushButton::clicked, this, [this] {
        if (!m_run)
            return;
        m_run->countInteraction();
        setProblem({});
        m_run->recheck();
    });
    connect(m_skip, &QPushButton::clicked, this, [this] { requestSkip(); });
    connect(m_next, &QPushButton::clicked, this, [this] {
        if (!m_run)
            return;
        m_run->countInteraction();
        QString why;
        if (!m_run->next(&why))
            setProblem(why);
    });
    auto *row = new QHBoxLayout;
    row->addWidget(m_nextHint, 1);
    row->addStretch(1); // the buttons keep their size when there is no hint
    row->addWidget(m_recheck);
    row->addWidget(m_skip);
    row->addWidget(m_next);
    auto *column = new QVBoxLayout(footer);
    column->setContentsMargins(0, 0, 0, 0);
    column->addWidget(m_problem);
    column->addLayout(row);
    return footer;
}

void RunbookWizard::setContext(const RunbookContext &context)
{
    if (m_context.incidents)
        disconnect(m_context.incidents, nullptr, this, nullptr);
    m_context = context;
    if (m_context.incidents) {
        connect(m_context.incidents, &IncidentStore::activeIncidentChanged, this,
                &RunbookWizard::onActiveIncidentChanged);
        connect(m_context.incidents, &IncidentStore::incidentChanged, this,
                &RunbookWizard::updateIncident);
    }
    updateIncident();
    if (!m_run)
        resumeStored();
}

void RunbookWizard::setPoller(DashboardPoller *poller)
{
    m_poller = poller;
    // A run reads the old poller's store: start it again on the new one (it resumes when the
    // incident holds its progress).
    if (m_run && !m_run->isFinished())
        startRun(m_run->runbook());
}

void RunbookWizard::setEnvironment(const QString &environment)
{
    m_panel->setEnvironment(environment);
}

void RunbookWizard::setProcessEnvironment(const QProcessEnvironment &environment)
{
    m_panel->setProcessEnvironment(environment);
}

bool RunbookWizard::openRunbook(const QString &id)
{
    const Runbook *runbook = m_library.find(id);
    if (!runbook || !m_context.client) {
        setProblem(runbook ? tr("Not connected: the runbook cannot check the live system yet.")
                           : tr("There is no runbook “%1”.").arg(id));
        return false;
    }
    startRun(*runbook);
    return true;
}

bool RunbookWizard::resumeStored()
{
    const QString incidentId
        = m_context.incidents ? m_context.incidents->activeIncidentId() : QString();
    const QString stored = RunbookRun::storedRunbookId(m_context.incidents, incidentId);
    return !stored.isEmpty() && m_library.find(stored) && openRunbook(stored);
}

void RunbookWizard::setSignals(const RunbookSignals &live, const SeveritySuggestion &severity)
{
    m_severity = severity;
    const QStringList ids = m_library.suggest(live);
    QString id = ids.value(0);
    QStringList reasons = id.isEmpty() ? QStringList() : m_library.matchingReasons(id, live);
    // Something is wrong but no runbook's signals match: the triage runbook finds out which.
    if (id.isEmpty() && severity.severity != Severity::None
        && m_library.find(QStringLiteral("triage")))
        id = QStringLiteral("triage");
    const Runbook *runbook = m_library.find(id);
    m_header->setSuggestion(runbook, reasons);
    if (id != m_suggestedId) {
        m_suggestedId = id;
        Q_EMIT suggestionChanged(id, runbook ? runbook->title : QString());
    }
}

QDialog *RunbookWizard::requestSkip()
{
    const RunbookStep *step = m_run ? m_run->currentStep() : nullptr;
    if (!step)
        return nullptr;
    m_run->countInteraction();
    ReasonDialog::Request ask;
    ask.title = tr("Skip step");
    ask.actionText = tr("Skip step");
    ask.target = tr("Step %1: %2").arg(m_run->currentIndex() + 1).arg(step->title);
    ask.environment = m_run->runbook().title;
    ask.effect = tr("The step is recorded on the incident timeline as skipped, with your reason, "
                    "and the runbook moves on.");
    ask.trigger = m_skip;
    auto *dialog = new ReasonDialog(ask, this);
    dialog->setObjectName(QStringLiteral("skipDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        if (!m_run)
            return;
        m_run->countInteraction();
        QString why;
        if (!m_run->skip(dialog->reason(), &why))
            setProblem(why);
    });
    dialog->open();
    return dialog;
}

DeclareIncidentDialog *RunbookWizard::requestDeclare()
{
    if (!m_context.incidents)
        return nullptr;
    auto *dialog
        = new DeclareIncidentDialog(this, DeclareIncidentDialog::storeClock(m_context.incidents));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setSuggestion(m_severity.severity == Severity::None ? Severity::P2
                                                                : m_severity.severity,
                          m_severity.reasons);
    dialog->setDetectedAt(m_severity.firstSeen);
    if (m_run)
        dialog->titleEdit()->setText(m_run->runbook().title);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        QString error;
        if (m_context.incidents
            && m_context.incidents->declare(dialog->declaration(), &error).isEmpty())
            setProblem(error);
    });
    dialog->open();
    return dialog;
}

QString RunbookWizard::stepLine(int index) const
{
    const QListWidgetItem *item = m_steps->item(index);
    return item ? item->text().replace(QLatin1Char('\n'), QLatin1Char(' ')) : QString();
}

void RunbookWizard::startRun(const Runbook &runbook)
{
    if (m_run) {
        disconnect(m_run, nullptr, this, nullptr);
        m_run->deleteLater(); // may be inside one of its own signals (a hand-over)
    }
    setProblem({});
    RunbookContext context = m_context;
    context.incidentId = m_context.incidents ? m_context.incidents->activeIncidentId() : QString();
    context.signalStore = m_poller ? &m_poller->signalStore() : nullptr;
    m_run = new RunbookRun(runbook, context, this);
    // A step that passed or was done moves on by itself: the lead presses Next only to go past
    // a failed diagnostic check, whose evidence is worth reading first.
    m_run->setAutoAdvance(true);
    m_steps->clear();
    for (int i = 0; i < runbook.steps.size(); ++i)
        new QListWidgetItem(m_steps);
    m_header->setRunbook(&runbook);

    connect(m_run, &RunbookRun::currentStepChanged, this, [this](int index) {
        setProblem({});
        updateSteps();
        // At the end the last step stays in view (the passing watch), the footer says it ended.
        if (index >= 0) {
            m_steps->setCurrentRow(index);
            m_panel->showStep(index);
        }
        updateButtons();
    });
    connect(m_run, &RunbookRun::stepUpdated, this, [this](int index) {
        updateSteps();
        if (index == m_panel->shownIndex())
            m_panel->showStep(index);
        updateButtons();
    });
    connect(m_run, &RunbookRun::finished, this, [this] {
        updateSteps();
        updateButtons();
        Q_EMIT runChanged(m_run);
    });
    connect(m_run, &RunbookRun::handover, this, [this](const QString &id) {
        QMetaObject::invokeMethod(
            this, [this, id] { openRunbook(id); }, Qt::QueuedConnection);
    });
    connect(m_run, &RunbookRun::recordFailed, this, &RunbookWizard::setProblem);
    m_panel->setRun(m_run);
    updateIncident();
    m_run->start();
    updateSteps();
    updateButtons();
    Q_EMIT runChanged(m_run);
}

void RunbookWizard::updateIncident()
{
    m_header->showIncident(m_context.incidents,
                           m_run ? std::optional<QString>(m_run->context().incidentId)
                                 : std::nullopt);
}

void RunbookWizard::onActiveIncidentChanged()
{
    // Declared from here (or the incident page) while an unrecorded run is open: start it again
    // under the incident, so that every step lands on its timeline.
    if (m_run && m_run->context().incidentId.isEmpty() && m_context.incidents
        && !m_context.incidents->activeIncidentId().isEmpty())
        startRun(m_run->runbook());
    else if (!m_run)
        resumeStored();
    updateIncident();
}

void RunbookWizard::updateSteps()
{
    if (!m_run)
        return;
    const QList<RunbookStep> &steps = m_run->runbook().steps;
    for (int i = 0; i < steps.size() && i < m_steps->count(); ++i) {
        const RunbookStepStatus status = m_run->status(i);
        QListWidgetItem *item = m_steps->item(i);
        const QString words = runbookStepStateText(status.state);
        item->setText(tr("%1. %2\n%3").arg(i + 1).arg(steps.at(i).title, words));
        item->setIcon(QIcon(
            StateBadge::icon(RunbookStepStyle::severity(status.state), 16, devicePixelRatioF())));
        item->setToolTip(status.sentence);
        QFont font = item->font();
        font.setBold(i == m_run->currentIndex());
        item->setFont(font);
    }
}

void RunbookWizard::updateButtons()
{
    const bool live = m_run && !m_run->isFinished() && m_run->currentIndex() >= 0;
    const RunbookStep *step = live ? m_run->currentStep() : nullptr;
    const bool canNext = live && m_run->canGoNext();
    m_next->setEnabled(canNext);
    m_skip->setEnabled(live);
    m_recheck->setEnabled(step && step->check.has_value());
    if (!live) {
        m_next->setText(tr("&Next"));
        m_nextHint->setText(
            !m_run ? tr("Pick a runbook and open it.")
                : m_run->handoverRunbookId().isEmpty()
                ? tr("The runbook is finished: every step is on the incident timeline.")
                : tr("Handed over to another runbook."));
    } else {
        const QString target = m_run->nextTarget();
        m_next->setText(target == QLatin1String("end") ? tr("&Finish") : tr("&Next"));
        m_nextHint->setText(canNext ? QString() : m_run->nextBlocker());
    }
    m_nextHint->setVisible(!m_nextHint->text().isEmpty());
    m_next->setToolTip(m_nextHint->text());
    updateNextControl();
}

QWidget *RunbookWizard::nextControl() const
{
    if (!m_run || m_run->isFinished() || m_run->currentIndex() < 0)
        return nullptr;
    const RunbookStep *step = m_run->currentStep();
    const RunbookStepState state = m_run->status(m_run->currentIndex()).state;
    QWidget *next = m_panel->stepControl();
    if (next && !next->isEnabled())
        return nullptr; // e.g. the command's Run while it runs
    if (!next && m_run->canGoNext())
        next = m_next;
    if (!next && state == RunbookStepState::Failed && step && step->check)
        next = m_recheck;
    return next;
}

void RunbookWizard::updateNextControl()
{
    QWidget *next = nextControl();
    if (next == m_nextControl)
        return;
    setOutlined(m_nextControl, false);
    m_nextControl = next;
    setOutlined(next, true);
    if (next && next->isVisible())
        next->setFocus(Qt::OtherFocusReason);
}

void RunbookWizard::setProblem(const QString &sentence)
{
    m_problem->setText(sentence);
    m_problem->setVisible(!sentence.isEmpty());
}
