// The profile switcher (current one always shown, one action to switch), the production frame
// and title, the add/edit dialog's inline validation and secret hand-off, and the prompts for
// a missing token or Prometheus secret. PNGs for review go to $DREAMOPS_SCREENSHOT_DIR (a
// temporary folder when unset).
#include "consoleshell.h"
#include "profiledialog.h"
#include "profileframe.h"
#include "profilestore.h"
#include "profileswitcher.h"
#include "secretstore.h"
#include "testsupport.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMainWindow>
#include <QMenu>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>
#include <QUuid>
#include <QVBoxLayout>

#include <gtest/gtest.h>

namespace {

using Field = EnvironmentProfile::Issue::Field;

EnvironmentProfile prodProfile()
{
    EnvironmentProfile p;
    p.name = QStringLiteral("prod-eu");
    p.baseUrl = QUrl(QStringLiteral("https://ops.example.com"));
    p.colour = QStringLiteral("#cc0000");
    p.production = true;
    return p;
}

EnvironmentProfile stagingProfile()
{
    EnvironmentProfile p;
    p.name = QStringLiteral("staging");
    p.baseUrl = QUrl(QStringLiteral("https://ops.staging.example.com"));
    p.colour = QStringLiteral("#f57900");
    return p;
}

QString shotPath(const QTemporaryDir &fallback, const char *name)
{
    const QString dir = qEnvironmentVariable("DREAMOPS_SCREENSHOT_DIR");
    return (dir.isEmpty() ? fallback.path() : dir) + u'/' + QLatin1String(name);
}

class ProfilesGui : public ::testing::Test
{
protected:
    ProfilesGui()
        : m_store(m_dir.filePath(QStringLiteral("profiles.ini")))
    {
        EXPECT_TRUE(m_store.add(stagingProfile()));
        EXPECT_TRUE(m_store.add(prodProfile()));
    }
    QTemporaryDir m_dir;
    ProfileStore m_store;
};

} // namespace

TEST_F(ProfilesGui, SwitcherShowsTheCurrentProfileAndSwitchingIsOneAction)
{
    ProfileSwitcher switcher(&m_store);
    switcher.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&switcher));
    EXPECT_EQ(switcher.shownName(), QStringLiteral("simulator"));
    EXPECT_EQ(switcher.combo()->count(), 3);
    EXPECT_EQ(switcher.combo()->itemText(2), QStringLiteral("prod-eu (production)"));
    EXPECT_FALSE(switcher.combo()->itemIcon(1).isNull()) << "each profile shows its colour";
    EXPECT_FALSE(switcher.productionTag()->isVisible());

    QSignalSpy chosen(&switcher, &ProfileSwitcher::profileChosen);
    // One action: pick the item (what a click in the popup does).
    Q_EMIT switcher.combo()->activated(1);
    ASSERT_EQ(chosen.count(), 1);
    EXPECT_EQ(chosen.at(0).at(0).toString(), QStringLiteral("staging"));
    EXPECT_EQ(switcher.shownName(), QStringLiteral("simulator"))
        << "until the switch happens the combo shows the profile in use";

    ASSERT_TRUE(m_store.setCurrent(QStringLiteral("prod-eu")));
    EXPECT_EQ(switcher.shownName(), QStringLiteral("prod-eu"));
    EXPECT_TRUE(switcher.productionTag()->isVisible());
    // Re-picking the current one is not a switch.
    Q_EMIT switcher.combo()->activated(2);
    EXPECT_EQ(chosen.count(), 1);

    // The list follows the store; a removed current profile falls back to the simulator.
    ASSERT_TRUE(m_store.remove(QStringLiteral("prod-eu")));
    EXPECT_EQ(switcher.combo()->count(), 2);
    EXPECT_EQ(switcher.shownName(), QStringLiteral("simulator"));
    EXPECT_FALSE(switcher.productionTag()->isVisible());
}

