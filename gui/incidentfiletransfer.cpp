#include "incidentfiletransfer.h"

#include "incidentarchive.h"
#include "incidentstore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSaveFile>

#include <algorithm>

namespace {

// An export holds text and hashes; anything this large is not one of ours.
constexpr qint64 kMaxFileBytes = 64 * 1024 * 1024;

QString unchanged()
{
    return IncidentFileTransfer::tr("Nothing was imported; your incidents are unchanged.");
}

// The archive's keys come out sorted, so a cut-short export may end before "format": its
// entries' own fields tell it apart from any other JSON.
bool looksLikeAnExport(const QByteArray &bytes)
{
    return bytes.contains("\"dreamops-incident\"")
        || (bytes.contains("\"prevHash\"") && bytes.contains("\"correctsSeq\""));
}

} // namespace

QString IncidentFileTransfer::extension()
{
    return QStringLiteral(".dreamops-incident");
}

QString IncidentFileTransfer::fileFilter()
{
    return tr("DreamOps incident (*%1);;All files (*)").arg(extension());
}

QString IncidentFileTransfer::suggestedFileName(const Incident &incident)
{
    static const QRegularExpression notWord(QStringLiteral("[^\\w]+"),
                                            QRegularExpression::UseUnicodePropertiesOption);
    QString title = incident.title.toLower().replace(notWord, QStringLiteral("-"));
    while (title.startsWith(QLatin1Char('-')))
        title.remove(0, 1);
    while (title.endsWith(QLatin1Char('-')))
        title.chop(1);
    const QString date = incident.declaredAt.toUTC().toString(QStringLiteral("yyyy-MM-dd"));
    return (title.isEmpty() ? date : date + QLatin1Char('-') + title.left(60)) + extension();
}

bool IncidentFileTransfer::exportTo(const IncidentStore &store,
                                    const QString &id,
                                    const QString &path,
                                    QString *error)
{
    if (id.isEmpty() || !store.isOpen() || !store.incident(id)) {
        if (error)
            *error = tr("Choose an incident first: there is nothing to export.");
        return false;
    }
    const QByteArray bytes = IncidentArchive::exportIncident(store, id);
    QSaveFile file(path);
    if (file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size() && file.commit())
        return true;
    if (error)
        *error = tr("The incident could not be exported to %1 (%2); nothing was written there. "
                    "Free disk space or choose another folder, then export again.")
                     .arg(QDir::toNativeSeparators(path), file.errorString());
    return false;
}

QString IncidentFileTransfer::importFrom(IncidentStore &store, const QString &path, QString *error)
{
    const auto fail = [error](const QString &sentence) {
        if (error)
            *error = sentence;
        return QString();
    };
    if (!store.isOpen())
        return fail(tr("The incident record is not open, so there is nowhere to import into. %1")
                        .arg(unchanged()));
    if (store.isReadOnly())
        return fail(tr("This console has the incident record read-only (%1); import in the "
                       "console that has it open. %2")
                        .arg(store.readOnlyReason(), unchanged()));
    const QString shown = QDir::toNativeSeparators(path);
    QFile file(path);
    if (QFileInfo(path).isDir() || !file.open(QIODevice::ReadOnly))
        return fail(tr("%1 cannot be read (%2); check the file and its folder, then import "
                       "again. %3")
                        .arg(shown,
                             file.error() == QFileDevice::NoError ? tr("it is a folder")
                                                                  : file.errorString(),
                             unchanged()));
    if (file.size() > kMaxFileBytes)
        return fail(tr("%1 is too large to be an incident export; choose a file saved with "
                       "\"Export incident\". %2")
                        .arg(shown, unchanged()));
    const QByteArray bytes = file.readAll();
    if (file.error() != QFileDevice::NoError)
        return fail(tr("%1 could not be read to its end (%2); copy it again, then import. %3")
                        .arg(shown, file.errorString(), unchanged()));
    // IncidentArchive calls any unreadable JSON "not an incident export"; an export that was cut
    // short (a copy interrupted, a full disk at the sender's) deserves its own sentence.
    QJsonParseError parseError;
    QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError && looksLikeAnExport(bytes))
        return fail(
            tr("%1 is a damaged incident export: it stops being valid at byte %2 of %3 (%4). "
               "Ask for a fresh export. %5")
                .arg(shown)
                .arg(std::min<qint64>(parseError.offset, bytes.size()))
                .arg(bytes.size())
                .arg(parseError.errorString(), unchanged()));
    QString archiveError;
    const QString id = IncidentArchive::importInto(store, bytes, &archiveError);
    if (id.isEmpty())
        return fail(archiveError);
    return id;
}
