#pragma once

#include <QString>

/// Prints a write-up's Markdown to PDF with Qt's own writer (QPdfWriter + QTextDocument): A4,
/// 15 mm margins, title "Incident Report: ...". QtGui only, so it lives in models/.
class WriteupPdf final
{
public:
    /// Writes `path` (through a temporary file renamed on success: old or new, never partial).
    static bool write(const QString &markdown, const QString &path, QString *error = nullptr);
};
