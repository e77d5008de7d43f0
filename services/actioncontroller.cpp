#include "actioncontroller.h"

#include "actionanswer.h"
#include "actionfailure.h"
#include "actionjournal.h"
#include "logging.h"
#include "opsclient.h"

#include <QJsonDocument>
#include <QUuid>

#include <spdlog/spdlog.h>

namespace {

constexpr qint64 kCapWindowSeconds = 10 * 60;

QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

// ActionOutcome::State and JournalEntry::Outcome list the same four ends in the same order.
constexpr const char *kStateNames[] = {"pending", "succeeded", "failed", "unknown"};
static_assert(int(JournalEntry::Outcome::Unknown) == int(ActionOutcome::State::Unknown)
              && int(JournalEntry::Outcome::Failed) == int(ActionOutcome::State::Failed));

} // namespace

struct ActionController::Reply
{
    bool ok = false;
    QJsonObject answer;
    ApiError error;
    QString traceId;
    int httpStatus = 0;
    bool replayed = false;
};

template<typename T, typename ToJson>
ActionController::Reply ActionController::replyOf(const ApiResult<T> &result, ToJson toJson)
{
    Reply reply;
    reply.ok = result.ok();
    if (result.ok())
        reply.answer = toJson(result.value());
    else
        reply.error = result.error();
    reply.traceId = result.traceId();
    reply.httpStatus = result.httpStatus();
    reply.replayed = result.replayed();
    return reply;
}

