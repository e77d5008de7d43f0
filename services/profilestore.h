#pragma once

#include "environmentprofile.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

class QSettings;

/// The environment profiles, kept in QSettings (group "profiles", plus "currentProfile"): the
/// built-in simulator profile first (never stored, never removed), then the user's in the order
/// they were added. Tokens are not a field of a profile, so they never reach the settings file.
/// The profile switcher and dialog read it; main.cpp picks --profile NAME from it.
class ProfileStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProfileStore)

public:
    /// The application's settings (organisation and application names as main.cpp sets them).
    explicit ProfileStore(QObject *parent = nullptr);
    /// An INI file at `settingsFile` (tests, or a portable set-up).
    explicit ProfileStore(const QString &settingsFile, QObject *parent = nullptr);
    ~ProfileStore() override;

    /// The simulator first, then the stored profiles.
    QList<EnvironmentProfile> profiles() const;
    QStringList names() const;
    /// Case-insensitive lookup.
    std::optional<EnvironmentProfile> profile(const QString &name) const;

    /// validate() plus the store's own checks (duplicate name, the built-in profile). Pass the
    /// profile's name before the edit as `originalName` when updating.
    QList<EnvironmentProfile::Issue> check(const EnvironmentProfile &profile,
                                           const QString &originalName = {}) const;
    /// Adds (a new stable id is given when `profile.id` is empty) and saves. False with the
    /// first blocking sentence in `error` when check() refuses or the file cannot be written.
    bool add(const EnvironmentProfile &profile, QString *error = nullptr);
    /// Replaces the profile called `originalName` (it may be renamed; its id is kept).
    bool update(const QString &originalName,
                const EnvironmentProfile &profile,
                QString *error = nullptr);
    bool remove(const QString &name, QString *error = nullptr);

    /// The profile in use; the simulator when none was chosen or the chosen one was removed.
    EnvironmentProfile current() const;
    QString currentName() const { return current().name; }
    bool setCurrent(const QString &name, QString *error = nullptr);

    /// The settings file (to show the user, and for tests to search).
    QString settingsPath() const;

Q_SIGNALS:
    void profilesChanged();
    void currentChanged(const QString &name);

private:
    void load();
    bool save(QString *error);
    int indexOf(const QString &name) const; ///< in m_profiles (the stored ones), -1 if none

    std::unique_ptr<QSettings> m_settings;
    QList<EnvironmentProfile> m_profiles; ///< stored ones only
    QString m_current;
};
