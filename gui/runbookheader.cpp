#include "runbookheader.h"

#include "incidentstore.h"
#include "runbooklibrary.h"
#include "runbookstepstyle.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

using RunbookStepStyle::button;

RunbookHeader::RunbookHeader(const RunbookLibrary &library, QWidget *parent)
    : QWidget(parent)
    , m_picker(new QComboBox(this))
    , m_open(button(tr("&Open"), QStringLiteral("openRunbook"), this))
    , m_suggestion(new QLabel(this))
    , m_openSuggested(button(tr("Open &suggested"), QStringLiteral("openSuggested"), this))
    , m_title(new QLabel(this))
    , m_incident(new StateBadge(this))
    , m_declare(button(tr("&Declare incident…"), QStringLiteral("declareIncident"), this))
    , m_rejected(new StateBadge(this))
{
    setObjectName(QStringLiteral("runbookHeader"));
    m_picker->setObjectName(QStringLiteral("runbookPicker"));
    m_picker->setAccessibleName(tr("Runbook"));
    for (const Runbook &runbook : library.runbooks())
        m_picker->addItem(runbook.title, runbook.id);
    auto *pickerLabel = new QLabel(tr("Run&book:"), this);
    pickerLabel->setBuddy(m_picker);
    m_open->setAccessibleName(tr("Open the chosen runbook"));
    m_suggestion->setObjectName(QStringLiteral("runbookSuggestion"));
    m_suggestion->setTextFormat(Qt::PlainText);
    m_suggestion->setWordWrap(true);
    m_title->setObjectName(QStringLiteral("runbookTitle"));
    m_title->setTextFormat(Qt::PlainText);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    m_title->setFont(titleFont);
    m_incident->setObjectName(QStringLiteral("runbookIncident"));
    m_incident->setWordWrap(true);
    m_declare->setAccessibleName(tr("Declare an incident to record the steps into"));

    // A broken runbook file is said where runbooks are picked: the good ones still load.
    QStringList rejected;
    for (const RunbookLibrary::LoadError &error : library.errors())
        rejected << error.sentence();
    m_rejected->setObjectName(QStringLiteral("rejectedRunbooks"));
    m_rejected->setWordWrap(true);
    m_rejected->setState(
        StateBadge::Severity::Warning,
        tr("Runbook files not loaded: %1").arg(rejected.join(QStringLiteral("; "))));
    m_rejected->setAccessibleName(m_rejected->text());
    m_rejected->setVisible(!rejected.isEmpty());

    connect(m_open, &QPushButton::clicked, this,
            [this] { Q_EMIT openRequested(m_picker->currentData().toString()); });
    connect(m_openSuggested, &QPushButton::clicked, this,
            [this] { Q_EMIT openRequested(m_suggestedId); });
    connect(m_declare, &QPushButton::clicked, this, &RunbookHeader::declareRequested);

    auto *pick = new QHBoxLayout;
    pick->addWidget(pickerLabel);
    pick->addWidget(m_picker);
    pick->addWidget(m_open);
    pick->addSpacing(24);
    pick->addWidget(m_suggestion, 1);
    pick->addWidget(m_openSuggested);
    auto *incident = new QHBoxLayout;
    incident->addWidget(m_incident, 1);
    incident->addWidget(m_declare);
    auto *column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);
    column->addLayout(pick);
    column->addWidget(m_rejected);
    column->addWidget(m_title);
    column->addLayout(incident);
    setSuggestion(nullptr, {});
    setRunbook(nullptr);
}

void RunbookHeader::setSuggestion(const Runbook *runbook, const QStringList &reasons)
{
    const QString id = runbook ? runbook->id : QString();
    // Until a runbook is open, the picker follows each new suggestion, so that Open runs it.
    if (id != m_suggestedId && runbook && !m_runbookOpen)
        m_picker->setCurrentIndex(m_picker->findData(id));
    m_suggestedId = id;
    if (!runbook)
        m_suggestion->setText(tr("No runbook suggested: the live signals match none."));
    else if (reasons.isEmpty())
        m_suggestion->setText(tr("Suggested: %1").arg(runbook->title));
    else
        m_suggestion->setText(
            tr("Suggested: %1 — %2").arg(runbook->title, reasons.join(QStringLiteral("; "))));
    m_openSuggested->setVisible(runbook != nullptr);
    m_openSuggested->setAccessibleName(runbook
                                           ? tr("Open the suggested runbook %1").arg(runbook->title)
                                           : tr("Open the suggested runbook"));
}

void RunbookHeader::setRunbook(const Runbook *runbook)
{
    m_runbookOpen = runbook != nullptr;
    if (runbook)
        m_picker->setCurrentIndex(m_picker->findData(runbook->id));
    m_title->setText(runbook ? runbook->title : tr("No runbook open"));
    m_title->setToolTip(runbook ? runbook->summary : QString());
}

void RunbookHeader::showIncident(const IncidentStore *store,
                                 const std::optional<QString> &runIncident)
{
    const QString id = store ? store->activeIncidentId() : QString();
    const std::optional<Incident> incident = id.isEmpty() ? std::nullopt : store->incident(id);
    const bool recording = runIncident ? *runIncident == id && !id.isEmpty() : incident.has_value();
    QString sentence;
    if (incident && recording)
        sentence = tr("Recording every step into incident “%1” (%2).")
                       .arg(incident->title, severityName(incident->severity));
    else if (incident)
        sentence = tr("This run started before incident “%1” was declared and records nothing; "
                      "open the runbook again to record into it.")
                       .arg(incident->title);
    else if (store)
        sentence = tr("No incident is active: the steps are recorded nowhere and a restarted "
                      "console cannot resume them. Declare one to record them.");
    else
        sentence = tr("The incident record is not available: the steps are recorded nowhere.");
    m_incident->setState(
        incident && recording ? StateBadge::Severity::Ok : StateBadge::Severity::Warning, sentence);
    m_incident->setAccessibleName(sentence);
    m_declare->setVisible(store && !incident);
    m_declare->setEnabled(store && !store->isReadOnly());
}
