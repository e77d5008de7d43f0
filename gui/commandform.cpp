#include "commandform.h"

#include "commandbuilder.h"
#include "commandcatalogue.h"
#include "commandoutputview.h"
#include "commandparamseditor.h"
#include "displayformat.h"
#include "reasondialog.h"

#include <QClipboard>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

namespace {

constexpr int kIdRole = Qt::UserRole + 1;

QLabel *wrappedLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    return label;
}

} // namespace

CommandForm::CommandForm(const CommandCatalogue &catalogue, ActionJournal *journal, QWidget *parent)
    : QWidget(parent)
    , m_catalogue(catalogue)
    , m_runner(new CommandRunner(this))
    , m_list(new QListWidget(this))
    , m_title(wrappedLabel(this))
    , m_badge(wrappedLabel(this))
    , m_description(wrappedLabel(this))
    , m_cliNotice(wrappedLabel(this))
    , m_runHint(wrappedLabel(this))
    , m_params(new CommandParamsEditor(this))
    , m_preview(new QPlainTextEdit(this))
    , m_copy(new QPushButton(tr("&Copy"), this))
    , m_run(new QPushButton(tr("&Run"), this))
    , m_stop(new QPushButton(tr("&Stop"), this))
    , m_output(new CommandOutputView(this))
{
    setObjectName(QStringLiteral("commandForm"));
    m_runner->setJournal(journal);
    m_list->setObjectName(QStringLiteral("commandList"));
    m_list->setAccessibleName(tr("Commands"));
    for (const CommandSpec &spec : catalogue.commands()) {
        const QString marker = spec.readOnly ? tr("read-only") : tr("changes production");
        auto *item = new QListWidgetItem(spec.title + QStringLiteral("\n    ") + marker, m_list);
        item->setData(kIdRole, spec.id);
        item->setToolTip(spec.preview);
        if (spec.changesProduction)
            item->setForeground(QColor(0xb7, 0x1c, 0x1c));
    }

    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    m_title->setFont(titleFont);
    m_badge->setObjectName(QStringLiteral("commandBadge"));
    m_cliNotice->setObjectName(QStringLiteral("cliNotice"));
    m_cliNotice->setStyleSheet(QStringLiteral("QLabel { background: #fff3e0; color: #e65100; "
                                              "border: 1px solid #ffb74d; padding: 6px; }"));
    m_cliNotice->hide();
    m_preview->setObjectName(QStringLiteral("commandPreview"));
    m_preview->setReadOnly(true);
    m_preview->setAccessibleName(tr("Exact command"));
    m_preview->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_preview->setFixedHeight(m_preview->fontMetrics().lineSpacing() * 4);
    m_copy->setObjectName(QStringLiteral("copyCommand"));
    m_run->setObjectName(QStringLiteral("runCommand"));
    m_stop->setObjectName(QStringLiteral("stopCommand"));

    auto *previewRow = new QHBoxLayout;
    previewRow->addWidget(m_preview, 1);
    previewRow->addWidget(m_copy, 0, Qt::AlignTop);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_run);
    buttons->addWidget(m_stop);
    buttons->addWidget(m_runHint, 1);

    auto *detail = new QWidget(this);
    auto *column = new QVBoxLayout(detail);
    column->addWidget(m_title);
    column->addWidget(m_badge);
    column->addWidget(m_description);
    column->addWidget(m_cliNotice);
    column->addWidget(m_params);
    column->addWidget(new QLabel(tr("Command (what runs, shell-quoted):"), detail));
    column->addLayout(previewRow);
    column->addLayout(buttons);
    column->addWidget(m_output, 1);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_list);
    splitter->addWidget(detail);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({m_list->sizeHintForColumn(0) + 32, 800});
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter);

    connect(m_list, &QListWidget::currentRowChanged, this, &CommandForm::showRow);
    connect(m_params, &CommandParamsEditor::valuesChanged, this, &CommandForm::updateState);
    connect(m_params, &CommandParamsEditor::fetchRequested, this, &CommandForm::fetchChoices);
    connect(m_copy, &QPushButton::clicked, this,
            [this] { QGuiApplication::clipboard()->setText(m_preview->toPlainText()); });
    connect(m_run, &QPushButton::clicked, this, &CommandForm::requestRun);
    connect(m_stop, &QPushButton::clicked, m_runner, &CommandRunner::stop);
    connect(m_runner, &CommandRunner::started, m_output, &CommandOutputView::setRunning);
    connect(m_runner, &CommandRunner::output, m_output,
            [this](const QString &text, CommandRunner::Channel channel) {
                m_output->appendOutput(text, channel == CommandRunner::Channel::Stderr);
            });
    connect(m_runner, &CommandRunner::finished, this, &CommandForm::onFinished);
    if (m_list->count() > 0)
        m_list->setCurrentRow(0);
}

