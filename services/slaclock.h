#pragma once

#include "incident.h"
#include "slapolicy.h"

#include <QObject>
#include <QSet>
#include <QTimer>

#include <functional>

/// The response and resolution countdowns of one incident, computed from the stored record
/// alone (so after a console restart they keep counting from the stored times). The clocks start
/// at detection (the Detected milestone, else the declaration); a severity change restarts both
/// from the change time by the new severity's targets, and the status says when and why.
/// Response is met by the "Response started" milestone, resolution by "Service restored" or by
/// resolving. tick() (every second once start()ed) emits nearing()/missed() once per clock and
/// severity period, for tray notifications.
class SlaClock final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SlaClock)

public:
    using Clock = std::function<QDateTime()>;
    enum class Which { Response, Resolution };
    Q_ENUM(Which)
    enum class State { Ok, Near, Missed, Met };
    Q_ENUM(State)

    struct Countdown
    {
        State state = State::Ok;
        QDateTime start;
        QDateTime deadline;
        qint64 targetSeconds = 0;
        qint64 remainingSeconds = 0; ///< negative = overdue by that much (at metAt when met)
        QDateTime metAt; ///< valid when met
    };

    struct Status
    {
        bool valid = false; ///< false when no incident is set
        Severity severity = Severity::None;
        Countdown response;
        Countdown resolution;
        int period = 0; ///< index in Incident::severityHistory the clocks run from
        QDateTime restartedAt; ///< valid after a severity change
        QString restartReason;
    };

    explicit SlaClock(QObject *parent = nullptr);

    static Status compute(const Incident &incident, const SlaPolicy &policy, const QDateTime &now);
    /// "12:30 left", "overdue 3:05", "met", for the badges.
    static QString describe(const Countdown &countdown);
    static QString whichName(Which which); ///< "response", "resolution"

    void setPolicy(const SlaPolicy &policy);
    const SlaPolicy &policy() const { return m_policy; }
    void setClock(Clock clock); ///< default: QDateTime::currentDateTimeUtc
    void setIncident(const Incident &incident); ///< re-evaluated (and ticked) at once
    void clearIncident();

    Status status() const;
    void tick();
    void start(int intervalMs = 1000);
    void stop();

Q_SIGNALS:
    void updated(const SlaClock::Status &status);
    void nearing(SlaClock::Which which, const SlaClock::Status &status);
    void missed(SlaClock::Which which, const SlaClock::Status &status);

private:
    void notify(Which which, const Status &status);

    SlaPolicy m_policy;
    Clock m_clock;
    std::optional<Incident> m_incident;
    QSet<QString> m_notified; ///< "incident/period/which/state" already emitted
    QTimer m_timer;
};
