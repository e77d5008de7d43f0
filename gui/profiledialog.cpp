#include "profiledialog.h"

#include "profilestore.h"
#include "profileswitcher.h"
#include "secretstore.h"

#include <QCheckBox>
#include <QColorDialog>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

#include <utility>

namespace {

using Field = EnvironmentProfile::Issue::Field;
using TokenSource = EnvironmentProfile::TokenSource;
using MetricsSource = EnvironmentProfile::MetricsSource;
using MetricsAuth = EnvironmentProfile::MetricsAuth;

QWidget *withButton(QLineEdit *edit, QToolButton *button, QWidget *parent)
{
    auto *row = new QWidget(parent);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(edit, 1);
    layout->addWidget(button);
    row->setFocusProxy(edit); // the label's Alt+letter lands in the edit
    return row;
}

} // namespace

ProfileDialog::ProfileDialog(ProfileStore *store,
                             SecretStore *secrets,
                             const EnvironmentProfile *existing,
                             QWidget *parent)
    : QDialog(parent)
    , m_store(store)
    , m_secrets(secrets)
    , m_name(new QLineEdit(this))
    , m_url(new QLineEdit(this))
    , m_auth(new QComboBox(this))
    , m_tokenSource(new QComboBox(this))
    , m_tokenEnv(new QLineEdit(this))
    , m_token(new QLineEdit(this))
    , m_tokenNote(new QLabel(this))
    , m_project(new QLineEdit(this))
    , m_service(new QLineEdit(this))
    , m_region(new QLineEdit(this))
    , m_metrics(new QComboBox(this))
    , m_promUrl(new QLineEdit(this))
    , m_promJob(new QLineEdit(this))
    , m_templates(new QPlainTextEdit(this))
    , m_promAuth(new QComboBox(this))
    , m_promUser(new QLineEdit(this))
    , m_promSecret(new QLineEdit(this))
    , m_promSecretEnv(new QLineEdit(this))
    , m_colour(new QLineEdit(this))
    , m_production(new QCheckBox(tr("Production: mark the window and refuse http://"), this))
    , m_caFile(new QLineEdit(this))
    , m_saveError(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(existing ? tr("Edit profile %1").arg(existing->name) : tr("New profile"));
    buildForm();
    if (existing) {
        m_originalName = existing->name;
        m_id = existing->id;
        fill(*existing);
    } else {
        fill(EnvironmentProfile());
    }
    revalidate();
}

