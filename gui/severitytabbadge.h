#pragma once

#include "severityrules.h"

#include <QObject>
#include <QPointer>
#include <QString>

class QTabWidget;
class QWidget;

// Carries the dashboard's severity suggestion onto the dashboard's tab, so that a lead on the
// Logs or Runbooks page sees it without switching: "Dashboard · P1" with a dot in the level's
// colour and the headline as tooltip. A suggestion that rises while the window is not the active
// one also asks the desktop for attention (QApplication::alert: the taskbar entry flashes).
class SeverityTabBadge final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SeverityTabBadge)

public:
    /// `page` is the dashboard's tab in `tabs`; its present text is the text without a
    /// suggestion ("&Dashboard").
    SeverityTabBadge(QTabWidget *tabs, QWidget *page);

    void show(const SeveritySuggestion &suggestion);
    Severity shown() const { return m_shown; }

private:
    QPointer<QTabWidget> m_tabs;
    QPointer<QWidget> m_page;
    QString m_text;
    Severity m_shown = Severity::None;
};
