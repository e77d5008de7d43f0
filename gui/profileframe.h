#pragma once

#include <QColor>
#include <QString>
#include <QWidget>

struct EnvironmentProfile;

// Marks the window with the current environment: for a production profile a thick frame in the
// profile's colour around the whole window and "PRODUCTION — <name> — " before whatever title
// the window sets (it watches title changes, so MainWindow's own titles keep the prefix). A
// child overlay of the window that paints only the ring and lets every click through.
class ProfileFrame final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProfileFrame)

public:
    static constexpr int kProductionWidth = 6;

    /// Creates the overlay on `window` (owned by it); nothing shows until showProfile().
    explicit ProfileFrame(QWidget *window);

    /// Shows (production) or hides (any other profile) the frame and the title prefix.
    void showProfile(const EnvironmentProfile &profile);

    bool isProduction() const { return m_production; }
    QColor colour() const { return m_colour; }
    /// "PRODUCTION — prod-eu — " for a production profile, else empty.
    QString titlePrefix() const { return m_prefix; }
    /// `title` with the prefix of `profile` (production) or unchanged.
    static QString titleFor(const EnvironmentProfile &profile, const QString &title);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;

private:
    void fitWindow();
    void applyTitle();

    QWidget *m_window;
    QString m_prefix;
    QColor m_colour;
    bool m_production = false;
    bool m_retitling = false;
};
