#include "modebanner.h"

#include "actionoutcomerow.h"
#include "consolesession.h"
#include "displayformat.h"
#include "statebadge.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace {

using Kind = ModeBanner::Kind;

// Fixed colours on purpose (like the simulator banner): the strip must look the same in light
// and dark palettes, with white bold text on each for contrast. Each mode also has its own icon
// and its name in capitals, so the colour is never the only cue.
struct ModeStyle
{
    int index; ///< into m_lines
    const char *objectName;
    QColor background;
    StateBadge::Severity icon;
    QString headline; ///< "SAFE MODE ON"
    QString name; ///< "safe mode"
};

ModeStyle styleOf(Kind mode)
{
    switch (mode) {
    case Kind::EmergencyMode:
        return {2,
                "emergencyModeLine",
                QColor(0xb7, 0x1c, 0x1c),
                StateBadge::Severity::Critical,
                ModeBanner::tr("EMERGENCY MODE ON"),
                ModeBanner::tr("emergency mode")};
    case Kind::WriteDrain:
        return {1,
                "writeDrainLine",
                QColor(0x45, 0x27, 0xa0),
                StateBadge::Severity::Info,
                ModeBanner::tr("WRITE DRAIN ON"),
                ModeBanner::tr("write drain")};
    default:
        break;
    }
    return {0,
            "safeModeLine",
            QColor(0xbf, 0x36, 0x0c),
            StateBadge::Severity::Warning,
            ModeBanner::tr("SAFE MODE ON"),
            ModeBanner::tr("safe mode")};
}

// Most severe first.
constexpr std::array kOrder {Kind::EmergencyMode, Kind::SafeMode, Kind::WriteDrain};
constexpr int kSuccessShownMs = 8000;

} // namespace

ModeBanner::ModeBanner(ActionController *controller, QWidget *parent)
    : QFrame(parent)
    , m_outcome(new ActionOutcomeRow(controller, this))
    , m_outcomeLine(new QWidget(this))
    , m_successTimer(new QTimer(this))
    , m_tick(new QTimer(this))
    , m_clock([] { return QDateTime::currentDateTime(); })
{
    setObjectName(QStringLiteral("modeBanner"));
    setAccessibleName(tr("Ops modes banner"));
    setFrameShape(QFrame::NoFrame);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    for (Kind mode : kOrder) {
        createLine(mode);
        layout->addWidget(line(mode).frame);
    }

    m_outcomeLine->setObjectName(QStringLiteral("modeOutcomeLine"));
    m_outcome->setParent(m_outcomeLine);
    auto *dismiss = new QToolButton(m_outcomeLine);
    dismiss->setObjectName(QStringLiteral("dismissOutcomeButton"));
    dismiss->setText(tr("Dismiss"));
    dismiss->setAccessibleName(tr("Dismiss the outcome of the last mode action"));
    auto *outcomeRow = new QHBoxLayout(m_outcomeLine);
    outcomeRow->setContentsMargins(12, 2, 12, 2);
    outcomeRow->addWidget(m_outcome, 1);
    outcomeRow->addWidget(dismiss, 0, Qt::AlignVCenter);
    layout->addWidget(m_outcomeLine);
    m_outcomeLine->hide();
    connect(dismiss, &QToolButton::clicked, this, [this] {
        m_outcome->clear();
        m_outcomeLine->hide();
        updateVisibility();
    });

    // A success is worth a glance; a failure or an unknown outcome stays until dismissed or
    // replaced by the next action.
    m_successTimer->setSingleShot(true);
    m_successTimer->setInterval(kSuccessShownMs);
    connect(m_successTimer, &QTimer::timeout, dismiss, &QToolButton::click);
    connect(m_outcome, &ActionOutcomeRow::finished, this, [this](const ActionOutcome &outcome) {
        if (outcome.state == ActionOutcome::State::Succeeded)
            m_successTimer->start();
    });

    // Once a second: the elapsed time changes, nothing blinks (U5: no flashing above 3 Hz).
    m_tick->setObjectName(QStringLiteral("modeBannerTick"));
    m_tick->setInterval(1000);
    connect(m_tick, &QTimer::timeout, this, [this] { updateTexts(); });
    updateVisibility();
}

ModeBanner::~ModeBanner() = default;

void ModeBanner::track(const QString &actionId, const QString &summary)
{
    m_successTimer->stop();
    m_outcome->track(actionId, summary);
    m_outcomeLine->show();
    updateVisibility();
}

void ModeBanner::showRejected(const QString &sentence)
{
    m_successTimer->stop();
    m_outcome->showRejected(sentence);
    m_outcomeLine->show();
    updateVisibility();
}

QString ModeBanner::outcomeText() const
{
    return m_outcomeLine->isHidden() ? QString() : m_outcome->text();
}

