// IncidentStore, continued: the writes (declare, change, milestones, notes, journal, typed text).
#include "actionjournal.h"
#include "incidentrows.h"
#include "incidentstore.h"

#include <QJsonArray>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <QVariant>

namespace {

QString actionText(const JournalEntry &e)
{
    const QString what = e.target.isEmpty() ? e.action : e.action + QLatin1Char(' ') + e.target;
    if (e.kind == JournalEntry::Kind::Intent)
        return QStringLiteral("%1 requested: %2").arg(what, e.reason);
    // Commands have no HTTP status (0): their sentence says how the CLI ended.
    const QString status
        = e.httpStatus > 0 ? QStringLiteral(" (HTTP %1)").arg(e.httpStatus) : QString();
    switch (e.outcome) {
    case JournalEntry::Outcome::Succeeded:
        return e.httpStatus > 0 || e.message.isEmpty()
            ? QStringLiteral("%1 succeeded%2").arg(what, status)
            : QStringLiteral("%1 succeeded: %2").arg(what, e.message);
    case JournalEntry::Outcome::Failed:
        return QStringLiteral("%1 failed%2: %3").arg(what, status, e.message);
    default:
        return QStringLiteral("%1: outcome unknown: %2").arg(what, e.message);
    }
}

} // namespace

QString IncidentStore::activeIncidentId() const
{
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    if (q.exec(QStringLiteral("SELECT value FROM settings WHERE key = 'active'")) && q.next())
        return q.value(0).toString();
    return {};
}

bool IncidentStore::setActiveIncident(const QString &id, QString *error)
{
    if (!writable(error))
        return false;
    if (!id.isEmpty() && !incident(id)) {
        if (error)
            *error = QStringLiteral("There is no incident %1.").arg(id);
        return false;
    }
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO settings (key, value) VALUES ('active', ?)"));
    q.addBindValue(id);
    if (!q.exec()) {
        if (error)
            *error = failure(q.lastError().text());
        return false;
    }
    Q_EMIT activeIncidentChanged(id);
    return true;
}

QString IncidentStore::declare(const Declaration &d, QString *error)
{
    if (d.title.trimmed().isEmpty() || d.severity == Severity::None) {
        if (error)
            *error = QStringLiteral("An incident needs a title and a severity (P0, P1 or P2).");
        return {};
    }
    // The editor shows whole seconds, so the declaration's own second still counts as now.
    if (d.detectedAt.isValid() && d.detectedAt > now().addSecs(1)) {
        if (error)
            *error = QStringLiteral("The detection time %1 is later than the declaration (%2); "
                                    "detection cannot be in the future.")
                         .arg(d.detectedAt.toUTC().toString(Qt::ISODate),
                              now().toUTC().toString(Qt::ISODate));
        return {};
    }
    TimelineEntry entry;
    entry.incidentId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    entry.kind = TimelineEntry::Kind::Declared;
    entry.text = QStringLiteral("Declared %1: %2").arg(severityName(d.severity), d.title.trimmed());
    entry.data = {{QStringLiteral("title"), d.title.trimmed()},
                  {QStringLiteral("severity"), severityName(d.severity)},
                  {QStringLiteral("affected"), QJsonArray::fromStringList(d.affected)},
                  {QStringLiteral("commander"), d.commander},
                  {QStringLiteral("reason"), d.reason}};
    if (!write(entry, error))
        return {};
    if (d.detectedAt.isValid()
        && !markMilestone(entry.incidentId, Milestone::Detected, d.detectedAt, error))
        return {};
    if (!setActiveIncident(entry.incidentId, error))
        return {};
    return entry.incidentId;
}

std::optional<TimelineEntry> IncidentStore::changeSeverity(const QString &id,
                                                           Severity severity,
                                                           const QString &reason,
                                                           QString *error)
{
    const auto current = incident(id);
    if (!current || severity == Severity::None || reason.trimmed().isEmpty()) {
        if (error)
            *error = QStringLiteral(
                "A severity change needs an open incident, P0/P1/P2 and a reason.");
        return std::nullopt;
    }
    TimelineEntry entry;
    entry.incidentId = id;
    entry.kind = TimelineEntry::Kind::SeverityChange;
    entry.text
        = QStringLiteral("Severity %1 -> %2: %3")
              .arg(severityName(current->severity), severityName(severity), reason.trimmed());
    entry.data = {{QStringLiteral("severity"), severityName(severity)},
                  {QStringLiteral("previous"), severityName(current->severity)},
                  {QStringLiteral("reason"), reason.trimmed()}};
    return write(entry, error);
}