void ProfileDialog::buildForm()
{
    m_name->setPlaceholderText(tr("e.g. staging"));
    m_url->setPlaceholderText(tr("https://ops.example.com"));
    m_auth->addItem(tr("Authorization: Bearer"), int(AuthScheme::Bearer));
    m_auth->addItem(tr("x-dreamnet-api-key header"), int(AuthScheme::ApiKeyHeader));
    m_tokenSource->addItem(tr("System keychain"), int(TokenSource::Keychain));
    m_tokenSource->addItem(tr("Environment variable"), int(TokenSource::EnvironmentVariable));
    m_tokenSource->addItem(tr("This session only"), int(TokenSource::SessionOnly));
    m_tokenEnv->setPlaceholderText(tr("e.g. DREAMOPS_STAGING_TOKEN"));
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setAccessibleName(tr("Token"));
    m_tokenNote->setWordWrap(true);
    m_project->setPlaceholderText(tr("catalogue default"));
    m_service->setPlaceholderText(tr("catalogue default"));
    m_region->setPlaceholderText(tr("catalogue default"));
    m_metrics->addItem(tr("Ops API (per instance)"), int(MetricsSource::OpsApi));
    m_metrics->addItem(tr("Prometheus (fleet)"), int(MetricsSource::Prometheus));
    m_promUrl->setPlaceholderText(tr("https://prometheus.example.com"));
    m_promJob->setPlaceholderText(tr("dreamnet"));
    m_templates->setPlaceholderText(tr(
        "Template overrides as in templates.json, e.g. {\"signals\": {\"cpuPercent\": \"...\"}}"));
    m_templates->setMaximumHeight(m_templates->fontMetrics().lineSpacing() * 4 + 12);
    m_promAuth->addItem(tr("None"), int(MetricsAuth::None));
    m_promAuth->addItem(tr("The ops API token (Bearer)"), int(MetricsAuth::OpsToken));
    m_promAuth->addItem(tr("A token of its own (Bearer)"), int(MetricsAuth::Bearer));
    m_promAuth->addItem(tr("User and password (Basic)"), int(MetricsAuth::Basic));
    m_promSecret->setEchoMode(QLineEdit::Password);
    m_promSecret->setAccessibleName(tr("Prometheus secret"));
    m_promSecretEnv->setPlaceholderText(tr("e.g. DREAMOPS_PROMETHEUS_SECRET"));
    m_caFile->setPlaceholderText(tr("system CAs only"));
    m_saveError->setWordWrap(true);
    m_saveError->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_saveError->hide();

    auto *pickColour = new QToolButton(this);
    pickColour->setText(tr("Choose…"));
    connect(pickColour, &QToolButton::clicked, this, [this] {
        const QColor chosen = QColorDialog::getColor(QColor::fromString(m_colour->text()), this,
                                                     tr("Profile colour"));
        if (chosen.isValid())
            m_colour->setText(chosen.name());
    });
    auto *browseCa = new QToolButton(this);
    browseCa->setText(tr("Browse…"));
    connect(browseCa, &QToolButton::clicked, this, [this] {
        const QString file
            = QFileDialog::getOpenFileName(this, tr("CA certificates (PEM)"), m_caFile->text(),
                                           tr("PEM files (*.pem *.crt);;All files (*)"));
        if (!file.isEmpty())
            m_caFile->setText(file);
    });

    m_form = new QFormLayout;
    m_form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    m_form->addRow(tr("&Name:"), withMessage(m_name, Field::Name));
    m_form->addRow(tr("&URL:"), withMessage(m_url, Field::BaseUrl));
    m_form->addRow(tr("&Auth:"), m_auth);
    m_form->addRow(tr("Token &kept in:"), m_tokenSource);
    m_form->addRow(tr("&Variable:"), withMessage(m_tokenEnv, Field::TokenEnvVar));
    m_form->addRow(tr("&Token:"), stacked(m_token, m_tokenNote));
    m_form->addRow(tr("CLI &project:"), m_project);
    m_form->addRow(tr("CLI &service:"), m_service);
    m_form->addRow(tr("CLI &region:"), m_region);
    m_form->addRow(tr("&Metrics:"), m_metrics);
    m_form->addRow(tr("Prometheus UR&L:"), withMessage(m_promUrl, Field::PrometheusUrl));
    m_form->addRow(tr("Prometheus &job:"), m_promJob);
    m_form->addRow(tr("Prom&QL overrides:"), withMessage(m_templates, Field::PrometheusTemplates));
    m_form->addRow(tr("Prometheus s&ign-in:"), m_promAuth);
    m_form->addRow(tr("Prometheus us&er:"), withMessage(m_promUser, Field::PrometheusUser));
    m_form->addRow(tr("Pr&ometheus secret:"), m_promSecret);
    m_form->addRow(tr("Prometheus secret varia&ble:"),
                   withMessage(m_promSecretEnv, Field::PrometheusSecretEnvVar));
    m_form->addRow(tr("&Colour:"),
                   withMessage(withButton(m_colour, pickColour, this), Field::Colour));
    m_form->addRow(QString(), m_production);
    m_form->addRow(tr("CA &file:"),
                   withMessage(withButton(m_caFile, browseCa, this), Field::CaFile));

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(m_form);
    layout->addStretch(1); // a taller dialog grows below the form, not between its rows
    layout->addWidget(m_saveError);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ProfileDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ProfileDialog::reject);

    for (QLineEdit *edit : {m_name, m_url, m_tokenEnv, m_token, m_promUrl, m_promJob, m_promUser,
                            m_promSecretEnv, m_colour, m_caFile})
        connect(edit, &QLineEdit::textChanged, this, &ProfileDialog::revalidate);
    for (QComboBox *combo : {m_auth, m_tokenSource, m_metrics, m_promAuth})
        connect(combo, &QComboBox::currentIndexChanged, this, &ProfileDialog::revalidate);
    connect(m_templates, &QPlainTextEdit::textChanged, this, &ProfileDialog::revalidate);
    connect(m_production, &QCheckBox::toggled, this, &ProfileDialog::revalidate);
}

