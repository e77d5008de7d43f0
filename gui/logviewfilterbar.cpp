#include "logviewfilterbar.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace {

QLabel *plainLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setTextFormat(Qt::PlainText);
    label->setOpenExternalLinks(false);
    label->setTextInteractionFlags(Qt::NoTextInteraction);
    return label;
}

} // namespace

LogViewFilterBar::LogViewFilterBar(QWidget *parent)
    : QWidget(parent)
    , m_level(new QComboBox(this))
    , m_component(new QLineEdit(this))
    , m_text(new QLineEdit(this))
    , m_exclude(new QLineEdit(this))
    , m_regex(new QCheckBox(tr("Regex"), this))
    , m_case(new QCheckBox(tr("Case sensitive"), this))
    , m_error(plainLabel({}, this))
    , m_counts(plainLabel({}, this))
    , m_debounce(new QTimer(this))
{
    m_level->addItem(tr("All levels"), int(LogLevel::Unknown));
    for (const LogLevel level : {LogLevel::Trace, LogLevel::Debug, LogLevel::Info, LogLevel::Warn,
                                 LogLevel::Error, LogLevel::Fatal})
        m_level->addItem(tr("%1 and above").arg(LogLineParser::levelName(level)), int(level));
    m_level->setAccessibleName(tr("Minimum level"));
    m_component->setPlaceholderText(tr("Component"));
    m_component->setAccessibleName(tr("Component"));
    m_component->setClearButtonEnabled(true);
    m_text->setPlaceholderText(tr("Find text (or a regular expression with Regex)"));
    m_text->setAccessibleName(tr("Filter text"));
    m_text->setClearButtonEnabled(true);
    m_exclude->setPlaceholderText(tr("Exclude"));
    m_exclude->setAccessibleName(tr("Exclude text"));
    m_exclude->setClearButtonEnabled(true);
    // Qt's clear buttons have no names of their own; screen readers would say "button".
    for (QLineEdit *edit : {m_component, m_text, m_exclude}) {
        for (QToolButton *clear : edit->findChildren<QToolButton *>())
            clear->setAccessibleName(tr("Clear %1").arg(edit->accessibleName()));
    }
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #a01010;"));
    m_error->hide();

    auto *row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(plainLabel(tr("Level"), this));
    row->addWidget(m_level);
    row->addWidget(m_component, 1);
    row->addWidget(m_text, 4);
    row->addWidget(m_regex);
    row->addWidget(m_case);
    row->addWidget(m_exclude, 2);
    row->addWidget(m_counts);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(row);
    layout->addWidget(m_error);

    m_debounce->setSingleShot(true);
    m_debounce->setInterval(200);
    connect(m_debounce, &QTimer::timeout, this, [this] { Q_EMIT specChanged(spec()); });
    for (QLineEdit *edit : {m_component, m_text, m_exclude}) {
        connect(edit, &QLineEdit::textChanged, this, &LogViewFilterBar::emitSoon);
        connect(edit, &QLineEdit::returnPressed, this, [this] {
            m_debounce->stop();
            Q_EMIT specChanged(spec());
        });
    }
    connect(m_level, &QComboBox::currentIndexChanged, this, [this] { Q_EMIT specChanged(spec()); });
    for (QCheckBox *box : {m_regex, m_case})
        connect(box, &QCheckBox::toggled, this, [this] { Q_EMIT specChanged(spec()); });
    setCounts(0, 0, false);
}

void LogViewFilterBar::emitSoon()
{
    m_debounce->start();
}

LogFilterSpec LogViewFilterBar::spec() const
{
    LogFilterSpec spec;
    spec.minimumLevel = LogLevel(m_level->currentData().toInt());
    spec.component = m_component->text().trimmed();
    spec.text = m_text->text();
    spec.exclude = m_exclude->text();
    spec.regex = m_regex->isChecked();
    spec.caseSensitive = m_case->isChecked();
    return spec;
}

void LogViewFilterBar::setSpec(const LogFilterSpec &spec)
{
    const QSignalBlocker blockers[]
        = {QSignalBlocker(m_level),   QSignalBlocker(m_component), QSignalBlocker(m_text),
           QSignalBlocker(m_exclude), QSignalBlocker(m_regex),     QSignalBlocker(m_case)};
    m_level->setCurrentIndex(qMax(0, m_level->findData(int(spec.minimumLevel))));
    m_component->setText(spec.component);
    m_text->setText(spec.text);
    m_exclude->setText(spec.exclude);
    m_regex->setChecked(spec.regex);
    m_case->setChecked(spec.caseSensitive);
    m_debounce->stop();
    Q_EMIT specChanged(this->spec());
}

void LogViewFilterBar::setError(const QString &sentence)
{
    m_error->setText(sentence);
    m_error->setVisible(!sentence.isEmpty());
}

QString LogViewFilterBar::error() const
{
    return m_error->text();
}

void LogViewFilterBar::setCounts(qint64 shown, qint64 total, bool filtering)
{
    const QLocale locale;
    QString text = tr("%1 shown / %2 total").arg(locale.toString(shown), locale.toString(total));
    if (filtering)
        text += tr(" (filtering…)");
    m_counts->setText(text);
}

QString LogViewFilterBar::countsText() const
{
    return m_counts->text();
}
