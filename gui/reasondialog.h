#pragma once

#include <QDialog>
#include <QStringList>

class QComboBox;
class QLineEdit;
class QPushButton;

// Asks why before an action that changes production: the target, the environment and what the
// action does are shown, a reason is required, and Enter/Escape both mean Cancel (U1). The
// health panel uses it for Trip/Reset; the severity banner for "Override…" (with a choice list).
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
    };

    explicit ReasonDialog(const Request &request, QWidget *parent = nullptr);

    /// The trimmed reason (empty until the user typed one).
    QString reason() const;
    /// Index into Request::choices (-1 without choices).
    int choice() const;

    QLineEdit *reasonEdit() const { return m_reason; }
    QComboBox *choiceBox() const { return m_choice; }
    QPushButton *confirmButton() const { return m_confirm; }
    QPushButton *cancelButton() const { return m_cancel; }

private:
    void updateConfirm();

    QComboBox *m_choice = nullptr;
    QLineEdit *m_reason;
    QPushButton *m_confirm;
    QPushButton *m_cancel;
};
