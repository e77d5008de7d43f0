#pragma once

#include "consolesession.h"
#include "environmentprofileresolver.h"

#include <QObject>
#include <QString>

#include <memory>
#include <optional>

class MainWindow;
class ProfileStore;
class QWidget;
class SecretStore;
struct EnvironmentProfile;

/// The console as the user sees it: one ConsoleSession and its MainWindow, for the current
/// environment profile. Switching profile (the window's switcher) resolves the new profile's
/// token (keychain, environment variable, or asked for once), then replaces session and window
/// with ones for the new profile, where the old window was. Adding, editing and removing
/// profiles happen here too, so MainWindow stays a composition of pages.
class ConsoleShell final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConsoleShell)

public:
    /// `profiles`/`secrets` may be null: a --url connection has no profiles to switch between.
    ConsoleShell(ProfileStore *profiles, SecretStore *secrets, QObject *parent = nullptr);
    ~ConsoleShell() override;

    /// Opens a session and window with `settings` (replacing the current ones).
    void open(const ConsoleSession::Settings &settings);
    /// Closes the window, then stops and deletes the session (as the destructor does).
    void close();
    ConsoleSession *session() const { return m_session.get(); }
    MainWindow *window() const { return m_window.get(); }
    /// What every session starts from (intervals, simulator options): the profile adds the rest.
    void setBaseSettings(const ConsoleSession::Settings &base) { m_base = base; }
    /// Where the window's layout is remembered ("" = not remembered).
    void setLayoutPath(const QString &path) { m_layoutPath = path; }

    /// Switches to the stored profile `name`. When it is unknown or its token cannot be had,
    /// the current console stays as it was and switchFailed() says why.
    void switchTo(const QString &name);

    /// Completes what the resolver could not find by asking, once each, in a password dialog
    /// over `parent`: the token (none = nullopt: the profile cannot be used) and the metrics
    /// secret (none = go on; the fleet charts will say the credentials were refused). What is
    /// typed goes to `secrets` (the keychain, or this session only).
    static std::optional<ConsoleSession::Settings>
    completeInteractively(QWidget *parent,
                          SecretStore *secrets,
                          const EnvironmentProfile &profile,
                          const EnvironmentProfileResolver::Outcome &outcome,
                          const ConsoleSession::Settings &base);

Q_SIGNALS:
    /// A new session and window replaced the previous ones.
    void opened(ConsoleSession *session, MainWindow *window);
    /// A sentence for the user when a switch failed (also shown in the window's status bar).
    void switchFailed(const QString &message);

private:
    void wireProfiles();
    void editProfile(const QString &name);
    void removeProfile(const QString &name);
    void fail(const QString &message);

    ProfileStore *m_profiles;
    SecretStore *m_secrets;
    ConsoleSession::Settings m_base;
    QString m_layoutPath;
    std::unique_ptr<ConsoleSession> m_session;
    std::unique_ptr<MainWindow> m_window;
};
