#pragma once

#include "statebadge.h"

#include <QByteArray>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QToolButton;

// What a runbook check saw: the pass/fail sentence (icon and words), the value it judged, the raw
// JSON behind it on demand ("Show raw JSON"), and for a watch step how long the check has held
// and when it times out. RunbookStepPanel feeds it from the engine's evidence.
class RunbookEvidenceView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunbookEvidenceView)

public:
    explicit RunbookEvidenceView(QWidget *parent = nullptr);

    /// `value`: the judged value in words ("checks.database = false"); `raw`: the whole answer.
    void setEvidence(StateBadge::Severity severity,
                     const QString &sentence,
                     const QString &value,
                     const QByteArray &raw);
    /// A watch: held `heldSeconds` of `holdSeconds`, `remainingSeconds` before it times out
    /// (negative: no timeout). Hidden for other steps (clearWatch).
    void setWatchProgress(double heldSeconds, double holdSeconds, double remainingSeconds);
    void clearWatch();
    void clear();

    QString sentence() const;
    QString valueText() const;
    QString watchText() const;
    StateBadge *badge() const { return m_badge; }
    QToolButton *rawButton() const { return m_rawButton; }
    QPlainTextEdit *rawView() const { return m_raw; }
    QProgressBar *watchBar() const { return m_watchBar; }

    /// "4:10" for 250 s, "0:05" for 5 s.
    static QString clock(double seconds);

private:
    StateBadge *m_badge;
    QLabel *m_value;
    QToolButton *m_rawButton;
    QPlainTextEdit *m_raw;
    QProgressBar *m_watchBar;
    QLabel *m_watchText;
};
