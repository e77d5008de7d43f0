#include "incidentstore.h"

#include "actionjournal.h"
#include "incidentrows.h"
#include "logging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLockFile>
#include <QSaveFile>
#include <QSqlError>
#include <QSqlQuery>
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

QString headPath(const QString &path)
{
    return path + QStringLiteral(".head");
}

} // namespace

IncidentStore::IncidentStore(QObject *parent)
    : QObject(parent)
    , m_connection(QStringLiteral("incidentstore-")
                   + QUuid::createUuid().toString(QUuid::WithoutBraces))
    , m_clock([] { return QDateTime::currentDateTimeUtc(); })
{
    m_saveTimer.setSingleShot(true);
    m_saveTimer.setInterval(kSaveDelayMs);
    connect(&m_saveTimer, &QTimer::timeout, this, [this] {
        QString error;
        if (!flush(&error))
            Q_EMIT writeFailed(error);
    });
}

IncidentStore::~IncidentStore()
{
    close();
}

QString IncidentStore::defaultPath(const QString &environment)
{
    // Same folder and file naming as the action journal: <AppDataLocation>/incidents/<env>.sqlite
    const QFileInfo journal(ActionJournal::defaultPath(environment));
    return QDir::cleanPath(journal.absolutePath() + QStringLiteral("/../incidents/")
                           + journal.fileName());
}

void IncidentStore::setClock(Clock clock)
{
    m_clock = std::move(clock);
}

QDateTime IncidentStore::now() const
{
    return m_clock().toUTC();
}

void IncidentStore::setAuthor(const QString &author)
{
    m_author = author;
}

QString IncidentStore::failure(const QString &detail) const
{
    QString advice
        = QStringLiteral("check the folder's permissions and free disk space, then try again");
    if (detail.contains(QLatin1String("locked"), Qt::CaseInsensitive))
        advice = QStringLiteral("another program is writing to it: close it, then try again");
    else if (detail.contains(QLatin1String("full"), Qt::CaseInsensitive)
             || detail.contains(QLatin1String("disk I/O"), Qt::CaseInsensitive))
        advice = QStringLiteral(
            "the disk is full or the file too large: free disk space, then try again");
    return QStringLiteral(
               "The incident database %1 could not be written (%2). Nothing of this change "
               "was saved; %3.")
        .arg(m_path, detail, advice);
}

bool IncidentStore::openDatabase(bool readOnly, QString *error)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    db.setDatabaseName(m_path);
    db.setConnectOptions(readOnly
                             ? QStringLiteral("QSQLITE_BUSY_TIMEOUT=2000;QSQLITE_OPEN_READONLY")
                             : QStringLiteral("QSQLITE_BUSY_TIMEOUT=2000"));
    const QString unreadable
        = QStringLiteral("The incident database %1 cannot be read (%2). It may be damaged: move it "
                         "aside (keep it for review) and restart the console; incidents exported "
                         "as files can be imported again.");
    if (!db.open()) {
        if (error)
            *error = unreadable.arg(m_path, db.lastError().text());
        return false;
    }
    QSqlQuery q(db);
    QString detail;
    if (!exec(q, QStringLiteral("PRAGMA user_version"), &detail) || !q.next()) {
        if (error)
            *error = unreadable.arg(m_path, detail);
        return false;
    }
    const int version = q.value(0).toInt();
    if (version > IncidentRows::kSchemaVersion) {
        if (error)
            *error
                = QStringLiteral("The incident database %1 was created by a newer DreamOps Console "
                                 "(schema %2); update the console.")
                      .arg(m_path)
                      .arg(version);
        return false;
    }
    if (readOnly)
        return true;
    bool ok = exec(q, QStringLiteral("PRAGMA journal_mode=WAL"), &detail) && q.next();
    if (ok && q.value(0).toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0) {
        ok = false;
        detail = QStringLiteral("the file system does not support write-ahead logging");
    }
    ok = ok && exec(q, QStringLiteral("PRAGMA synchronous=FULL"), &detail);
    ok = ok && (version == IncidentRows::kSchemaVersion || IncidentRows::createSchema(db, &detail));
    if (!ok && error)
        *error = unreadable.arg(m_path, detail);
    return ok;
}

