#pragma once

#include "slaclock.h"

#include <QPointer>
#include <QWidget>

class IncidentStore;
class QSystemTrayIcon;
class StateBadge;

// The always-visible SLA countdowns of the active incident for the status bar / window bar:
// "P1 · response 12:30 left · resolution 1:47:10 left" with an icon and words per state (amber
// near, red missed, never colour alone). Hidden while no open incident is active. Drives its own
// SlaClock from the store; nearing/missed become one tray message each (when a tray exists) and
// the notified() signal.
class SlaClockBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SlaClockBar)

public:
    explicit SlaClockBar(IncidentStore *store, QWidget *parent = nullptr);

    SlaClock *slaClock() const { return m_clock; }
    void setClock(SlaClock::Clock clock); ///< tests: a fake clock (also re-evaluates)
    void setPolicy(const SlaPolicy &policy);
    /// Re-reads the active incident from the store (the store's signals call it).
    void refresh();

    QString text() const;
    SlaClock::State state() const { return m_state; } ///< the worse of the two countdowns
    static QString stateWord(SlaClock::State state); ///< "on track", "near", "missed", "met"

Q_SIGNALS:
    /// A countdown came near its deadline or missed it (once per clock and severity period).
    void notified(SlaClock::Which which, SlaClock::State state, const QString &message);

private:
    void display(const SlaClock::Status &status);
    void notify(SlaClock::Which which, SlaClock::State state, const SlaClock::Status &status);

    QPointer<IncidentStore> m_store;
    SlaClock *m_clock;
    StateBadge *m_badge;
    QSystemTrayIcon *m_tray = nullptr;
    SlaClock::State m_state = SlaClock::State::Ok;
};
