#pragma once

#include "actionjournal.h"

#include <QByteArray>
#include <QString>
#include <QVariantList>

class QSqlQuery;

/// One row of the action journal exactly as stored. ActionJournal hashes these values (never
/// parsed ones), so verify() recomputes the chain from the columns alone; see ActionJournal for
/// the canonical form.
struct ActionJournalRow
{
    qint64 seq = 0;
    QString kind;
    QString actionId;
    QString time;
    QString action;
    QString target;
    QString reason;
    QString operatorName;
    QString environment;
    QString idempotencyKey;
    QString details; ///< compact JSON text
    QString outcome;
    qint64 httpStatus = 0;
    QString traceId;
    QString message;
    qint64 durationMs = 0;
    QByteArray prevHash;
    QByteArray hash;

    /// The column list in the order of values() and fromQuery().
    static const char *columns();
    static ActionJournalRow fromQuery(const QSqlQuery &query);
    /// Every text field through Logging::redact(); an invalid time becomes now.
    static ActionJournalRow fromEntry(const JournalEntry &entry);
    JournalEntry toEntry() const;
    QVariantList values() const;

    QByteArray canonical() const;
    /// hex SHA-256 of prevHash + "\n" + canonical().
    QByteArray chainHash() const;
};
