#pragma once

#include <QPixmap>
#include <QWidget>

class QLabel;

// A state shown as an icon plus words, never by colour alone: each severity also has its own
// glyph (check, "i", "!", cross, dash). The panels use it for every on/off or good/bad value.
class StateBadge final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StateBadge)

public:
    enum class Severity { None, Neutral, Ok, Info, Warning, Critical };
    Q_ENUM(Severity)

    explicit StateBadge(QWidget *parent = nullptr);

    void setState(Severity severity, const QString &text, const QString &toolTip = {});
    /// Bold text for headline states (e.g. "ON"), normal weight for details.
    void setEmphasized(bool emphasized);
    /// Secondary information (e.g. "Updated 10:31:02") in a quieter colour.
    void setSecondary(bool secondary);
    void setWordWrap(bool wrap);
    /// Faded icon for values that are no longer current (the text is dimmed by the section).
    void setDimmed(bool dimmed);

    Severity severity() const { return m_severity; }
    QString text() const;

    /// The glyph for a severity; None gives a null pixmap.
    static QPixmap icon(Severity severity, int size, qreal devicePixelRatio = 1.0);

private:
    void updateIcon();

    QLabel *m_icon;
    QLabel *m_text;
    Severity m_severity = Severity::None;
    bool m_dimmed = false;
};
