#pragma once

#include "fleetmetricssource.h"

#include <QPointer>
#include <QWidget>

class QComboBox;
class QLabel;
class StateBadge;

// The dashboard's metrics source selector for a profile with a Prometheus fleet: "Metrics:
// [This instance | Fleet (Prometheus)]", and while Fleet is chosen, the instances in words
// ("Fleet: 2 of 3 instances up — 127.0.0.1:4101 ✓ up, 127.0.0.1:4102 ✗ DOWN") plus the
// fleet's last error sentence. Hidden when the session has no fleet.
class FleetBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FleetBar)

public:
    explicit FleetBar(QWidget *parent = nullptr);
    ~FleetBar() override;

    /// Follows `fleet` (not owned; null = no fleet: the bar hides and This instance is chosen).
    void setFleet(FleetMetricsSource *fleet);
    FleetMetricsSource *fleet() const { return m_fleet; }
    /// True when the charts should show the fleet.
    bool showsFleet() const;
    void setShowsFleet(bool fleet);

    /// The line of words for `instances` (never colour alone).
    static QString describeInstances(const QList<FleetInstance> &instances);

    QString instancesText() const;
    QString errorText() const;

Q_SIGNALS:
    /// The user (or setShowsFleet/setFleet) changed the charts' source.
    void sourceChanged(bool fleet);

private:
    void refresh();

    QPointer<FleetMetricsSource> m_fleet;
    QComboBox *m_source;
    QLabel *m_instances;
    StateBadge *m_error;
};
