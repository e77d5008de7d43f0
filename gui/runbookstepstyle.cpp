#include "runbookstepstyle.h"

#include "runbookrun.h"

#include <QCoreApplication>
#include <QLabel>
#include <QPushButton>

namespace RunbookStepStyle {

StateBadge::Severity severity(RunbookStepState state)
{
    switch (state) {
    case RunbookStepState::Passed:
    case RunbookStepState::Done:
        return StateBadge::Severity::Ok;
    case RunbookStepState::Failed:
        return StateBadge::Severity::Critical;
    case RunbookStepState::Skipped:
        return StateBadge::Severity::Warning;
    case RunbookStepState::Running:
    case RunbookStepState::WaitingConfirmation:
        return StateBadge::Severity::Info;
    case RunbookStepState::Pending:
        break;
    }
    return StateBadge::Severity::Neutral;
}

StateBadge::Severity severity(RunbookEvidence::Verdict verdict)
{
    switch (verdict) {
    case RunbookEvidence::Verdict::Passed:
        return StateBadge::Severity::Ok;
    case RunbookEvidence::Verdict::Failed:
        return StateBadge::Severity::Critical;
    case RunbookEvidence::Verdict::Unavailable:
        break;
    }
    return StateBadge::Severity::Warning;
}

QString kindText(RunbookStepKind kind)
{
    const char *context = "RunbookStepStyle";
    switch (kind) {
    case RunbookStepKind::Check:
        return QCoreApplication::translate(context, "Check — reads the live system");
    case RunbookStepKind::Action:
        return QCoreApplication::translate(context, "Action — changes production");
    case RunbookStepKind::Command:
        return QCoreApplication::translate(context, "Command — runs a pre-baked CLI command");
    case RunbookStepKind::Watch:
        return QCoreApplication::translate(context,
                                           "Watch — waits until the check holds long enough");
    case RunbookStepKind::Manual:
        return QCoreApplication::translate(context, "Manual — you do this and tick it off");
    case RunbookStepKind::Decision:
        return QCoreApplication::translate(context, "Decision — chooses the way on");
    }
    return {};
}

QLabel *label(QWidget *parent, const QString &objectName)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

QPushButton *button(const QString &text, const QString &objectName, QWidget *parent)
{
    auto *button = new QPushButton(text, parent);
    button->setObjectName(objectName);
    button->setAutoDefault(false);
    button->setAccessibleName(QString(text).remove(QLatin1Char('&')).remove(QChar(0x2026)));
    return button;
}

} // namespace RunbookStepStyle
