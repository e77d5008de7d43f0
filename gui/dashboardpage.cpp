#include "dashboardpage.h"

#include "actioncontroller.h"

#include "chartgrid.h"
#include "fleetbar.h"
#include "healthtablespanel.h"
#include "probesbox.h"
#include "severitybanner.h"
#include "severitydeclaration.h"
#include "statebadge.h"
#include "tablesection.h"
#include "windowbar.h"

#include <QDateTime>
#include <QScrollArea>
#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>

using Source = DashboardPoller::Source;

namespace {

// The "14 s ago" of a stale source grows; once a second is enough and far from blinking (U5).
constexpr int kStaleTickMs = 1000;

QDateTime lastGood(const DashboardPoller &poller, Source source)
{
    const auto status = poller.sourceStatus(source);
    return status.lastSuccess ? status.lastSuccess->toLocalTime() : QDateTime();
}

QList<ChartMarker> chartMarkers(const QList<TimelineMark> &marks)
{
    QList<ChartMarker> markers;
    markers.reserve(marks.size());
    for (const TimelineMark &mark : marks)
        markers.append({mark.epochMs, mark.label});
    return markers;
}

} // namespace

DashboardPage::DashboardPage(QWidget *parent)
    : QWidget(parent)
    , m_declaration(new SeverityDeclaration(this))
    , m_banner(new SeverityBanner(this))
    , m_windowBar(new WindowBar(this))
    , m_fleetBar(new FleetBar(this))
    , m_invalidNote(new StateBadge(this))
    , m_charts(new ChartGrid(this))
    , m_health(new HealthTablesPanel(this))
    , m_splitter(new QSplitter(Qt::Horizontal, this))
    , m_staleTicker(new QTimer(this))
{
    setObjectName(QStringLiteral("dashboardPage"));
    m_invalidNote->setObjectName(QStringLiteral("invalidSample"));
    m_invalidNote->hide();

    // The health column scrolls on its own when the window is short; the charts never do.
    auto *healthScroll = new QScrollArea(this);
    healthScroll->setObjectName(QStringLiteral("healthScroll"));
    healthScroll->setAccessibleName(tr("Health checks"));
    healthScroll->setWidget(m_health);
    healthScroll->setWidgetResizable(true);
    healthScroll->setFrameShape(QFrame::NoFrame);
    healthScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    healthScroll->setMinimumWidth(340);
    m_splitter->addWidget(m_charts);
    m_splitter->addWidget(healthScroll);
    // Two thirds for the charts: at 1280 px each chart still gets ~400 px of plot.
    m_splitter->setStretchFactor(0, 2);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({2000, 1000});
    m_splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_banner);
    layout->addWidget(m_fleetBar);
    layout->addWidget(m_windowBar);
    layout->addWidget(m_invalidNote);
    layout->addWidget(m_splitter, 1);

    connect(m_windowBar, &WindowBar::spanRequested, m_charts, &ChartGrid::setSpan);
    connect(m_windowBar, &WindowBar::followLiveRequested, m_charts, &ChartGrid::setFollowLive);
    connect(m_charts, &ChartGrid::windowChanged, m_windowBar, &WindowBar::showWindow);
    connect(m_charts, &ChartGrid::windowChanged, this,
            [this](qint64 fromSecond) { widenFleetWindow(fromSecond); });
    connect(m_fleetBar, &FleetBar::sourceChanged, this, [this] { applyMetricsSource(); });
    m_windowBar->showWindow(m_charts->fromSecond(), m_charts->toSecond(), m_charts->presetSpan(),
                            m_charts->followLive());

    connect(m_banner, &SeverityBanner::confirmRequested, this,
            [this](const SeveritySuggestion &suggestion) {
                m_declaration->confirm(suggestion, QDateTime::currentDateTimeUtc());
                Q_EMIT incidentDeclarationRequested(suggestion.severity, suggestion.reasons,
                                                    suggestion.firstSeen);
            });
    connect(m_banner, &SeverityBanner::overrideRequested, this,
            [this](Severity severity, const QString &reason) {
                m_declaration->declare(severity, reason, m_banner->suggestion(),
                                       QDateTime::currentDateTimeUtc());
                if (severity != Severity::None)
                    Q_EMIT incidentDeclarationRequested(severity, {reason},
                                                        m_banner->suggestion().firstSeen);
            });
    connect(m_declaration, &SeverityDeclaration::changed, this, [this] {
        m_banner->setDeclared(m_declaration->current());
        Q_EMIT statusMessage(SeverityDeclaration::describe(m_declaration->current()));
    });

    const auto breakerAction
        = [this](ActionRequest::Kind kind, const QString &breaker, const QString &reason) {
              ActionRequest request;
              request.kind = kind;
              request.target = breaker;
              request.reason = reason;
              if (!m_actions) {
                  m_health->showActionResult(request.summary(), false,
                                             tr("Not connected: the action was not sent."));
                  return;
              }
              QString rejected;
              if (m_actions->perform(request, &rejected).isEmpty())
                  m_health->showActionResult(request.summary(), false, rejected);
              else
                  m_health->showActionPending(request.summary());
          };
    connect(m_health, &HealthTablesPanel::tripRequested, this,
            [breakerAction](const QString &breaker, const QString &reason) {
                breakerAction(ActionRequest::Kind::TripBreaker, breaker, reason);
            });
    connect(m_health, &HealthTablesPanel::resetRequested, this,
            [breakerAction](const QString &breaker, const QString &reason) {
                breakerAction(ActionRequest::Kind::ResetBreaker, breaker, reason);
            });

    m_staleTicker->setInterval(kStaleTickMs);
    connect(m_staleTicker, &QTimer::timeout, this, [this] { refreshFreshness(); });
    setPoller(nullptr);
}

