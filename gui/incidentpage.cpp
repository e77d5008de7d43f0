#include "incidentpage.h"

#include "declareincidentdialog.h"
#include "emptyviewhint.h"
#include "incidentfiletransfer.h"
#include "incidentlistmodel.h"
#include "reasondialog.h"
#include "timecursor.h"
#include "timelinemodel.h"
#include "timelineview.h"
#include "writeupeditor.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace {

const QList<Severity> kSeverities {Severity::P0, Severity::P1, Severity::P2};

QString timeText(const QDateTime &time)
{
    return time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

} // namespace

IncidentPage::IncidentPage(IncidentStore *store, TimeCursor *cursor, QWidget *parent)
    : QWidget(parent)
    , m_store(store)
    , m_cursor(cursor)
    , m_listModel(new IncidentListModel(this))
    , m_list(new QTableView(this))
    , m_title(new QLabel(this))
    , m_details(new QLabel(this))
    , m_problem(new QLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_writeup(new WriteupEditor(store, this))
{
    m_listModel->setStore(store);
    m_list->setModel(m_listModel);
    m_list->setAccessibleName(tr("Incidents"));
    new EmptyViewHint(m_list, tr("No incidents recorded yet in this environment."));
    m_list->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->verticalHeader()->setVisible(false);
    m_list->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_list->setWordWrap(false);
    m_list->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_list->horizontalHeader()->setSectionResizeMode(IncidentListModel::TitleColumn,
                                                     QHeaderView::Stretch);
    // Declared and commander are in the header above the timeline; the list stays narrow.
    m_list->setColumnHidden(IncidentListModel::DeclaredColumn, true);
    m_list->setColumnHidden(IncidentListModel::CommanderColumn, true);
    m_list->setMinimumWidth(300);
    connect(m_list, &QTableView::clicked, this, [this](const QModelIndex &index) {
        showIncident(index.data(IncidentListModel::IdRole).toString());
    });

    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setWordWrap(true);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problem->setWordWrap(true);
    m_problem->setVisible(false);
    m_problem->setFrameShape(QFrame::StyledPanel);
    m_problem->setStyleSheet(QStringLiteral("QLabel { background: #fff4d6; padding: 4px; }"));

    m_tabs->setAccessibleName(tr("Incident views"));
    m_tabs->addTab(buildTimelineTab(), tr("Timeline"));
    m_tabs->addTab(m_writeup, tr("Write-up"));

    auto *detail = new QWidget(this);
    auto *detailLayout = new QVBoxLayout(detail);
    detailLayout->setContentsMargins(0, 0, 0, 0);
    detailLayout->addWidget(m_problem);
    detailLayout->addWidget(m_title);
    detailLayout->addWidget(m_details);
    detailLayout->addWidget(buildActions());
    detailLayout->addWidget(m_tabs, 1);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_list);
    splitter->addWidget(detail);
    splitter->setStretchFactor(1, 3);
    splitter->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter);

    if (store) {
        connect(store, &IncidentStore::activeIncidentChanged, this,
                [this](const QString &id) { showIncident(id); });
        connect(store, &IncidentStore::incidentChanged, this, [this] { updateView(); });
        connect(store, &IncidentStore::writeFailed, this,
                [this](const QString &message) { setProblem(message); });
    }
    showIncident(store && store->isOpen() ? store->activeIncidentId() : QString());
}