TEST_F(ProfilesGui, SwitcherMenuAsksForNewEditAndRemove)
{
    ProfileSwitcher switcher(&m_store);
    ASSERT_TRUE(m_store.setCurrent(QStringLiteral("staging")));
    QSignalSpy edit(&switcher, &ProfileSwitcher::editProfileRequested);
    QSignalSpy remove(&switcher, &ProfileSwitcher::removeProfileRequested);
    QSignalSpy fresh(&switcher, &ProfileSwitcher::newProfileRequested);
    const QList<QAction *> actions = switcher.menuButton()->menu()->actions();
    ASSERT_EQ(actions.size(), 3);
    actions.at(0)->trigger();
    actions.at(1)->trigger();
    actions.at(2)->trigger();
    EXPECT_EQ(fresh.count(), 1);
    ASSERT_EQ(edit.count(), 1);
    EXPECT_EQ(edit.at(0).at(0).toString(), QStringLiteral("staging"));
    ASSERT_EQ(remove.count(), 1);
    ASSERT_TRUE(m_store.setCurrent(QStringLiteral("simulator")));
    EXPECT_FALSE(actions.at(1)->isEnabled()) << "the built-in profile is not edited";
    EXPECT_FALSE(actions.at(2)->isEnabled());
}

TEST_F(ProfilesGui, ProductionProfileMarksTitleAndFrame)
{
    QTemporaryDir shots;
    QMainWindow window;
    auto *central = new QWidget;
    auto *layout = new QVBoxLayout(central);
    auto *switcher = new ProfileSwitcher(&m_store);
    layout->addWidget(switcher);
    layout->addWidget(new QLabel(QStringLiteral("Dashboard")), 1);
    window.setCentralWidget(central);
    window.resize(640, 360);
    auto *frame = new ProfileFrame(&window);
    window.setWindowTitle(QStringLiteral("DreamOps Console — ops.example.com"));
    window.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));

    ASSERT_TRUE(m_store.setCurrent(QStringLiteral("prod-eu")));
    frame->showProfile(m_store.current());
    EXPECT_EQ(window.windowTitle(),
              QStringLiteral("PRODUCTION — prod-eu — DreamOps Console — ops.example.com"));
    // MainWindow retitles on every state change: the prefix stays.
    window.setWindowTitle(QStringLiteral("DreamOps Console — ops.example.com (stopped)"));
    EXPECT_EQ(
        window.windowTitle(),
        QStringLiteral("PRODUCTION — prod-eu — DreamOps Console — ops.example.com (stopped)"));
    EXPECT_TRUE(frame->isVisible());
    EXPECT_EQ(frame->geometry(), window.rect());

    const QImage image = window.grab().toImage();
    EXPECT_TRUE(image.save(shotPath(shots, "profiles-production.png")));
    const QColor red(0xcc, 0x00, 0x00);
    EXPECT_EQ(image.pixelColor(2, image.height() / 2), red) << "left edge";
    EXPECT_EQ(image.pixelColor(image.width() / 2, image.height() - 3), red) << "bottom edge";
    EXPECT_NE(image.pixelColor(image.width() / 2, image.height() / 2), red) << "content untouched";

    // A click inside the ring reaches the window's own widgets.
    EXPECT_TRUE(frame->testAttribute(Qt::WA_TransparentForMouseEvents));

    ASSERT_TRUE(m_store.setCurrent(QStringLiteral("staging")));
    frame->showProfile(m_store.current());
    EXPECT_EQ(window.windowTitle(), QStringLiteral("DreamOps Console — ops.example.com (stopped)"));
    EXPECT_FALSE(frame->isVisible());
    EXPECT_TRUE(window.grab().save(shotPath(shots, "profiles-staging.png")));
}

