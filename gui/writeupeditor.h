#pragma once

#include <QHash>
#include <QPointer>
#include <QWidget>

class IncidentStore;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

// The write-up tab: the runbook's blameless write-up generated from the record (date, severity,
// duration, timeline) shown as Markdown, next to the prose fields the lead types (saved through
// IncidentStore::setText), the blameless check's findings (listed and underlined) and the exports.
class WriteupEditor final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WriteupEditor)

public:
    explicit WriteupEditor(IncidentStore *store, QWidget *parent = nullptr);

    void setIncident(const QString &incidentId);
    QString incidentId() const { return m_incidentId; }
    /// Typing is disabled (read-only store); the exports keep working.
    void setEditable(bool editable);

    QString markdown() const; ///< the write-up as it would be exported now
    QStringList findings() const; ///< "Root Cause: “forgot” — suggestion", in field order
    QPlainTextEdit *proseEdit(const QString &field) const { return m_prose.value(field); }
    QPlainTextEdit *preview() const { return m_preview; }

    bool exportMarkdown(const QString &path, QString *error = nullptr) const;
    bool exportPdf(const QString &path, QString *error = nullptr) const;

Q_SIGNALS:
    void exported(const QString &path);
    void exportFailed(const QString &message);

private:
    void loadTexts();
    void onProseEdited(const QString &field);
    void regenerate();
    void updateFindings();
    void chooseAndExport(bool pdf);

    QPointer<IncidentStore> m_store;
    QString m_incidentId;
    QHash<QString, QPlainTextEdit *> m_prose;
    QPlainTextEdit *m_preview;
    QListWidget *m_findings;
    QStringList m_findingTexts;
    QPushButton *m_exportMarkdown;
    QPushButton *m_exportPdf;
    bool m_loading = false;
};