DashboardPage::~DashboardPage() = default;

void DashboardPage::setEnvironment(const QString &environment)
{
    m_banner->setEnvironment(environment);
    m_health->setEnvironment(environment);
}

void DashboardPage::setConnectionLost(const QString &reason)
{
    if (reason == m_connectionLost)
        return;
    m_connectionLost = reason;
    refreshFreshness();
}

void DashboardPage::setPoller(DashboardPoller *poller)
{
    if (m_poller)
        m_poller->disconnect(this);
    m_poller = poller;
    if (!showsFleet())
        m_charts->setStore(poller ? &poller->signalStore() : nullptr);
    m_health->setActionsEnabled(poller != nullptr);
    if (poller)
        wirePoller();
    refreshAll();
}

void DashboardPage::setFleet(FleetMetricsSource *fleet)
{
    if (m_fleet)
        m_fleet->disconnect(this);
    m_fleet = fleet;
    m_fleetFrom = 0;
    if (fleet) {
        const auto sampled = [this](qint64 second) {
            if (showsFleet())
                m_charts->onSampleRecorded(second);
        };
        connect(fleet, &FleetMetricsSource::sampled, this, sampled);
        connect(fleet, &FleetMetricsSource::backfilled, this,
                [this, sampled](qint64, qint64 toSecond) {
                    sampled(toSecond);
                    refreshFreshness();
                });
        connect(fleet, &FleetMetricsSource::failed, this, [this] { refreshFreshness(); });
    }
    m_fleetBar->setFleet(fleet); // back to This instance without a fleet: applyMetricsSource
    applyMetricsSource();
}

bool DashboardPage::showsFleet() const
{
    return m_fleet && m_fleetBar->showsFleet();
}

void DashboardPage::applyMetricsSource()
{
    if (showsFleet()) {
        m_charts->setStore(&m_fleet->signalStore());
        widenFleetWindow(m_charts->fromSecond());
    } else {
        m_charts->setStore(m_poller ? &m_poller->signalStore() : nullptr);
    }
    refreshAll();
}

void DashboardPage::widenFleetWindow(qint64 fromSecond)
{
    // The fleet back-fills only what it was asked for: a window reaching further back asks
    // Prometheus for that history (following the live edge moves `fromSecond` forward only).
    if (!showsFleet() || (m_fleetFrom != 0 && fromSecond >= m_fleetFrom))
        return;
    m_fleetFrom = fromSecond;
    m_fleet->openWindow(fromSecond, QDateTime::currentSecsSinceEpoch());
}