TEST_F(ProfilesGui, DialogValidatesInlineAndSavesWithoutTheToken)
{
    QTemporaryDir shots;
    SecretStore secrets(QStringLiteral("DreamOps test ") + QUuid::createUuid().toString());
    secrets.setTimeoutMs(3000);
    ProfileDialog dialog(&m_store, &secrets);
    dialog.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&dialog));
    QPushButton *ok = dialog.buttons()->button(QDialogButtonBox::Ok);
    EXPECT_FALSE(ok->isEnabled()) << "an empty profile cannot be saved";
    EXPECT_FALSE(dialog.messageFor(Field::Name).isEmpty());

    dialog.nameEdit()->setText(QStringLiteral("Staging"));
    EXPECT_EQ(dialog.messageFor(Field::Name),
              QStringLiteral("A profile called \"Staging\" already exists: choose another name."));
    dialog.nameEdit()->setText(QStringLiteral("prod-us"));
    dialog.urlEdit()->setText(QStringLiteral("http://ops-us.example.com"));
    EXPECT_TRUE(ok->isEnabled()) << "plain http is a warning for a non-production profile";
    EXPECT_TRUE(dialog.messageFor(Field::BaseUrl).startsWith(QLatin1String("http:// sends")));
    dialog.productionCheck()->setChecked(true);
    EXPECT_FALSE(ok->isEnabled()) << "and refused for production";
    EXPECT_TRUE(dialog.messageFor(Field::BaseUrl).startsWith(QLatin1String("A production")));
    EXPECT_TRUE(dialog.grab().save(shotPath(shots, "profiles-dialog-refused.png")));
    dialog.urlEdit()->setText(QStringLiteral("https://ops-us.example.com"));
    EXPECT_TRUE(dialog.messageFor(Field::BaseUrl).isEmpty());

    dialog.tokenSourceCombo()->setCurrentIndex(1); // environment variable
    EXPECT_FALSE(ok->isEnabled());
    EXPECT_FALSE(dialog.messageFor(Field::TokenEnvVar).isEmpty());
    dialog.tokenEnvEdit()->setText(QStringLiteral("DREAMOPS_PROD_US"));
    EXPECT_TRUE(ok->isEnabled());
    dialog.tokenSourceCombo()->setCurrentIndex(0); // keychain
    dialog.tokenEdit()->setText(QStringLiteral("typed-dialog-token-789"));
    dialog.regionEdit()->setText(QStringLiteral("us-east1"));
    dialog.colourEdit()->setText(QStringLiteral("#5c3566"));
    EXPECT_TRUE(dialog.grab().save(shotPath(shots, "profiles-dialog.png")));

    QSignalSpy notices(&secrets, &SecretStore::notice);
    dialog.accept();
    EXPECT_EQ(dialog.result(), QDialog::Accepted);
    const auto saved = m_store.profile(QStringLiteral("prod-us"));
    ASSERT_TRUE(saved.has_value());
    EXPECT_TRUE(saved->production);
    EXPECT_EQ(saved->region, QStringLiteral("us-east1"));
    EXPECT_EQ(saved->tokenSource, EnvironmentProfile::TokenSource::Keychain);
    EXPECT_TRUE(saved->tokenEnvVar.isEmpty());
    // The token went to the SecretStore (a session copy at once), never to the settings file.
    EXPECT_EQ(secrets.sessionToken(*saved), QStringLiteral("typed-dialog-token-789"));
    QFile ini(m_store.settingsPath());
    ASSERT_TRUE(ini.open(QIODevice::ReadOnly));
    EXPECT_FALSE(ini.readAll().contains("typed-dialog-token-789"));
    // Without a keychain (this machine) the user is told where the token went.
    TestSupport::waitUntil(
        [&secrets] { return secrets.keychain() != SecretStore::Keychain::Unknown; }, 10000);
    if (secrets.keychain() == SecretStore::Keychain::Unavailable) {
        ASSERT_GE(notices.count(), 1);
        EXPECT_TRUE(notices.at(0).at(0).toString().startsWith(QLatin1String("No system keychain")));
    }
}

