#pragma once

#include <QList>
#include <QString>
#include <QStringList>

/// One typed parameter of a pre-baked command (resources/commands/*.json). CommandCatalogue
/// reads it, CommandValidator checks values against it, the command form builds an editor for it.
struct CommandParam
{
    enum class Type { String, Enum, Int, EnvFlag, Secret, Revision };
    enum class Delivery { File, Stdin }; ///< how a Secret reaches the CLI (never argv)

    QString name; ///< the placeholder: {name} in the args template
    QString label;
    Type type = Type::String;
    QString pattern; ///< anchored regex; may name other params, e.g. "^{service}-[0-9]{5}-..."
    QStringList allowed; ///< Enum / EnvFlag choices
    qint64 min = 0;
    qint64 max = 0;
    QString defaultValue;
    QString help; ///< one sentence under the editor
    QString from; ///< id of a read-only command whose output lines supply the choices
    int fromSelect = 0; ///< which choice to preselect (1 = the second line: the previous revision)
    Delivery delivery = Delivery::File;
};

/// A pre-baked gcloud/aws command: an argv template of literal elements and {param} placeholders
/// (a placeholder fills part or all of exactly one element), its parameters and its safety facts.
struct CommandSpec
{
    QString id; ///< "cloudrun.traffic.rollback"
    QString title;
    QString cli; ///< "gcloud" | "aws"
    QStringList args; ///< template, without the program
    QList<CommandParam> params;
    bool readOnly = false;
    bool changesProduction = false;
    QString preview; ///< what to read before running
    QString confirm; ///< production changes: the text to type, a template like "{service}/{region}"
    int timeoutSeconds = 120;
    QString sourceFile; ///< where it was loaded from

    const CommandParam *param(const QString &name) const
    {
        for (const CommandParam &p : params) {
            if (p.name == name)
                return &p;
        }
        return nullptr;
    }
};
