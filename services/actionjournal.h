#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>

#include <optional>

/// One line of the action journal. An action is two entries sharing `actionId`: the intent,
/// written before the request is sent, and the result, written when it ends (or an "unknown"
/// result when the outcome could not be learned). Entries are never updated or deleted.
struct JournalEntry
{
    enum class Kind { Intent, Result };
    enum class Outcome { None, Succeeded, Failed, Unknown }; ///< None for intents

    qint64 seq = 0; ///< 1-based append order
    Kind kind = Kind::Intent;
    QString actionId; ///< a UUID joining intent and result
    QDateTime timeUtc;
    QString action; ///< "safe-mode.enable", "flag.disable", "agent.quarantine", "command.run"...
    QString target; ///< "safe_mode", a flag or agent id, a breaker, a command id
    QString reason;
    QString operatorName;
    QString environment; ///< profile name, e.g. "simulator"
    QString idempotencyKey;
    QJsonObject details; ///< parameters of the intent / answer summary of the result (masked)
    Outcome outcome = Outcome::None;
    int httpStatus = 0;
    QString traceId;
    QString message; ///< the server's or the client's sentence
    qint64 durationMs = 0;
    QByteArray prevHash; ///< hex SHA-256 of the previous entry ("" for the first)
    QByteArray hash; ///< hex SHA-256 over prevHash and this entry's canonical fields
};

/// The append-only, hash-chained record of every action taken from the console: SQLite in WAL
/// mode with synchronous=FULL, one file per environment. append*() returns only after COMMIT,
/// so an acknowledged entry survives a crash or kill -9. Tokens never reach it: callers pass
/// masked details and every text field also goes through Logging::redact().
///
/// Hash chain: hash = hex(SHA-256(prevHash + "\n" + canonical)), where prevHash is the previous
/// entry's hex hash ("" for seq 1) and canonical is the compact JSON array (QJsonDocument,
/// strings escaped, so no field can bleed into the next) of, in this order:
///   ["dreamops-journal-v1", seq, kind ("intent"|"result"), actionId,
///    timeUtc ("yyyy-MM-ddTHH:mm:ss.zzzZ"), action, target, reason, operatorName, environment,
///    idempotencyKey, details (the stored compact JSON text, as a string),
///    outcome ("none"|"succeeded"|"failed"|"unknown"), httpStatus, traceId, message, durationMs]
/// exactly as stored in the row, so verify() recomputes it from the columns alone. SQLite
/// triggers also refuse UPDATE and DELETE on the table (defence in depth; the chain is what
/// detects an edit made with the triggers dropped). Removing the newest entries is not
/// detectable from the file alone.
class ActionJournal final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ActionJournal)

public:
    struct Integrity
    {
        bool ok = false;
        qint64 entries = 0;
        qint64 firstBadSeq = 0; ///< 0 when ok
        QString message; ///< "journal intact (42 entries)" / what is wrong and where
    };

    explicit ActionJournal(QObject *parent = nullptr);
    ~ActionJournal() override;

    /// <AppDataLocation>/journal/<environment, sanitised>.sqlite
    static QString defaultPath(const QString &environment);

    /// Opens (creating folders, file 0600, schema) and checks the chain. False with a sentence
    /// in *error when the file cannot be opened or written.
    bool open(const QString &path, QString *error = nullptr);
    bool isOpen() const;
    QString path() const;
    void close();

    /// Appends; fills seq, timeUtc (if invalid), prevHash and hash. Returns the stored entry, or
    /// nullopt with *error (disk full, read-only, closed).
    std::optional<JournalEntry> append(JournalEntry entry, QString *error = nullptr);

    /// Every entry in order (optionally only seq > afterSeq).
    QList<JournalEntry> entries(qint64 afterSeq = 0) const;
    /// PRAGMA integrity_check plus the whole hash chain.
    Integrity verify() const;

Q_SIGNALS:
    void appended(const JournalEntry &entry);

private:
    bool prepareFile(const QString &path, QString *error) const;
    bool createSchema(QString *error);
    QString failure(const QString &what, const QString &detail) const;

    QString m_connectionName;
    QString m_path;
    QByteArray m_lastHash;
    qint64 m_lastSeq = 0;
};
