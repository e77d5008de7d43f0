#pragma once

#include <QString>
#include <QUrl>

class QMainWindow;

/// Remembers where the lead left the window: its geometry (screen, size, maximised), the
/// toolbars' places, the page that was open and, per fleet, whether the dashboard showed it. Kept
/// in <AppConfigLocation>/window.ini, apart from the profiles, so that a damaged layout file can be
/// deleted without losing anything else. A stored layout that does not fit the current screens is
/// ignored by Qt's restoreGeometry(), which moves the window back onto a visible screen.
class WindowLayout final
{
public:
    /// The default file; tests pass their own.
    static QString defaultPath();

    explicit WindowLayout(QString path = defaultPath());

    /// Applies the stored geometry and toolbar places to `window`. False when nothing usable was
    /// stored: the window keeps the size it chose itself.
    bool restore(QMainWindow *window) const;
    /// The page that was open (a --page name), empty when none was stored.
    QString page() const;
    /// Stores the layout of `window` and its open `page` now (called when it closes).
    void save(const QMainWindow *window, const QString &page) const;
    /// Whether the dashboard showed the fleet of the Prometheus at `fleetUrl` when last closed
    /// (false when never stored).
    bool showedFleet(const QUrl &fleetUrl) const;
    /// Stores the dashboard's metrics source for the Prometheus at `fleetUrl` (no-op when empty).
    void saveFleetChoice(const QUrl &fleetUrl, bool showsFleet) const;

private:
    QString m_path;
};
