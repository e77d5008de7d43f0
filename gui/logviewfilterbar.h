#pragma once

#include "logfilter.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QTimer;

// The log page's filter controls: minimum level, component, text or regular expression,
// exclude pattern, regex and case toggles, the inline error sentence and the shown/total
// counts. Emits specChanged (typing is debounced); LogPage applies it.
class LogViewFilterBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogViewFilterBar)

public:
    explicit LogViewFilterBar(QWidget *parent = nullptr);

    LogFilterSpec spec() const;
    void setSpec(const LogFilterSpec &spec);
    /// Empty hides the error line.
    void setError(const QString &sentence);
    QString error() const;
    void setCounts(qint64 shown, qint64 total, bool filtering);
    QString countsText() const;

    QComboBox *levelBox() const { return m_level; }
    QLineEdit *componentEdit() const { return m_component; }
    QLineEdit *textEdit() const { return m_text; }
    QLineEdit *excludeEdit() const { return m_exclude; }
    QCheckBox *regexBox() const { return m_regex; }
    QCheckBox *caseBox() const { return m_case; }

Q_SIGNALS:
    void specChanged(const LogFilterSpec &spec);

private:
    void emitSoon();

    QComboBox *m_level;
    QLineEdit *m_component;
    QLineEdit *m_text;
    QLineEdit *m_exclude;
    QCheckBox *m_regex;
    QCheckBox *m_case;
    QLabel *m_error;
    QLabel *m_counts;
    QTimer *m_debounce;
};
