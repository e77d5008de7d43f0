#include "incidentrows.h"

#include "hashchain.h"
#include "logging.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace {

constexpr const char *kColumns = "seq, incident_id, time_utc, kind, text, author, source_ref, "
                                 "corrects_seq, data, prev_hash, hash";

bool exec(QSqlQuery &q, const char *sql, QString *detail)
{
    if (q.exec(QLatin1String(sql)))
        return true;
    if (detail)
        *detail = q.lastError().text();
    return false;
}

// SQLite stores a null QString as NULL: the columns are NOT NULL, so empty text is bound as "".
QString notNull(const QString &text)
{
    return text.isNull() ? QStringLiteral("") : text;
}

QString dataText(const QJsonObject &data)
{
    return QString::fromUtf8(QJsonDocument(data).toJson(QJsonDocument::Compact));
}

// The hash covers the stored text of `data`, so it is recomputed from the column, not the object.
QByteArray hashOfStored(const TimelineEntry &e, const QString &storedData)
{
    const QJsonArray fields {QStringLiteral("dreamops-incident-v1"),
                             e.seq,
                             e.incidentId,
                             IncidentRows::timeText(e.time),
                             timelineKindKey(e.kind),
                             e.text,
                             e.author,
                             e.sourceRef,
                             e.correctsSeq,
                             storedData};
    return HashChain::link(e.prevHash, fields);
}

struct StoredRow
{
    TimelineEntry entry;
    QString data;
    QString kindKey;
};

StoredRow rowFrom(const QSqlQuery &q)
{
    StoredRow r;
    TimelineEntry &e = r.entry;
    e.seq = q.value(0).toLongLong();
    e.incidentId = q.value(1).toString();
    e.time = QDateTime::fromString(q.value(2).toString(), Qt::ISODateWithMs).toUTC();
    r.kindKey = q.value(3).toString();
    e.kind = timelineKindFromKey(r.kindKey).value_or(TimelineEntry::Kind::Note);
    e.text = q.value(4).toString();
    e.author = q.value(5).toString();
    e.sourceRef = q.value(6).toString();
    e.correctsSeq = q.value(7).toLongLong();
    r.data = q.value(8).toString();
    e.data = QJsonDocument::fromJson(r.data.toUtf8()).object();
    e.prevHash = q.value(9).toString().toLatin1();
    e.hash = q.value(10).toString().toLatin1();
    return r;
}

} // namespace

QString IncidentRows::timeText(const QDateTime &time)
{
    return time.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ"));
}

bool IncidentRows::createSchema(QSqlDatabase &db, QString *detail)
{
    QSqlQuery q(db);
    return exec(q,
                "CREATE TABLE IF NOT EXISTS timeline (seq INTEGER PRIMARY KEY, incident_id TEXT "
                "NOT NULL, time_utc TEXT NOT NULL, kind TEXT NOT NULL, text TEXT NOT NULL, author "
                "TEXT NOT NULL, source_ref TEXT NOT NULL, corrects_seq INTEGER NOT NULL, data "
                "TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL)",
                detail)
        && exec(q,
                "CREATE TRIGGER IF NOT EXISTS timeline_no_update BEFORE UPDATE ON timeline BEGIN "
                "SELECT RAISE(ABORT, 'the incident timeline is append-only'); END",
                detail)
        && exec(q,
                "CREATE TRIGGER IF NOT EXISTS timeline_no_delete BEFORE DELETE ON timeline BEGIN "
                "SELECT RAISE(ABORT, 'the incident timeline is append-only'); END",
                detail)
        && exec(q,
                "CREATE TABLE IF NOT EXISTS texts (incident_id TEXT NOT NULL, field TEXT NOT "
                "NULL, text TEXT NOT NULL, updated_utc TEXT NOT NULL, PRIMARY KEY (incident_id, "
                "field))",
                detail)
        && exec(q, "CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT)", detail)
        && exec(q, "PRAGMA user_version=1", detail);
}

QByteArray IncidentRows::hashOf(const TimelineEntry &entry)
{
    return hashOfStored(entry, dataText(entry.data));
}

