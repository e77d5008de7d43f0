#include "replayprogress.h"

#include "controlspoller.h"

#include <QHBoxLayout>
#include <QLocale>
#include <QMouseEvent>
#include <QProgressBar>
#include <QPushButton>

#include <algorithm>
#include <cmath>
#include <limits>

ReplayProgress::ReplayProgress(ControlsPoller *poller, QWidget *parent)
    : QWidget(parent)
    , m_button(new QPushButton(this))
    , m_bar(new QProgressBar(this))
{
    setObjectName(QStringLiteral("replayProgress"));
    m_button->setObjectName(QStringLiteral("replayProgressButton"));
    m_button->setAccessibleName(tr("Dead-letter replay progress"));
    m_button->setFlat(true);
    m_button->setAutoDefault(false);
    m_button->setToolTip(tr("A dead-letter replay is running; click to open the dead-letter "
                            "page."));
    m_bar->setObjectName(QStringLiteral("replayProgressBar"));
    m_bar->setAccessibleName(tr("Dead-letter replay progress"));
    m_bar->setTextVisible(false);
    m_bar->setFixedWidth(100);
    m_bar->setMaximumHeight(12);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_button);
    layout->addWidget(m_bar);
    connect(m_button, &QPushButton::clicked, this, [this] { Q_EMIT showRequested(); });
    connect(poller, &ControlsPoller::deadLetterUpdated, this,
            [this](const DeadLetterStatus &status) { showStatus(status); });
    hide();
    if (poller->deadLetter())
        showStatus(*poller->deadLetter());
}

bool ReplayProgress::isActive(const std::optional<ReplayState> &replay)
{
    return replay
        && (replay->state == ReplayPhase::Running || replay->state == ReplayPhase::Paused);
}

qint64 ReplayProgress::total(const ReplayState &replay)
{
    return replay.replayed + replay.failed + replay.remaining;
}

QString ReplayProgress::phaseText(ReplayPhase phase)
{
    switch (phase) {
    case ReplayPhase::Running:
        return tr("running");
    case ReplayPhase::Paused:
        return tr("paused");
    case ReplayPhase::Done:
        return tr("done");
    case ReplayPhase::Stopped:
        return tr("stopped");
    }
    return {};
}

QString ReplayProgress::shortText(const ReplayState &replay)
{
    const QLocale locale;
    QString text = tr("Replay %1/%2")
                       .arg(locale.toString(replay.replayed + replay.failed),
                            locale.toString(total(replay)));
    if (replay.failed > 0)
        text += tr(" · %1 failed").arg(locale.toString(replay.failed));
    text += tr(" · %1/s").arg(locale.toString(replay.rateLimit, 'g', 6));
    if (replay.state != ReplayPhase::Running)
        text += tr(" · %1").arg(phaseText(replay.state));
    return text;
}

qint64 ReplayProgress::etaSeconds(const ReplayState &replay)
{
    if (replay.rateLimit <= 0)
        return -1;
    return qint64(std::ceil(double(replay.remaining) / replay.rateLimit));
}

void ReplayProgress::showStatus(const DeadLetterStatus &status)
{
    if (!isActive(status.replay)) {
        hide();
        return;
    }
    const ReplayState &replay = *status.replay;
    const qint64 all = total(replay);
    // QProgressBar counts in int; a replay moves at most 100,000 messages.
    const int maximum
        = int(std::min<qint64>(std::max<qint64>(all, 1), std::numeric_limits<int>::max()));
    m_bar->setRange(0, maximum);
    m_bar->setValue(int(std::min<qint64>(replay.replayed + replay.failed, maximum)));
    const QString text = shortText(replay);
    m_button->setText(text);
    m_button->setAccessibleName(tr("%1. Open the dead-letter page.").arg(text));
    m_bar->setAccessibleDescription(text);
    show();
}

QString ReplayProgress::text() const
{
    return isHidden() ? QString() : m_button->text();
}

void ReplayProgress::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton && rect().contains(event->position().toPoint()))
        Q_EMIT showRequested();
    QWidget::mouseReleaseEvent(event);
}