ActionController::ActionController(OpsClient *client,
                                   ActionJournal *journal,
                                   const QString &environment,
                                   QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_journal(journal)
    , m_environment(environment)
{
    setClock({});
    if (m_client)
        connect(m_client, &QObject::destroyed, this, [this] { m_client = nullptr; });
    if (m_journal)
        connect(m_journal, &QObject::destroyed, this, [this] { m_journal = nullptr; });
    else
        Logging::get("services")
            ->warn("actions in '{}' are not journaled: no action journal",
                   environment.toStdString());
}

ActionController::~ActionController()
{
    // Answers that can no longer arrive: their result is unknown, and the journal says so.
    const QStringList running = m_running.keys();
    for (const QString &id : running) {
        ActionOutcome &o = m_outcomes[id];
        o.state = ActionOutcome::State::Unknown;
        o.durationMs = m_running.value(id).timer.elapsed();
        o.message = QStringLiteral("The console stopped before the answer arrived; the action "
                                   "may or may not have happened.");
        record(o, false, {});
    }
}

std::optional<QString> ActionController::validate(const ActionRequest &r) const
{
    if (auto problem = r.problem())
        return problem;
    if (r.kind == ActionRequest::Kind::QuarantineAgent && !r.overrideCap) {
        const int recent = recentQuarantines(m_clock());
        if (recent >= m_quarantineCap)
            return (recent == 1 ? QStringLiteral("1 agent was")
                                : QStringLiteral("%1 agents were").arg(recent))
                + QStringLiteral(" quarantined in the last 10 minutes; override to quarantine "
                                 "more.");
    }
    return std::nullopt;
}

QString ActionController::signatureOf(const ActionRequest &r) const
{
    return QStringLiteral("%1|%2|%3").arg(int(r.kind)).arg(r.target).arg(r.enable);
}

QString ActionController::perform(const ActionRequest &request, QString *rejected)
{
    const auto reject = [rejected](const QString &why) {
        if (rejected)
            *rejected = why;
        return QString();
    };
    if (m_readOnly)
        return reject(m_readOnlyReason);
    if (const auto why = validate(request))
        return reject(*why);
    const QString signature = signatureOf(request);
    for (const Running &run : std::as_const(m_running)) {
        if (run.signature == signature)
            return reject(QStringLiteral("Already sending: %1.").arg(request.summary()));
    }
    if (!m_client)
        return reject(QStringLiteral("The console is not connected to a server."));
    if (m_journal && !m_journal->isOpen())
        return reject(QStringLiteral("The action journal is not open, so actions are refused: "
                                     "they must be recorded before they are sent."));
    ActionOutcome outcome;
    outcome.actionId = newId();
    outcome.request = request;
    // OpsClient queues the request: QNetworkAccessManager starts it from the event loop, so the
    // intent that begin() commits below is on disk before the first byte leaves (tested).
    const PendingPost post = dispatch(request, outcome.actionId);
    begin(outcome, post, request.kind == ActionRequest::Kind::QuarantineAgent);
    return outcome.actionId;
}

PendingPost ActionController::dispatch(const ActionRequest &r, const QString &id)
{
    using K = ActionRequest::Kind;
    const auto done = [this, id](auto toJson) {
        return [this, id, toJson](const auto &result) {
            complete(id, replyOf(result, toJson));
        };
    };
    switch (r.kind) {
    case K::SafeMode:
        return m_client->setSafeMode(r.enable, r.reason, this, done(ActionAnswer::safeMode));
    case K::WriteDrain:
        return m_client->setWriteDrain(r.enable, r.reason, this, done(ActionAnswer::writeDrain));
    case K::EmergencyMode:
        return m_client->setEmergencyMode(r.enable, r.reason, this,
                                          done(ActionAnswer::emergencyMode));
    case K::Flag:
        return m_client->setFlag(r.target, r.enable, r.reason, this, done(ActionAnswer::flag));
    case K::QuarantineAgent:
        return m_client->quarantineAgent(r.target, r.reason, r.durationSeconds, this,
                                         done(ActionAnswer::agent));
    case K::ReleaseAgent:
        return m_client->releaseAgent(r.target, r.reason, this, done(ActionAnswer::agent));
    case K::StartReplay: {
        ReplayRequest replay = r.replay;
        replay.reason = r.reason;
        return m_client->startReplay(replay, this, done(ActionAnswer::replay));
    }
    case K::StopReplay:
        return m_client->stopReplay(r.reason, this, done(ActionAnswer::replay));
    case K::TripBreaker:
        return m_client->tripBreaker(r.target, r.reason, this, done(ActionAnswer::breaker));
    case K::ResetBreaker:
        return m_client->resetBreaker(r.target, r.reason, this, done(ActionAnswer::breaker));
    case K::RestartService:
        return m_client->restartService(r.reason, this, done(ActionAnswer::acknowledgement));
    }
    return {};
}

void ActionController::begin(ActionOutcome outcome, const PendingPost &post, bool countsForCap)
{
    Running run;
    run.signature = signatureOf(outcome.request);
    run.resendOf = outcome.resendOf;
    run.timer.start();
    if (countsForCap) {
        run.quarantinedAt = m_clock();
        const QDateTime from = run.quarantinedAt.addSecs(-kCapWindowSeconds);
        m_quarantineTimes.removeIf([&from](const QDateTime &t) { return t <= from; });
        m_quarantineTimes.append(run.quarantinedAt);
    }
    m_running.insert(outcome.actionId, run);
    m_posts.insert(outcome.actionId, post);
    outcome.state = ActionOutcome::State::Pending;
    outcome.idempotencyKey = post.idempotencyKey;
    outcome.traceId = post.traceId;
    outcome.startedUtc = QDateTime::currentDateTimeUtc();
    m_outcomes.insert(outcome.actionId, outcome);

    QJsonObject details {{QLatin1String("path"), post.path},
                         {QLatin1String("body"), QJsonDocument::fromJson(post.body).object()}};
    if (outcome.request.overrideCap && outcome.request.kind == ActionRequest::Kind::QuarantineAgent)
        details.insert(QLatin1String("override"), true);
    if (!outcome.resendOf.isEmpty())
        details.insert(QLatin1String("resendOf"), outcome.resendOf);
    record(outcome, true, details);
    Q_EMIT actionStarted(outcome);
}

void ActionController::complete(const QString &actionId, const Reply &reply)
{
    const auto it = m_running.constFind(actionId);
    if (it == m_running.cend())
        return;
    const Running run = *it;
    m_running.erase(it);
    ActionOutcome &o = m_outcomes[actionId];
    o.durationMs = run.timer.elapsed();
    o.httpStatus = reply.httpStatus;
    if (!reply.traceId.isEmpty())
        o.traceId = reply.traceId;
    if (reply.ok) {
        o.state = ActionOutcome::State::Succeeded;
        o.answer = reply.answer;
        o.error.reset();
        o.message = reply.replayed
            ? QStringLiteral("%1: done (the server repeated its stored answer; the action ran "
                             "once).")
                  .arg(o.request.summary())
            : QStringLiteral("%1: done.").arg(o.request.summary());
    } else {
        describeFailure(o, reply.error);
    }
    if (o.state == ActionOutcome::State::Failed && run.quarantinedAt.isValid())
        m_quarantineTimes.removeOne(run.quarantinedAt);
    QJsonObject details;
    if (reply.replayed)
        details.insert(QLatin1String("replayed"), true);
    if (!reply.ok) {
        details.insert(QLatin1String("error"), ApiError::kindName(reply.error.kind));
        if (!reply.error.code.isEmpty())
            details.insert(QLatin1String("code"), reply.error.code);
    }
    record(o, false, details);
    const ActionOutcome copy = o; // a slot may perform() and rehash m_outcomes
    Q_EMIT actionFinished(copy);
}

void ActionController::describeFailure(ActionOutcome &o, const ApiError &e)
{
    o.error = e;
    const ActionFailure failure = ActionFailure::of(e);
    o.state = failure.unknown ? ActionOutcome::State::Unknown : ActionOutcome::State::Failed;
    o.message = failure.message;
    if (failure.forbidden)
        setReadOnly(true, ActionFailure::viewerSentence());
}

void ActionController::record(const ActionOutcome &o, bool intent, const QJsonObject &details)
{
    const QString name = o.request.actionName();
    if (intent)
        Logging::get("services")
            ->info("action {} intent {} target='{}' key={} id={}", name.toStdString(),
                   o.request.summary().toStdString(), o.request.target.toStdString(),
                   o.idempotencyKey.toStdString(), o.actionId.toStdString());
    else
        Logging::get("services")
            ->info("action {} {} http={} trace={} {} ms id={}: {}", name.toStdString(),
                   kStateNames[int(o.state)], o.httpStatus, o.traceId.toStdString(), o.durationMs,
                   o.actionId.toStdString(), o.message.toStdString());
    if (!m_journal)
        return;
    JournalEntry e;
    e.kind = intent ? JournalEntry::Kind::Intent : JournalEntry::Kind::Result;
    e.actionId = o.actionId;
    e.action = name;
    e.target = o.request.target.isEmpty() ? name.section(QLatin1Char('.'), 0, 0) : o.request.target;
    e.reason = o.request.reason;
    e.operatorName = m_client ? m_client->profile().operatorName : QString();
    e.environment = m_environment;
    e.idempotencyKey = o.idempotencyKey;
    e.details = details;
    if (!intent) {
        e.outcome = JournalEntry::Outcome(int(o.state));
        e.httpStatus = o.httpStatus;
        e.traceId = o.traceId;
        e.message = o.message;
        e.durationMs = o.durationMs;
    }
    QString error;
    if (!m_journal->append(e, &error))
        Logging::get("services")
            ->error("action {} id={}: {}", name.toStdString(), o.actionId.toStdString(),
                    error.toStdString());
}

bool ActionController::resend(const QString &actionId, QString *rejected)
{
    const auto reject = [rejected](const QString &why) {
        if (rejected)
            *rejected = why;
        return false;
    };
    if (m_readOnly)
        return reject(m_readOnlyReason);
    const auto found = m_outcomes.constFind(actionId);
    if (found == m_outcomes.cend())
        return reject(QStringLiteral("There is no such action to resend."));
    const PendingPost post = m_posts.value(actionId);
    for (auto it = m_running.cbegin(); it != m_running.cend(); ++it) {
        if (m_posts.value(it.key()).idempotencyKey == post.idempotencyKey)
            return reject(QStringLiteral("Already sending: %1.").arg(found->request.summary()));
    }
    if (!canResend(actionId))
        return reject(QStringLiteral("Only an action whose outcome is unknown, or that failed "
                                     "without an answer from the server, can be resent."));
    if (!m_client)
        return reject(QStringLiteral("The console is not connected to a server."));
    // A failed quarantine no longer counts against the cap: sending it again counts anew.
    const bool countsForCap = found->request.kind == ActionRequest::Kind::QuarantineAgent
        && found->state == ActionOutcome::State::Failed;
    if (countsForCap) {
        if (const auto why = validate(found->request))
            return reject(*why);
    }
    ActionOutcome outcome;
    outcome.actionId = newId();
    outcome.request = found->request;
    outcome.resendOf = found->resendOf.isEmpty() ? actionId : found->resendOf;
    const QString id = outcome.actionId;
    m_client->resend(post, this, [this, id](const ApiResult<QJsonObject> &result) {
        complete(id, replyOf(result, [](const QJsonObject &json) { return json; }));
    });
    begin(outcome, post, countsForCap);
    return true;
}

bool ActionController::canResend(const QString &actionId) const
{
    const auto it = m_outcomes.constFind(actionId);
    if (it == m_outcomes.cend() || m_running.contains(actionId)
        || !m_posts.value(actionId).isValid())
        return false;
    if (it->state == ActionOutcome::State::Unknown)
        return true;
    if (it->state != ActionOutcome::State::Failed || !it->error)
        return false;
    const ApiError &e = *it->error;
    return e.kind == ApiError::Kind::Network || e.httpStatus >= 500 || e.httpStatus == 429;
}

std::optional<ActionOutcome> ActionController::outcome(const QString &actionId) const
{
    const auto it = m_outcomes.constFind(actionId);
    if (it == m_outcomes.cend())
        return std::nullopt;
    return *it;
}

bool ActionController::isInFlight(const QString &actionId) const
{
    return m_running.contains(actionId);
}

int ActionController::inFlightCount() const
{
    return int(m_running.size());
}

void ActionController::setReadOnly(bool readOnly, const QString &why)
{
    const QString reason
        = readOnly ? (why.isEmpty() ? ActionFailure::viewerSentence() : why) : QString();
    if (readOnly == m_readOnly && reason == m_readOnlyReason)
        return;
    m_readOnly = readOnly;
    m_readOnlyReason = reason;
    Logging::get("services")
        ->info("console controls {}: {}", readOnly ? "disabled" : "enabled", reason.toStdString());
    Q_EMIT readOnlyChanged(m_readOnly, m_readOnlyReason);
}

void ActionController::probeRole()
{
    if (!m_client)
        return;
    // An empty body changes nothing: the server checks the role before the body (403 for a
    // viewer) and then refuses the missing fields (400) for an operator.
    const PendingPost probe {
        QStringLiteral("/api/ops/safe-mode"), QByteArrayLiteral("{}"), newId(), {}};
    m_client->resend(probe, this, [this](const ApiResult<QJsonObject> &result) {
        const ApiError &e = result.error();
        if (result.ok()) {
            Logging::get("services")
                ->warn("role probe: the server accepted an empty safe-mode "
                       "request; assuming the token may act");
            setReadOnly(false);
            Q_EMIT roleKnown(true);
        } else if (e.kind == ApiError::Kind::Http && e.httpStatus == 403) {
            setReadOnly(true, ActionFailure::viewerSentence());
            Q_EMIT roleKnown(false);
        } else if (e.kind == ApiError::Kind::Http && e.httpStatus == 401) {
            setReadOnly(true, e.userMessage());
            Q_EMIT roleKnown(false);
        } else if (e.kind == ApiError::Kind::Http && e.httpStatus == 400) {
            setReadOnly(false);
            Q_EMIT roleKnown(true);
        } else {
            Logging::get("services")
                ->warn("role probe: role not known yet: {}", e.userMessage().toStdString());
        }
    });
}

void ActionController::setQuarantineCap(int perTenMinutes)
{
    m_quarantineCap = qMax(1, perTenMinutes);
}

int ActionController::recentQuarantines(const QDateTime &nowUtc) const
{
    const QDateTime from = nowUtc.addSecs(-kCapWindowSeconds);
    return int(std::count_if(m_quarantineTimes.cbegin(), m_quarantineTimes.cend(),
                             [&](const QDateTime &t) { return t > from && t <= nowUtc; }));
}

void ActionController::setClock(std::function<QDateTime()> clock)
{
    m_clock = clock ? std::move(clock) : [] {
        return QDateTime::currentDateTimeUtc();
    };
}
