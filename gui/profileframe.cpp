#include "profileframe.h"

#include "environmentprofile.h"

#include <QEvent>
#include <QPainter>
#include <QRegion>

ProfileFrame::ProfileFrame(QWidget *window)
    : QWidget(window)
    , m_window(window)
{
    setObjectName(QStringLiteral("profileFrame"));
    setAttribute(Qt::WA_TransparentForMouseEvents);
    setAttribute(Qt::WA_NoSystemBackground);
    setFocusPolicy(Qt::NoFocus);
    hide();
    m_window->installEventFilter(this);
}

QString ProfileFrame::titleFor(const EnvironmentProfile &profile, const QString &title)
{
    if (!profile.production)
        return title;
    return tr("PRODUCTION — %1 — %2").arg(profile.name, title);
}

void ProfileFrame::showProfile(const EnvironmentProfile &profile)
{
    const QString oldPrefix = m_prefix;
    m_production = profile.production;
    m_colour = QColor::fromString(profile.colour);
    if (!m_colour.isValid())
        m_colour = QColor(0xc6, 0x28, 0x28);
    m_prefix = m_production ? titleFor(profile, QString()) : QString();
    setAccessibleName(m_production ? tr("Production environment %1").arg(profile.name) : QString());

    // Take the old prefix off before the new one goes on.
    QString title = m_window->windowTitle();
    if (!oldPrefix.isEmpty() && title.startsWith(oldPrefix))
        title = title.mid(oldPrefix.size());
    m_retitling = true;
    m_window->setWindowTitle(title);
    m_retitling = false;
    applyTitle();

    setVisible(m_production);
    fitWindow();
    update();
}

void ProfileFrame::applyTitle()
{
    const QString title = m_window->windowTitle();
    if (m_prefix.isEmpty() || title.startsWith(m_prefix))
        return;
    m_retitling = true;
    m_window->setWindowTitle(m_prefix + title);
    m_retitling = false;
}

void ProfileFrame::fitWindow()
{
    setGeometry(m_window->rect());
    const QRect outer = rect();
    setMask(QRegion(outer)
            - QRegion(outer.adjusted(kProductionWidth, kProductionWidth, -kProductionWidth,
                                     -kProductionWidth)));
    raise();
}

bool ProfileFrame::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_window) {
        switch (event->type()) {
        case QEvent::Resize:
        case QEvent::ChildAdded:
        case QEvent::Show:
            if (m_production)
                fitWindow();
            break;
        case QEvent::WindowTitleChange:
            if (!m_retitling)
                applyTitle();
            break;
        default:
            break;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void ProfileFrame::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), m_colour);
}
