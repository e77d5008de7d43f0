#include "declareincidentdialog.h"

#include "consolesession.h"
#include "dialogparts.h"
#include "displayformat.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QVBoxLayout>

namespace {
// How far back a detection time may go: further than any incident stays open undeclared.
constexpr int kDetectionDaysBack = 7;
} // namespace

DeclareIncidentDialog::DeclareIncidentDialog(QWidget *parent, Clock clock)
    : QDialog(parent)
    , m_clock(clock ? std::move(clock) : [] { return QDateTime::currentDateTimeUtc(); })
    , m_title(new QLineEdit(this))
    , m_severity(new QComboBox(this))
    , m_affected(new QLineEdit(this))
    , m_commander(new QLineEdit(this))
    , m_reason(new QLineEdit(this))
    , m_detectedEarlier(new QCheckBox(tr("&Earlier, at"), this))
    , m_detectedAt(new QDateTimeEdit(this))
    , m_detectedNote(new QLabel(this))
    , m_problem(newProblemLabel(this))
{
    setWindowTitle(tr("Declare incident"));
    setAccessibleName(tr("Declare incident"));
    m_title->setAccessibleName(tr("Incident title"));
    m_title->setPlaceholderText(tr("What is broken, in a few words"));
    for (const Severity s : severities())
        m_severity->addItem(severityName(s), int(s));
    m_severity->setCurrentIndex(1);
    m_severity->setAccessibleName(tr("Severity"));
    m_affected->setAccessibleName(tr("Affected services"));
    m_affected->setPlaceholderText(tr("citadel, api (comma-separated)"));
    m_commander->setAccessibleName(tr("Incident commander"));
    m_reason->setAccessibleName(tr("Reason"));
    m_reason->setPlaceholderText(tr("Why this severity (required)"));

    auto *form = new QFormLayout;
    form->addRow(tr("&Title:"), m_title);
    form->addRow(tr("&Severity:"), m_severity);
    form->addRow(tr("&Affected:"), m_affected);
    form->addRow(tr("&Commander:"), m_commander);
    form->addRow(tr("&Reason:"), m_reason);

    // Detection: now (the declaration) unless the lead says it was earlier. The SLA clocks start
    // there, so confirming a suggestion that has shown for ten minutes does not hide those ten.
    m_detectedEarlier->setAccessibleName(tr("Detected before now"));
    m_detectedEarlier->setToolTip(tr("The SLA clocks start when the problem was detected; "
                                     "leave unticked if that is now."));
    m_detectedAt->setAccessibleName(tr("Detection time"));
    m_detectedAt->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    m_detectedAt->setTimeSpec(Qt::LocalTime);
    const QDateTime now = m_clock().toLocalTime();
    m_detectedAt->setMinimumDateTime(now.addDays(-kDetectionDaysBack));
    m_detectedAt->setDateTime(now);
    m_detectedAt->setEnabled(false);
    auto *detectedRow = new QHBoxLayout;
    detectedRow->setContentsMargins(0, 0, 0, 0);
    detectedRow->addWidget(m_detectedEarlier);
    detectedRow->addWidget(m_detectedAt, 1);
    auto *detectedLabel = new QLabel(tr("Detected:"), this);
    form->addRow(detectedLabel, detectedRow);
    m_detectedNote->setObjectName(QStringLiteral("detectedNote"));
    m_detectedNote->setWordWrap(true);
    form->addRow(QString(), m_detectedNote);

    auto *buttons = new QDialogButtonBox(this);
    m_declare = buttons->addButton(tr("Declare"), QDialogButtonBox::AcceptRole);
    m_declare->setAccessibleName(tr("Declare"));
    QPushButton *cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setAccessibleName(tr("Cancel"));
    // Enter must not declare by accident: Cancel is the default button (as in ReasonDialog).
    m_declare->setAutoDefault(false);
    cancel->setDefault(true);
    // Validated again on the click: a time that was fine when typed may be ahead of the clock.
    connect(buttons, &QDialogButtonBox::accepted, this, [this] { declareIfValid(); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);
    connect(m_title, &QLineEdit::textChanged, this, [this] { updateButton(); });
    connect(m_reason, &QLineEdit::textChanged, this, [this] { updateButton(); });
    connect(m_detectedEarlier, &QCheckBox::toggled, this, [this](bool earlier) {
        m_detectedAt->setEnabled(earlier);
        updateButton();
    });
    connect(m_detectedAt, &QDateTimeEdit::dateTimeChanged, this, [this] { updateButton(); });
    updateButton();
    resize(480, sizeHint().height());
}

QList<Severity> DeclareIncidentDialog::severities()
{
    return {Severity::P0, Severity::P1, Severity::P2};
}

DeclareIncidentDialog::Clock DeclareIncidentDialog::storeClock(IncidentStore *store)
{
    return [store = QPointer<IncidentStore>(store)] {
        return store ? store->now() : QDateTime::currentDateTimeUtc();
    };
}

void DeclareIncidentDialog::setSuggestion(Severity severity, const QStringList &reasons)
{
    const int index = int(severities().indexOf(severity));
    if (index >= 0)
        m_severity->setCurrentIndex(index);
    if (m_title->text().isEmpty() && !reasons.isEmpty())
        m_title->setText(reasons.first());
    m_reason->setText(tr("confirmed the suggestion: %1").arg(reasons.join(QStringLiteral("; "))));
}

void DeclareIncidentDialog::setCommander(const QString &commander)
{
    m_commander->setText(commander);
}

void DeclareIncidentDialog::setDetectedAt(const QDateTime &firstSeen)
{
    if (!firstSeen.isValid())
        return;
    m_firstSeen = firstSeen;
    m_detectedAt->setDateTime(firstSeen.toLocalTime());
    m_detectedAt->setToolTip(tr("The live signals first suggested an incident at %1.")
                                 .arg(DisplayFormat::utc(firstSeen)));
    m_detectedEarlier->setChecked(true);
    updateButton();
}

IncidentStore::Declaration DeclareIncidentDialog::declaration() const
{
    IncidentStore::Declaration d;
    d.title = m_title->text().trimmed();
    d.severity = Severity(m_severity->currentData().toInt());
    const QStringList parts = m_affected->text().split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString &part : parts) {
        if (!part.trimmed().isEmpty())
            d.affected << part.trimmed();
    }
    d.commander = m_commander->text().trimmed();
    d.reason = m_reason->text().trimmed();
    if (m_detectedEarlier->isChecked())
        d.detectedAt = m_detectedAt->dateTime().toUTC();
    return d;
}

