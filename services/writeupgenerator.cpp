#include "writeupgenerator.h"

#include <QFile>
#include <QSaveFile>

#include <algorithm>
#include <array>

namespace {

struct Prose
{
    const char *field;
    const char *title;
    const char *hint;
};

constexpr std::array<Prose, 5> kProse {{
    {"root-cause", "Root Cause", "[What actually happened]"},
    {"why-not-caught", "Why Not Caught", "[Why monitoring/guardrails didn't catch it]"},
    {"fix-applied", "Fix Applied", "[What was done to resolve]"},
    {"guardrails-added", "Guardrails Added", "[What prevents this from happening again]"},
    {"test-proving-fix", "Test Proving Fix", "[How we verified the fix works]"},
}};

const Prose *prose(const QString &field)
{
    for (const Prose &p : kProse) {
        if (field == QLatin1String(p.field))
            return &p;
    }
    return nullptr;
}

} // namespace

QStringList WriteupGenerator::proseFields()
{
    QStringList fields;
    for (const Prose &p : kProse)
        fields.append(QLatin1String(p.field));
    return fields;
}

QString WriteupGenerator::proseTitle(const QString &field)
{
    const Prose *p = prose(field);
    return p ? QLatin1String(p->title) : field;
}

QString WriteupGenerator::proseHint(const QString &field)
{
    const Prose *p = prose(field);
    return p ? QLatin1String(p->hint) : QString();
}

QList<WriteupGenerator::Line> WriteupGenerator::timeline(const QList<TimelineEntry> &entries)
{
    QHash<qint64, QString> corrected;
    for (const TimelineEntry &e : entries) {
        if (e.kind == TimelineEntry::Kind::Correction)
            corrected.insert(e.correctsSeq, e.text); // entries come in seq order: latest wins
    }
    QList<TimelineEntry> ordered;
    for (const TimelineEntry &e : entries) {
        if (e.kind != TimelineEntry::Kind::Correction)
            ordered.append(e);
    }
    std::stable_sort(
        ordered.begin(), ordered.end(),
        [](const TimelineEntry &a, const TimelineEntry &b) { return a.time < b.time; });
    QList<Line> lines;
    for (const TimelineEntry &e : ordered) {
        QString text = corrected.value(e.seq, e.text);
        text.replace(QLatin1Char('\n'), QLatin1Char(' '));
        lines.append({e.time, text});
    }
    return lines;
}

QString WriteupGenerator::duration(const Incident &incident)
{
    QDateTime restored = incident.milestone(Milestone::ServiceRestored);
    if (!restored.isValid())
        restored = incident.resolvedAt;
    if (!restored.isValid() || !incident.detectedAt.isValid())
        return QStringLiteral("ongoing (service not restored yet)");
    const qint64 minutes = incident.detectedAt.secsTo(restored) / 60;
    return minutes == 1 ? QStringLiteral("1 minute") : QStringLiteral("%1 minutes").arg(minutes);
}

QString WriteupGenerator::markdown(const Incident &incident,
                                   const QList<TimelineEntry> &entries,
                                   const QHash<QString, QString> &proseTexts,
                                   const QString &templateText)
{
    QString text = templateText.isEmpty() ? loadTemplate() : templateText;
    QString severity = severityName(incident.severity);
    if (incident.severityHistory.size() > 1)
        severity += QStringLiteral(" (declared %1)")
                        .arg(severityName(incident.severityHistory.constFirst().severity));
    QStringList lines;
    for (const Line &line : timeline(entries))
        lines.append(QStringLiteral("- %1 - %2")
                         .arg(line.time.toUTC().toString(QStringLiteral("HH:mm")), line.text));
    const QList<std::pair<QString, QString>> values {
        {QStringLiteral("title"), incident.title},
        {QStringLiteral("date"),
         incident.detectedAt.toUTC().toString(QStringLiteral("yyyy-MM-dd"))},
        {QStringLiteral("severity"), severity},
        {QStringLiteral("duration"), duration(incident)},
        {QStringLiteral("affected"), incident.affected.join(QStringLiteral(", "))},
        {QStringLiteral("timeline"), lines.join(QLatin1Char('\n'))},
    };
    for (const auto &[key, value] : values)
        text.replace(QStringLiteral("{{%1}}").arg(key), value);
    for (const Prose &p : kProse) {
        const QString written = proseTexts.value(QLatin1String(p.field)).trimmed();
        text.replace(QStringLiteral("{{%1}}").arg(QLatin1String(p.field)),
                     written.isEmpty() ? QLatin1String(p.hint) : written);
    }
    return text;
}

QString WriteupGenerator::loadTemplate(QString *error)
{
    QFile file(QStringLiteral(":/templates/postmortem.md"));
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("The write-up template is missing from this build (%1).")
                         .arg(file.errorString());
        return {};
    }
    return QString::fromUtf8(file.readAll());
}

bool WriteupGenerator::save(const QString &path, const QByteArray &bytes, QString *error)
{
    QSaveFile file(path);
    if (file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size() && file.commit())
        return true;
    if (error)
        *error = QStringLiteral(
                     "The write-up could not be saved to %1 (%2); the previous file is "
                     "unchanged. Free disk space or choose another folder, then save again.")
                     .arg(path, file.errorString());
    return false;
}