void CommandForm::setProcessEnvironment(const QProcessEnvironment &environment)
{
    m_runner->setProcessEnvironment(environment);
    updateState();
}

void CommandForm::setContext(const QString &operatorName, const QString &environment)
{
    m_operator = operatorName;
    m_environment = environment;
}

bool CommandForm::selectCommand(const QString &id)
{
    for (int row = 0; row < m_list->count(); ++row) {
        if (m_list->item(row)->data(kIdRole).toString() == id) {
            m_list->setCurrentRow(row);
            return true;
        }
    }
    return false;
}

void CommandForm::showRow(int row)
{
    const CommandSpec *spec
        = row >= 0 ? m_catalogue.find(m_list->item(row)->data(kIdRole).toString()) : nullptr;
    if (!spec)
        return;
    const CommandValidator::Values previous = m_params->values();
    for (auto it = previous.cbegin(); it != previous.cend(); ++it) {
        const CommandParam *param = m_spec.param(it.key());
        if (param && param->type != CommandParam::Type::Secret && !it.value().isEmpty())
            m_carried[m_spec.cli].insert(it.key(), it.value());
    }
    m_spec = *spec;
    m_title->setText(spec->title);
    m_badge->setText(
        spec->readOnly
            ? tr("Read-only: changes nothing.")
            : tr("Changes production: you will type “%1” to confirm.").arg(spec->confirm));
    m_badge->setStyleSheet(spec->readOnly ? QStringLiteral("QLabel { color: #1b5e20; }")
                                          : DisplayFormat::problemStyleSheet());
    m_description->setText(spec->preview);
    m_params->setSpec(*spec, m_carried.value(spec->cli));
    offerChoices();
    updateState();
}

void CommandForm::updateState()
{
    m_cli = m_runner->resolve(m_spec.cli);
    const bool valid = m_params->errors().isEmpty();
    const CommandValidator::Values values = m_params->values();
    m_preview->setPlainText(CommandBuilder::previewText(m_spec, values));
    if (m_spec.readOnly)
        m_badge->setText(tr("Read-only: changes nothing."));
    else if (valid)
        m_badge->setText(tr("Changes production: you will type “%1” to confirm.")
                             .arg(CommandBuilder::confirmText(m_spec, values)));
    else
        m_badge->setText(tr("Changes production: you will type its target to confirm."));
    m_copy->setEnabled(valid);
    m_run->setEnabled(valid && m_cli.found() && !m_running);
    // A disabled Run says why: the fields that still need a value (their own sentences appear
    // under them once typed in).
    QStringList missing;
    const CommandValidator::Values errors = m_params->errors();
    for (auto it = errors.cbegin(); it != errors.cend(); ++it) {
        const CommandParam *param = m_spec.param(it.key());
        missing << (param ? param->label : it.key());
    }
    m_runHint->setText(
        missing.isEmpty()
            ? QString()
            : tr("To run or copy, fill in: %1.").arg(missing.join(QStringLiteral(", "))));
    m_stop->setEnabled(m_running);
    m_list->setEnabled(!m_running);
    m_params->setEnabled(!m_running);
    m_params->setFetchEnabled(m_cli.found() && !m_running);
    if (m_cli.found()) {
        m_cliNotice->hide();
    } else {
        m_cliNotice->setText(
            m_cli.status == CommandResult::Status::NotExecutable
                ? tr("%1 was found at %2 but is not executable — fix its permissions; you can "
                     "still "
                     "copy the command.")
                      .arg(m_spec.cli, m_cli.path)
                : tr("%1 is not installed or not on PATH — you can still copy the command.")
                      .arg(m_spec.cli));
        m_cliNotice->show();
    }
}