bool IncidentStore::open(const QString &path, QString *error)
{
    close();
    m_path = path;
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath())) {
        if (error)
            *error = QStringLiteral("Cannot create the folder %1 for the incident database; check "
                                    "its permissions.")
                         .arg(info.absolutePath());
        return false;
    }
    m_lock = std::make_unique<QLockFile>(path + QStringLiteral(".lock"));
    m_lock->setStaleLockTime(0); // a dead holder (kill -9) is detected by its pid, not by age
    m_readOnly = !m_lock->tryLock(0);
    if (m_readOnly) {
        qint64 pid = 0;
        QString host;
        QString app;
        m_lock->getLockInfo(&pid, &host, &app);
        m_readOnlyReason = QStringLiteral("Another DreamOps Console (process %1 on %2) has these "
                                          "incidents open; this window is read-only. Close the "
                                          "other console to edit here.")
                               .arg(pid)
                               .arg(host);
    } else {
        QFile file(path); // created 0600 before SQLite opens it: -wal and -shm follow its mode
        if (file.open(QIODevice::ReadWrite)) {
            file.close();
            file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        }
    }
    if (!openDatabase(m_readOnly, error)) {
        close();
        return false;
    }
    m_integrity = check();
    if (!m_integrity.ok) {
        Logging::get("services")
            ->error("incidents {}: {}", path.toStdString(), m_integrity.message.toStdString());
        if (!m_readOnly) {
            m_readOnly = true;
            m_readOnlyReason = m_integrity.message
                + QStringLiteral(". The file was changed outside the console; it is shown "
                                 "read-only. Keep it for review and export what you need.");
        }
    } else if (!m_readOnly) {
        const auto [seq, hash] = head();
        const auto last = entries({}, seq > 0 ? seq - 1 : 0);
        if (!last.isEmpty() && last.constLast().seq > seq)
            writeHead(last.constLast().seq, last.constLast().hash); // the head lagged a crash
    }
    return true;
}

IncidentStore::Integrity IncidentStore::check() const
{
    Integrity result;
    const IncidentRows::ChainCheck chain
        = IncidentRows::verify(QSqlDatabase::database(m_connection, false));
    result.entries = chain.entries;
    if (!chain.ok) {
        result.firstBadSeq = chain.firstBadSeq;
        result.message = chain.firstBadSeq > 0 ? QStringLiteral("integrity broken at #%1: %2")
                                                     .arg(chain.firstBadSeq)
                                                     .arg(chain.problem)
                                               : chain.problem;
        return result;
    }
    const auto [headSeq, headHash] = head();
    if (headSeq > chain.entries) {
        result.firstBadSeq = chain.entries + 1;
        result.message = QStringLiteral("integrity broken at #%1: the timeline ends at #%2 but "
                                        "entry #%3 was written (entries were removed)")
                             .arg(chain.entries + 1)
                             .arg(chain.entries)
                             .arg(headSeq);
        return result;
    }
    if (headSeq > 0) {
        const auto atHead = entries({}, headSeq - 1);
        if (atHead.isEmpty() || atHead.constFirst().hash != headHash) {
            result.firstBadSeq = headSeq;
            result.message = QStringLiteral("integrity broken at #%1: it differs from the entry "
                                            "that was written")
                                 .arg(headSeq);
            return result;
        }
    }
    result.ok = true;
    result.message = QStringLiteral("timeline intact (%1 entries)").arg(chain.entries);
    return result;
}

IncidentStore::Integrity IncidentStore::verify() const
{
    if (!isOpen())
        return {false, 0, 0, QStringLiteral("the incident database is not open")};
    return check();
}