QWidget *IncidentPage::buildActions()
{
    auto *box = new QWidget(this);
    auto *grid = new QGridLayout(box);
    grid->setContentsMargins(0, 0, 0, 0);
    const auto button = [box](const QString &text, const QString &name) {
        auto *b = new QPushButton(text, box);
        b->setAccessibleName(name);
        return b;
    };
    m_declare = button(tr("Declare…"), tr("Declare an incident"));
    m_severity = button(tr("Change severity…"), tr("Change the incident's severity"));
    m_resolve = button(tr("Resolve…"), tr("Resolve the incident"));
    connect(m_declare, &QPushButton::clicked, this, [this] {
        if (suggestionApplies())
            declareFromSuggestion(m_suggestion.severity, m_suggestion.reasons,
                                  m_suggestion.firstSeen);
        else
            requestDeclare();
    });
    connect(m_severity, &QPushButton::clicked, this, [this] { requestSeverityChange(); });
    m_export = button(tr("Export incident…"), tr("Export the incident as a file"));
    m_import = button(tr("Import incident…"), tr("Import an incident from a file"));
    connect(m_resolve, &QPushButton::clicked, this, [this] { requestResolve(); });
    connect(m_export, &QPushButton::clicked, this, [this] { requestExport(); });
    connect(m_import, &QPushButton::clicked, this, [this] { requestImport(); });
    grid->addWidget(m_declare, 0, 0);
    grid->addWidget(m_severity, 0, 1);
    grid->addWidget(m_resolve, 0, 2);
    grid->addWidget(m_export, 0, 3);
    grid->addWidget(m_import, 0, 4);
    for (int i = 0; i < kMilestoneCount; ++i) {
        const auto milestone = Milestone(i);
        const QKeySequence keys(Qt::CTRL | Qt::SHIFT | Qt::Key(Qt::Key_1 + i));
        QPushButton *b = button(milestoneText(milestone),
                                tr("Mark milestone: %1").arg(milestoneText(milestone)));
        b->setShortcut(keys);
        b->setToolTip(tr("Records “%1” now (%2). A mistake is undone by a correction.")
                          .arg(milestoneText(milestone), keys.toString(QKeySequence::NativeText)));
        connect(b, &QPushButton::clicked, this, [this, milestone] { markMilestone(milestone); });
        grid->addWidget(b, 1, i);
        m_milestones.at(std::size_t(i)) = b;
    }
    grid->setColumnStretch(kMilestoneCount, 1);
    return box;
}

QWidget *IncidentPage::buildTimelineTab()
{
    auto *tab = new QWidget(this);
    m_timeline = new TimelineView(tab);
    m_timeline->setTimeCursor(m_cursor);
    m_note = new QPlainTextEdit(tab);
    m_note->setAccessibleName(tr("Note"));
    m_note->setPlaceholderText(tr("Type a note: it is kept as you type and added with Add note"));
    m_note->setTabChangesFocus(true);
    m_note->setFixedHeight(m_note->fontMetrics().lineSpacing() * 3 + 14);
    m_addNote = new QPushButton(tr("Add note"), tab);
    m_addNote->setAccessibleName(tr("Add note to the timeline"));
    m_correct = new QPushButton(tr("Add correction…"), tab);
    m_correct->setAccessibleName(tr("Add a correction to the selected entry"));
    connect(m_note, &QPlainTextEdit::textChanged, this, [this] {
        if (!m_loadingNote && m_store && !m_incidentId.isEmpty() && !m_store->isReadOnly())
            m_store->setDraftNote(m_incidentId, m_note->toPlainText());
        updateView();
    });
    connect(m_addNote, &QPushButton::clicked, this, [this] { addNote(); });
    connect(m_correct, &QPushButton::clicked, this, [this] { requestCorrection(); });
    connect(m_timeline, &TimelineView::selectedEntryChanged, this, [this] { updateView(); });

    auto *buttons = new QVBoxLayout;
    buttons->addWidget(m_addNote);
    buttons->addWidget(m_correct);
    buttons->addStretch();
    auto *noteRow = new QHBoxLayout;
    noteRow->addWidget(m_note, 1);
    noteRow->addLayout(buttons);
    auto *layout = new QVBoxLayout(tab);
    layout->addWidget(m_timeline, 1);
    layout->addLayout(noteRow);
    return tab;
}

void IncidentPage::showIncident(const QString &id)
{
    m_incidentId = id;
    m_timeline->setIncident(m_store, id);
    m_writeup->setIncident(id);
    m_loadingNote = true;
    m_note->setPlainText(m_store && !id.isEmpty() ? m_store->draftNote(id) : QString());
    m_loadingNote = false;
    const int row = m_listModel->rowOf(id);
    if (row >= 0)
        m_list->selectRow(row);
    updateView();
}

QString IncidentPage::declareIncident(const IncidentStore::Declaration &declaration)
{
    QString error;
    const QString id = m_store ? m_store->declare(declaration, &error) : QString();
    if (done(!id.isEmpty(), error))
        showIncident(id);
    return id;
}

bool IncidentPage::changeSeverity(Severity severity, const QString &reason)
{
    QString error;
    const bool ok = m_store && m_store->changeSeverity(m_incidentId, severity, reason, &error);
    return done(ok, error);
}

bool IncidentPage::markMilestone(Milestone milestone)
{
    QString error;
    const bool ok = m_store && m_store->markMilestone(m_incidentId, milestone, {}, &error);
    return done(ok, error);
}