QString DeclareIncidentDialog::problem() const
{
    if (!m_detectedEarlier->isChecked())
        return {};
    const QDateTime now = m_clock().toLocalTime();
    const QDateTime detected = m_detectedAt->dateTime();
    // The editor shows whole seconds: the current second is still "now".
    if (detected > now.addSecs(1))
        return tr("The detection time %1 is later than now (%2); detection cannot be in the "
                  "future. Set an earlier time, or untick “Earlier, at” for now.")
            .arg(ConsoleSession::formatTime(detected), ConsoleSession::formatTime(now));
    return {};
}

void DeclareIncidentDialog::updateButton()
{
    QString when = tr("Now, when you declare.");
    if (m_detectedEarlier->isChecked())
        when = m_firstSeen.isValid()
                && m_detectedAt->dateTime().toSecsSinceEpoch() == m_firstSeen.toSecsSinceEpoch()
            ? tr("When the live signals first suggested an incident.")
            : tr("At the time you set.");
    m_detectedNote->setText(when + QLatin1Char(' ') + tr("The SLA clocks start at detection."));
    const QString why = problem();
    m_problem->setText(why);
    m_problem->setVisible(!why.isEmpty());
    if (isVisible())
        growToFitHeight(this);
    m_declare->setEnabled(!m_title->text().trimmed().isEmpty()
                          && !m_reason->text().trimmed().isEmpty() && why.isEmpty());
}

void DeclareIncidentDialog::showEvent(QShowEvent *event)
{
    QDialog::showEvent(event);
    growToFitHeight(this);
}

void DeclareIncidentDialog::declareIfValid()
{
    updateButton();
    if (m_declare->isEnabled())
        accept();
}
