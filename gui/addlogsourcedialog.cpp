#include "addlogsourcedialog.h"

#include "commandcatalogue.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace {

QLabel *sentenceLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

// The editor with its refusal sentence right under it.
QWidget *withError(QWidget *editor, QLabel *error)
{
    auto *box = new QWidget;
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(editor);
    layout->addWidget(error);
    return box;
}

} // namespace

AddLogSourceDialog::AddLogSourceDialog(const CommandCatalogue &catalogue, QWidget *parent)
    : QDialog(parent)
    , m_request(catalogue)
    , m_kind(new QComboBox(this))
    , m_pages(new QStackedWidget(this))
    , m_command(sentenceLabel(this))
    , m_note(sentenceLabel(this))
{
    setWindowTitle(tr("Add log source"));
    setAccessibleName(tr("Add log source"));
    m_kind->addItems({tr("Local file"), tr("Cloud Run (gcloud)"), tr("App Runner (aws)")});
    m_kind->setAccessibleName(tr("Kind of source"));
    m_pages->addWidget(buildFilePage());
    m_pages->addWidget(buildCloudRunPage());
    m_pages->addWidget(buildAppRunnerPage());
    m_pages->setAccessibleName(tr("Source settings"));

    QFont mono(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::TypeWriter);
    m_command->setFont(mono);
    m_command->setAccessibleName(tr("Command that will run"));
    m_note->setAccessibleName(tr("Note about this source"));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("Add source"));
    m_ok->setAccessibleName(tr("Add source"));
    buttons->button(QDialogButtonBox::Cancel)->setAccessibleName(tr("Cancel"));
    connect(buttons, &QDialogButtonBox::accepted, this, &AddLogSourceDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *kindRow = new QFormLayout;
    kindRow->addRow(tr("&Source:"), m_kind);
    auto *commandCaption = new QLabel(tr("Runs:"), this);
    commandCaption->setBuddy(m_command);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(kindRow);
    layout->addWidget(m_pages);
    layout->addWidget(commandCaption);
    layout->addWidget(m_command);
    layout->addWidget(m_note);
    layout->addStretch(1);
    layout->addWidget(buttons);

    connect(m_kind, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_pages->setCurrentIndex(index);
        update();
    });
    update();
    resize(680, sizeHint().height());
}

AddLogSourceDialog::~AddLogSourceDialog() = default;

QLabel *AddLogSourceDialog::addErrorLabel(const QString &field)
{
    QLabel *label = sentenceLabel(this);
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, QColor(0xb0, 0x00, 0x20));
    label->setPalette(palette);
    label->setAccessibleName(tr("Problem with %1")
                                 .arg(m_request.param(field).label.isEmpty()
                                          ? tr("the path")
                                          : m_request.param(field).label));
    label->hide();
    m_errors.insert(field, label);
    return label;
}

QWidget *AddLogSourceDialog::buildFilePage()
{
    auto *page = new QWidget(this);
    m_path = new QLineEdit(page);
    m_path->setPlaceholderText(tr("/var/log/dreamnet/server.log"));
    m_path->setAccessibleName(tr("File path"));
    auto *browse = new QPushButton(tr("&Choose…"), page);
    browse->setAccessibleName(tr("Choose the file"));
    auto *row = new QWidget(page);
    auto *rowLayout = new QHBoxLayout(row);
    rowLayout->setContentsMargins(0, 0, 0, 0);
    rowLayout->addWidget(m_path, 1);
    rowLayout->addWidget(browse);
    auto *form = new QFormLayout(page);
    auto *label = new QLabel(tr("&File:"), page);
    label->setBuddy(m_path);
    form->addRow(label, withError(row, addErrorLabel(LogSourceRequest::Path)));
    connect(m_path, &QLineEdit::textChanged, this, &AddLogSourceDialog::update);
    connect(browse, &QPushButton::clicked, this, &AddLogSourceDialog::browse);
    return page;
}

