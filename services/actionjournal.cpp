#include "actionjournal.h"

#include "actionjournalrow.h"
#include "logging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QUuid>
#include <QVariant>

#include <spdlog/spdlog.h>

namespace {

bool exec(QSqlQuery &q, const QString &sql, QString *detail)
{
    if (q.exec(sql))
        return true;
    if (detail)
        *detail = q.lastError().text();
    return false;
}

} // namespace

ActionJournal::ActionJournal(QObject *parent)
    : QObject(parent)
    , m_connectionName(QStringLiteral("actionjournal-")
                       + QUuid::createUuid().toString(QUuid::WithoutBraces))
{ }

ActionJournal::~ActionJournal()
{
    close();
}

QString ActionJournal::defaultPath(const QString &environment)
{
    QString name = environment;
    name.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9_-]")), QStringLiteral("_"));
    if (name.isEmpty())
        name = QStringLiteral("default");
    const QString base = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return base + QStringLiteral("/journal/") + name + QStringLiteral(".sqlite");
}

QString ActionJournal::failure(const QString &what, const QString &detail) const
{
    return QStringLiteral("%1 (%2): %3. Actions are not recorded until this is fixed; check the "
                          "folder's permissions and free space.")
        .arg(what, m_path, detail);
}

bool ActionJournal::prepareFile(const QString &path, QString *error) const
{
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath())) {
        if (error)
            *error = failure(QStringLiteral("Cannot create the folder of the action journal"),
                             QStringLiteral("mkdir failed"));
        return false;
    }
    // Created 0600 before SQLite opens it: the -wal and -shm files take the same mode.
    QFile file(path);
    if (!file.open(QIODevice::ReadWrite)) {
        if (error)
            *error = failure(QStringLiteral("Cannot open the action journal"), file.errorString());
        return false;
    }
    file.close();
    if (!file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        if (error)
            *error = failure(QStringLiteral("Cannot restrict the action journal to its owner"),
                             file.errorString());
        return false;
    }
    return true;
}

bool ActionJournal::createSchema(QString *error)
{
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    QString detail;
    bool ok = exec(q, QStringLiteral("PRAGMA journal_mode=WAL"), &detail) && q.next();
    if (ok && q.value(0).toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0) {
        ok = false;
        detail = QStringLiteral("the file system does not support write-ahead logging");
    }
    ok = ok && exec(q, QStringLiteral("PRAGMA synchronous=FULL"), &detail)
        && exec(q,
                QStringLiteral("CREATE TABLE IF NOT EXISTS journal ("
                               "seq INTEGER PRIMARY KEY, kind TEXT NOT NULL, action_id TEXT NOT "
                               "NULL, time_utc TEXT NOT NULL, action TEXT, target TEXT, reason "
                               "TEXT, operator_name TEXT, environment TEXT, idempotency_key TEXT, "
                               "details TEXT, outcome TEXT, http_status INTEGER, trace_id TEXT, "
                               "message TEXT, duration_ms INTEGER, prev_hash TEXT NOT NULL, hash "
                               "TEXT NOT NULL)"),
                &detail)
        && exec(q,
                QStringLiteral("CREATE TRIGGER IF NOT EXISTS journal_no_update BEFORE UPDATE ON "
                               "journal BEGIN SELECT RAISE(ABORT, 'the action journal is "
                               "append-only'); END"),
                &detail)
        && exec(q,
                QStringLiteral("CREATE TRIGGER IF NOT EXISTS journal_no_delete BEFORE DELETE ON "
                               "journal BEGIN SELECT RAISE(ABORT, 'the action journal is "
                               "append-only'); END"),
                &detail);
    if (!ok && error)
        *error = failure(QStringLiteral("Cannot write the action journal"), detail);
    return ok;
}

bool ActionJournal::open(const QString &path, QString *error)
{
    close();
    m_path = path;
    if (!prepareFile(path, error))
        return false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
        if (!db.open()) {
            if (error)
                *error = failure(QStringLiteral("Cannot open the action journal"),
                                 db.lastError().text());
        } else if (createSchema(error)) {
            QSqlQuery q(db);
            if (q.exec(QStringLiteral("SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1"))
                && q.next()) {
                m_lastSeq = q.value(0).toLongLong();
                m_lastHash = q.value(1).toString().toLatin1();
            }
            const Integrity integrity = verify();
            if (!integrity.ok)
                Logging::get("services")
                    ->error("action journal {}: {}", path.toStdString(),
                            integrity.message.toStdString());
            return true;
        }
    }
    close();
    return false;
}

