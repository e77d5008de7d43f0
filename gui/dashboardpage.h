#pragma once

#include "dashboardpoller.h"

#include <QPointer>
#include <QWidget>

class ActionController;
struct ActionOutcome;
class ChartGrid;
class FleetBar;
class FleetMetricsSource;
class HealthTablesPanel;
class QSplitter;
class QTimer;
class SeverityBanner;
class SeverityDeclaration;
class StateBadge;
class WindowBar;

// The console's main view during an incident: the severity banner, the golden-signal charts
// with their time controls, and the health column (probes, gates, breakers). It renders what
// the session's DashboardPoller emits, hands the breaker actions to it, and records the lead's
// declared severity in a SeverityDeclaration (which the incident issue persists).
class DashboardPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DashboardPage)

public:
    explicit DashboardPage(QWidget *parent = nullptr);
    ~DashboardPage() override;

    /// Follows a new poller (not owned; null = disconnected). Declared severity survives.
    void setPoller(DashboardPoller *poller);
    DashboardPoller *poller() const { return m_poller; }
    /// The session's Prometheus fleet (not owned; null = none): shows the "Metrics: This
    /// instance | Fleet (Prometheus)" selector; Fleet feeds the charts from the fleet's store.
    void setFleet(FleetMetricsSource *fleet);
    FleetBar *fleetBar() const { return m_fleetBar; }
    /// Trip and reset go through `actions` (journaled, confirmed); null disables them.
    void setActions(ActionController *actions);
    /// "SIMULATOR" or the server's host, shown in every confirmation dialog.
    void setEnvironment(const QString &environment);
    /// The session stopped polling (e.g. the simulator exited): everything shown is stale for
    /// `reason`, whatever the poller's last answers said. An empty reason = polling again.
    void setConnectionLost(const QString &reason);

    SeverityBanner *severityBanner() const { return m_banner; }
    WindowBar *windowBar() const { return m_windowBar; }
    ChartGrid *chartGrid() const { return m_charts; }
    HealthTablesPanel *healthPanel() const { return m_health; }
    SeverityDeclaration *declaration() const { return m_declaration; }

Q_SIGNALS:
    /// One sentence for the main window's status bar (action results).
    void statusMessage(const QString &message);
    /// The banner shows a new suggestion (nothing suggested, or no live data: Severity::None).
    void suggestionShown(const SeveritySuggestion &suggestion);
    /// The lead confirmed the suggested severity or declared one: time to open an incident.
    /// `detectedAt`: when the live signals first suggested one (invalid if they do not now).
    void incidentDeclarationRequested(Severity severity,
                                      const QStringList &reasons,
                                      const QDateTime &detectedAt);

private:
    void wirePoller();
    void showSuggestion(const SeveritySuggestion &suggestion);
    void refreshAll();
    void refreshFreshness();
    void updateBannerNote();
    void showInvalidSample(const QStringList &problems);
    bool showsFleet() const;
    void applyMetricsSource();
    void widenFleetWindow(qint64 fromSecond);
    QString chartStaleReason() const;

    QPointer<DashboardPoller> m_poller;
    QPointer<ActionController> m_actions;
    SeverityDeclaration *m_declaration;
    SeverityBanner *m_banner;
    WindowBar *m_windowBar;
    FleetBar *m_fleetBar;
    QPointer<FleetMetricsSource> m_fleet;
    qint64 m_fleetFrom = 0; ///< the oldest second asked of the fleet (0 = not asked yet)
    StateBadge *m_invalidNote;
    ChartGrid *m_charts;
    HealthTablesPanel *m_health;
    QSplitter *m_splitter;
    QTimer *m_staleTicker;
    QString m_connectionLost;
};