void ModeBanner::createLine(Kind mode)
{
    const ModeStyle style = styleOf(mode);
    Line &l = line(mode);
    l.frame = new QFrame(this);
    l.frame->setObjectName(QString::fromLatin1(style.objectName));
    l.frame->setAutoFillBackground(true);
    QPalette pal = l.frame->palette();
    pal.setColor(QPalette::Window, style.background);
    pal.setColor(QPalette::WindowText, Qt::white);
    l.frame->setPalette(pal);

    l.icon = new QLabel(l.frame);
    l.icon->setAutoFillBackground(true);
    QPalette iconPal = l.icon->palette();
    iconPal.setColor(QPalette::Window, Qt::white); // a chip, so the glyph reads on any colour
    l.icon->setPalette(iconPal);
    l.icon->setPixmap(StateBadge::icon(style.icon, 20, devicePixelRatioF()));
    l.icon->setFixedSize(26, 26);
    l.icon->setAlignment(Qt::AlignCenter);
    l.icon->setAccessibleName(styleOf(mode).headline);

    l.text = new QLabel(l.frame);
    l.text->setTextFormat(Qt::PlainText); // reasons come from the server: never rich text
    l.text->setWordWrap(true);
    l.text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont font = l.text->font();
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 1.1);
    l.text->setFont(font);

    l.turnOff = new QPushButton(tr("Turn off…"), l.frame);
    l.turnOff->setObjectName(QString::fromLatin1(style.objectName) + QStringLiteral("TurnOff"));
    l.turnOff->setAccessibleName(tr("Turn off %1").arg(styleOf(mode).name));
    l.turnOff->setAutoDefault(false);
    l.turnOff->setPalette(QPalette()); // a regular button on the coloured strip
    connect(l.turnOff, &QPushButton::clicked, this,
            [this, mode] { Q_EMIT turnOffRequested(mode); });

    auto *row = new QHBoxLayout(l.frame);
    row->setContentsMargins(12, 6, 12, 6);
    row->setSpacing(10);
    row->addWidget(l.icon, 0, Qt::AlignVCenter);
    row->addWidget(l.text, 1, Qt::AlignVCenter);
    row->addWidget(l.turnOff, 0, Qt::AlignVCenter);
    l.frame->hide();
}

ModeBanner::Line &ModeBanner::line(Kind mode)
{
    return m_lines[styleOf(mode).index];
}

const ModeBanner::Line &ModeBanner::line(Kind mode) const
{
    return m_lines[styleOf(mode).index];
}

void ModeBanner::setOpsStatus(const OpsStatus &status)
{
    setMode(Kind::SafeMode, status.safeMode.enabled, status.safeMode.since, status.safeMode.by,
            status.safeMode.reason);
    setMode(Kind::WriteDrain, status.writeDrain.enabled, status.writeDrain.since,
            status.writeDrain.by, status.writeDrain.reason);
    setMode(Kind::EmergencyMode, status.emergencyMode.active, status.emergencyMode.activatedAt,
            status.emergencyMode.activatedBy, status.emergencyMode.reason);
    updateTexts();
    updateVisibility();
}

void ModeBanner::setMode(
    Kind mode, bool on, const QDateTime &since, const QString &by, const QString &why)
{
    Line &l = line(mode);
    if (on && (!l.on || l.since != since))
        l.firstSeen = m_clock();
    l.on = on;
    l.since = since;
    l.by = by;
    l.reason = why;
    l.frame->setVisible(on);
}

void ModeBanner::setStale(bool stale, const QDateTime &lastUpdate)
{
    m_stale = stale;
    m_lastUpdate = lastUpdate;
    updateTexts();
}

void ModeBanner::setClock(std::function<QDateTime()> clock)
{
    m_clock = std::move(clock);
    updateTexts();
}

qint64
ModeBanner::elapsedSeconds(const QDateTime &since, const QDateTime &firstSeen, const QDateTime &now)
{
    // A `since` after the moment this console first saw the mode comes from a clock ahead of
    // ours (or the simulator's fast clock): count from the first sight instead.
    constexpr qint64 kToleranceSeconds = 2;
    const bool sinceUsable = since.isValid()
        && (!firstSeen.isValid() || since.secsTo(firstSeen) >= -kToleranceSeconds);
    const QDateTime from = sinceUsable ? since : firstSeen;
    return from.isValid() ? std::max<qint64>(0, from.secsTo(now)) : 0;
}

bool ModeBanner::isModeOn(Kind mode) const
{
    return line(mode).on;
}

QString ModeBanner::lineText(Kind mode) const
{
    return line(mode).on ? line(mode).text->text() : QString();
}

QPushButton *ModeBanner::turnOffButton(Kind mode) const
{
    return line(mode).turnOff;
}

void ModeBanner::updateTexts()
{
    const QDateTime now = m_clock();
    for (Kind mode : kOrder) {
        const Line &l = line(mode);
        if (!l.on)
            continue;
        QString text = styleOf(mode).headline;
        if (l.since.isValid())
            text += QLatin1Char(' ') + DisplayFormat::modeDetails(l.since, {}, {});
        text += QStringLiteral(" (%1)").arg(
            DisplayFormat::duration(double(elapsedSeconds(l.since, l.firstSeen, now))));
        const QString who = DisplayFormat::modeDetails({}, l.by, l.reason);
        if (!who.isEmpty())
            text += (l.by.isEmpty() ? QStringLiteral(" — ") : QStringLiteral(" ")) + who;
        if (m_stale)
            text += tr(" (as of %1)").arg(ConsoleSession::formatTime(m_lastUpdate));
        if (l.text->text() != text) {
            l.text->setText(text);
            l.text->setAccessibleName(text);
        }
    }
}

void ModeBanner::updateVisibility()
{
    const bool anyOn
        = std::any_of(m_lines.begin(), m_lines.end(), [](const Line &l) { return l.on; });
    setVisible(anyOn || !m_outcomeLine->isHidden());
    updateTimer();
}

void ModeBanner::updateTimer()
{
    const bool anyOn
        = std::any_of(m_lines.begin(), m_lines.end(), [](const Line &l) { return l.on; });
    if (anyOn && isVisible())
        m_tick->start();
    else
        m_tick->stop();
}

void ModeBanner::showEvent(QShowEvent *event)
{
    QFrame::showEvent(event);
    updateTexts();
    updateTimer();
}

void ModeBanner::hideEvent(QHideEvent *event)
{
    QFrame::hideEvent(event);
    updateTimer();
}
