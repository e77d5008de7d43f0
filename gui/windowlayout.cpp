#include "windowlayout.h"

#include <QMainWindow>
#include <QSettings>
#include <QStandardPaths>

namespace {

// Bumped when the toolbars change in a way an old saveState() would misplace.
constexpr int kStateVersion = 1;

QString keyGeometry()
{
    return QStringLiteral("window/geometry");
}
QString keyState()
{
    return QStringLiteral("window/state");
}
QString keyPage()
{
    return QStringLiteral("window/page");
}
// One key per Prometheus URL; percent-encoded so that its slashes are not settings groups.
QString keyFleet(const QUrl &fleetUrl)
{
    return QStringLiteral("fleet/")
        + QString::fromLatin1(QUrl::toPercentEncoding(fleetUrl.toString(QUrl::RemoveUserInfo)));
}

} // namespace

QString WindowLayout::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation)
        + QStringLiteral("/window.ini");
}

WindowLayout::WindowLayout(QString path)
    : m_path(std::move(path))
{ }

bool WindowLayout::restore(QMainWindow *window) const
{
    const QSettings settings(m_path, QSettings::IniFormat);
    const QByteArray geometry = settings.value(keyGeometry()).toByteArray();
    if (geometry.isEmpty() || !window->restoreGeometry(geometry))
        return false;
    window->restoreState(settings.value(keyState()).toByteArray(), kStateVersion);
    return true;
}

QString WindowLayout::page() const
{
    return QSettings(m_path, QSettings::IniFormat).value(keyPage()).toString();
}

void WindowLayout::save(const QMainWindow *window, const QString &page) const
{
    QSettings settings(m_path, QSettings::IniFormat);
    settings.setValue(keyGeometry(), window->saveGeometry());
    settings.setValue(keyState(), window->saveState(kStateVersion));
    settings.setValue(keyPage(), page);
    settings.sync();
}

bool WindowLayout::showedFleet(const QUrl &fleetUrl) const
{
    if (fleetUrl.isEmpty())
        return false;
    return QSettings(m_path, QSettings::IniFormat).value(keyFleet(fleetUrl), false).toBool();
}

void WindowLayout::saveFleetChoice(const QUrl &fleetUrl, bool showsFleet) const
{
    if (fleetUrl.isEmpty())
        return;
    QSettings settings(m_path, QSettings::IniFormat);
    settings.setValue(keyFleet(fleetUrl), showsFleet);
    settings.sync();
}
