// U5 over the whole main window, dashboard included: every widget that takes focus has an
// accessible name, and nothing on the page ticks faster than 3 Hz (no blinking).
#include "chartgrid.h"
#include "consolesession.h"
#include "dashboardpage.h"
#include "mainwindow.h"
#include "severitybanner.h"
#include "testsupport.h"

#include <gtest/gtest.h>

#include <QAbstractScrollArea>
#include <QAccessible>
#include <QPushButton>
#include <QTabWidget>
#include <QTimer>

using TestSupport::waitUntil;

namespace {

// Widgets that take keyboard focus but have no accessible name, by object name and class.
QStringList unnamedInteractiveWidgets(const QWidget &root)
{
    QStringList unnamed;
    const QList<QWidget *> widgets = root.findChildren<QWidget *>();
    for (QWidget *widget : widgets) {
        if (widget->focusPolicy() == Qt::NoFocus || !widget->isVisibleTo(&root))
            continue;
        if (widget->objectName().startsWith(QLatin1String("qt_")))
            continue; // Qt's own parts (spin box line edits, menu bar extension)
        const auto *area = qobject_cast<const QAbstractScrollArea *>(widget->parentWidget());
        if (area && area->viewport() == widget)
            continue; // part of its scroll area, which is checked itself
        QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(widget);
        QString name = iface ? iface->text(QAccessible::Name) : QString();
        if (name.remove(QLatin1Char('&')).trimmed().isEmpty())
            unnamed << QStringLiteral("%1 (%2 in %3)")
                           .arg(widget->objectName(),
                                QLatin1String(widget->metaObject()->className()),
                                widget->parentWidget() ? QLatin1String(
                                    widget->parentWidget()->metaObject()->className())
                                                       : QLatin1String("-"));
    }
    return unnamed;
}

} // namespace

TEST(Accessibility, U5_EveryInteractiveWidgetOfTheDashboardHasAName)
{
    ConsoleSession::Settings settings;
    settings.intervals.metricsMs = 250;
    settings.intervals.healthMs = 250;
    settings.intervals.slowMs = 250;
    ConsoleSession session(settings);
    MainWindow window(&session);
    window.show();
    session.start();
    DashboardPage *page = window.dashboardPage();
    // With data: the tables have rows and the banner its buttons.
    ASSERT_TRUE(waitUntil([&] { return session.dashboard() && page->poller(); }, 15000));
    ASSERT_TRUE(waitUntil([&] { return !page->chartGrid()->isStale(); }, 15000));
    const QStringList unnamed = unnamedInteractiveWidgets(window);
    EXPECT_TRUE(unnamed.isEmpty()) << unnamed.join(QStringLiteral(", ")).toStdString();

    // The other tabs too: each one's widgets are checked while it is the visible one.
    auto *tabs = window.findChild<QTabWidget *>();
    ASSERT_NE(tabs, nullptr);
    for (int i = 0; i < tabs->count(); ++i) {
        tabs->setCurrentIndex(i);
        const QStringList unnamedInTab = unnamedInteractiveWidgets(window);
        EXPECT_TRUE(unnamedInTab.isEmpty())
            << tabs->tabText(i).toStdString() << ": "
            << unnamedInTab.join(QStringLiteral(", ")).toStdString();
    }
    session.stop();
}

TEST(Accessibility, U5_NoTimerOnTheDashboardBlinksFasterThan3Hz)
{
    ConsoleSession session({});
    MainWindow window(&session);
    for (const QTimer *timer : window.findChildren<QTimer *>()) {
        if (!timer->isSingleShot()) {
            EXPECT_GE(timer->interval(), 334) << timer->objectName().toStdString();
        }
    }
}