TEST_F(ProfilesGui, EditingKeepsTheIdAndRefusesTheBuiltInName)
{
    SecretStore secrets(QStringLiteral("DreamOps test ") + QUuid::createUuid().toString());
    const EnvironmentProfile before = *m_store.profile(QStringLiteral("staging"));
    ProfileDialog dialog(&m_store, &secrets, &before);
    EXPECT_EQ(dialog.profile(), before);
    EXPECT_TRUE(dialog.tokenNote()->text().contains(QLatin1String("Leave it empty")));
    dialog.nameEdit()->setText(QStringLiteral("simulator"));
    EXPECT_FALSE(dialog.buttons()->button(QDialogButtonBox::Ok)->isEnabled());
    dialog.nameEdit()->setText(QStringLiteral("staging-eu"));
    dialog.accept();
    ASSERT_EQ(dialog.result(), QDialog::Accepted);
    EXPECT_EQ(m_store.profile(QStringLiteral("staging-eu"))->id, before.id);
    EXPECT_FALSE(m_store.profile(QStringLiteral("staging")).has_value());
    EXPECT_TRUE(secrets.sessionToken(before).isEmpty()) << "no token typed, none stored";
}

TEST_F(ProfilesGui, PrometheusSignInRowsFollowTheChoiceAndTheSecretGoesToTheStore)
{
    QTemporaryDir shots;
    SecretStore secrets(QStringLiteral("DreamOps test ") + QUuid::createUuid().toString());
    const EnvironmentProfile before = *m_store.profile(QStringLiteral("staging"));
    ProfileDialog dialog(&m_store, &secrets, &before);
    dialog.show();
    auto shown = [&dialog](QWidget *field) {
        return field->isVisibleTo(&dialog);
    };
    QPushButton *ok = dialog.buttons()->button(QDialogButtonBox::Ok);

    dialog.metricsCombo()->setCurrentIndex(
        dialog.metricsCombo()->findData(int(EnvironmentProfile::MetricsSource::Prometheus)));
    dialog.prometheusUrlEdit()->setText(QStringLiteral("https://prometheus.staging.example.com"));
    EXPECT_TRUE(shown(dialog.prometheusAuthCombo()));
    EXPECT_FALSE(shown(dialog.prometheusUserEdit())) << "no sign-in: no user, no secret";
    EXPECT_FALSE(shown(dialog.prometheusSecretEdit()));

    QComboBox *auth = dialog.prometheusAuthCombo();
    auth->setCurrentIndex(auth->findData(int(EnvironmentProfile::MetricsAuth::OpsToken)));
    EXPECT_FALSE(shown(dialog.prometheusSecretEdit())) << "the ops token needs no second secret";
    auth->setCurrentIndex(auth->findData(int(EnvironmentProfile::MetricsAuth::Basic)));
    EXPECT_TRUE(shown(dialog.prometheusUserEdit()));
    EXPECT_TRUE(shown(dialog.prometheusSecretEdit()));
    EXPECT_EQ(dialog.prometheusSecretEdit()->echoMode(), QLineEdit::Password);
    EXPECT_FALSE(ok->isEnabled()) << "Basic without a user";
    EXPECT_EQ(dialog.messageFor(Field::PrometheusUser),
              QStringLiteral("Basic sign-in needs a user name without ':'."));
    dialog.prometheusUserEdit()->setText(QStringLiteral("grafana"));
    EXPECT_TRUE(ok->isEnabled());
    dialog.prometheusSecretEdit()->setText(QStringLiteral("typed-prom-password-321"));
    // Every label's Alt+letter is its own (a shared one would only cycle between fields) and
    // lands in a field that takes the focus.
    QStringList mnemonics;
    for (const QLabel *label : dialog.findChildren<QLabel *>()) {
        const qsizetype amp = label->text().indexOf(u'&');
        if (!label->buddy() || amp < 0 || amp + 1 >= label->text().size())
            continue;
        mnemonics << label->text().mid(amp + 1, 1).toLower();
        const QWidget *target = label->buddy();
        while (target->focusProxy())
            target = target->focusProxy();
        EXPECT_NE(target->focusPolicy(), Qt::NoFocus)
            << label->text().toStdString() << ": Alt+letter lands on nothing that takes focus";
    }
    EXPECT_GE(mnemonics.size(), 18);
    EXPECT_EQ(QSet<QString>(mnemonics.cbegin(), mnemonics.cend()).size(), mnemonics.size())
        << mnemonics.join(u' ').toStdString();
    QTest::qWait(50); // the layout settles after the user's sentence went away
    EXPECT_TRUE(dialog.grab().save(shotPath(shots, "profiles-dialog-prometheus.png")));

    dialog.accept();
    ASSERT_EQ(dialog.result(), QDialog::Accepted);
    const auto saved = m_store.profile(QStringLiteral("staging"));
    ASSERT_TRUE(saved.has_value());
    EXPECT_EQ(saved->prometheusAuth, EnvironmentProfile::MetricsAuth::Basic);
    EXPECT_EQ(saved->prometheusUser, QStringLiteral("grafana"));
    EXPECT_EQ(secrets.sessionToken(*saved, SecretStore::Secret::MetricsSecret),
              QStringLiteral("typed-prom-password-321"));
    EXPECT_TRUE(secrets.sessionToken(*saved).isEmpty()) << "the ops token was not touched";
    QFile ini(m_store.settingsPath());
    ASSERT_TRUE(ini.open(QIODevice::ReadOnly));
    EXPECT_FALSE(ini.readAll().contains("typed-prom-password-321"));
}

