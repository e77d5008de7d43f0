#pragma once

#include "incidentstore.h"

#include <QDialog>

class QComboBox;
class QLineEdit;
class QPushButton;

// Asks for what declaring an incident records: title, severity, affected services, commander and
// why (required). Opened empty by "Declare…" or pre-filled from the severity banner's suggestion.
class DeclareIncidentDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeclareIncidentDialog)

public:
    explicit DeclareIncidentDialog(QWidget *parent = nullptr);

    /// Pre-fills severity, a title and "confirmed the suggestion: ..." from the rules' reasons.
    void setSuggestion(Severity severity, const QStringList &reasons);
    void setCommander(const QString &commander);

    IncidentStore::Declaration declaration() const;

    QLineEdit *titleEdit() const { return m_title; }
    QComboBox *severityBox() const { return m_severity; }
    QLineEdit *affectedEdit() const { return m_affected; }
    QLineEdit *commanderEdit() const { return m_commander; }
    QLineEdit *reasonEdit() const { return m_reason; }
    QPushButton *declareButton() const { return m_declare; }

    static QList<Severity> severities(); ///< the choices, most severe first

private:
    void updateButton();

    QLineEdit *m_title;
    QComboBox *m_severity;
    QLineEdit *m_affected;
    QLineEdit *m_commander;
    QLineEdit *m_reason;
    QPushButton *m_declare;
};
