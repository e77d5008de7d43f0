#include "writeupeditor.h"

#include "blamelesscheck.h"
#include "incidentstore.h"
#include "writeupgenerator.h"
#include "writeuppdf.h"

#include <QFileDialog>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSplitter>
#include <QVBoxLayout>

WriteupEditor::WriteupEditor(IncidentStore *store, QWidget *parent)
    : QWidget(parent)
    , m_store(store)
    , m_preview(new QPlainTextEdit(this))
    , m_findings(new QListWidget(this))
    , m_exportMarkdown(new QPushButton(tr("Export Markdown…"), this))
    , m_exportPdf(new QPushButton(tr("Export PDF…"), this))
{
    auto *fields = new QWidget(this);
    auto *form = new QFormLayout(fields);
    form->setRowWrapPolicy(QFormLayout::WrapAllRows);
    form->setContentsMargins(0, 0, 0, 0);
    const QStringList names = WriteupGenerator::proseFields();
    for (const QString &field : names) {
        auto *edit = new QPlainTextEdit(fields);
        edit->setAccessibleName(WriteupGenerator::proseTitle(field));
        edit->setPlaceholderText(WriteupGenerator::proseHint(field));
        edit->setTabChangesFocus(true);
        edit->setFixedHeight(edit->fontMetrics().lineSpacing() * 3 + 14);
        connect(edit, &QPlainTextEdit::textChanged, this, [this, field] { onProseEdited(field); });
        form->addRow(WriteupGenerator::proseTitle(field) + QLatin1Char(':'), edit);
        m_prose.insert(field, edit);
    }
    m_findings->setAccessibleName(tr("Blameless check findings"));
    m_findings->setWordWrap(true);
    m_findings->setMaximumHeight(m_findings->fontMetrics().lineSpacing() * 5 + 8);
    form->addRow(tr("Blameless check:"), m_findings);

    auto *buttons = new QHBoxLayout;
    m_exportMarkdown->setAccessibleName(tr("Export the write-up as Markdown"));
    m_exportPdf->setAccessibleName(tr("Export the write-up as PDF"));
    buttons->addWidget(m_exportMarkdown);
    buttons->addWidget(m_exportPdf);
    buttons->addStretch();
    form->addRow(buttons);

    m_preview->setReadOnly(true);
    m_preview->setAccessibleName(tr("Generated write-up (Markdown)"));
    m_preview->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_preview->setLineWrapMode(QPlainTextEdit::WidgetWidth);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(fields);
    splitter->addWidget(m_preview);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);

    connect(m_exportMarkdown, &QPushButton::clicked, this, [this] { chooseAndExport(false); });
    connect(m_exportPdf, &QPushButton::clicked, this, [this] { chooseAndExport(true); });
    if (store) {
        connect(store, &IncidentStore::appended, this, [this](const TimelineEntry &entry) {
            if (entry.incidentId == m_incidentId)
                regenerate();
        });
        connect(store, &IncidentStore::incidentChanged, this, [this](const QString &id) {
            if (id == m_incidentId)
                regenerate();
        });
    }
    setIncident({});
}

void WriteupEditor::setIncident(const QString &incidentId)
{
    m_incidentId = incidentId;
    loadTexts();
    regenerate();
}

void WriteupEditor::setEditable(bool editable)
{
    for (QPlainTextEdit *edit : std::as_const(m_prose))
        edit->setEnabled(editable && !m_incidentId.isEmpty());
}

QString WriteupEditor::markdown() const
{
    if (!m_store || m_incidentId.isEmpty())
        return {};
    const std::optional<Incident> incident = m_store->incident(m_incidentId);
    if (!incident)
        return {};
    return WriteupGenerator::markdown(*incident, m_store->entries(m_incidentId),
                                      m_store->texts(m_incidentId));
}

QStringList WriteupEditor::findings() const
{
    return m_findingTexts;
}

bool WriteupEditor::exportMarkdown(const QString &path, QString *error) const
{
    const QString text = markdown();
    if (text.isEmpty()) {
        if (error)
            *error = tr("Choose an incident first: there is no write-up to export.");
        return false;
    }
    return WriteupGenerator::save(path, text.toUtf8(), error);
}

bool WriteupEditor::exportPdf(const QString &path, QString *error) const
{
    const QString text = markdown();
    if (text.isEmpty()) {
        if (error)
            *error = tr("Choose an incident first: there is no write-up to export.");
        return false;
    }
    return WriteupPdf::write(text, path, error);
}

void WriteupEditor::loadTexts()
{
    m_loading = true;
    const QHash<QString, QString> texts = m_store && !m_incidentId.isEmpty()
        ? m_store->texts(m_incidentId)
        : QHash<QString, QString>();
    for (auto it = m_prose.cbegin(); it != m_prose.cend(); ++it)
        it.value()->setPlainText(texts.value(it.key()));
    m_loading = false;
    setEditable(m_store && !m_store->isReadOnly());
    m_exportMarkdown->setEnabled(!m_incidentId.isEmpty());
    m_exportPdf->setEnabled(!m_incidentId.isEmpty());
    updateFindings();
}

void WriteupEditor::onProseEdited(const QString &field)
{
    if (m_loading)
        return;
    if (m_store && !m_incidentId.isEmpty() && !m_store->isReadOnly())
        m_store->setText(m_incidentId, field, m_prose.value(field)->toPlainText());
    updateFindings();
    regenerate();
}

void WriteupEditor::regenerate()
{
    const QString text = markdown();
    if (text == m_preview->toPlainText())
        return;
    const int scroll = m_preview->verticalScrollBar()->value();
    m_preview->setPlainText(text);
    m_preview->verticalScrollBar()->setValue(scroll);
}

void WriteupEditor::updateFindings()
{
    m_findings->clear();
    m_findingTexts.clear();
    const QStringList names = WriteupGenerator::proseFields();
    for (const QString &field : names) {
        QPlainTextEdit *edit = m_prose.value(field);
        const QString text = edit->toPlainText();
        QList<QTextEdit::ExtraSelection> marks;
        const QList<BlamelessCheck::Finding> found = BlamelessCheck::check(text);
        for (const BlamelessCheck::Finding &f : found) {
            m_findingTexts << tr("%1: “%2” — %3")
                                  .arg(WriteupGenerator::proseTitle(field),
                                       text.mid(f.offset, f.length), f.message);
            m_findings->addItem(m_findingTexts.constLast());
            QTextEdit::ExtraSelection mark;
            mark.cursor = QTextCursor(edit->document());
            mark.cursor.setPosition(int(f.offset));
            mark.cursor.setPosition(int(f.offset + f.length), QTextCursor::KeepAnchor);
            mark.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
            mark.format.setUnderlineColor(QColor(0xc0, 0x7a, 0x00));
            mark.format.setToolTip(f.message);
            marks << mark;
        }
        edit->setExtraSelections(marks);
    }
    if (m_findings->count() == 0)
        m_findings->addItem(tr("No blaming wording found."));
}

void WriteupEditor::chooseAndExport(bool pdf)
{
    const QString path = QFileDialog::getSaveFileName(
        this, pdf ? tr("Export write-up as PDF") : tr("Export write-up as Markdown"),
        QStringLiteral("incident-writeup.%1")
            .arg(pdf ? QStringLiteral("pdf") : QStringLiteral("md")),
        pdf ? tr("PDF (*.pdf)") : tr("Markdown (*.md)"));
    if (path.isEmpty())
        return;
    QString error;
    if (pdf ? exportPdf(path, &error) : exportMarkdown(path, &error))
        Q_EMIT exported(path);
    else
        Q_EMIT exportFailed(error);
}
