#include "commandoutputview.h"

#include "displayformat.h"

#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QTextCursor>
#include <QVBoxLayout>

CommandOutputView::CommandOutputView(QWidget *parent)
    : QWidget(parent)
    , m_text(new QPlainTextEdit(this))
    , m_status(new QLabel(this))
{
    m_text->setObjectName(QStringLiteral("commandOutput"));
    m_text->setReadOnly(true);
    m_text->setMaximumBlockCount(kMaxBlocks);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setAccessibleName(tr("Command output"));
    m_text->setPlaceholderText(tr("The command's output appears here while it runs."));
    m_status->setObjectName(QStringLiteral("commandStatus"));
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setAccessibleName(tr("Exit status"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_status);
}

void CommandOutputView::clear()
{
    m_text->clear();
    m_status->clear();
    m_status->setStyleSheet({});
}

void CommandOutputView::appendOutput(const QString &text, bool isError)
{
    QTextCharFormat format;
    if (isError)
        format.setForeground(QColor(0xb7, 0x1c, 0x1c));
    QTextCursor cursor(m_text->document());
    cursor.movePosition(QTextCursor::End);
    cursor.insertText(text, format);
    m_text->moveCursor(QTextCursor::End);
    m_text->ensureCursorVisible();
}

void CommandOutputView::setRunning(const QString &preview)
{
    m_status->setStyleSheet({});
    m_status->setText(tr("Running: %1").arg(preview));
}

void CommandOutputView::setResult(const CommandResult &result, const QString &cli)
{
    QString line = result.sentence(cli);
    if (result.droppedBytes > 0)
        line += tr(" %1 bytes of output were not kept (the first and last MiB were).")
                    .arg(result.droppedBytes);
    const bool ok = result.status == CommandResult::Status::Succeeded;
    m_status->setStyleSheet(ok ? QStringLiteral("QLabel { color: #1b5e20; font-weight: bold; }")
                               : DisplayFormat::problemStyleSheet());
    m_status->setText(line);
}

void CommandOutputView::setProblem(const QString &sentence)
{
    m_status->setStyleSheet(DisplayFormat::problemStyleSheet());
    m_status->setText(sentence);
}
