// The reference of benchmark P14: a minimal Qt Widgets window (a label in a QMainWindow) on the
// same platform, reporting its first paint exactly as `dreamops --exit-after-first-paint` does.
#include "firstpaintprobe.h"

#include <QApplication>
#include <QLabel>
#include <QMainWindow>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QMainWindow window;
    window.setCentralWidget(new QLabel(QStringLiteral("minimal"), &window));
    window.resize(1280, 800);
    new FirstPaintProbe(&window); // owned by the window
    window.show();
    return app.exec();
}
