#include "consoleshell.h"

#include "environmentprofile.h"
#include "mainwindow.h"
#include "profiledialog.h"
#include "profilestore.h"
#include "profileswitcher.h"
#include "secretstore.h"

#include <QInputDialog>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QStatusBar>

ConsoleShell::ConsoleShell(ProfileStore *profiles, SecretStore *secrets, QObject *parent)
    : QObject(parent)
    , m_profiles(profiles)
    , m_secrets(secrets)
{ }

ConsoleShell::~ConsoleShell()
{
    close();
}

void ConsoleShell::close()
{
    // The window renders the session: it goes first.
    m_window.reset();
    m_session.reset();
}

void ConsoleShell::open(const ConsoleSession::Settings &settings)
{
    // The new window is shown before the old one goes, so that the application never sees its
    // last window closed (it would quit).
    std::unique_ptr<ConsoleSession> oldSession = std::move(m_session);
    std::unique_ptr<MainWindow> oldWindow = std::move(m_window);
    const bool wasVisible = oldWindow && oldWindow->isVisible();
    if (oldWindow)
        oldWindow->saveLayout();

    m_session = std::make_unique<ConsoleSession>(settings);
    m_window = std::make_unique<MainWindow>(m_session.get());
    if (!m_layoutPath.isEmpty())
        m_window->rememberLayout(m_layoutPath);
    if (oldWindow)
        m_window->setGeometry(oldWindow->geometry());
    wireProfiles();
    if (wasVisible)
        m_window->show();

    oldWindow.reset();
    if (oldSession)
        oldSession->stop();
    oldSession.reset();
    Q_EMIT opened(m_session.get(), m_window.get());
    if (wasVisible)
        m_session->start();
}

void ConsoleShell::wireProfiles()
{
    if (!m_profiles)
        return;
    ProfileSwitcher *switcher = m_window->showProfiles(m_profiles);
    connect(switcher, &ProfileSwitcher::profileChosen, this, &ConsoleShell::switchTo);
    connect(switcher, &ProfileSwitcher::newProfileRequested, this,
            [this] { editProfile(QString()); });
    connect(switcher, &ProfileSwitcher::editProfileRequested, this, &ConsoleShell::editProfile);
    connect(switcher, &ProfileSwitcher::removeProfileRequested, this, &ConsoleShell::removeProfile);
    if (m_secrets) {
        connect(m_secrets, &SecretStore::notice, m_window.get(),
                [this](const QString &message) { m_window->statusBar()->showMessage(message); });
    }
}

void ConsoleShell::switchTo(const QString &name)
{
    if (!m_profiles || name == m_profiles->currentName())
        return;
    const std::optional<EnvironmentProfile> profile = m_profiles->profile(name);
    if (!profile) {
        fail(tr("There is no profile named '%1'.").arg(name));
        return;
    }
    EnvironmentProfileResolver::resolve(
        *profile, m_secrets, m_base, this,
        [this, profile = *profile](const EnvironmentProfileResolver::Outcome &outcome) {
            const std::optional<ConsoleSession::Settings> settings
                = completeInteractively(m_window.get(), m_secrets, profile, outcome, m_base);
            if (!settings) {
                fail(tr("Still on '%1': no token for '%2'.")
                         .arg(m_profiles->currentName(), profile.name));
                return;
            }
            QString error;
            if (!m_profiles->setCurrent(profile.name, &error)) {
                fail(error);
                return;
            }
            open(*settings);
        });
}

std::optional<ConsoleSession::Settings>
ConsoleShell::completeInteractively(QWidget *parent,
                                    SecretStore *secrets,
                                    const EnvironmentProfile &profile,
                                    const EnvironmentProfileResolver::Outcome &outcome,
                                    const ConsoleSession::Settings &base)
{
    if (outcome.ready && outcome.metricsReady)
        return outcome.settings;
    auto ask = [&](SecretStore::Secret secret, const QString &why) {
        bool ok = false;
        const QString what = SecretStore::describe(profile, secret);
        const QString typed = QInputDialog::getText(parent, what.at(0).toUpper() + what.mid(1), why,
                                                    QLineEdit::Password, {}, &ok)
                                  .trimmed();
        if (ok && !typed.isEmpty())
            secrets->storeToken(profile, typed, secrets, {}, secret);
        return ok ? typed : QString();
    };
    const QString token = outcome.ready ? outcome.settings.profile.token
                                        : ask(SecretStore::Secret::Token, outcome.message);
    if (token.isEmpty())
        return std::nullopt;
    const PrometheusEndpoint &fleet = outcome.settings.prometheus;
    const QString metricsSecret = !outcome.metricsReady
        ? ask(SecretStore::Secret::MetricsSecret, outcome.metricsMessage)
        : fleet.auth == PrometheusEndpoint::Auth::Basic ? fleet.password
                                                        : fleet.token;
    return EnvironmentProfileResolver::settingsFor(profile, token, base, metricsSecret);
}

void ConsoleShell::editProfile(const QString &name)
{
    const std::optional<EnvironmentProfile> existing
        = name.isEmpty() ? std::nullopt : m_profiles->profile(name);
    ProfileDialog dialog(m_profiles, m_secrets, existing ? &*existing : nullptr, m_window.get());
    dialog.exec();
}

void ConsoleShell::removeProfile(const QString &name)
{
    const std::optional<EnvironmentProfile> profile = m_profiles->profile(name);
    if (!profile)
        return;
    QMessageBox ask(QMessageBox::Question, tr("Remove profile"),
                    tr("Remove the profile '%1' and forget its stored token?").arg(name),
                    QMessageBox::Cancel, m_window.get());
    QPushButton *remove = ask.addButton(tr("Remove"), QMessageBox::DestructiveRole);
    ask.setDefaultButton(QMessageBox::Cancel);
    ask.exec();
    if (ask.clickedButton() != remove)
        return;
    QString error;
    if (!m_profiles->remove(name, &error)) {
        fail(error);
        return;
    }
    if (m_secrets)
        m_secrets->forgetToken(*profile, this, {});
}

void ConsoleShell::fail(const QString &message)
{
    if (m_window)
        m_window->statusBar()->showMessage(message, 15000);
    Q_EMIT switchFailed(message);
}
