#include "fleetbar.h"

#include "statebadge.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace {

constexpr int kThisInstance = 0;
constexpr int kFleet = 1;

} // namespace

FleetBar::FleetBar(QWidget *parent)
    : QWidget(parent)
    , m_source(new QComboBox(this))
    , m_instances(new QLabel(this))
    , m_error(new StateBadge(this))
{
    setObjectName(QStringLiteral("fleetBar"));
    m_source->setObjectName(QStringLiteral("metricsSource"));
    m_source->addItem(tr("This instance"));
    m_source->addItem(tr("Fleet (Prometheus)"));
    m_source->setAccessibleName(tr("Metrics source"));
    m_instances->setObjectName(QStringLiteral("fleetInstances"));
    m_instances->setWordWrap(true);
    m_instances->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setObjectName(QStringLiteral("fleetError"));
    m_error->setWordWrap(true);
    m_error->hide();

    auto *label = new QLabel(tr("&Metrics:"), this);
    label->setBuddy(m_source);
    auto *row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(label);
    row->addWidget(m_source);
    row->addWidget(m_instances, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(row);
    layout->addWidget(m_error);

    connect(m_source, &QComboBox::currentIndexChanged, this, [this] {
        refresh();
        Q_EMIT sourceChanged(showsFleet());
    });
    setFleet(nullptr);
}

FleetBar::~FleetBar() = default;

void FleetBar::setFleet(FleetMetricsSource *fleet)
{
    if (m_fleet)
        m_fleet->disconnect(this);
    m_fleet = fleet;
    setVisible(fleet != nullptr);
    if (fleet) {
        connect(fleet, &FleetMetricsSource::instancesChanged, this, [this] { refresh(); });
        connect(fleet, &FleetMetricsSource::failed, this, [this] { refresh(); });
        // A successful round clears the error: the live edge says so with each sample.
        connect(fleet, &FleetMetricsSource::sampled, this, [this] { refresh(); });
        connect(fleet, &FleetMetricsSource::backfilled, this, [this] { refresh(); });
        connect(fleet, &QObject::destroyed, this, [this] { setFleet(nullptr); });
    }
    if (!fleet && m_source->currentIndex() != kThisInstance)
        m_source->setCurrentIndex(kThisInstance); // emits sourceChanged
    else
        refresh();
}

bool FleetBar::showsFleet() const
{
    return m_fleet && m_source->currentIndex() == kFleet;
}

void FleetBar::setShowsFleet(bool fleet)
{
    m_source->setCurrentIndex(fleet && m_fleet ? kFleet : kThisInstance);
}

QString FleetBar::instancesText() const
{
    return m_instances->text();
}

QString FleetBar::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

QString FleetBar::describeInstances(const QList<FleetInstance> &instances)
{
    if (instances.isEmpty())
        return tr("Fleet: no instances known yet.");
    QStringList words;
    int up = 0;
    for (const FleetInstance &instance : instances) {
        if (instance.up)
            ++up;
        words << (instance.up ? tr("%1 ✓ up") : tr("%1 ✗ DOWN")).arg(instance.instance);
    }
    return tr("Fleet: %1 of %2 instances up — %3")
        .arg(up)
        .arg(instances.size())
        .arg(words.join(QStringLiteral(", ")));
}

void FleetBar::refresh()
{
    const bool fleet = showsFleet();
    m_instances->setVisible(fleet);
    if (!fleet) {
        m_error->hide();
        return;
    }
    m_instances->setText(describeInstances(m_fleet->instances()));
    const auto error = m_fleet->lastError();
    if (error) {
        // Each sentence names Prometheus or its API path itself.
        m_error->setState(StateBadge::Severity::Warning, error->userMessage());
        m_error->show();
    } else {
        m_error->hide();
    }
}
