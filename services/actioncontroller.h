#pragma once

#include "apierror.h"
#include "apiresult.h"
#include "opsdto.h"
#include "pendingpost.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QString>

#include <functional>
#include <optional>

class ActionJournal;
class OpsClient;

/// What the operator asked for. One struct for every control so that dialogs, hotkeys, the
/// runbook wizard and tests go through the same path.
struct ActionRequest
{
    enum class Kind {
        SafeMode,
        WriteDrain,
        EmergencyMode,
        Flag, ///< target = flag name
        QuarantineAgent, ///< target = agent id; durationSeconds optional
        ReleaseAgent, ///< target = agent id
        StartReplay, ///< replay = rate cap, maximum, filters
        StopReplay,
        TripBreaker, ///< target = breaker name
        ResetBreaker, ///< target = breaker name
        RestartService
    };
    Kind kind = Kind::SafeMode;
    bool enable = true; ///< SafeMode/WriteDrain/EmergencyMode/Flag: on or off
    QString target;
    QString reason;
    std::optional<int> durationSeconds;
    ReplayRequest replay; ///< StartReplay only (its reason is taken from `reason`)
    bool overrideCap = false; ///< QuarantineAgent: the lead explicitly overrode the cap

    /// "safe-mode.enable", "flag.disable", "agent.quarantine", "dlq.replay.start", ...
    QString actionName() const;
    /// "Turn on safe mode", "Disable flag citadel_enabled", "Quarantine agent relaybot", ...
    QString summary() const;
    /// The runbook's words for what it does, e.g. "Disables tool use and external calls."
    QString effect() const;
    /// The request's own checks (target, reason 1-500 characters, ranges): nullopt when fine,
    /// else the sentence to show next to the control. ActionController::validate() adds the
    /// quarantine cap.
    std::optional<QString> problem() const;
};

/// How an action ended (or is going).
struct ActionOutcome
{
    enum class State { Pending, Succeeded, Failed, Unknown };
    QString actionId;
    ActionRequest request;
    State state = State::Pending;
    QString message; ///< one sentence for the user, next to the control
    std::optional<ApiError> error;
    QJsonObject answer; ///< the server's JSON on success
    int httpStatus = 0;
    QString traceId;
    QDateTime startedUtc;
    qint64 durationMs = 0;
    QString idempotencyKey; ///< the key the request carries (a resend keeps it)
    QString resendOf; ///< a resend: the id of the first action it repeats, else empty
};

/// Sends every operator action through one path: validate (reason 1-500 chars, ranges, the
/// quarantine cap), journal the intent, call OpsClient, journal the result, report it. Never
/// retries on its own; an outcome that could not be learned (timeout, dropped connection) is
/// Unknown and resend() sends it again with the same Idempotency-Key. QtWidgets-free.
class ActionController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ActionController)

public:
    static constexpr int kMaxReasonLength = 500;
    static constexpr int kDefaultQuarantineCap = 3; ///< quarantines per 10 minutes

    /// `journal` may be null (actions are then not recorded and a warning is logged);
    /// `environment` names the profile in journal entries.
    ActionController(OpsClient *client,
                     ActionJournal *journal,
                     const QString &environment,
                     QObject *parent = nullptr);
    ~ActionController() override;

    /// Checks a request without sending it: nullopt when fine, else the sentence to show next
    /// to the control ("A reason is required.", "Rate cap must be 1-1000 messages/s.",
    /// "3 agents were quarantined in the last 10 minutes; override to quarantine more.").
    std::optional<QString> validate(const ActionRequest &request) const;

    /// Validates, journals the intent and sends. Returns the action id, or an empty string when
    /// validation failed, the console is read-only, or an identical action (same kind, target
    /// and enable) is already in flight (a double click sends one request); `rejected` then
    /// carries the sentence.
    QString perform(const ActionRequest &request, QString *rejected = nullptr);

    /// Sends an Unknown (or Failed with a network error) action again with the same
    /// Idempotency-Key and body; journals a new intent/result pair with the same key.
    bool resend(const QString &actionId, QString *rejected = nullptr);
    /// True when resend() would send this action again now: it is not in flight and its outcome
    /// is Unknown, or it failed without a usable answer (network, 5xx, 429).
    bool canResend(const QString &actionId) const;

    std::optional<ActionOutcome> outcome(const QString &actionId) const;
    bool isInFlight(const QString &actionId) const;
    int inFlightCount() const;

    /// A viewer token makes the console read-only: perform() refuses with `why`.
    void setReadOnly(bool readOnly, const QString &why = {});
    bool isReadOnly() const { return m_readOnly; }
    QString readOnlyReason() const { return m_readOnlyReason; }
    /// Asks the server whether the token may act: POST /api/ops/safe-mode with an empty body
    /// (changes nothing: 400 reason_required for an operator, 403 forbidden for a viewer) and
    /// sets read-only from the answer. Emits roleKnown when the answer tells (403/401: false,
    /// 400: true); a network error leaves the state as it is (logged). dreamnet-sim answers an
    /// operator's empty body with 400 invalid_body ("enabled" is checked before "reason"), so any
    /// 400 counts as "may act".
    void probeRole();

    void setQuarantineCap(int perTenMinutes);
    int quarantineCap() const { return m_quarantineCap; }
    /// Quarantines counted against the cap in the 10 minutes before `now`.
    int recentQuarantines(const QDateTime &nowUtc) const;
    /// For tests: the clock the cap reads (defaults to QDateTime::currentDateTimeUtc).
    void setClock(std::function<QDateTime()> clock);

Q_SIGNALS:
    void actionStarted(const ActionOutcome &outcome);
    void actionFinished(const ActionOutcome &outcome);
    void readOnlyChanged(bool readOnly, const QString &why);
    void roleKnown(bool canAct);

private:
    struct Running
    {
        QString signature; ///< kind, target and enable: a second identical perform is refused
        QString resendOf;
        QElapsedTimer timer;
        QDateTime quarantinedAt; ///< counted against the cap while valid
    };
    struct Reply;
    template<typename T, typename ToJson>
    static Reply replyOf(const ApiResult<T> &result, ToJson toJson);

    PendingPost dispatch(const ActionRequest &request, const QString &actionId);
    void begin(ActionOutcome outcome, const PendingPost &post, bool countsForCap);
    void complete(const QString &actionId, const Reply &reply);
    void describeFailure(ActionOutcome &outcome, const ApiError &error);
    void record(const ActionOutcome &outcome, bool intent, const QJsonObject &details);
    QString signatureOf(const ActionRequest &request) const;

    OpsClient *m_client = nullptr;
    ActionJournal *m_journal = nullptr;
    QString m_environment;
    bool m_readOnly = false;
    QString m_readOnlyReason;
    int m_quarantineCap = kDefaultQuarantineCap;
    std::function<QDateTime()> m_clock;
    QList<QDateTime> m_quarantineTimes;
    QHash<QString, ActionOutcome> m_outcomes;
    QHash<QString, PendingPost> m_posts;
    QHash<QString, Running> m_running; ///< in flight, by action id
};
