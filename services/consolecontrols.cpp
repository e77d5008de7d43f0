#include "consolecontrols.h"

#include "actioncontroller.h"
#include "actionjournal.h"
#include "controlspoller.h"
#include "incidentstore.h"
#include "logging.h"

#include <spdlog/spdlog.h>

#include <QDir>
#include <QFileInfo>

ConsoleControls::ConsoleControls(OpsClient *client,
                                 const QString &environment,
                                 const QString &journalPath,
                                 QObject *parent)
    : QObject(parent)
    , m_environment(environment)
    , m_journal(std::make_unique<ActionJournal>())
    , m_poller(std::make_unique<ControlsPoller>(client))
    , m_incidents(std::make_unique<IncidentStore>())
{
    const QString path
        = journalPath.isEmpty() ? ActionJournal::defaultPath(environment) : journalPath;
    QString error;
    if (!m_journal->open(path, &error)) {
        m_journalProblem = tr("Actions are not being recorded: %1").arg(error);
        Logging::get("services")->error("action journal: {}", error.toStdString());
    }
    // The incident record sits beside the journal: tests that move one move both.
    const QString incidentPath = journalPath.isEmpty()
        ? IncidentStore::defaultPath(environment)
        : QFileInfo(journalPath).dir().filePath(QStringLiteral("incidents.sqlite"));
    m_incidents->setAuthor(qEnvironmentVariable("USER", tr("operator")));
    if (!m_incidents->open(incidentPath, &error)) {
        m_incidentProblem = tr("The incident record cannot be used: %1").arg(error);
        Logging::get("services")->error("incident record: {}", error.toStdString());
    } else if (m_journal->isOpen()) {
        m_incidents->attachJournal(m_journal.get());
    }
    m_actions = std::make_unique<ActionController>(
        client, m_journal->isOpen() ? m_journal.get() : nullptr, environment);
    connect(m_actions.get(), &ActionController::actionFinished, this,
            &ConsoleControls::onActionFinished);
}

ConsoleControls::~ConsoleControls() = default;

void ConsoleControls::start()
{
    m_poller->start();
    m_actions->probeRole();
}

void ConsoleControls::stop()
{
    m_poller->stop();
}

void ConsoleControls::onActionFinished(const ActionOutcome &outcome)
{
    // What the action acted on is polled again at once, so that its table shows the result.
    switch (outcome.request.kind) {
    case ActionRequest::Kind::Flag:
    case ActionRequest::Kind::EmergencyMode:
        m_poller->refreshNow(ControlsPoller::Source::Flags);
        break;
    case ActionRequest::Kind::QuarantineAgent:
    case ActionRequest::Kind::ReleaseAgent:
        m_poller->refreshNow(ControlsPoller::Source::Agents);
        break;
    case ActionRequest::Kind::StartReplay:
    case ActionRequest::Kind::StopReplay:
        m_poller->refreshNow(ControlsPoller::Source::DeadLetter);
        break;
    case ActionRequest::Kind::SafeMode:
    case ActionRequest::Kind::WriteDrain:
    case ActionRequest::Kind::TripBreaker:
    case ActionRequest::Kind::ResetBreaker:
    case ActionRequest::Kind::RestartService:
        break; // the dashboard polls ops status and breakers; ConsoleSession asks it to
    }
    const bool ok = outcome.state == ActionOutcome::State::Succeeded;
    const QString result = ok                            ? tr("done")
        : outcome.state == ActionOutcome::State::Unknown ? tr("outcome unknown")
                                                         : tr("failed");
    const qint64 when = outcome.startedUtc.isValid() ? outcome.startedUtc.toMSecsSinceEpoch()
                                                     : QDateTime::currentMSecsSinceEpoch();
    Q_EMIT actionMarked(when, tr("%1 (%2)").arg(outcome.request.summary(), result));
}