bool IncidentRows::insert(QSqlDatabase &db, TimelineEntry &entry, QString *detail)
{
    QSqlQuery q(db);
    entry.seq = 1;
    entry.prevHash.clear();
    if (!exec(q, "SELECT seq, hash FROM timeline ORDER BY seq DESC LIMIT 1", detail))
        return false;
    if (q.next()) {
        entry.seq = q.value(0).toLongLong() + 1;
        entry.prevHash = q.value(1).toString().toLatin1();
    }
    // Every text goes through the log redaction: a token pasted into a note never lands on disk.
    entry.text = Logging::redact(entry.text);
    entry.author = Logging::redact(entry.author);
    entry.time = QDateTime::fromString(timeText(entry.time), Qt::ISODateWithMs).toUTC();
    const QString data = Logging::redact(dataText(entry.data));
    entry.data = QJsonDocument::fromJson(data.toUtf8()).object();
    entry.hash = hashOfStored(entry, data);
    q.prepare(QStringLiteral("INSERT INTO timeline (%1) VALUES (?,?,?,?,?,?,?,?,?,?,?)")
                  .arg(QLatin1String(kColumns)));
    const QVariantList values {entry.seq,
                               notNull(entry.incidentId),
                               timeText(entry.time),
                               timelineKindKey(entry.kind),
                               notNull(entry.text),
                               notNull(entry.author),
                               notNull(entry.sourceRef),
                               entry.correctsSeq,
                               data,
                               notNull(QString::fromLatin1(entry.prevHash)),
                               QString::fromLatin1(entry.hash)};
    for (const QVariant &value : values)
        q.addBindValue(value);
    if (q.exec())
        return true;
    if (detail)
        *detail = q.lastError().text();
    return false;
}

QList<TimelineEntry>
IncidentRows::select(const QSqlDatabase &db, const QString &incidentId, qint64 afterSeq)
{
    QList<TimelineEntry> out;
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT %1 FROM timeline WHERE seq > ? AND (? = '' OR incident_id = "
                             "?) ORDER BY seq")
                  .arg(QLatin1String(kColumns)));
    q.addBindValue(afterSeq);
    q.addBindValue(notNull(incidentId));
    q.addBindValue(notNull(incidentId));
    if (!q.exec())
        return out;
    while (q.next())
        out.append(rowFrom(q).entry);
    return out;
}

IncidentRows::ChainCheck IncidentRows::verify(const QSqlDatabase &db)
{
    ChainCheck result;
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("PRAGMA integrity_check")) || !q.next()) {
        result.problem
            = QStringLiteral("the integrity check could not run: %1").arg(q.lastError().text());
        return result;
    }
    if (const QString check = q.value(0).toString(); check != QLatin1String("ok")) {
        result.problem = QStringLiteral("the SQLite file is damaged: %1").arg(check);
        return result;
    }
    if (!q.exec(
            QStringLiteral("SELECT %1 FROM timeline ORDER BY seq").arg(QLatin1String(kColumns)))) {
        result.problem
            = QStringLiteral("the timeline cannot be read: %1").arg(q.lastError().text());
        return result;
    }
    qint64 expected = 1;
    while (q.next()) {
        const StoredRow row = rowFrom(q);
        const TimelineEntry &e = row.entry;
        QString problem;
        if (e.seq != expected)
            problem = QStringLiteral("entry #%1 is missing").arg(expected);
        else if (e.prevHash != result.lastHash)
            problem = QStringLiteral("entry #%1 does not chain to the entry before it").arg(e.seq);
        else if (!timelineKindFromKey(row.kindKey) || e.hash != hashOfStored(e, row.data))
            problem = QStringLiteral("entry #%1 was changed after it was written").arg(e.seq);
        if (!problem.isEmpty()) {
            result.firstBadSeq = expected;
            result.problem = problem;
            return result;
        }
        result.lastHash = e.hash;
        ++expected;
        ++result.entries;
    }
    result.ok = true;
    return result;
}