QWidget *ProfileDialog::withMessage(QWidget *field, Field kind)
{
    auto *label = new QLabel(this);
    label->setWordWrap(true);
    label->hide();
    m_messages.insert(int(kind), label);
    return stacked(field, label);
}

QWidget *ProfileDialog::stacked(QWidget *field, QLabel *below)
{
    // One form row holds the field and its sentence, so a hidden sentence takes no space.
    auto *box = new QWidget(this);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(field);
    layout->addWidget(below);
    box->setFocusProxy(field); // the label's Alt+letter lands in the field
    m_rows.insert(field, box);
    return box;
}

void ProfileDialog::fill(const EnvironmentProfile &p)
{
    m_name->setText(p.name);
    m_url->setText(p.baseUrl.toString());
    m_auth->setCurrentIndex(m_auth->findData(int(p.auth)));
    m_tokenSource->setCurrentIndex(m_tokenSource->findData(int(p.tokenSource)));
    m_tokenEnv->setText(p.tokenEnvVar);
    m_project->setText(p.project);
    m_service->setText(p.service);
    m_region->setText(p.region);
    m_metrics->setCurrentIndex(m_metrics->findData(int(p.metrics)));
    m_promUrl->setText(p.prometheusUrl.toString());
    m_promJob->setText(p.prometheusJob);
    if (!p.prometheusOverrides.isEmpty())
        m_templates->setPlainText(QString::fromUtf8(
            QJsonDocument(p.prometheusOverrides).toJson(QJsonDocument::Indented)));
    m_promAuth->setCurrentIndex(m_promAuth->findData(int(p.prometheusAuth)));
    m_promUser->setText(p.prometheusUser);
    m_promSecretEnv->setText(p.prometheusSecretEnvVar);
    m_colour->setText(p.colour);
    m_production->setChecked(p.production);
    m_caFile->setText(p.caFile);
}

EnvironmentProfile ProfileDialog::profile() const
{
    EnvironmentProfile p;
    p.id = m_id;
    p.name = m_name->text();
    p.baseUrl = QUrl(m_url->text().trimmed(), QUrl::StrictMode);
    p.auth = AuthScheme(m_auth->currentData().toInt());
    p.tokenSource = TokenSource(m_tokenSource->currentData().toInt());
    if (p.tokenSource == TokenSource::EnvironmentVariable)
        p.tokenEnvVar = m_tokenEnv->text().trimmed();
    p.project = m_project->text().trimmed();
    p.service = m_service->text().trimmed();
    p.region = m_region->text().trimmed();
    p.metrics = MetricsSource(m_metrics->currentData().toInt());
    p.prometheusUrl = QUrl(m_promUrl->text().trimmed(), QUrl::StrictMode);
    p.prometheusJob = m_promJob->text().trimmed();
    p.prometheusOverrides = QJsonDocument::fromJson(m_templates->toPlainText().toUtf8()).object();
    p.prometheusAuth = MetricsAuth(m_promAuth->currentData().toInt());
    if (p.prometheusAuth == MetricsAuth::Basic)
        p.prometheusUser = m_promUser->text().trimmed();
    if (p.needsMetricsSecret() && p.tokenSource == TokenSource::EnvironmentVariable)
        p.prometheusSecretEnvVar = m_promSecretEnv->text().trimmed();
    p.colour = m_colour->text().trimmed();
    p.production = m_production->isChecked();
    p.caFile = m_caFile->text().trimmed();
    return p;
}

QString ProfileDialog::token() const
{
    return m_tokenSource->currentData().toInt() == int(TokenSource::EnvironmentVariable)
        ? QString()
        : m_token->text().trimmed();
}

QString ProfileDialog::metricsSecret() const
{
    const EnvironmentProfile p = profile();
    return p.needsMetricsSecret() && p.tokenSource != TokenSource::EnvironmentVariable
        ? m_promSecret->text().trimmed()
        : QString();
}

