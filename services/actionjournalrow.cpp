#include "actionjournalrow.h"

#include "logging.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QVariant>

namespace {

constexpr const char *kColumnList
    = "seq, kind, action_id, time_utc, action, target, reason, operator_name, environment, "
      "idempotency_key, details, outcome, http_status, trace_id, message, duration_ms, "
      "prev_hash, hash";

QString kindName(JournalEntry::Kind kind)
{
    return kind == JournalEntry::Kind::Intent ? QStringLiteral("intent") : QStringLiteral("result");
}

QString outcomeName(JournalEntry::Outcome outcome)
{
    switch (outcome) {
    case JournalEntry::Outcome::None:
        return QStringLiteral("none");
    case JournalEntry::Outcome::Succeeded:
        return QStringLiteral("succeeded");
    case JournalEntry::Outcome::Failed:
        return QStringLiteral("failed");
    case JournalEntry::Outcome::Unknown:
        return QStringLiteral("unknown");
    }
    return QStringLiteral("none");
}

JournalEntry::Outcome outcomeFrom(const QString &name)
{
    if (name == QLatin1String("succeeded"))
        return JournalEntry::Outcome::Succeeded;
    if (name == QLatin1String("failed"))
        return JournalEntry::Outcome::Failed;
    if (name == QLatin1String("unknown"))
        return JournalEntry::Outcome::Unknown;
    return JournalEntry::Outcome::None;
}

} // namespace

QByteArray ActionJournalRow::canonical() const
{
    const QJsonArray fields {QStringLiteral("dreamops-journal-v1"),
                             seq,
                             kind,
                             actionId,
                             time,
                             action,
                             target,
                             reason,
                             operatorName,
                             environment,
                             idempotencyKey,
                             details,
                             outcome,
                             httpStatus,
                             traceId,
                             message,
                             durationMs};
    return QJsonDocument(fields).toJson(QJsonDocument::Compact);
}

QByteArray ActionJournalRow::chainHash() const
{
    QByteArray data = prevHash;
    data += '\n';
    data += canonical();
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
}

ActionJournalRow ActionJournalRow::fromQuery(const QSqlQuery &q)
{
    ActionJournalRow r;
    r.seq = q.value(0).toLongLong();
    r.kind = q.value(1).toString();
    r.actionId = q.value(2).toString();
    r.time = q.value(3).toString();
    r.action = q.value(4).toString();
    r.target = q.value(5).toString();
    r.reason = q.value(6).toString();
    r.operatorName = q.value(7).toString();
    r.environment = q.value(8).toString();
    r.idempotencyKey = q.value(9).toString();
    r.details = q.value(10).toString();
    r.outcome = q.value(11).toString();
    r.httpStatus = q.value(12).toLongLong();
    r.traceId = q.value(13).toString();
    r.message = q.value(14).toString();
    r.durationMs = q.value(15).toLongLong();
    r.prevHash = q.value(16).toString().toLatin1();
    r.hash = q.value(17).toString().toLatin1();
    return r;
}

JournalEntry ActionJournalRow::toEntry() const
{
    JournalEntry e;
    e.seq = seq;
    e.kind
        = kind == QLatin1String("result") ? JournalEntry::Kind::Result : JournalEntry::Kind::Intent;
    e.actionId = actionId;
    e.timeUtc = QDateTime::fromString(time, Qt::ISODateWithMs);
    e.action = action;
    e.target = target;
    e.reason = reason;
    e.operatorName = operatorName;
    e.environment = environment;
    e.idempotencyKey = idempotencyKey;
    e.details = QJsonDocument::fromJson(details.toUtf8()).object();
    e.outcome = outcomeFrom(outcome);
    e.httpStatus = int(httpStatus);
    e.traceId = traceId;
    e.message = message;
    e.durationMs = durationMs;
    e.prevHash = prevHash;
    e.hash = hash;
    return e;
}

// Every text goes through the log redaction: a token pasted into a reason never lands on disk.
ActionJournalRow ActionJournalRow::fromEntry(const JournalEntry &e)
{
    ActionJournalRow r;
    r.kind = kindName(e.kind);
    r.actionId = Logging::redact(e.actionId);
    const QDateTime time = e.timeUtc.isValid() ? e.timeUtc : QDateTime::currentDateTimeUtc();
    r.time = time.toUTC().toString(Qt::ISODateWithMs);
    r.action = Logging::redact(e.action);
    r.target = Logging::redact(e.target);
    r.reason = Logging::redact(e.reason);
    r.operatorName = Logging::redact(e.operatorName);
    r.environment = Logging::redact(e.environment);
    r.idempotencyKey = Logging::redact(e.idempotencyKey);
    r.details = Logging::redact(
        QString::fromUtf8(QJsonDocument(e.details).toJson(QJsonDocument::Compact)));
    r.outcome = outcomeName(e.outcome);
    r.httpStatus = e.httpStatus;
    r.traceId = Logging::redact(e.traceId);
    r.message = Logging::redact(e.message);
    r.durationMs = e.durationMs;
    return r;
}

const char *ActionJournalRow::columns()
{
    return kColumnList;
}

QVariantList ActionJournalRow::values() const
{
    // A null QString binds as SQL NULL; every text column holds "" instead.
    const auto text = [](const QString &s) {
        return s.isNull() ? QStringLiteral("") : s;
    };
    return {seq,
            text(kind),
            text(actionId),
            text(time),
            text(action),
            text(target),
            text(reason),
            text(operatorName),
            text(environment),
            text(idempotencyKey),
            text(details),
            text(outcome),
            httpStatus,
            text(traceId),
            text(message),
            durationMs,
            text(QString::fromLatin1(prevHash)),
            text(QString::fromLatin1(hash))};
}
