#pragma once

#include <gtest/gtest.h>

#include <QPixmap>
#include <QString>
#include <QWidget>

// Screenshots for a person to look at: a PNG of a widget into $DREAMOPS_SCREENSHOT_DIR when that
// is set, nothing otherwise. Grab after QTest::qWait when the layout has just changed.
namespace ReviewShot {

inline void save(QWidget *widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("DREAMOPS_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    const QString file = dir + u'/' + name + QStringLiteral(".png");
    EXPECT_TRUE(widget->grab().save(file, "PNG")) << file.toStdString();
}

} // namespace ReviewShot