QString DashboardPage::chartStaleReason() const
{
    if (showsFleet()) {
        const auto error = m_fleet->lastError();
        // The fleet bar above says why in full; the charts only point at it.
        return error ? tr("the fleet's last Prometheus query failed (the reason is above)")
                     : QString();
    }
    if (!m_poller)
        return tr("not connected");
    return m_poller->isStale(Source::Metrics) ? m_poller->staleReason(Source::Metrics) : QString();
}

void DashboardPage::wirePoller()
{
    DashboardPoller *p = m_poller;
    connect(p, &QObject::destroyed, this, [this] { setPoller(nullptr); });
    connect(p, &DashboardPoller::sampleRecorded, this, [this](qint64 second) {
        if (!showsFleet())
            m_charts->onSampleRecorded(second);
        if (m_poller && m_poller->signalStore().lastReport().invalid.isEmpty())
            m_invalidNote->hide();
    });
    connect(p, &DashboardPoller::invalidSample, this, &DashboardPage::showInvalidSample);
    connect(p, &DashboardPoller::liveUpdated, this, [this](const LiveStatus &live) {
        m_health->probes()->setLive(live);
        refreshFreshness();
    });
    connect(p, &DashboardPoller::readyUpdated, this, [this](const ReadyStatus &ready) {
        m_health->probes()->setReady(ready);
        refreshFreshness();
    });
    connect(p, &DashboardPoller::healthUpdated, this, [this](const HealthStatus &health) {
        m_health->probes()->setHealth(health);
        refreshFreshness();
    });
    connect(p, &DashboardPoller::gatesUpdated, this, [this](const HealthGates &gates) {
        m_health->setGates(gates);
        refreshFreshness();
    });
    connect(p, &DashboardPoller::breakersUpdated, this, [this](const BreakerList &breakers) {
        m_health->setBreakers(breakers);
        refreshFreshness();
    });
    connect(p, &DashboardPoller::sourceFailed, this,
            [this](DashboardPoller::Source source, const ApiError &error) {
                // The server answering "not alive" is a state, not a lost connection.
                if (source == Source::Live && error.kind == ApiError::Kind::Http)
                    m_health->probes()->setLiveRefused(error.httpStatus);
                refreshFreshness();
            });
    connect(p, &DashboardPoller::staleChanged, this, [this] { refreshFreshness(); });
    connect(p, &DashboardPoller::suggestionChanged, this,
            [this](const SeveritySuggestion &suggestion) {
                showSuggestion(suggestion);
                updateBannerNote();
            });
    connect(p, &DashboardPoller::marksChanged, this, [this] {
        if (m_poller)
            m_charts->setMarkers(chartMarkers(m_poller->marks()));
    });
}

void DashboardPage::setActions(ActionController *actions)
{
    if (m_actions)
        m_actions->disconnect(this);
    m_actions = actions;
    if (!actions)
        return;
    connect(actions, &ActionController::actionFinished, this, [this](const ActionOutcome &outcome) {
        const ActionRequest::Kind kind = outcome.request.kind;
        if (kind != ActionRequest::Kind::TripBreaker && kind != ActionRequest::Kind::ResetBreaker)
            return;
        if (m_poller)
            m_poller->breakersChanged();
        const bool ok = outcome.state == ActionOutcome::State::Succeeded;
        const QString summary = outcome.request.summary();
        m_health->showActionResult(summary, ok, outcome.message);
        Q_EMIT statusMessage(ok ? tr("%1: done. %2").arg(summary, outcome.message)
                                : tr("%1 failed: %2").arg(summary, outcome.message));
    });
}

void DashboardPage::showSuggestion(const SeveritySuggestion &suggestion)
{
    m_banner->setSuggestion(suggestion);
    Q_EMIT suggestionShown(suggestion);
}

void DashboardPage::refreshAll()
{
    m_banner->setDeclared(m_declaration->current());
    if (!m_poller) {
        showSuggestion({});
        m_banner->setDataNote(tr("Not connected: no live data to suggest a severity from."), true);
        m_charts->setStale(showsFleet() ? chartStaleReason() : tr("not connected"));
        m_staleTicker->stop();
        return;
    }
    const DashboardPoller &p = *m_poller;
    if (p.live())
        m_health->probes()->setLive(*p.live());
    if (p.ready())
        m_health->probes()->setReady(*p.ready());
    if (p.health())
        m_health->probes()->setHealth(*p.health());
    if (p.gates())
        m_health->setGates(*p.gates());
    if (p.breakers())
        m_health->setBreakers(*p.breakers());
    m_charts->setMarkers(chartMarkers(p.marks()));
    showSuggestion(p.suggestion());
    refreshFreshness();
}

