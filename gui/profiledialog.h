#pragma once

#include "environmentprofile.h"

#include <QDialog>
#include <QHash>

class ProfileStore;
class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class SecretStore;

// Adds or edits one environment profile: name, URL, auth scheme, where the token lives (and the
// token itself, which goes to SecretStore only), CLI defaults, metrics source, colour, production
// flag and CA file; for a Prometheus fleet, how to sign in to it (its own secret goes to
// SecretStore too). Problems show inline under their field as the user types; OK saves to the
// ProfileStore and hands the token to the SecretStore.
class ProfileDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProfileDialog)

public:
    /// A new profile when `existing` is null; both stores must outlive the dialog.
    ProfileDialog(ProfileStore *store,
                  SecretStore *secrets,
                  const EnvironmentProfile *existing = nullptr,
                  QWidget *parent = nullptr);

    /// The profile as the fields describe it now (no token: see token()).
    EnvironmentProfile profile() const;
    /// What the user typed in the token field (empty = keep the stored one).
    QString token() const;
    /// What the user typed as the Prometheus token or password (empty = keep the stored one).
    QString metricsSecret() const;
    /// The sentences shown now, blocking ones first.
    QList<EnvironmentProfile::Issue> issues() const { return m_issues; }
    /// The inline message under a field (empty when the field is fine).
    QString messageFor(EnvironmentProfile::Issue::Field field) const;

    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *urlEdit() const { return m_url; }
    QComboBox *authCombo() const { return m_auth; }
    QComboBox *tokenSourceCombo() const { return m_tokenSource; }
    QLineEdit *tokenEnvEdit() const { return m_tokenEnv; }
    QLineEdit *tokenEdit() const { return m_token; }
    QLabel *tokenNote() const { return m_tokenNote; }
    QLineEdit *projectEdit() const { return m_project; }
    QLineEdit *serviceEdit() const { return m_service; }
    QLineEdit *regionEdit() const { return m_region; }
    QComboBox *metricsCombo() const { return m_metrics; }
    QLineEdit *prometheusUrlEdit() const { return m_promUrl; }
    QLineEdit *prometheusJobEdit() const { return m_promJob; }
    QPlainTextEdit *templatesEdit() const { return m_templates; }
    QComboBox *prometheusAuthCombo() const { return m_promAuth; }
    QLineEdit *prometheusUserEdit() const { return m_promUser; }
    QLineEdit *prometheusSecretEdit() const { return m_promSecret; }
    QLineEdit *prometheusSecretEnvEdit() const { return m_promSecretEnv; }
    QLineEdit *colourEdit() const { return m_colour; }
    QCheckBox *productionCheck() const { return m_production; }
    QLineEdit *caFileEdit() const { return m_caFile; }
    QDialogButtonBox *buttons() const { return m_buttons; }
    QLabel *saveError() const { return m_saveError; }

public Q_SLOTS:
    void accept() override;

private:
    void buildForm();
    void fill(const EnvironmentProfile &profile);
    void revalidate();
    QWidget *withMessage(QWidget *field, EnvironmentProfile::Issue::Field kind);
    QWidget *stacked(QWidget *field, QLabel *below);

    ProfileStore *m_store;
    SecretStore *m_secrets;
    QString m_originalName; ///< empty when adding
    QString m_id;
    QList<EnvironmentProfile::Issue> m_issues;
    QHash<int, QLabel *> m_messages; ///< Issue::Field -> its inline label
    QHash<QWidget *, QWidget *> m_rows; ///< field -> the form row's widget (field + sentence)
    QFormLayout *m_form = nullptr;
    QString m_templatesError; ///< the overrides are not a JSON object

    QLineEdit *m_name;
    QLineEdit *m_url;
    QComboBox *m_auth;
    QComboBox *m_tokenSource;
    QLineEdit *m_tokenEnv;
    QLineEdit *m_token;
    QLabel *m_tokenNote;
    QLineEdit *m_project;
    QLineEdit *m_service;
    QLineEdit *m_region;
    QComboBox *m_metrics;
    QLineEdit *m_promUrl;
    QLineEdit *m_promJob;
    QPlainTextEdit *m_templates;
    QComboBox *m_promAuth;
    QLineEdit *m_promUser;
    QLineEdit *m_promSecret;
    QLineEdit *m_promSecretEnv;
    QLineEdit *m_colour;
    QCheckBox *m_production;
    QLineEdit *m_caFile;
    QLabel *m_saveError;
    QDialogButtonBox *m_buttons;
};