bool IncidentPage::resolveIncident()
{
    QString error;
    return done(m_store && m_store->resolve(m_incidentId, &error), error);
}

bool IncidentPage::addNote()
{
    const QString text = m_note->toPlainText().trimmed();
    if (!m_store || text.isEmpty())
        return false;
    QString error;
    if (!done(bool(m_store->addNote(m_incidentId, text, &error)), error))
        return false;
    m_note->clear(); // also empties the saved draft
    return true;
}

bool IncidentPage::addCorrection(qint64 correctsSeq, const QString &text)
{
    QString error;
    const bool ok
        = m_store && m_store->addCorrection(m_incidentId, correctsSeq, text.trimmed(), &error);
    return done(ok, error);
}

bool IncidentPage::exportIncident(const QString &path)
{
    QString error;
    const bool ok = m_store && IncidentFileTransfer::exportTo(*m_store, m_incidentId, path, &error);
    return done(ok, error);
}

QString IncidentPage::importIncident(const QString &path)
{
    QString error;
    const QString id
        = m_store ? IncidentFileTransfer::importFrom(*m_store, path, &error) : QString();
    if (done(!id.isEmpty(), error))
        showIncident(id);
    return id;
}

DeclareIncidentDialog *IncidentPage::requestDeclare()
{
    auto *dialog = new DeclareIncidentDialog(this, DeclareIncidentDialog::storeClock(m_store));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
            [this, dialog] { declareIncident(dialog->declaration()); });
    dialog->open();
    return dialog;
}

DeclareIncidentDialog *IncidentPage::declareFromSuggestion(Severity severity,
                                                           const QStringList &reasons,
                                                           const QDateTime &detectedAt)
{
    DeclareIncidentDialog *dialog = requestDeclare();
    dialog->setSuggestion(severity, reasons);
    dialog->setDetectedAt(detectedAt);
    return dialog;
}

void IncidentPage::requestSeverityChange()
{
    const std::optional<Incident> incident
        = m_store ? m_store->incident(m_incidentId) : std::nullopt;
    if (!incident)
        return;
    ReasonDialog::Request request;
    request.title = tr("Change severity");
    request.actionText = tr("Change severity");
    request.target = incident->title;
    request.environment = QFileInfo(m_store->path()).completeBaseName();
    request.effect = tr("Records the new severity on the timeline and restarts both SLA clocks "
                        "from now by its targets.");
    request.choiceLabel = tr("New severity");
    for (const Severity s : kSeverities)
        request.choices << severityName(s);
    request.currentChoice = std::max(0, int(kSeverities.indexOf(incident->severity)));
    request.trigger = m_severity;
    auto *dialog = new ReasonDialog(request, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        changeSeverity(kSeverities.value(dialog->choice(), Severity::P2), dialog->reason());
    });
    dialog->open();
}

void IncidentPage::requestCorrection()
{
    const int row = m_timeline->selectedRow();
    if (row < 0)
        return;
    const TimelineEntry &entry = m_timeline->timelineModel()->entryAt(row);
    const qint64 seq
        = entry.kind == TimelineEntry::Kind::Correction ? entry.correctsSeq : entry.seq;
    auto *dialog = new QInputDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Add correction"));
    dialog->setLabelText(tr("The corrected wording of entry #%1 (the original stays, struck "
                            "through):")
                             .arg(seq));
    dialog->setTextValue(entry.text);
    dialog->setAccessibleName(tr("Add correction"));
    connect(dialog, &QInputDialog::textValueSelected, this,
            [this, seq](const QString &text) { addCorrection(seq, text); });
    dialog->open();
}

void IncidentPage::requestResolve()
{
    auto *box = new QMessageBox(QMessageBox::Question, tr("Resolve incident"),
                                tr("Resolve “%1”? The SLA clocks stop and the write-up's "
                                   "duration ends now.")
                                    .arg(m_title->text()),
                                QMessageBox::Cancel, this);
    QPushButton *resolve = box->addButton(tr("Resolve"), QMessageBox::AcceptRole);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this, [this, resolve](QAbstractButton *clicked) {
        if (clicked == resolve)
            resolveIncident();
    });
    box->open();
}