bool ActionJournal::isOpen() const
{
    return QSqlDatabase::contains(m_connectionName)
        && QSqlDatabase::database(m_connectionName, false).isOpen();
}

QString ActionJournal::path() const
{
    return m_path;
}

void ActionJournal::close()
{
    if (!QSqlDatabase::contains(m_connectionName))
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
    m_lastSeq = 0;
    m_lastHash.clear();
}

std::optional<JournalEntry> ActionJournal::append(JournalEntry entry, QString *error)
{
    if (!isOpen()) {
        if (error)
            *error = QStringLiteral("The action journal is not open; the action was not recorded.");
        return std::nullopt;
    }
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    QSqlQuery q(db);
    QString detail;
    // IMMEDIATE takes the write lock first, so the tail read below is the tail we append to,
    // even if another process appends to the same file.
    if (!exec(q, QStringLiteral("BEGIN IMMEDIATE"), &detail)) {
        if (error)
            *error = failure(QStringLiteral("Cannot write the action journal"), detail);
        return std::nullopt;
    }
    ActionJournalRow row = ActionJournalRow::fromEntry(entry);
    row.seq = 1;
    if (q.exec(QStringLiteral("SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1"))
        && q.next()) {
        row.seq = q.value(0).toLongLong() + 1;
        row.prevHash = q.value(1).toString().toLatin1();
    }
    row.hash = row.chainHash();
    q.prepare(QStringLiteral("INSERT INTO journal (%1) VALUES "
                             "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
                  .arg(QLatin1String(ActionJournalRow::columns())));
    const QVariantList values = row.values();
    for (const QVariant &value : values)
        q.addBindValue(value);
    const bool inserted = q.exec();
    if (!inserted)
        detail = q.lastError().text();
    if (!inserted || !exec(q, QStringLiteral("COMMIT"), &detail)) {
        QSqlQuery rollback(db);
        rollback.exec(QStringLiteral("ROLLBACK"));
        if (error)
            *error = failure(QStringLiteral("Cannot write the action journal"), detail);
        return std::nullopt;
    }
    m_lastSeq = row.seq;
    m_lastHash = row.hash;
    const JournalEntry stored = row.toEntry();
    Q_EMIT appended(stored);
    return stored;
}

QList<JournalEntry> ActionJournal::entries(qint64 afterSeq) const
{
    QList<JournalEntry> out;
    if (!isOpen())
        return out;
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.prepare(QStringLiteral("SELECT %1 FROM journal WHERE seq > ? ORDER BY seq")
                  .arg(QLatin1String(ActionJournalRow::columns())));
    q.addBindValue(afterSeq);
    if (!q.exec())
        return out;
    while (q.next())
        out.append(ActionJournalRow::fromQuery(q).toEntry());
    return out;
}

ActionJournal::Integrity ActionJournal::verify() const
{
    Integrity result;
    if (!isOpen()) {
        result.message = QStringLiteral("the action journal is not open");
        return result;
    }
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    if (!q.exec(QStringLiteral("PRAGMA integrity_check")) || !q.next()) {
        result.message
            = QStringLiteral("the integrity check could not run: %1").arg(q.lastError().text());
        return result;
    }
    if (const QString check = q.value(0).toString(); check != QLatin1String("ok")) {
        result.message = QStringLiteral("the SQLite file is damaged: %1").arg(check);
        return result;
    }
    if (!q.exec(QStringLiteral("SELECT %1 FROM journal ORDER BY seq")
                    .arg(QLatin1String(ActionJournalRow::columns())))) {
        result.message = QStringLiteral("the journal cannot be read: %1").arg(q.lastError().text());
        return result;
    }
    QByteArray prevHash;
    qint64 expectedSeq = 1;
    while (q.next()) {
        const ActionJournalRow row = ActionJournalRow::fromQuery(q);
        QString problem;
        if (row.seq != expectedSeq)
            problem = QStringLiteral("entry %1 follows entry %2: an entry is missing")
                          .arg(row.seq)
                          .arg(expectedSeq - 1);
        else if (row.prevHash != prevHash)
            problem = QStringLiteral("entry %1 does not chain to the entry before it").arg(row.seq);
        else if (row.hash != row.chainHash())
            problem = QStringLiteral("entry %1 was changed after it was written (hash mismatch)")
                          .arg(row.seq);
        if (!problem.isEmpty()) {
            result.firstBadSeq = row.seq;
            result.message = problem;
            return result;
        }
        prevHash = row.hash;
        ++expectedSeq;
        ++result.entries;
    }
    result.ok = true;
    result.message = QStringLiteral("journal intact (%1 entries)").arg(result.entries);
    return result;
}