void DashboardPage::refreshFreshness()
{
    if (!m_poller)
        return;
    const DashboardPoller &p = *m_poller;
    if (!m_connectionLost.isEmpty()) {
        // Nobody polls any more: the last answers were good, but they are getting old.
        m_charts->setStale(showsFleet() ? chartStaleReason() : m_connectionLost);
        QDateTime probesGood;
        for (const Source source : {Source::Live, Source::Ready, Source::Health}) {
            const QDateTime good = lastGood(p, source);
            if (good.isValid() && (!probesGood.isValid() || good < probesGood))
                probesGood = good;
        }
        m_health->probes()->setStale(probesGood, m_connectionLost);
        m_health->gatesSection()->setStale(lastGood(p, Source::Gates), m_connectionLost);
        m_health->breakersSection()->setStale(lastGood(p, Source::Breakers), m_connectionLost);
        m_health->setActionsEnabled(false);
        m_banner->setDataNote(
            tr("No live data: this suggestion is from the last answers. %1").arg(m_connectionLost),
            true);
        m_staleTicker->stop();
        return;
    }
    m_health->setActionsEnabled(true);
    m_charts->setStale(chartStaleReason());

    // The probes box shows three sources: stale as soon as one of them is, saying which, with
    // the oldest last good time among the stale ones.
    QStringList probeReasons;
    QDateTime staleSince;
    QDateTime newest;
    for (const Source source : {Source::Live, Source::Ready, Source::Health}) {
        const QDateTime good = lastGood(p, source);
        if (good.isValid() && (!newest.isValid() || good > newest))
            newest = good;
        if (!p.isStale(source))
            continue;
        probeReasons << tr("%1: %2").arg(DashboardPoller::sourceName(source),
                                         p.staleReason(source));
        if (good.isValid() && (!staleSince.isValid() || good < staleSince))
            staleSince = good;
    }
    if (probeReasons.isEmpty())
        m_health->probes()->setFresh(newest);
    else
        m_health->probes()->setStale(staleSince, probeReasons.join(QLatin1Char(' ')));

    const auto table = [&p](TableSection *section, Source source) {
        if (p.isStale(source))
            section->setStale(lastGood(p, source), p.staleReason(source));
        else
            section->setFresh(lastGood(p, source));
    };
    table(m_health->gatesSection(), Source::Gates);
    table(m_health->breakersSection(), Source::Breakers);
    updateBannerNote();

    bool anyStale = false;
    for (int i = 0; i < DashboardPoller::kSourceCount; ++i)
        anyStale = anyStale || p.isStale(Source(i));
    if (anyStale && !m_staleTicker->isActive())
        m_staleTicker->start();
    else if (!anyStale)
        m_staleTicker->stop();
}

void DashboardPage::updateBannerNote()
{
    if (!m_poller || !m_connectionLost.isEmpty())
        return;
    QStringList stale;
    for (int i = 0; i < DashboardPoller::kSourceCount; ++i) {
        const auto source = Source(i);
        if (source != Source::OpsStatus && m_poller->isStale(source))
            stale << DashboardPoller::sourceName(source);
    }
    const bool nothingFresh = stale.size() == DashboardPoller::kSourceCount - 1;
    if (stale.isEmpty())
        m_banner->setDataNote({});
    else if (nothingFresh)
        m_banner->setDataNote(tr("No live data: no source answers; this suggestion is from the "
                                 "last answers."),
                              true);
    else
        m_banner->setDataNote(tr("Partial data: no fresh answer from %1; the suggestion uses "
                                 "only what is known.")
                                  .arg(stale.join(QStringLiteral(", "))));
}

void DashboardPage::showInvalidSample(const QStringList &problems)
{
    m_invalidNote->setState(StateBadge::Severity::Warning,
                            tr("Last metrics sample not plotted (invalid): %1")
                                .arg(problems.join(QStringLiteral("; "))));
    m_invalidNote->show();
}
