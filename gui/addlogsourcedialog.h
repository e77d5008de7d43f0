#pragma once

#include "logsourcerequest.h"

#include <QDialog>
#include <QHash>

class CommandCatalogue;
class LogSource;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QStackedWidget;

// Asks which log source to add (a local file, Cloud Run through gcloud, App Runner through aws),
// explains each refused value under its field, previews the exact command and says when its CLI
// is missing. OK is only possible for a valid, runnable source; LogSourceControls opens it.
class AddLogSourceDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AddLogSourceDialog)

public:
    /// Rows of the kind box, in order.
    enum class Choice { LocalFile, CloudRun, AppRunner };

    explicit AddLogSourceDialog(const CommandCatalogue &catalogue, QWidget *parent = nullptr);
    ~AddLogSourceDialog() override;

    const LogSourceRequest &request() const { return m_request; }
    /// A new, unstarted source for the accepted choice; null while the input is refused.
    LogSource *createSource(int id) const { return m_request.createSource(id); }

    QComboBox *kindBox() const { return m_kind; }
    QLineEdit *pathEdit() const { return m_path; }
    QLineEdit *serviceEdit() const { return m_service; }
    QComboBox *regionBox() const { return m_region; }
    QLineEdit *projectEdit() const { return m_project; }
    QComboBox *modeBox() const { return m_mode; }
    QSpinBox *limitBox() const { return m_limit; }
    QLineEdit *logGroupEdit() const { return m_logGroup; }
    /// The sentence under a field (LogSourceRequest's field names); hidden while it is fine.
    QLabel *errorLabel(const QString &field) const { return m_errors.value(field); }
    QLabel *commandLabel() const { return m_command; }
    QLabel *noteLabel() const { return m_note; }
    QPushButton *okButton() const { return m_ok; }

    /// Refuses (stays open) while the input is invalid or the CLI is missing.
    void accept() override;

private:
    QWidget *buildFilePage();
    QWidget *buildCloudRunPage();
    QWidget *buildAppRunnerPage();
    QLabel *addErrorLabel(const QString &field);
    void browse();
    void update();

    LogSourceRequest m_request;
    QComboBox *m_kind;
    QStackedWidget *m_pages;
    QLineEdit *m_path = nullptr;
    QLineEdit *m_service = nullptr;
    QComboBox *m_region = nullptr;
    QLineEdit *m_project = nullptr;
    QComboBox *m_mode = nullptr;
    QSpinBox *m_limit = nullptr;
    QLineEdit *m_logGroup = nullptr;
    QHash<QString, QLabel *> m_errors;
    QLabel *m_command;
    QLabel *m_note;
    QPushButton *m_ok = nullptr;
};
