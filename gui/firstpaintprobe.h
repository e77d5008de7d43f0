#pragma once

#include <QCoreApplication>
#include <QEvent>
#include <QObject>
#include <QTimer>
#include <QWidget>

#include <cstdio>
#include <ctime>
#include <fstream>
#include <string>
#include <unistd.h>

// Benchmark P14: prints "first paint after N ms" (N from the process start, as the kernel
// recorded it in /proc/self/stat, so dynamic loading counts) once `window` has been painted,
// then quits the event loop. The start time has the kernel's clock-tick resolution (10 ms).
// Header-only so that `dreamops` and the minimal reference window measure in exactly the same way.
class FirstPaintProbe final : public QObject
{
    Q_DISABLE_COPY_MOVE(FirstPaintProbe)

public:
    explicit FirstPaintProbe(QWidget *window)
        : QObject(window)
        , m_window(window)
    {
        QCoreApplication::instance()->installEventFilter(this);
    }

    /// Milliseconds since this process started (CLOCK_BOOTTIME against the start time).
    static double msSinceProcessStart()
    {
        std::ifstream stat("/proc/self/stat");
        std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
        // Field 22 (starttime, clock ticks since boot) counts from after the ")" of field 2.
        std::size_t pos = text.rfind(')');
        for (int field = 2; field < 22 && pos != std::string::npos; ++field)
            pos = text.find(' ', pos + 1);
        if (pos == std::string::npos)
            return -1;
        const double startTicks = std::stod(text.substr(pos + 1));
        timespec now {};
        clock_gettime(CLOCK_BOOTTIME, &now);
        const double nowMs = double(now.tv_sec) * 1e3 + double(now.tv_nsec) / 1e6;
        return nowMs - startTicks * 1000.0 / double(sysconf(_SC_CLK_TCK));
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (!m_reported && event->type() == QEvent::Paint) {
            auto *widget = qobject_cast<QWidget *>(watched);
            if (widget && widget->window() == m_window) {
                m_reported = true;
                // Report after this paint (and the others of the same pass) are done.
                QTimer::singleShot(0, this, [] {
                    std::printf("first paint after %.1f ms\n", msSinceProcessStart());
                    std::fflush(stdout);
                    QCoreApplication::exit(0);
                });
            }
        }
        return QObject::eventFilter(watched, event);
    }

private:
    QWidget *m_window;
    bool m_reported = false;
};
