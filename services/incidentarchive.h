#pragma once

#include "incident.h"

#include <QByteArray>
#include <QHash>
#include <QString>

class IncidentStore;

/// One incident as a single JSON file for sharing:
/// {"format":"dreamops-incident","version":1,"exportedAt":..., "incidentId":...,
///  "head":{"seq":N,"hash":"..."} (the exporting database's head: a later truncation of that
///  file is caught against it), "entries":[{seq, time, kind, text, author, sourceRef,
///  correctsSeq, data, prevHash, hash}...], "texts":{field: text}}.
/// Import refuses a file that is not an incident, comes from a newer version, has an entry whose
/// hash does not match its fields, or an incident already present; the store is then untouched.
class IncidentArchive final
{
public:
    static constexpr int kVersion = 1;

    static QByteArray exportIncident(const IncidentStore &store, const QString &id);

    struct Parsed
    {
        QList<TimelineEntry> entries;
        QHash<QString, QString> texts;
        qint64 headSeq = 0;
        QByteArray headHash;
    };
    /// nullopt with a sentence in *error (what is wrong and what to do).
    static std::optional<Parsed> parse(const QByteArray &json, QString *error = nullptr);

    /// parse() then IncidentStore::importIncident(). Returns the imported incident's id.
    static QString
    importInto(IncidentStore &store, const QByteArray &json, QString *error = nullptr);
};