QString ProfileDialog::messageFor(Field field) const
{
    const QLabel *label = m_messages.value(int(field));
    return label && !label->isHidden() ? label->text() : QString();
}

void ProfileDialog::revalidate()
{
    const EnvironmentProfile p = profile();
    m_issues = m_store->check(p, m_originalName);
    const QString overrides = m_templates->toPlainText().trimmed();
    if (!overrides.isEmpty() && !QJsonDocument::fromJson(overrides.toUtf8()).isObject())
        m_issues.append({Field::PrometheusTemplates,
                         tr("The overrides must be a JSON object like templates.json.")});

    for (auto it = m_messages.begin(); it != m_messages.end(); ++it) {
        it.value()->clear();
        it.value()->hide();
    }
    for (const EnvironmentProfile::Issue &issue : std::as_const(m_issues)) {
        QLabel *label = m_messages.value(int(issue.field));
        if (!label || !label->text().isEmpty())
            continue; // one sentence per field: the first (blocking ones come first)
        label->setText(issue.message);
        label->setStyleSheet(issue.blocking ? QStringLiteral("color: #c62828;")
                                            : QStringLiteral("color: #8a5a00;"));
        label->show();
    }

    // Only the rows that matter for the chosen sources are shown.
    const bool envVar = p.tokenSource == TokenSource::EnvironmentVariable;
    m_form->setRowVisible(m_rows.value(m_tokenEnv), envVar);
    m_form->setRowVisible(m_rows.value(m_token), !envVar);
    const bool prometheus = p.metrics == MetricsSource::Prometheus;
    m_form->setRowVisible(m_rows.value(m_promUrl), prometheus);
    m_form->setRowVisible(m_promJob, prometheus);
    m_form->setRowVisible(m_rows.value(m_templates), prometheus);
    m_form->setRowVisible(m_promAuth, prometheus);
    m_form->setRowVisible(m_rows.value(m_promUser),
                          prometheus && p.prometheusAuth == MetricsAuth::Basic);
    m_form->setRowVisible(m_promSecret, p.needsMetricsSecret() && !envVar);
    m_form->setRowVisible(m_rows.value(m_promSecretEnv), p.needsMetricsSecret() && envVar);
    m_promSecret->setPlaceholderText(
        m_originalName.isEmpty()
            ? tr("kept where the token is kept")
            : tr("leave empty to keep the stored %1")
                  .arg(p.prometheusAuth == MetricsAuth::Basic ? tr("password") : tr("token")));

    QString note;
    if (envVar)
        note = tr("The token is read from $%1 when the console connects; it is never stored.")
                   .arg(p.tokenEnvVar.isEmpty() ? tr("VARIABLE") : p.tokenEnvVar);
    else if (p.tokenSource == TokenSource::SessionOnly)
        note = tr("The token is kept in memory until the console quits.");
    else if (m_secrets->keychain() == SecretStore::Keychain::Unavailable)
        note = m_secrets->keychainProblem();
    else
        note = tr("The token goes to the system keychain, never to a file.");
    if (!envVar && !m_originalName.isEmpty())
        note += u' ' + tr("Leave it empty to keep the current token.");
    m_tokenNote->setText(note);

    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(EnvironmentProfile::isAcceptable(m_issues));
}

void ProfileDialog::accept()
{
    revalidate();
    if (!EnvironmentProfile::isAcceptable(m_issues))
        return;
    const EnvironmentProfile edited = profile();
    QString error;
    const bool saved = m_originalName.isEmpty() ? m_store->add(edited, &error)
                                                : m_store->update(m_originalName, edited, &error);
    if (!saved) {
        m_saveError->setText(error);
        m_saveError->show();
        return;
    }
    // The stored profile has its id now; a failure to persist is announced by the SecretStore's
    // notice() (the secret is then kept for the session).
    const EnvironmentProfile stored = *m_store->profile(edited.name);
    if (const QString typed = token(); !typed.isEmpty())
        m_secrets->storeToken(stored, typed, m_secrets, {});
    if (const QString typed = metricsSecret(); !typed.isEmpty())
        m_secrets->storeToken(stored, typed, m_secrets, {}, SecretStore::Secret::MetricsSecret);
    QDialog::accept();
}