void IncidentPage::requestExport()
{
    const std::optional<Incident> incident
        = m_store ? m_store->incident(m_incidentId) : std::nullopt;
    if (!incident)
        return;
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export incident"), IncidentFileTransfer::suggestedFileName(*incident),
        IncidentFileTransfer::fileFilter());
    if (!path.isEmpty())
        exportIncident(path);
}

void IncidentPage::requestImport()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Import incident"), QString(),
                                                      IncidentFileTransfer::fileFilter());
    if (!path.isEmpty())
        importIncident(path);
}

QString IncidentPage::titleText() const
{
    return m_title->text();
}

QString IncidentPage::detailsText() const
{
    return m_details->text();
}

QString IncidentPage::problemText() const
{
    return m_problem->text();
}

void IncidentPage::setProblem(const QString &sentence)
{
    m_problem->setText(sentence);
    m_problem->setVisible(!sentence.isEmpty());
}

bool IncidentPage::done(bool ok, const QString &error)
{
    updateView(); // first: a refusal replaces the read-only note, not the other way round
    if (!ok)
        setProblem(error.isEmpty() ? tr("Nothing was recorded: no incident is shown.") : error);
    else if (!m_store->isReadOnly())
        setProblem({});
    return ok;
}

void IncidentPage::setSuggestion(const SeveritySuggestion &suggestion)
{
    m_suggestion = suggestion;
    updateView();
}

bool IncidentPage::suggestionApplies() const
{
    if (m_suggestion.severity == Severity::None || !m_store || m_store->isReadOnly())
        return false;
    const std::optional<Incident> active = m_store->incident(m_store->activeIncidentId());
    return !active || active->isResolved();
}

void IncidentPage::updateView()
{
    const bool readOnly = !m_store || !m_store->isOpen() || m_store->isReadOnly();
    const std::optional<Incident> incident
        = m_store && !m_incidentId.isEmpty() ? m_store->incident(m_incidentId) : std::nullopt;
    if (readOnly)
        setProblem(m_store && m_store->isOpen() ? tr("Read-only: %1").arg(m_store->readOnlyReason())
                                                : tr("The incident record is not open."));
    const bool offerSuggestion = suggestionApplies();
    if (incident) {
        m_title->setText(incident->title);
        QStringList parts;
        parts << tr("Severity %1").arg(severityName(incident->severity))
              << (incident->isResolved()
                      ? tr("Resolved %1 UTC").arg(timeText(incident->resolvedAt))
                      : tr("Open since %1 UTC").arg(timeText(incident->declaredAt)))
              << tr("Affected: %1")
                     .arg(incident->affected.isEmpty()
                              ? tr("not given")
                              : incident->affected.join(QStringLiteral(", ")))
              << tr("Commander: %1")
                     .arg(incident->commander.isEmpty() ? tr("not named") : incident->commander);
        m_details->setText(parts.join(QStringLiteral(" · ")));
    } else {
        m_title->setText(tr("No incident"));
        m_details->setText(
            readOnly ? QString()
                : offerSuggestion
                ? tr("The live signals suggest %1: %2. Declare it from here or "
                     "from the dashboard's banner.")
                      .arg(severityName(m_suggestion.severity), m_suggestion.reasons.value(0))
                : tr("Declare one when the severity calls for it."));
    }
    m_declare->setText(offerSuggestion ? tr("Declare %1…").arg(severityName(m_suggestion.severity))
                                       : tr("Declare…"));
    const bool open = !readOnly && incident && !incident->isResolved();
    m_declare->setEnabled(!readOnly);
    m_severity->setEnabled(open);
    m_resolve->setEnabled(open);
    m_export->setEnabled(incident.has_value());
    m_import->setEnabled(!readOnly);
    for (int i = 0; i < kMilestoneCount; ++i) {
        const QDateTime at = incident ? incident->milestone(Milestone(i)) : QDateTime();
        QPushButton *b = m_milestones.at(std::size_t(i));
        b->setEnabled(open && !at.isValid());
        b->setText(at.isValid() ? tr("✓ %1 %2").arg(milestoneText(Milestone(i)),
                                                    at.toUTC().toString(QStringLiteral("HH:mm")))
                                : milestoneText(Milestone(i)));
    }
    m_note->setEnabled(!readOnly && incident);
    m_addNote->setEnabled(!readOnly && incident && !m_note->toPlainText().trimmed().isEmpty());
    m_correct->setEnabled(!readOnly && incident && m_timeline->selectedRow() >= 0);
}
