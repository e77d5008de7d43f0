#pragma once

#include "commandresult.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;

// The live output of a pre-baked command (plain text, stderr in red, at most kMaxBlocks lines
// kept on screen) and its exit status line. CommandForm feeds it from CommandRunner's signals.
class CommandOutputView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CommandOutputView)

public:
    static constexpr int kMaxBlocks = 5000;

    explicit CommandOutputView(QWidget *parent = nullptr);

    void clear();
    void appendOutput(const QString &text, bool isError);
    void setRunning(const QString &preview);
    void setResult(const CommandResult &result, const QString &cli);
    /// A sentence in the status line when nothing could be run (e.g. a value to fix first).
    void setProblem(const QString &sentence);

    QPlainTextEdit *text() const { return m_text; }
    QLabel *statusLabel() const { return m_status; }

private:
    QPlainTextEdit *m_text;
    QLabel *m_status;
};