void CommandForm::requestRun()
{
    const auto invocation = CommandBuilder::build(m_spec, m_params->values());
    if (!invocation || m_running)
        return;
    if (!m_spec.changesProduction) {
        startRun(*invocation, {});
        return;
    }
    const QString confirm = CommandBuilder::confirmText(m_spec, m_params->values());
    ReasonDialog::Request request;
    request.title = tr("Run “%1”").arg(m_spec.title);
    request.actionText = tr("Run on production");
    request.target = confirm;
    request.environment = m_environment.isEmpty() ? tr("%1's current configuration").arg(m_spec.cli)
                                                  : m_environment;
    request.effect = m_spec.preview + QStringLiteral("\n\n") + invocation->preview;
    request.typeToConfirm = confirm;
    request.trigger = m_run;
    auto *dialog = new ReasonDialog(request, this);
    dialog->setObjectName(QStringLiteral("commandConfirmDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
            [this, dialog, inv = *invocation] { startRun(inv, dialog->reason()); });
    dialog->open();
}

void CommandForm::startRun(const CommandInvocation &invocation, const QString &reason)
{
    if (m_running)
        return;
    m_running = true;
    m_runningSpec = m_spec;
    m_output->clear();
    m_output->setRunning(invocation.preview);
    m_runner->start(invocation, {reason, m_operator, m_environment});
    updateState();
}

void CommandForm::fetchChoices(const QString &paramName)
{
    const CommandParam *param = m_spec.param(paramName);
    const CommandSpec *source = param ? m_catalogue.find(param->from) : nullptr;
    if (!source || m_running)
        return;
    CommandValidator::Values errors;
    const auto invocation = CommandBuilder::build(*source, m_params->values(), &errors);
    if (!invocation) {
        m_output->clear();
        m_output->setProblem(tr("Fix these first to fetch the list: %1")
                                 .arg(QStringList(errors.values()).join(QLatin1Char(' '))));
        return;
    }
    m_fetchingFor = paramName;
    m_running = true;
    m_runningSpec = *source;
    m_output->clear();
    m_runner->start(*invocation, {{}, m_operator, m_environment});
    updateState();
}

void CommandForm::onFinished(const CommandResult &result)
{
    m_running = false;
    m_output->setResult(result, m_runningSpec.cli);
    if (m_runningSpec.readOnly && result.status == CommandResult::Status::Succeeded
        && feedsChoices(m_runningSpec.id))
        learnChoices(m_runningSpec.id, m_runner->capture().head());
    m_fetchingFor.clear();
    updateState();
    Q_EMIT runFinished(result);
}

bool CommandForm::feedsChoices(const QString &sourceId) const
{
    for (const CommandSpec &spec : m_catalogue.commands()) {
        for (const CommandParam &param : spec.params) {
            if (param.from == sourceId)
                return true;
        }
    }
    return false;
}

void CommandForm::learnChoices(const QString &sourceId, const QByteArray &output)
{
    QStringList lines;
    for (const QByteArray &line : output.split('\n')) {
        const QString text = QString::fromUtf8(line).trimmed();
        if (!text.isEmpty())
            lines.append(text);
    }
    m_choices.insert(sourceId, lines);
    offerChoices();
}

void CommandForm::offerChoices()
{
    const CommandValidator::Values values = m_params->values();
    for (const CommandParam &param : std::as_const(m_spec.params)) {
        if (param.from.isEmpty() || !m_choices.contains(param.from))
            continue;
        QStringList valid; // only lines that are acceptable values (headers, noise dropped)
        for (const QString &line : m_choices.value(param.from)) {
            if (CommandValidator::check(param, line, values).isEmpty())
                valid.append(line);
        }
        m_params->setChoices(param.name, valid, param.fromSelect);
    }
}
