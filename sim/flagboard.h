#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

// Integration flags and emergency mode of the simulated service. While emergency mode is active
// every flag reads (and behaves) as disabled; the stored value returns when it ends.
class FlagBoard final
{
public:
    struct Flag
    {
        QString name;
        QString envVar;
        bool defaultOn = true;
        bool enabled = true;
        QString brownoutFallback; ///< empty = none
        QString description;
        QString reason;
        qint64 updatedAtMs = 0;
        QString updatedBy;
    };
    struct Emergency
    {
        bool active = false;
        QString reason;
        qint64 activatedAtMs = 0;
        QString activatedBy;
    };

    FlagBoard();

    const Flag *find(const QString &name) const;
    bool
    set(const QString &name, bool enabled, const QString &reason, const QString &by, qint64 nowMs);
    /// The value the service acts on: false for unknown flags and during emergency mode.
    bool effective(const QString &name) const;

    const Emergency &emergency() const { return m_emergency; }
    void setEmergency(bool active, const QString &reason, const QString &by, qint64 nowMs);

    QJsonObject toJson(const Flag &flag) const;
    QJsonArray toJson() const;
    QJsonObject emergencyJson() const;

private:
    QList<Flag> m_flags;
    Emergency m_emergency;
};