QWidget *AddLogSourceDialog::buildCloudRunPage()
{
    auto *page = new QWidget(this);
    const CommandParam &region = m_request.param(LogSourceRequest::Region);
    const CommandParam &limit = m_request.param(LogSourceRequest::Limit);
    m_service = new QLineEdit(m_request.values.value(LogSourceRequest::Service), page);
    m_service->setAccessibleName(tr("Cloud Run service"));
    m_service->setToolTip(m_request.param(LogSourceRequest::Service).help);
    m_region = new QComboBox(page);
    m_region->setEditable(region.allowed.isEmpty());
    m_region->addItems(region.allowed);
    m_region->setCurrentText(m_request.values.value(LogSourceRequest::Region));
    m_region->setAccessibleName(tr("Cloud Run region"));
    m_project = new QLineEdit(page);
    m_project->setPlaceholderText(tr("gcloud's configured project"));
    m_project->setAccessibleName(tr("Google Cloud project"));
    m_mode = new QComboBox(page);
    m_mode->addItems({tr("Follow live (logs tail)"), tr("Read once (logs read)")});
    m_mode->setAccessibleName(tr("Follow or read once"));
    m_limit = new QSpinBox(page);
    m_limit->setRange(int(qMax<qint64>(1, limit.min)), int(qMax<qint64>(1, limit.max)));
    m_limit->setValue(
        m_request.values.value(LogSourceRequest::Limit, QStringLiteral("100")).toInt());
    m_limit->setAccessibleName(tr("Lines to read"));
    if (auto *edit = m_limit->findChild<QLineEdit *>()) // the spin box's own editor
        edit->setAccessibleName(tr("Lines to read"));

    auto *form = new QFormLayout(page);
    const auto addRow = [form](const QString &text, QWidget *editor, QWidget *field) {
        auto *label = new QLabel(text);
        label->setBuddy(editor);
        form->addRow(label, field);
    };
    addRow(tr("S&ervice:"), m_service,
           withError(m_service, addErrorLabel(LogSourceRequest::Service)));
    addRow(tr("&Region:"), m_region, withError(m_region, addErrorLabel(LogSourceRequest::Region)));
    addRow(tr("&Project:"), m_project,
           withError(m_project, addErrorLabel(LogSourceRequest::Project)));
    addRow(tr("&Mode:"), m_mode, m_mode);
    addRow(tr("&Lines:"), m_limit, withError(m_limit, addErrorLabel(LogSourceRequest::Limit)));

    connect(m_service, &QLineEdit::textChanged, this, &AddLogSourceDialog::update);
    connect(m_region, &QComboBox::currentTextChanged, this, &AddLogSourceDialog::update);
    connect(m_project, &QLineEdit::textChanged, this, &AddLogSourceDialog::update);
    connect(m_mode, &QComboBox::currentIndexChanged, this, &AddLogSourceDialog::update);
    connect(m_limit, &QSpinBox::valueChanged, this, &AddLogSourceDialog::update);
    return page;
}

QWidget *AddLogSourceDialog::buildAppRunnerPage()
{
    auto *page = new QWidget(this);
    m_logGroup = new QLineEdit(page);
    m_logGroup->setPlaceholderText(tr("/aws/apprunner/dreamnet-backend/ID/application"));
    m_logGroup->setAccessibleName(tr("CloudWatch log group"));
    auto *form = new QFormLayout(page);
    auto *label = new QLabel(tr("Log &group:"), page);
    label->setBuddy(m_logGroup);
    form->addRow(label, withError(m_logGroup, addErrorLabel(LogSourceRequest::LogGroup)));
    connect(m_logGroup, &QLineEdit::textChanged, this, &AddLogSourceDialog::update);
    return page;
}

void AddLogSourceDialog::browse()
{
    // A file that does not exist yet may be typed here too: it is followed when it appears.
    auto *dialog = new QFileDialog(this, tr("Choose a log file to follow"), m_path->text());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::AnyFile);
    dialog->setAcceptMode(QFileDialog::AcceptOpen);
    dialog->setOption(QFileDialog::DontConfirmOverwrite);
    connect(dialog, &QFileDialog::fileSelected, this,
            [this](const QString &file) { m_path->setText(file); });
    dialog->open();
}

void AddLogSourceDialog::update()
{
    using Kind = LogSourceRequest::Kind;
    switch (Choice(m_kind->currentIndex())) {
    case Choice::LocalFile:
        m_request.kind = Kind::LocalFile;
        break;
    case Choice::CloudRun:
        m_request.kind = m_mode->currentIndex() == 1 ? Kind::CloudRunRead : Kind::CloudRunTail;
        break;
    case Choice::AppRunner:
        m_request.kind = Kind::AppRunnerTail;
        break;
    }
    m_request.values.insert(LogSourceRequest::Path, m_path->text());
    m_request.values.insert(LogSourceRequest::Service, m_service->text());
    m_request.values.insert(LogSourceRequest::Region, m_region->currentText());
    m_request.values.insert(LogSourceRequest::Project, m_project->text());
    m_request.values.insert(LogSourceRequest::Limit, QString::number(m_limit->value()));
    m_request.values.insert(LogSourceRequest::LogGroup, m_logGroup->text());
    m_limit->setEnabled(m_request.kind == Kind::CloudRunRead);

    const QHash<QString, QString> errors = m_request.errors();
    for (auto it = m_errors.cbegin(); it != m_errors.cend(); ++it) {
        const QString error = errors.value(it.key());
        it.value()->setText(error);
        it.value()->setVisible(!error.isEmpty());
    }
    m_command->setText(errors.isEmpty() ? m_request.commandLine()
                                        : tr("(fix the values above to see the command)"));
    const QString note = m_request.note();
    m_note->setText(note);
    m_note->setVisible(!note.isEmpty());
    m_ok->setEnabled(errors.isEmpty() && m_request.isProgramAvailable());
    // Wrapped sentences appear and go: grow so that none is cut (the layout's minimum size
    // ignores height-for-width).
    layout()->activate();
    const int needed = layout()->totalHeightForWidth(width());
    if (needed > height())
        resize(width(), needed);
}

void AddLogSourceDialog::accept()
{
    if (!m_request.isValid() || !m_request.isProgramAvailable())
        return;
    QDialog::accept();
}
