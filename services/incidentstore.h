#pragma once

#include "incident.h"

#include <QHash>
#include <QObject>
#include <QTimer>

#include <functional>
#include <memory>
#include <optional>

class ActionJournal;
struct JournalEntry;
class QLockFile;

/// Every incident of one environment, kept safely: SQLite (WAL, synchronous=FULL) in
/// <AppDataLocation>/incidents/<environment>.sqlite with an append-only, hash-chained timeline
/// (corrections are new entries, never UPDATEs); each incident is folded from its entries.
/// A QLockFile next to the file makes a second console open it read-only. The newest entry's
/// seq and hash are also kept in "<file>.head" (QSaveFile) so that removing the newest entries
/// is caught at start-up. Every write is one transaction: it is acknowledged (returned) only
/// after COMMIT, and a failed write leaves nothing behind and says what to do.
class IncidentStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(IncidentStore)

public:
    using Clock = std::function<QDateTime()>;
    static constexpr int kSaveDelayMs = 300; ///< typed text is committed this long after a key

    struct Integrity
    {
        bool ok = false;
        qint64 entries = 0;
        qint64 firstBadSeq = 0; ///< 0 when ok
        QString message; ///< "timeline intact (12 entries)" / "integrity broken at #N: ..."
    };

    struct Declaration
    {
        QString title;
        Severity severity = Severity::P2;
        QStringList affected;
        QString commander;
        QString reason; ///< "confirmed the suggestion: ..." or the lead's words
        QDateTime detectedAt; ///< optional; marks the Detected milestone at that time
    };

    explicit IncidentStore(QObject *parent = nullptr);
    ~IncidentStore() override;

    static QString defaultPath(const QString &environment);

    void setClock(Clock clock); ///< default: QDateTime::currentDateTimeUtc
    QDateTime now() const;
    void setAuthor(const QString &author); ///< who writes entries from this console

    /// Opens (creating folder and schema), takes the lock or falls back to read-only, verifies.
    /// False with a sentence in *error when the file is unusable (damaged, newer schema...).
    bool open(const QString &path, QString *error = nullptr);
    void close(); ///< flushes pending text first
    bool isOpen() const;
    QString path() const;
    bool isReadOnly() const;
    QString readOnlyReason() const;
    Integrity integrity() const { return m_integrity; } ///< as verified at open()
    Integrity verify() const;
    /// The head (seq, hash) written next to the database: what exports carry.
    std::pair<qint64, QByteArray> head() const;

    QStringList incidentIds() const; ///< in declaration order
    std::optional<Incident> incident(const QString &id) const;
    QList<TimelineEntry> entries(const QString &incidentId = {}, qint64 afterSeq = 0) const;
    QString activeIncidentId() const;
    bool setActiveIncident(const QString &id, QString *error = nullptr);

    /// Declares a new incident and makes it active. Returns its id ("" + *error on failure).
    QString declare(const Declaration &declaration, QString *error = nullptr);
    std::optional<TimelineEntry> changeSeverity(const QString &id,
                                                Severity severity,
                                                const QString &reason,
                                                QString *error = nullptr);
    std::optional<TimelineEntry> markMilestone(const QString &id,
                                               Milestone milestone,
                                               const QDateTime &at = {},
                                               QString *error = nullptr);
    std::optional<TimelineEntry> resolve(const QString &id, QString *error = nullptr);
    std::optional<TimelineEntry>
    addNote(const QString &id, const QString &text, QString *error = nullptr);
    std::optional<TimelineEntry> addCorrection(const QString &id,
                                               qint64 correctsSeq,
                                               const QString &text,
                                               QString *error = nullptr);
    /// Wizard steps, threshold crossings...: incidentId, kind, text (and optionally time, data).
    std::optional<TimelineEntry> append(TimelineEntry entry, QString *error = nullptr);

    /// Records every new journal entry into the active open incident, and catches up now on the
    /// entries written since it was declared (each journal entry is recorded once).
    void attachJournal(ActionJournal *journal);
    std::optional<TimelineEntry>
    recordAction(const QString &id, const JournalEntry &journalEntry, QString *error = nullptr);

    /// Text typed in the console (the draft note, the write-up's prose fields): committed
    /// kSaveDelayMs after the first unsaved change, or on flush().
    void setDraftNote(const QString &id, const QString &text)
    {
        setText(id, QStringLiteral("draft-note"), text);
    }
    QString draftNote(const QString &id) const { return text(id, QStringLiteral("draft-note")); }
    void setText(const QString &id, const QString &field, const QString &text);
    QString text(const QString &id, const QString &field) const;
    bool flush(QString *error = nullptr);
    bool hasUnsavedText() const { return !m_pending.isEmpty(); }
    /// Every typed text of an incident (saved and pending), by field.
    QHash<QString, QString> texts(const QString &id) const;

    /// Adds an incident read from an export (IncidentArchive) in one transaction: the entries
    /// get new seqs in this file's chain (corrections follow), the texts are stored. Refused when
    /// the incident exists here already. Nothing is written when any part fails.
    bool importIncident(const QList<TimelineEntry> &entries,
                        const QHash<QString, QString> &texts,
                        QString *error = nullptr);

Q_SIGNALS:
    void appended(const TimelineEntry &entry);
    void incidentChanged(const QString &id);
    void activeIncidentChanged(const QString &id);
    void textSaved(const QString &id, const QString &field);
    void writeFailed(const QString &message); ///< a debounced save or journal record failed

private:
    std::optional<TimelineEntry> write(TimelineEntry entry, QString *error);
    bool writable(QString *error) const;
    QString failure(const QString &detail) const;
    bool openDatabase(bool readOnly, QString *error);
    Integrity check() const;
    void writeHead(qint64 seq, const QByteArray &hash);
    void onJournalAppended(const JournalEntry &entry);

    QString m_connection;
    QString m_path;
    Clock m_clock;
    QString m_author;
    std::unique_ptr<QLockFile> m_lock;
    bool m_readOnly = false;
    QString m_readOnlyReason;
    Integrity m_integrity;
    QHash<QPair<QString, QString>, QString> m_pending; ///< (incident, field) -> unsaved text
    QTimer m_saveTimer;
    ActionJournal *m_journal = nullptr;
};
