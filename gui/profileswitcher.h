#pragma once

#include <QIcon>
#include <QWidget>

class ProfileStore;
class QComboBox;
class QLabel;
class QToolButton;
struct EnvironmentProfile;

// The toolbar's environment switcher: a combo with each profile's colour swatch (the current
// one always shown, production ones marked), a PRODUCTION tag while a production profile is
// current, and a menu to add, edit or remove profiles. It follows ProfileStore and only emits
// the user's intent; main.cpp / MainWindow switch the session.
class ProfileSwitcher final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProfileSwitcher)

public:
    /// `store` must outlive the switcher.
    explicit ProfileSwitcher(ProfileStore *store, QWidget *parent = nullptr);

    QComboBox *combo() const { return m_combo; }
    QToolButton *menuButton() const { return m_menuButton; }
    QLabel *productionTag() const { return m_production; }
    /// The name the combo shows (the store's current profile).
    QString shownName() const;

    /// A square of the profile's colour, for the combo and the dialog.
    static QIcon swatch(const QString &colour, bool production);

Q_SIGNALS:
    /// The user picked another profile (one action: a click in the combo).
    void profileChosen(const QString &name);
    void newProfileRequested();
    void editProfileRequested(const QString &name);
    void removeProfileRequested(const QString &name);

private:
    void rebuild();
    void showCurrent();
    void onActivated(int index);

    ProfileStore *m_store;
    QComboBox *m_combo;
    QLabel *m_production;
    QToolButton *m_menuButton;
    QAction *m_edit;
    QAction *m_remove;
};
