#pragma once

#include "incident.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

/// The runbook's 24-hour blameless write-up, pre-filled from the record: date and duration
/// (detection to restoration, UTC), severity, affected services, the timeline as "- HH:MM - ..."
/// lines in time order (a corrected entry shows its latest correction), and the prose fields the
/// lead keeps in the store (IncidentStore::text(id, field)). Fields not written yet keep the
/// runbook's hint in brackets. The template is :/templates/postmortem.md with {{key}} markers.
class WriteupGenerator final
{
public:
    struct Line
    {
        QDateTime time;
        QString text;
    };

    /// "root-cause", "why-not-caught", "fix-applied", "guardrails-added", "test-proving-fix"
    static QStringList proseFields();
    static QString proseTitle(const QString &field); ///< "Root Cause", ...
    static QString proseHint(const QString &field); ///< "[What actually happened]", ...

    static QList<Line> timeline(const QList<TimelineEntry> &entries);
    static QString duration(const Incident &incident); ///< "40 minutes" / "ongoing (not restored)"

    /// The Markdown text. `templateText` empty = the built-in resource template.
    static QString markdown(const Incident &incident,
                            const QList<TimelineEntry> &entries,
                            const QHash<QString, QString> &prose,
                            const QString &templateText = {});
    static QString loadTemplate(QString *error = nullptr);

    /// Writes through QSaveFile: the file is the old or the new text, never a mix.
    static bool save(const QString &path, const QByteArray &bytes, QString *error = nullptr);
};
