#include "commandbatchfilter.h"

#include <QFileInfo>

namespace CommandBatchFilter {

bool isBatchTarget(const QString &program)
{
    const QString suffix = QFileInfo(program).suffix();
    return suffix.compare(QLatin1String("cmd"), Qt::CaseInsensitive) == 0
        || suffix.compare(QLatin1String("bat"), Qt::CaseInsensitive) == 0;
}

QString check(const QString &program, const QStringList &values)
{
    if (!isBatchTarget(program))
        return {};
    static const QString refused = QStringLiteral("%^&|<>\"()!");
    for (qsizetype i = 0; i < values.size(); ++i) {
        for (const QChar c : values.at(i)) {
            if (refused.contains(c) || c.unicode() < 0x20 || c.unicode() == 0x7f) {
                const QString shown = c.unicode() < 0x20 ? QStringLiteral("a control character")
                                                         : QStringLiteral("“%1”").arg(c);
                return QStringLiteral("Value %1 contains %2, which cmd.exe would interpret "
                                      "when running %3; the command was not run.")
                    .arg(i + 1)
                    .arg(shown, QFileInfo(program).fileName());
            }
        }
    }
    return {};
}

} // namespace CommandBatchFilter