std::optional<TimelineEntry> IncidentStore::markMilestone(const QString &id,
                                                          Milestone milestone,
                                                          const QDateTime &at,
                                                          QString *error)
{
    TimelineEntry entry;
    entry.incidentId = id;
    entry.kind = TimelineEntry::Kind::Milestone;
    entry.time = at;
    entry.text = milestoneText(milestone);
    entry.data = {{QStringLiteral("milestone"), milestoneKey(milestone)}};
    return append(entry, error);
}

std::optional<TimelineEntry> IncidentStore::resolve(const QString &id, QString *error)
{
    TimelineEntry entry;
    entry.incidentId = id;
    entry.kind = TimelineEntry::Kind::Resolved;
    entry.text = QStringLiteral("Incident resolved");
    return append(entry, error);
}

std::optional<TimelineEntry>
IncidentStore::addNote(const QString &id, const QString &text, QString *error)
{
    TimelineEntry entry;
    entry.incidentId = id;
    entry.kind = TimelineEntry::Kind::Note;
    entry.text = text.trimmed();
    return append(entry, error);
}

std::optional<TimelineEntry> IncidentStore::addCorrection(const QString &id,
                                                          qint64 correctsSeq,
                                                          const QString &text,
                                                          QString *error)
{
    const QList<TimelineEntry> list = entries(id, correctsSeq - 1);
    if (list.isEmpty() || list.constFirst().seq != correctsSeq) {
        if (error)
            *error = QStringLiteral("Entry #%1 is not part of this incident.").arg(correctsSeq);
        return std::nullopt;
    }
    TimelineEntry entry;
    entry.incidentId = id;
    entry.kind = TimelineEntry::Kind::Correction;
    entry.correctsSeq = correctsSeq;
    entry.text = text.trimmed();
    return append(entry, error);
}

std::optional<TimelineEntry> IncidentStore::append(TimelineEntry entry, QString *error)
{
    const auto current = incident(entry.incidentId);
    QString problem;
    if (!current)
        problem = QStringLiteral("There is no incident %1.").arg(entry.incidentId);
    else if (entry.kind == TimelineEntry::Kind::Declared)
        problem = QStringLiteral("Use declare() to declare an incident.");
    else if (entry.text.trimmed().isEmpty())
        problem = QStringLiteral("An empty entry is not recorded.");
    else if (current->isResolved() && entry.kind != TimelineEntry::Kind::Note
             && entry.kind != TimelineEntry::Kind::Correction)
        problem
            = QStringLiteral("The incident is resolved; only notes and corrections can be added.");
    if (!problem.isEmpty()) {
        if (error)
            *error = problem;
        return std::nullopt;
    }
    return write(entry, error);
}

void IncidentStore::attachJournal(ActionJournal *journal)
{
    if (m_journal)
        disconnect(m_journal, nullptr, this, nullptr);
    m_journal = journal;
    if (!journal)
        return;
    connect(journal, &ActionJournal::appended, this, &IncidentStore::onJournalAppended);
    const auto active = incident(activeIncidentId());
    if (!active || active->isResolved() || m_readOnly)
        return;
    for (const JournalEntry &e : journal->entries()) {
        if (e.timeUtc >= active->declaredAt)
            onJournalAppended(e);
    }
}

void IncidentStore::onJournalAppended(const JournalEntry &journalEntry)
{
    const QString id = activeIncidentId();
    const auto active = incident(id);
    if (!active || active->isResolved() || m_readOnly)
        return;
    for (const TimelineEntry &e : entries(id)) {
        if (e.kind == TimelineEntry::Kind::Action && e.sourceRef == journalEntry.actionId
            && e.data.value(QLatin1String("journalSeq")).toInteger() == journalEntry.seq)
            return; // recorded already
    }
    QString error;
    if (!recordAction(id, journalEntry, &error))
        Q_EMIT writeFailed(error);
}

std::optional<TimelineEntry>
IncidentStore::recordAction(const QString &id, const JournalEntry &e, QString *error)
{
    TimelineEntry entry;
    entry.incidentId = id;
    entry.kind = TimelineEntry::Kind::Action;
    entry.time = e.timeUtc;
    entry.text = actionText(e);
    entry.author = e.operatorName;
    entry.sourceRef = e.actionId;
    entry.data = {{QStringLiteral("journalSeq"), e.seq},
                  {QStringLiteral("action"), e.action},
                  {QStringLiteral("target"), e.target}};
    return append(entry, error);
}

void IncidentStore::setText(const QString &id, const QString &field, const QString &text)
{
    m_pending.insert({id, field}, text);
    if (!m_saveTimer.isActive())
        m_saveTimer.start(); // not restarted by later keys: saved ≤ kSaveDelayMs after the first
}

