#pragma once

#include "opsdto.h"
#include "sectionbox.h"

class QLabel;

// The dead-letter queue's headline figures: depth, messages per minute and the oldest message,
// under the dead-letter source's freshness line. DeadLetterPage feeds it every status.
class DeadLetterSummaryBox final : public SectionBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeadLetterSummaryBox)

public:
    explicit DeadLetterSummaryBox(QWidget *parent = nullptr);

    void setStatus(const DeadLetterStatus &status);
    QString depthText() const;
    QString oldestText() const;

private:
    QLabel *m_depth;
    QLabel *m_rate;
    QLabel *m_oldest;
};
