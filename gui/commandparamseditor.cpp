#include "commandparamseditor.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace {

QString textOf(const QWidget *editor)
{
    if (const auto *line = qobject_cast<const QLineEdit *>(editor))
        return line->text();
    if (const auto *combo = qobject_cast<const QComboBox *>(editor))
        return combo->currentText();
    return {};
}

} // namespace

CommandParamsEditor::CommandParamsEditor(QWidget *parent)
    : QWidget(parent)
    , m_form(new QFormLayout(this))
{
    m_form->setContentsMargins(0, 0, 0, 0);
    m_form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    m_form->setLabelAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
}

void CommandParamsEditor::setSpec(const CommandSpec &spec, const CommandValidator::Values &carried)
{
    while (m_form->rowCount() > 0)
        m_form->removeRow(0);
    m_editors.clear();
    m_errorLabels.clear();
    m_fetchButtons.clear();
    m_touched.clear();
    m_spec = spec;
    for (const CommandParam &param : spec.params) {
        const QString carriedValue = param.type == CommandParam::Type::Secret
            ? QString()
            : carried.value(param.name, param.defaultValue);
        auto *field = new QWidget(this);
        auto *column = new QVBoxLayout(field);
        column->setContentsMargins(0, 0, 0, 0);
        column->setSpacing(2);
        QWidget *editor = createEditor(param, carriedValue);
        editor->setObjectName(QStringLiteral("param_") + param.name);
        editor->setAccessibleName(param.label);
        m_editors.insert(param.name, editor);
        if (!param.from.isEmpty()) {
            auto *row = new QHBoxLayout;
            auto *fetch = new QPushButton(tr("Fetch list"), field);
            fetch->setObjectName(QStringLiteral("fetch_") + param.name);
            fetch->setToolTip(
                tr("Run the read-only command “%1” and offer its lines").arg(param.from));
            connect(fetch, &QPushButton::clicked, this,
                    [this, name = param.name] { Q_EMIT fetchRequested(name); });
            m_fetchButtons.insert(param.name, fetch);
            row->addWidget(editor, 1);
            row->addWidget(fetch);
            column->addLayout(row);
        } else {
            column->addWidget(editor);
        }
        if (!param.help.isEmpty()) {
            auto *help = new QLabel(param.help, field);
            help->setTextFormat(Qt::PlainText);
            help->setWordWrap(true);
            help->setStyleSheet(QStringLiteral("QLabel { color: #616161; }"));
            column->addWidget(help);
        }
        auto *error = new QLabel(field);
        error->setObjectName(QStringLiteral("error_") + param.name);
        error->setTextFormat(Qt::PlainText);
        error->setWordWrap(true);
        error->setStyleSheet(QStringLiteral("QLabel { color: #b71c1c; }"));
        error->hide();
        column->addWidget(error);
        m_errorLabels.insert(param.name, error);
        auto *label = new QLabel(param.label + QLatin1Char(':'), this);
        label->setBuddy(editor);
        m_form->addRow(label, field);
    }
    revalidate();
}

QWidget *CommandParamsEditor::createEditor(const CommandParam &param, const QString &value)
{
    using T = CommandParam::Type;
    auto touched = [this, name = param.name] {
        m_touched.insert(name);
        revalidate();
        Q_EMIT valuesChanged();
    };
    if (param.type == T::Enum || param.type == T::EnvFlag || !param.from.isEmpty()) {
        auto *combo = new QComboBox(this);
        combo->setEditable(!param.from.isEmpty());
        combo->addItems(param.allowed);
        if (param.type == T::EnvFlag || (param.type == T::Enum && value.isEmpty()))
            combo->setCurrentIndex(value.isEmpty() ? -1 : int(param.allowed.indexOf(value)));
        else
            combo->setCurrentText(value);
        if (combo->isEditable()) {
            combo->lineEdit()->setPlaceholderText(tr("Fetch the list or type a name"));
            connect(combo, &QComboBox::currentTextChanged, this, touched);
        } else {
            connect(combo, &QComboBox::currentIndexChanged, this, touched);
        }
        return combo;
    }
    auto *line = new QLineEdit(value, this);
    if (param.type == T::Secret) {
        line->setEchoMode(QLineEdit::Password);
        line->setPlaceholderText(tr("Paste the new value; it is never shown or logged"));
    } else if (param.type == T::Int) {
        line->setPlaceholderText(tr("%1 to %2").arg(param.min).arg(param.max));
    }
    connect(line, &QLineEdit::textChanged, this, touched);
    return line;
}

CommandValidator::Values CommandParamsEditor::values() const
{
    CommandValidator::Values out;
    for (auto it = m_editors.cbegin(); it != m_editors.cend(); ++it)
        out.insert(it.key(), textOf(it.value()));
    return out;
}

void CommandParamsEditor::setChoices(const QString &name, const QStringList &choices, int select)
{
    auto *combo = qobject_cast<QComboBox *>(m_editors.value(name));
    if (!combo)
        return;
    const QString typed = combo->currentText();
    combo->clear();
    combo->addItems(choices);
    if (choices.isEmpty())
        combo->setCurrentText(typed);
    else
        combo->setCurrentIndex(qBound(0, select, int(choices.size()) - 1));
    m_touched.insert(name);
    revalidate();
    Q_EMIT valuesChanged();
}

void CommandParamsEditor::setFetchEnabled(bool enabled)
{
    for (QPushButton *button : std::as_const(m_fetchButtons))
        button->setEnabled(enabled);
}

void CommandParamsEditor::revalidate()
{
    const CommandValidator::Values current = values();
    m_errors = CommandValidator::validate(m_spec, current);
    for (auto it = m_errorLabels.cbegin(); it != m_errorLabels.cend(); ++it) {
        const QString sentence = m_errors.value(it.key());
        const bool quietEmpty = current.value(it.key()).isEmpty() && !m_touched.contains(it.key());
        it.value()->setText(sentence);
        it.value()->setVisible(!sentence.isEmpty() && !quietEmpty);
    }
}
