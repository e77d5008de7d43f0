#include "severitytabbadge.h"

#include "severitybanner.h"

#include <QApplication>
#include <QPainter>
#include <QPixmap>
#include <QTabWidget>

namespace {

QIcon dot(const QColor &colour)
{
    constexpr int kSize = 16;
    QPixmap pixmap(kSize, kSize);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(colour.darker(130), 1));
    painter.setBrush(colour);
    painter.drawEllipse(QRectF(2.5, 2.5, kSize - 5, kSize - 5));
    return QIcon(pixmap);
}

} // namespace

SeverityTabBadge::SeverityTabBadge(QTabWidget *tabs, QWidget *page)
    : QObject(tabs)
    , m_tabs(tabs)
    , m_page(page)
    , m_text(tabs->tabText(tabs->indexOf(page)))
{ }

void SeverityTabBadge::show(const SeveritySuggestion &suggestion)
{
    const int index = m_tabs && m_page ? m_tabs->indexOf(m_page) : -1;
    if (index < 0)
        return;
    const Severity before = m_shown;
    m_shown = suggestion.severity;
    if (suggestion.severity == Severity::None) {
        m_tabs->setTabText(index, m_text);
        m_tabs->setTabIcon(index, QIcon());
        m_tabs->setTabToolTip(index, QString());
        return;
    }
    const QString level = severityName(suggestion.severity);
    m_tabs->setTabText(index, tr("%1 · %2").arg(m_text, level));
    m_tabs->setTabIcon(index, dot(SeverityBanner::severityColor(suggestion.severity)));
    m_tabs->setTabToolTip(index, suggestion.headline());
    // Severity is ordered None < P2 < P1 < P0: a rise is worth a look from another window.
    if (int(suggestion.severity) > int(before) && !m_tabs->window()->isActiveWindow())
        QApplication::alert(m_tabs->window());
}
