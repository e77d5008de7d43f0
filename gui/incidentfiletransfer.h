#pragma once

#include <QCoreApplication>
#include <QString>

class IncidentStore;
struct Incident;

// The incident page's "Export incident…" / "Import incident…" on disk: IncidentArchive's JSON
// saved atomically under a suggested name, read back with a size bound, and one sentence for
// every refusal (not an incident, newer version, cut short, changed, already here, read-only
// record, unreadable or unwritable file). A refused import writes nothing.
class IncidentFileTransfer final
{
    Q_DECLARE_TR_FUNCTIONS(IncidentFileTransfer)

public:
    static QString extension(); ///< ".dreamops-incident"
    static QString fileFilter(); ///< for the file dialogs
    /// "<declared yyyy-MM-dd>-<title in lower case, dashes>.dreamops-incident"
    static QString suggestedFileName(const Incident &incident);

    /// False with a sentence in *error; an existing file at `path` is then unchanged.
    static bool
    exportTo(const IncidentStore &store, const QString &id, const QString &path, QString *error);
    /// The imported incident's id, or "" with a sentence in *error (the store is unchanged).
    static QString importFrom(IncidentStore &store, const QString &path, QString *error);
};
