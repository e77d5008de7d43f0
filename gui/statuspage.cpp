#include "statuspage.h"

#include "connectionnotice.h"
#include "consolesession.h"
#include "healthpanel.h"
#include "livenesspanel.h"
#include "opsstatuspanel.h"
#include "readinesspanel.h"

#include <QGridLayout>
#include <QScrollArea>
#include <QVBoxLayout>

#include <algorithm>

using Endpoint = ConsoleSession::Endpoint;

StatusPage::StatusPage(ConsoleSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_notice(new ConnectionNotice(this))
    , m_ops(new OpsStatusPanel)
    , m_health(new HealthPanel)
    , m_live(new LivenessPanel)
    , m_ready(new ReadinessPanel)
    , m_panels(new QWidget)
{
    setObjectName(QStringLiteral("statusPage"));
    // Two rows of two: what the operator changes (modes) beside what the service reports
    // (health), then the two probes a load balancer uses.
    auto *grid = new QGridLayout(m_panels);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->addWidget(m_ops, 0, 0);
    grid->addWidget(m_health, 0, 1);
    grid->addWidget(m_live, 1, 0);
    grid->addWidget(m_ready, 1, 1);
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(1, 1);
    grid->setRowStretch(2, 1);
    // Labels line up down each column, not only within a box.
    const int left = std::max(m_ops->labelColumnWidth(), m_live->labelColumnWidth());
    m_ops->setLabelColumnWidth(left);
    m_live->setLabelColumnWidth(left);
    const int right = std::max(m_health->labelColumnWidth(), m_ready->labelColumnWidth());
    m_health->setLabelColumnWidth(right);
    m_ready->setLabelColumnWidth(right);

    auto *scroll = new QScrollArea(this);
    scroll->setWidget(m_panels);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setAccessibleName(tr("Status panels"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_notice);
    layout->addWidget(scroll, 1);

    connectSession();
    onStateChanged();
}

QSize StatusPage::sizeHint() const
{
    const QMargins margins = layout()->contentsMargins();
    const QSize panels = m_panels->sizeHint();
    return {panels.width() + margins.left() + margins.right(),
            panels.height() + margins.top() + margins.bottom()};
}

void StatusPage::connectSession()
{
    connect(m_notice, &ConnectionNotice::retryRequested, m_session, &ConsoleSession::refreshNow);
    connect(m_session, &ConsoleSession::stateChanged, this, &StatusPage::onStateChanged);
    connect(m_session, &ConsoleSession::opsStatusUpdated, this, [this](const OpsStatus &status) {
        m_ops->setStatus(status, m_session->lastSuccess(Endpoint::OpsStatus));
    });
    connect(m_session, &ConsoleSession::healthUpdated, this, [this](const HealthStatus &health) {
        m_health->setHealth(health, m_session->lastSuccess(Endpoint::Health));
    });
    connect(m_session, &ConsoleSession::liveUpdated, this, [this](const LiveStatus &live) {
        m_live->setLive(live, m_session->lastSuccess(Endpoint::Live));
    });
    connect(m_session, &ConsoleSession::readyUpdated, this, [this](const ReadyStatus &ready) {
        m_ready->setReady(ready, m_session->lastSuccess(Endpoint::Ready));
    });
    connect(m_session, &ConsoleSession::endpointFailed, this,
            [this](Endpoint endpoint, const ApiError &error) {
                const QDateTime last = m_session->lastSuccess(endpoint);
                // The connection notice already says it: do not repeat it in every panel.
                const bool sameAsNotice = m_session->state() == ConsoleSession::State::Failing
                    && error.userMessage() == m_session->stateMessage();
                const QString reason = sameAsNotice ? tr("Not available; see the message above.")
                                                    : error.userMessage();
                switch (endpoint) {
                case Endpoint::OpsStatus:
                    m_ops->setStale(last, reason);
                    break;
                case Endpoint::Health:
                    m_health->setStale(last, reason);
                    break;
                case Endpoint::Live:
                    m_live->setStale(last, reason);
                    break;
                case Endpoint::Ready:
                    m_ready->setStale(last, reason);
                    break;
                }
            });
}

void StatusPage::onStateChanged()
{
    switch (m_session->state()) {
    case ConsoleSession::State::Failing:
        m_notice->showProblem(m_session->stateMessage());
        break;
    case ConsoleSession::State::SimulatorDown:
        // The simulator banner says it and offers the restart; here the values go stale.
        m_notice->clear();
        markAllStale(tr("The simulator is not running."));
        break;
    case ConsoleSession::State::Idle:
    case ConsoleSession::State::StartingSimulator:
    case ConsoleSession::State::Connecting:
    case ConsoleSession::State::Connected:
        m_notice->clear();
        break;
    }
}

void StatusPage::markAllStale(const QString &reason)
{
    m_ops->setStale(m_session->lastSuccess(Endpoint::OpsStatus), reason);
    m_health->setStale(m_session->lastSuccess(Endpoint::Health), reason);
    m_live->setStale(m_session->lastSuccess(Endpoint::Live), reason);
    m_ready->setStale(m_session->lastSuccess(Endpoint::Ready), reason);
}
