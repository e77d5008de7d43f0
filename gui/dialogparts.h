#pragma once

class QLabel;
class QWidget;

// Parts the dialogs share, so that each says a refusal and fits its text the same way.

/// The sentence under a dialog's fields saying why it cannot go ahead: red, bold, wrapped, plain
/// text, named "problem" for tests and "Problem" for screen readers; hidden until it has text.
QLabel *newProblemLabel(QWidget *parent);

/// Wrapped labels (an effect, a problem sentence) need more height at a window's width than its
/// first size allowed; without this their last lines are cut off. Grows `window` to the height its
/// layout needs at its present width; never shrinks it, never changes its width.
void growToFitHeight(QWidget *window);
