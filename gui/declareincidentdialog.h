#pragma once

#include "incidentstore.h"

#include <QDialog>

#include <functional>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QPushButton;

// Asks for what declaring an incident records: title, severity, affected services, commander,
// why (required) and, optionally, when the problem was detected if that was before now (the SLA
// clocks start there). Opened empty by "Declare…" or pre-filled from the severity banner's
// suggestion, whose first sighting becomes the detection time.
class DeclareIncidentDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeclareIncidentDialog)

public:
    using Clock = std::function<QDateTime()>;

    /// `clock`: the incident store's (what "now" is for a detection time); default: this machine's.
    explicit DeclareIncidentDialog(QWidget *parent = nullptr, Clock clock = {});

    /// Pre-fills severity, a title and "confirmed the suggestion: ..." from the rules' reasons.
    void setSuggestion(Severity severity, const QStringList &reasons);
    void setCommander(const QString &commander);
    /// Ticks "Detected: Earlier, at" at when the live signals first suggested an incident;
    /// an invalid time leaves detection at the declaration.
    void setDetectedAt(const QDateTime &firstSeen);

    IncidentStore::Declaration declaration() const;

    QLineEdit *titleEdit() const { return m_title; }
    QComboBox *severityBox() const { return m_severity; }
    QLineEdit *affectedEdit() const { return m_affected; }
    QLineEdit *commanderEdit() const { return m_commander; }
    QLineEdit *reasonEdit() const { return m_reason; }
    QCheckBox *detectedEarlierBox() const { return m_detectedEarlier; }
    QDateTimeEdit *detectedEdit() const { return m_detectedAt; }
    QLabel *problemLabel() const { return m_problem; }
    QPushButton *declareButton() const { return m_declare; }

    static QList<Severity> severities(); ///< the choices, most severe first
    /// The store's clock while it lives, this machine's otherwise (null store: this machine's).
    static Clock storeClock(IncidentStore *store);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void updateButton();
    QString problem() const; ///< why Declare is refused, empty when it is not
    void declareIfValid();

    Clock m_clock;
    QDateTime m_firstSeen; ///< when the signals first suggested an incident, if they did
    QLineEdit *m_title;
    QComboBox *m_severity;
    QLineEdit *m_affected;
    QLineEdit *m_commander;
    QLineEdit *m_reason;
    QCheckBox *m_detectedEarlier;
    QDateTimeEdit *m_detectedAt;
    QLabel *m_detectedNote;
    QLabel *m_problem;
    QPushButton *m_declare;
};
