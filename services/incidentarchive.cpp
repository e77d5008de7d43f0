#include "incidentarchive.h"

#include "incidentrows.h"
#include "incidentstore.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace {

constexpr const char *kFormat = "dreamops-incident";

QJsonObject entryJson(const TimelineEntry &e)
{
    return {{QStringLiteral("seq"), e.seq},
            {QStringLiteral("time"), IncidentRows::timeText(e.time)},
            {QStringLiteral("kind"), timelineKindKey(e.kind)},
            {QStringLiteral("text"), e.text},
            {QStringLiteral("author"), e.author},
            {QStringLiteral("sourceRef"), e.sourceRef},
            {QStringLiteral("correctsSeq"), e.correctsSeq},
            {QStringLiteral("data"), e.data},
            {QStringLiteral("prevHash"), QString::fromLatin1(e.prevHash)},
            {QStringLiteral("hash"), QString::fromLatin1(e.hash)}};
}

} // namespace

QByteArray IncidentArchive::exportIncident(const IncidentStore &store, const QString &id)
{
    QJsonArray entries;
    for (const TimelineEntry &e : store.entries(id))
        entries.append(entryJson(e));
    QJsonObject texts;
    const QHash<QString, QString> all = store.texts(id);
    for (auto it = all.cbegin(); it != all.cend(); ++it)
        texts.insert(it.key(), it.value());
    const auto [seq, hash] = store.head();
    const QJsonObject root {{QStringLiteral("format"), QLatin1String(kFormat)},
                            {QStringLiteral("version"), kVersion},
                            {QStringLiteral("exportedAt"), IncidentRows::timeText(store.now())},
                            {QStringLiteral("incidentId"), id},
                            {QStringLiteral("head"),
                             QJsonObject {{QStringLiteral("seq"), seq},
                                          {QStringLiteral("hash"), QString::fromLatin1(hash)}}},
                            {QStringLiteral("entries"), entries},
                            {QStringLiteral("texts"), texts}};
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

std::optional<IncidentArchive::Parsed> IncidentArchive::parse(const QByteArray &json,
                                                              QString *error)
{
    const auto fail = [error](const QString &message) {
        if (error)
            *error
                = message + QStringLiteral(" Nothing was imported; your incidents are unchanged.");
        return std::nullopt;
    };
    const QJsonDocument doc = QJsonDocument::fromJson(json);
    const QJsonObject root = doc.object();
    if (!doc.isObject() || root.value(QLatin1String("format")).toString() != QLatin1String(kFormat))
        return fail(QStringLiteral("This file is not a DreamOps incident export; choose a file "
                                   "saved with \"Export incident\"."));
    const int version = root.value(QLatin1String("version")).toInt();
    if (version > kVersion)
        return fail(QStringLiteral("This incident was exported by a newer DreamOps Console (format "
                                   "version %1); update the console to import it.")
                        .arg(version));
    Parsed parsed;
    const QString id = root.value(QLatin1String("incidentId")).toString();
    for (const QJsonValue &v : root.value(QLatin1String("entries")).toArray()) {
        const QJsonObject o = v.toObject();
        TimelineEntry e;
        e.seq = o.value(QLatin1String("seq")).toInteger();
        e.incidentId = id;
        e.time = QDateTime::fromString(o.value(QLatin1String("time")).toString(), Qt::ISODateWithMs)
                     .toUTC();
        const auto kind = timelineKindFromKey(o.value(QLatin1String("kind")).toString());
        e.kind = kind.value_or(TimelineEntry::Kind::Note);
        e.text = o.value(QLatin1String("text")).toString();
        e.author = o.value(QLatin1String("author")).toString();
        e.sourceRef = o.value(QLatin1String("sourceRef")).toString();
        e.correctsSeq = o.value(QLatin1String("correctsSeq")).toInteger();
        e.data = o.value(QLatin1String("data")).toObject();
        e.prevHash = o.value(QLatin1String("prevHash")).toString().toLatin1();
        e.hash = o.value(QLatin1String("hash")).toString().toLatin1();
        if (!kind || !e.time.isValid() || e.hash != IncidentRows::hashOf(e))
            return fail(
                QStringLiteral("Entry #%1 of this export was changed after it was "
                               "exported (its hash does not match); ask for a fresh export.")
                    .arg(e.seq));
        parsed.entries.append(e);
    }
    if (id.isEmpty() || parsed.entries.isEmpty()
        || parsed.entries.constFirst().kind != TimelineEntry::Kind::Declared)
        return fail(
            QStringLiteral("This export holds no incident declaration; ask for a fresh export."));
    const QJsonObject texts = root.value(QLatin1String("texts")).toObject();
    for (auto it = texts.constBegin(); it != texts.constEnd(); ++it)
        parsed.texts.insert(it.key(), it.value().toString());
    const QJsonObject head = root.value(QLatin1String("head")).toObject();
    parsed.headSeq = head.value(QLatin1String("seq")).toInteger();
    parsed.headHash = head.value(QLatin1String("hash")).toString().toLatin1();
    return parsed;
}

QString IncidentArchive::importInto(IncidentStore &store, const QByteArray &json, QString *error)
{
    const auto parsed = parse(json, error);
    if (!parsed)
        return {};
    if (!store.importIncident(parsed->entries, parsed->texts, error))
        return {};
    return parsed->entries.constFirst().incidentId;
}
