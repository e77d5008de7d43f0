#include "windowbar.h"

#include <QButtonGroup>
#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

WindowBar::WindowBar(QWidget *parent)
    : QWidget(parent)
    , m_spans(new QButtonGroup(this))
    , m_live(new QToolButton(this))
    , m_window(new QLabel(this))
{
    setObjectName(QStringLiteral("windowBar"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *caption = new QLabel(tr("Window:"), this);
    layout->addWidget(caption);
    m_spans->setExclusive(true);
    int id = 0;
    for (const qint64 span : spans()) {
        auto *button = new QToolButton(this);
        button->setText(spanName(span));
        button->setCheckable(true);
        button->setAutoRaise(false);
        button->setObjectName(QStringLiteral("span%1").arg(span));
        button->setAccessibleName(tr("Show the last %1").arg(spanName(span)));
        button->setToolTip(tr("Show the last %1 (Ctrl+%2)").arg(spanName(span)).arg(id + 1));
        button->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + id)));
        m_spans->addButton(button, id++);
        m_spanButtons << button;
        layout->addWidget(button);
        connect(button, &QToolButton::clicked, this, [this, span] { Q_EMIT spanRequested(span); });
    }
    layout->addSpacing(12);

    m_live->setObjectName(QStringLiteral("followLive"));
    m_live->setCheckable(true);
    m_live->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_live->setToolTip(tr("Follow live data, or pause to study a moment"));
    connect(m_live, &QToolButton::clicked, this,
            [this](bool checked) { Q_EMIT followLiveRequested(checked); });
    layout->addWidget(m_live);
    layout->addSpacing(12);

    m_window->setObjectName(QStringLiteral("windowText"));
    m_window->setTextFormat(Qt::PlainText);
    layout->addWidget(m_window, 1);
    auto *hint = new QLabel(tr("Drag across a chart to zoom; hover to compare values."), this);
    hint->setObjectName(QStringLiteral("zoomHint"));
    hint->setEnabled(false); // secondary text
    layout->addWidget(hint);
    showWindow(0, 0, spans().first(), true);
}

QList<qint64> WindowBar::spans()
{
    return {5 * 60, 60 * 60, 6 * 60 * 60, 24 * 60 * 60};
}

QString WindowBar::spanName(qint64 seconds)
{
    if (seconds < 3600)
        return tr("%1 min").arg(seconds / 60);
    return tr("%1 h").arg(seconds / 3600);
}

QToolButton *WindowBar::spanButton(qint64 seconds) const
{
    const qsizetype index = spans().indexOf(seconds);
    return index < 0 ? nullptr : m_spanButtons.at(index);
}

QString WindowBar::windowText() const
{
    return m_window->text();
}

void WindowBar::showWindow(qint64 fromSecond, qint64 toSecond, qint64 presetSpan, bool followLive)
{
    // A dragged zoom checks no preset: the exclusive group must let go of its button first.
    m_spans->setExclusive(false);
    for (QToolButton *button : std::as_const(m_spanButtons))
        button->setChecked(false);
    if (QToolButton *preset = spanButton(presetSpan))
        preset->setChecked(true);
    m_spans->setExclusive(true);

    m_live->setChecked(followLive);
    m_live->setText(followLive ? tr("● Live") : tr("❚❚ Paused"));
    m_live->setAccessibleName(followLive ? tr("Following live data; press to pause")
                                         : tr("Paused; press to follow live data"));

    const auto time = [span = toSecond - fromSecond](qint64 second) {
        const QDateTime t = QDateTime::fromSecsSinceEpoch(second);
        return t.toString(span > 20 * 3600 ? QStringLiteral("ddd HH:mm")
                                           : QStringLiteral("HH:mm:ss"));
    };
    if (toSecond <= fromSecond)
        m_window->setText(tr("Waiting for data…"));
    else if (followLive)
        m_window->setText(
            tr("Live: last %1, until %2").arg(spanName(toSecond - fromSecond), time(toSecond)));
    else
        m_window->setText(tr("Paused: %1 – %2").arg(time(fromSecond), time(toSecond)));
    m_window->setAccessibleName(m_window->text());
}
