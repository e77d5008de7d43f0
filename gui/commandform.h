#pragma once

#include "commandrunner.h"
#include "commandspec.h"
#include "commandvalidator.h"

#include <QHash>
#include <QWidget>

class ActionJournal;
class CommandCatalogue;
class CommandOutputView;
class CommandParamsEditor;
class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

// The pre-baked commands page (issue 7): pick a gcloud/aws command from the catalogue, fill its
// validated parameters, read the exact shell-quoted command (Copy works even without the CLI),
// confirm a production change by typing its target, run it without a shell and watch the output
// and exit status. A read-only run (list revisions) feeds the choices of the parameters that name
// it (the rollback's revision). Every run is journaled by its CommandRunner.
class CommandForm final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CommandForm)

public:
    /// `catalogue` must outlive the form; `journal` may be null (runs are then not journaled).
    CommandForm(const CommandCatalogue &catalogue,
                ActionJournal *journal,
                QWidget *parent = nullptr);

    /// The CLIs' environment (PATH decides which gcloud/aws runs); default: the console's.
    void setProcessEnvironment(const QProcessEnvironment &environment);
    /// Who and where, for the journal and the confirmation dialog.
    void setContext(const QString &operatorName, const QString &environment);
    /// Shows the command with this id; false when the catalogue has none.
    bool selectCommand(const QString &id);
    QString currentCommandId() const { return m_spec.id; }

    CommandRunner *runner() const { return m_runner; }
    QListWidget *commandList() const { return m_list; }
    CommandParamsEditor *paramsEditor() const { return m_params; }
    QPlainTextEdit *preview() const { return m_preview; }
    QLabel *cliNotice() const { return m_cliNotice; }
    QPushButton *copyButton() const { return m_copy; }
    QPushButton *runButton() const { return m_run; }
    QPushButton *stopButton() const { return m_stop; }
    CommandOutputView *outputView() const { return m_output; }

Q_SIGNALS:
    /// A run (or a list fetch) ended; the journal already holds its result.
    void runFinished(const CommandResult &result);

private:
    void showRow(int row);
    void updateState();
    void requestRun();
    void startRun(const CommandInvocation &invocation, const QString &reason);
    void fetchChoices(const QString &paramName);
    void onFinished(const CommandResult &result);
    bool feedsChoices(const QString &sourceId) const;
    void learnChoices(const QString &sourceId, const QByteArray &output);
    void offerChoices();

    const CommandCatalogue &m_catalogue;
    CommandRunner *m_runner;
    CommandSpec m_spec;
    CommandSpec m_runningSpec;
    CommandRunner::Resolution m_cli;
    /// Per CLI: values kept across its commands (service, region...).
    QHash<QString, CommandValidator::Values> m_carried;
    QHash<QString, QStringList> m_choices; ///< read-only command id -> its last output lines
    QString m_fetchingFor; ///< the parameter a running fetch will fill
    QString m_operator;
    QString m_environment;
    bool m_running = false;

    QListWidget *m_list;
    QLabel *m_title;
    QLabel *m_badge;
    QLabel *m_description;
    QLabel *m_cliNotice;
    QLabel *m_runHint; ///< why Run and Copy are disabled (fields still to fill in)
    CommandParamsEditor *m_params;
    QPlainTextEdit *m_preview;
    QPushButton *m_copy;
    QPushButton *m_run;
    QPushButton *m_stop;
    CommandOutputView *m_output;
};
