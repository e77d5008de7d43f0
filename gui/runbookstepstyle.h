#pragma once

#include "runbook.h"
#include "runbookevidence.h"
#include "statebadge.h"

class QLabel;
class QPushButton;
class QWidget;
enum class RunbookStepState;

// How the wizard shows a runbook step's state, kind and evidence: one StateBadge severity (icon
// and colour, always beside the words) per state, so that the step list and the step panel agree;
// and the labels and buttons the wizard's parts share.
namespace RunbookStepStyle {

StateBadge::Severity severity(RunbookStepState state);
StateBadge::Severity severity(RunbookEvidence::Verdict verdict);
/// "Check — reads the live system", "Action — changes production", ...
QString kindText(RunbookStepKind kind);

/// A label for runbook text (data, never rich text): plain, wrapped, selectable.
QLabel *label(QWidget *parent, const QString &objectName);
/// A wizard button: Enter never presses it (only Space or a click); named for screen readers.
QPushButton *button(const QString &text, const QString &objectName, QWidget *parent);

} // namespace RunbookStepStyle
