#include "writeuppdf.h"

#include <QFont>
#include <QPageLayout>
#include <QPageSize>
#include <QPdfWriter>
#include <QRegularExpression>
#include <QSaveFile>
#include <QTextDocument>

namespace {

// The template's "**Date**: ..." lines form one Markdown paragraph; on paper each gets its own
// line (a hard break), as in the Markdown file read as plain text.
QString withFieldLineBreaks(const QString &markdown)
{
    static const QRegularExpression field(QStringLiteral("^(\\*\\*[^*\\n]+\\*\\*:[^\\n]*)$"),
                                          QRegularExpression::MultilineOption);
    QString text = markdown;
    text.replace(field, QStringLiteral("\\1  "));
    return text;
}

} // namespace

bool WriteupPdf::write(const QString &markdown, const QString &path, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error
                = QStringLiteral("The PDF could not be written to %1 (%2); choose another folder.")
                      .arg(path, file.errorString());
        return false;
    }
    {
        QPdfWriter writer(&file);
        writer.setPageSize(QPageSize(QPageSize::A4));
        writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter);
        writer.setResolution(300);
        writer.setCreator(QStringLiteral("DreamOps Console"));
        const QString firstLine = markdown.section(QLatin1Char('\n'), 0, 0);
        writer.setTitle(firstLine.startsWith(QLatin1String("# ")) ? firstLine.mid(2) : firstLine);
        QTextDocument document;
        document.setDefaultStyleSheet(QStringLiteral("body { font-family: sans-serif; }"));
        QFont font(QStringLiteral("DejaVu Sans"));
        font.setPointSizeF(10.5);
        document.setDefaultFont(font);
        document.setMarkdown(withFieldLineBreaks(markdown));
        document.print(&writer);
    }
    if (!file.commit()) {
        if (error)
            *error = QStringLiteral("The PDF could not be written to %1 (%2); the previous file is "
                                    "unchanged. Free disk space or choose another folder.")
                         .arg(path, file.errorString());
        return false;
    }
    return true;
}
