#include "slaclockbar.h"

#include "incidentstore.h"
#include "statebadge.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QSystemTrayIcon>

namespace {

int rank(SlaClock::State state)
{
    switch (state) {
    case SlaClock::State::Missed:
        return 3;
    case SlaClock::State::Near:
        return 2;
    case SlaClock::State::Ok:
        return 1;
    case SlaClock::State::Met:
        return 0;
    }
    return 0;
}

StateBadge::Severity badgeSeverity(SlaClock::State state)
{
    switch (state) {
    case SlaClock::State::Missed:
        return StateBadge::Severity::Critical;
    case SlaClock::State::Near:
        return StateBadge::Severity::Warning;
    case SlaClock::State::Ok:
        return StateBadge::Severity::Info;
    case SlaClock::State::Met:
        return StateBadge::Severity::Ok;
    }
    return StateBadge::Severity::Neutral;
}

QString part(SlaClock::Which which, const SlaClock::Countdown &countdown)
{
    QString text = SlaClock::whichName(which) + QLatin1Char(' ') + SlaClock::describe(countdown);
    if (countdown.state == SlaClock::State::Near)
        text += QStringLiteral(" (near)");
    else if (countdown.state == SlaClock::State::Missed)
        text += QStringLiteral(" (missed)");
    return text;
}

} // namespace

SlaClockBar::SlaClockBar(IncidentStore *store, QWidget *parent)
    : QWidget(parent)
    , m_store(store)
    , m_clock(new SlaClock(this))
    , m_badge(new StateBadge(this))
{
    setAccessibleName(tr("Incident SLA clocks"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 0, 4, 0);
    layout->addWidget(m_badge);
    m_badge->setWordWrap(false); // one line in the status bar

    connect(m_clock, &SlaClock::updated, this, [this](const SlaClock::Status &s) { display(s); });
    connect(m_clock, &SlaClock::nearing, this,
            [this](SlaClock::Which which, const SlaClock::Status &s) {
                notify(which, SlaClock::State::Near, s);
            });
    connect(m_clock, &SlaClock::missed, this,
            [this](SlaClock::Which which, const SlaClock::Status &s) {
                notify(which, SlaClock::State::Missed, s);
            });
    if (store) {
        connect(store, &IncidentStore::activeIncidentChanged, this, [this] { refresh(); });
        connect(store, &IncidentStore::incidentChanged, this, [this] { refresh(); });
    }
    setVisible(false);
    refresh();
}

void SlaClockBar::setClock(SlaClock::Clock clock)
{
    m_clock->setClock(std::move(clock));
    refresh();
}

void SlaClockBar::setPolicy(const SlaPolicy &policy)
{
    m_clock->setPolicy(policy);
    refresh();
}

void SlaClockBar::refresh()
{
    std::optional<Incident> incident;
    if (m_store && m_store->isOpen() && !m_store->activeIncidentId().isEmpty())
        incident = m_store->incident(m_store->activeIncidentId());
    if (!incident || incident->isResolved()) {
        m_clock->stop();
        m_clock->clearIncident();
        setVisible(false);
        return;
    }
    m_clock->setIncident(*incident);
    m_clock->start();
    setVisible(true);
}

QString SlaClockBar::text() const
{
    return m_badge->text();
}

QString SlaClockBar::stateWord(SlaClock::State state)
{
    switch (state) {
    case SlaClock::State::Ok:
        return tr("on track");
    case SlaClock::State::Near:
        return tr("near");
    case SlaClock::State::Missed:
        return tr("missed");
    case SlaClock::State::Met:
        return tr("met");
    }
    return {};
}

void SlaClockBar::display(const SlaClock::Status &status)
{
    if (!status.valid)
        return;
    m_state = rank(status.response.state) >= rank(status.resolution.state)
        ? status.response.state
        : status.resolution.state;
    const QString sep = QStringLiteral(" · ");
    const QString text = severityName(status.severity) + sep
        + part(SlaClock::Which::Response, status.response) + sep
        + part(SlaClock::Which::Resolution, status.resolution);
    QString tip = tr("SLA %1: response due %2 UTC, resolution due %3 UTC.")
                      .arg(stateWord(m_state),
                           status.response.deadline.toString(QStringLiteral("HH:mm:ss")),
                           status.resolution.deadline.toString(QStringLiteral("HH:mm:ss")));
    if (status.restartedAt.isValid())
        tip += QLatin1Char(' ')
            + tr("Clocks restarted at %1 UTC: %2")
                  .arg(status.restartedAt.toString(QStringLiteral("HH:mm:ss")),
                       status.restartReason);
    m_badge->setState(badgeSeverity(m_state), text, tip);
    setAccessibleDescription(text);
}

void SlaClockBar::notify(SlaClock::Which which,
                         SlaClock::State state,
                         const SlaClock::Status &status)
{
    const SlaClock::Countdown &c
        = which == SlaClock::Which::Response ? status.response : status.resolution;
    const QString message = state == SlaClock::State::Missed
        ? tr("%1 %2 target missed (%3).")
              .arg(severityName(status.severity), SlaClock::whichName(which), SlaClock::describe(c))
        : tr("%1 %2 target is near: %3.")
              .arg(severityName(status.severity), SlaClock::whichName(which),
                   SlaClock::describe(c));
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        if (!m_tray) {
            m_tray = new QSystemTrayIcon(this);
            QIcon icon = QApplication::windowIcon();
            if (icon.isNull())
                icon = QIcon(StateBadge::icon(StateBadge::Severity::Warning, 32));
            m_tray->setIcon(icon);
            m_tray->setToolTip(tr("DreamOps incident SLA"));
            m_tray->show();
        }
        m_tray->showMessage(tr("Incident SLA"), message,
                            state == SlaClock::State::Missed ? QSystemTrayIcon::Critical
                                                             : QSystemTrayIcon::Warning);
    }
    Q_EMIT notified(which, state, message);
}
