#include "simulatorbanner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace {
// Fixed colours on purpose: the marker must look the same in light and dark palettes, and the
// text colour is set with it so the contrast never depends on the theme.
const QColor kRunningBackground(0xff, 0xd5, 0x4f);
const QColor kRunningText(0x26, 0x1a, 0x00);
const QColor kStoppedBackground(0xb7, 0x1c, 0x1c);
const QColor kStoppedText(0xff, 0xff, 0xff);
} // namespace

SimulatorBanner::SimulatorBanner(QWidget *parent)
    : QFrame(parent)
    , m_tag(new QLabel(tr("SIMULATOR"), this))
    , m_message(new QLabel(this))
    , m_restart(new QPushButton(tr("&Restart simulator"), this))
{
    setObjectName(QStringLiteral("simulatorBanner"));
    setAutoFillBackground(true);
    setFrameShape(QFrame::NoFrame);
    setAccessibleName(tr("Simulator banner"));

    QFont tagFont = m_tag->font();
    tagFont.setBold(true);
    tagFont.setPointSizeF(tagFont.pointSizeF() * 1.15);
    tagFont.setLetterSpacing(QFont::PercentageSpacing, 108);
    m_tag->setFont(tagFont);
    m_tag->setObjectName(QStringLiteral("simulatorTag"));

    m_message->setObjectName(QStringLiteral("simulatorMessage"));
    m_message->setTextFormat(Qt::PlainText);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_restart->setObjectName(QStringLiteral("restartSimulatorButton"));
    m_restart->setAccessibleName(tr("Restart simulator"));
    m_restart->hide();
    connect(m_restart, &QPushButton::clicked, this, &SimulatorBanner::restartRequested);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 8, 12, 8);
    layout->setSpacing(12);
    layout->addWidget(m_tag, 0, Qt::AlignVCenter);
    layout->addWidget(m_message, 1, Qt::AlignVCenter);
    layout->addWidget(m_restart, 0, Qt::AlignVCenter);

    showStarting();
}

void SimulatorBanner::showStarting()
{
    m_stopped = false;
    m_tag->setText(tr("SIMULATOR"));
    m_message->setText(tr("Starting the bundled dreamnet-sim… All data shown here will be "
                          "synthetic."));
    m_restart->hide();
    applyColors(false);
}

void SimulatorBanner::showRunning(const QUrl &baseUrl)
{
    m_stopped = false;
    m_tag->setText(tr("SIMULATOR"));
    m_message->setText(tr("Connected to the bundled dreamnet-sim at %1. All data is synthetic; "
                          "actions change only the simulator, never production.")
                           .arg(baseUrl.toString()));
    m_restart->hide();
    applyColors(false);
}

void SimulatorBanner::showStopped(const QString &reason)
{
    m_stopped = true;
    m_tag->setText(tr("SIMULATOR STOPPED"));
    m_message->setText(tr("%1 The values below are stale.").arg(reason));
    m_restart->show();
    applyColors(true);
}

QString SimulatorBanner::message() const
{
    return m_tag->text() + QLatin1String(": ") + m_message->text();
}

void SimulatorBanner::applyColors(bool stopped)
{
    QPalette pal = palette();
    const QColor background = stopped ? kStoppedBackground : kRunningBackground;
    const QColor text = stopped ? kStoppedText : kRunningText;
    pal.setColor(QPalette::Window, background);
    pal.setColor(QPalette::WindowText, text);
    // Only Window/WindowText change: the button keeps its Button roles, so the system look.
    setPalette(pal);
    setAccessibleDescription(message());
}
