#pragma once

#include <QDialog>
#include <QPointer>
#include <QStringList>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

// Asks why before an action that changes production: the target, the environment and what the
// action does are shown, a reason is required, and Enter/Escape both mean Cancel (U1). The
// health panel uses it for Trip/Reset; the severity banner for "Override…" (with a choice list);
// the agents and dead-letter pages with a typed target to confirm and extra fields.
class ReasonDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReasonDialog)

public:
    struct Request
    {
        QString title; ///< window title, e.g. "Trip circuit breaker"
        QString actionText; ///< the confirm button, e.g. "Trip breaker"
        QString target; ///< e.g. "openai"
        QString environment; ///< e.g. "SIMULATOR" or the server's host
        QString effect; ///< one sentence: what happens when confirmed
        QString choiceLabel; ///< non-empty: show a choice list with this label
        QStringList choices;
        int currentChoice = 0;
        /// Non-empty: Confirm stays disabled until exactly this text is typed (U1), e.g. an
        /// agent id.
        QString typeToConfirm;
        /// Optional fields shown above the reason (a duration box, replay parameters); the dialog
        /// takes ownership.
        QWidget *extra = nullptr;
        /// The button that opened the dialog: the dialog moves so that Confirm never lies under
        /// it (a double click on the trigger must not land on Confirm).
        QWidget *trigger = nullptr;
    };

    explicit ReasonDialog(const Request &request, QWidget *parent = nullptr);

    /// The trimmed reason (empty until the user typed one).
    QString reason() const;
    /// Index into Request::choices (-1 without choices).
    int choice() const;
    /// True when no typed confirmation is asked for, or the exact target was typed.
    bool targetConfirmed() const;

    /// A sentence shown inline above the buttons (a rejected value, the quarantine cap); Confirm
    /// stays disabled while one is shown. Empty clears it.
    void setProblem(const QString &sentence);
    QString problem() const;

    QLineEdit *reasonEdit() const { return m_reason; }
    QComboBox *choiceBox() const { return m_choice; }
    QLineEdit *confirmEdit() const { return m_typed; }
    QLabel *problemLabel() const { return m_problem; }
    QPushButton *confirmButton() const { return m_confirm; }
    QPushButton *cancelButton() const { return m_cancel; }

Q_SIGNALS:
    /// The reason or the typed confirmation changed (pages re-validate their extra fields).
    void inputChanged();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void updateConfirm();
    void fitHeight();
    void moveAwayFromTrigger();

    QComboBox *m_choice = nullptr;
    QLineEdit *m_typed = nullptr;
    QLineEdit *m_reason;
    QLabel *m_problem;
    QPushButton *m_confirm;
    QPushButton *m_cancel;
    QString m_typeToConfirm;
    QPointer<QWidget> m_trigger;
    bool m_confirmed = false;
};