std::pair<qint64, QByteArray> IncidentStore::head() const
{
    QFile file(headPath(m_path));
    if (!file.open(QIODevice::ReadOnly))
        return {0, {}};
    const QJsonObject o = QJsonDocument::fromJson(file.readAll()).object();
    return {o.value(QLatin1String("seq")).toInteger(),
            o.value(QLatin1String("hash")).toString().toLatin1()};
}

void IncidentStore::writeHead(qint64 seq, const QByteArray &hash)
{
    QSaveFile file(headPath(m_path));
    const QJsonObject o {{QStringLiteral("format"), QStringLiteral("dreamops-incident-head")},
                         {QStringLiteral("seq"), seq},
                         {QStringLiteral("hash"), QString::fromLatin1(hash)}};
    if (!file.open(QIODevice::WriteOnly)
        || file.write(QJsonDocument(o).toJson(QJsonDocument::Compact)) < 0 || !file.commit())
        Logging::get("services")
            ->warn("incidents: cannot write {}: {}", headPath(m_path).toStdString(),
                   file.errorString().toStdString());
}

void IncidentStore::close()
{
    if (QSqlDatabase::contains(m_connection)) {
        QString error;
        if (!flush(&error))
            Logging::get("services")->error("incidents: {}", error.toStdString());
        {
            QSqlDatabase db = QSqlDatabase::database(m_connection, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_connection);
    }
    m_pending.clear();
    m_saveTimer.stop();
    m_lock.reset();
    m_readOnly = false;
    m_readOnlyReason.clear();
    m_integrity = {};
}

bool IncidentStore::isOpen() const
{
    return QSqlDatabase::contains(m_connection)
        && QSqlDatabase::database(m_connection, false).isOpen();
}

QString IncidentStore::path() const
{
    return m_path;
}

bool IncidentStore::isReadOnly() const
{
    return m_readOnly;
}

QString IncidentStore::readOnlyReason() const
{
    return m_readOnlyReason;
}

bool IncidentStore::writable(QString *error) const
{
    if (!isOpen()) {
        if (error)
            *error = QStringLiteral("The incident database is not open; nothing was saved.");
        return false;
    }
    if (m_readOnly) {
        if (error)
            *error = m_readOnlyReason;
        return false;
    }
    return true;
}

std::optional<TimelineEntry> IncidentStore::write(TimelineEntry entry, QString *error)
{
    if (!writable(error))
        return std::nullopt;
    if (!entry.time.isValid())
        entry.time = now();
    if (entry.author.isEmpty())
        entry.author = m_author;
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    QSqlQuery q(db);
    QString detail;
    // IMMEDIATE takes the write lock first, so the tail read by insert() is the tail we extend.
    const bool ok = exec(q, QStringLiteral("BEGIN IMMEDIATE"), &detail);
    if (!ok || !IncidentRows::insert(db, entry, &detail)
        || !exec(q, QStringLiteral("COMMIT"), &detail)) {
        if (ok) {
            QSqlQuery rollback(db);
            rollback.exec(QStringLiteral("ROLLBACK"));
        }
        if (error)
            *error = failure(detail);
        return std::nullopt;
    }
    writeHead(entry.seq, entry.hash);
    Q_EMIT appended(entry);
    Q_EMIT incidentChanged(entry.incidentId);
    return entry;
}

QStringList IncidentStore::incidentIds() const
{
    QStringList ids;
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    if (q.exec(QStringLiteral(
            "SELECT incident_id FROM timeline WHERE kind = 'declared' ORDER BY seq"))) {
        while (q.next())
            ids.append(q.value(0).toString());
    }
    return ids;
}

std::optional<Incident> IncidentStore::incident(const QString &id) const
{
    const QList<TimelineEntry> list = entries(id);
    if (list.isEmpty() || list.constFirst().kind != TimelineEntry::Kind::Declared)
        return std::nullopt;
    return foldIncident(id, list);
}

QList<TimelineEntry> IncidentStore::entries(const QString &incidentId, qint64 afterSeq) const
{
    if (!isOpen())
        return {};
    return IncidentRows::select(QSqlDatabase::database(m_connection, false), incidentId, afterSeq);
}