namespace {

// Answers the next password dialog as the user would: types `text` and presses OK, or cancels
// (empty `text`). Records the dialog's label.
void answerNextDialog(const QString &text, QString *label)
{
    auto attempt = std::make_shared<std::function<void()>>();
    *attempt = [text, label, attempt] {
        auto *dialog = qobject_cast<QInputDialog *>(QApplication::activeModalWidget());
        if (!dialog) {
            QTimer::singleShot(20, *attempt);
            return;
        }
        *label = dialog->labelText();
        EXPECT_EQ(dialog->textEchoMode(), QLineEdit::Password);
        if (text.isEmpty()) {
            dialog->reject();
            return;
        }
        dialog->setTextValue(text);
        dialog->accept();
    };
    QTimer::singleShot(0, *attempt);
}

} // namespace

TEST_F(ProfilesGui, MissingSecretsAreAskedForOnceEach)
{
    SecretStore secrets(QStringLiteral("DreamOps test ") + QUuid::createUuid().toString());
    EnvironmentProfile prod = *m_store.profile(QStringLiteral("prod-eu"));
    prod.tokenSource = EnvironmentProfile::TokenSource::SessionOnly;
    prod.metrics = EnvironmentProfile::MetricsSource::Prometheus;
    prod.prometheusUrl = QUrl(QStringLiteral("https://prometheus.example.com"));
    prod.prometheusAuth = EnvironmentProfile::MetricsAuth::Bearer;

    // The token was found, the Prometheus token was not: one dialog, for the latter.
    EnvironmentProfileResolver::Outcome outcome;
    outcome.ready = true;
    outcome.settings = EnvironmentProfileResolver::settingsFor(prod, QStringLiteral("ops-1"), {});
    outcome.metricsReady = false;
    outcome.metricsMessage = QStringLiteral("Enter the Prometheus token of prod-eu.");
    QString asked;
    answerNextDialog(QStringLiteral("prom-typed-2"), &asked);
    auto settings = ConsoleShell::completeInteractively(nullptr, &secrets, prod, outcome, {});
    ASSERT_TRUE(settings.has_value());
    EXPECT_EQ(asked, outcome.metricsMessage);
    EXPECT_EQ(settings->profile.token, QStringLiteral("ops-1"));
    EXPECT_EQ(settings->prometheus.auth, PrometheusEndpoint::Auth::Bearer);
    EXPECT_EQ(settings->prometheus.token, QStringLiteral("prom-typed-2"));
    EXPECT_EQ(secrets.sessionToken(prod, SecretStore::Secret::MetricsSecret),
              QStringLiteral("prom-typed-2"));

    // No token and the user cancels: the profile cannot be used.
    outcome.ready = false;
    outcome.message = QStringLiteral("Enter the token of prod-eu.");
    answerNextDialog(QString(), &asked);
    settings = ConsoleShell::completeInteractively(nullptr, &secrets, prod, outcome, {});
    EXPECT_FALSE(settings.has_value());
    EXPECT_EQ(asked, outcome.message);
    EXPECT_TRUE(secrets.sessionToken(prod).isEmpty());
}
