#pragma once

#include "opsdto.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QSpinBox;

// The extra fields of the replay dialog: rate cap (default 10/s), maximum (default 100),
// optional error-type and conduit filters, and a live sentence saying how many messages the
// replay will move and how long it takes. The boxes accept values beyond the server's ranges so
// that a mistyped value is refused in words (ActionController::validate) rather than silently
// clamped. DeadLetterPage puts it into a ReasonDialog.
class ReplayFields final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReplayFields)

public:
    explicit ReplayFields(const DeadLetterStatus &status, QWidget *parent = nullptr);

    /// The request without its reason.
    ReplayRequest request() const;
    /// Messages the queue holds that match the filters (an upper bound with both filters).
    qint64 matching() const;
    /// "Replay up to 100 of 2,431 messages at 10/s — about 10 s."
    QString summary() const;

    QSpinBox *rateBox() const { return m_rate; }
    QSpinBox *maximumBox() const { return m_maximum; }
    QComboBox *errorTypeBox() const { return m_errorType; }
    QComboBox *conduitBox() const { return m_conduit; }
    QLabel *summaryLabel() const { return m_summary; }

Q_SIGNALS:
    void changed();

private:
    void update();

    DeadLetterStatus m_status;
    QSpinBox *m_rate;
    QSpinBox *m_maximum;
    QComboBox *m_errorType;
    QComboBox *m_conduit;
    QLabel *m_summary;
};