QString IncidentStore::text(const QString &id, const QString &field) const
{
    if (const auto it = m_pending.constFind({id, field}); it != m_pending.constEnd())
        return *it;
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(QStringLiteral("SELECT text FROM texts WHERE incident_id = ? AND field = ?"));
    q.addBindValue(id);
    q.addBindValue(field);
    if (q.exec() && q.next())
        return q.value(0).toString();
    return {};
}

bool IncidentStore::flush(QString *error)
{
    m_saveTimer.stop();
    if (m_pending.isEmpty())
        return true;
    if (!writable(error))
        return false;
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    QSqlQuery q(db);
    QString detail;
    bool ok = q.exec(QStringLiteral("BEGIN IMMEDIATE"));
    const bool began = ok;
    for (auto it = m_pending.cbegin(); ok && it != m_pending.cend(); ++it) {
        q.prepare(QStringLiteral("INSERT OR REPLACE INTO texts (incident_id, field, text, "
                                 "updated_utc) VALUES (?, ?, ?, ?)"));
        q.addBindValue(it.key().first);
        q.addBindValue(it.key().second);
        q.addBindValue(it.value());
        q.addBindValue(now().toString(Qt::ISODateWithMs));
        ok = q.exec();
    }
    ok = ok && q.exec(QStringLiteral("COMMIT"));
    if (!ok) {
        detail = q.lastError().text();
        if (began)
            QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
        if (error)
            *error = failure(detail);
        return false; // kept pending: the next flush() tries again
    }
    const auto saved = m_pending.keys();
    m_pending.clear();
    for (const auto &key : saved)
        Q_EMIT textSaved(key.first, key.second);
    return true;
}

QHash<QString, QString> IncidentStore::texts(const QString &id) const
{
    QHash<QString, QString> out;
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(QStringLiteral("SELECT field, text FROM texts WHERE incident_id = ?"));
    q.addBindValue(id);
    if (q.exec()) {
        while (q.next())
            out.insert(q.value(0).toString(), q.value(1).toString());
    }
    for (auto it = m_pending.cbegin(); it != m_pending.cend(); ++it) {
        if (it.key().first == id)
            out.insert(it.key().second, it.value());
    }
    return out;
}

bool IncidentStore::importIncident(const QList<TimelineEntry> &entries,
                                   const QHash<QString, QString> &texts,
                                   QString *error)
{
    if (!writable(error))
        return false;
    if (entries.isEmpty() || entries.constFirst().kind != TimelineEntry::Kind::Declared) {
        if (error)
            *error
                = QStringLiteral("The file holds no incident declaration; nothing was imported.");
        return false;
    }
    const QString id = entries.constFirst().incidentId;
    if (incident(id)) {
        if (error)
            *error = QStringLiteral("Incident \"%1\" is here already; nothing was imported.")
                         .arg(incident(id)->title);
        return false;
    }
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    QSqlQuery q(db);
    QString detail;
    if (!q.exec(QStringLiteral("BEGIN IMMEDIATE"))) {
        if (error)
            *error = failure(q.lastError().text());
        return false;
    }
    QList<TimelineEntry> written;
    QHash<qint64, qint64> newSeq; // exported seq -> seq here
    bool ok = true;
    for (TimelineEntry e : entries) {
        const qint64 oldSeq = e.seq;
        e.incidentId = id;
        if (e.kind == TimelineEntry::Kind::Correction)
            e.correctsSeq = newSeq.value(e.correctsSeq);
        if (!IncidentRows::insert(db, e, &detail)) {
            ok = false;
            break;
        }
        newSeq.insert(oldSeq, e.seq);
        written.append(e);
    }
    for (auto it = texts.cbegin(); ok && it != texts.cend(); ++it) {
        q.prepare(QStringLiteral("INSERT OR REPLACE INTO texts (incident_id, field, text, "
                                 "updated_utc) VALUES (?, ?, ?, ?)"));
        q.addBindValue(id);
        q.addBindValue(it.key());
        q.addBindValue(it.value());
        q.addBindValue(now().toString(Qt::ISODateWithMs));
        ok = q.exec();
        if (!ok)
            detail = q.lastError().text();
    }
    if (ok && !q.exec(QStringLiteral("COMMIT"))) {
        ok = false;
        detail = q.lastError().text();
    }
    if (!ok) {
        QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
        if (error)
            *error = failure(detail);
        return false;
    }
    writeHead(written.constLast().seq, written.constLast().hash);
    for (const TimelineEntry &e : written)
        Q_EMIT appended(e);
    Q_EMIT incidentChanged(id);
    return true;
}
