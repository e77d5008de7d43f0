#pragma once

#include "incidentstore.h"

#include <gtest/gtest.h>

#include <QTemporaryDir>

#include <memory>

// A fake clock shared by a store and an SLA clock, and a store in a temporary folder.
namespace IncidentTest {

struct FakeClock
{
    QDateTime now = QDateTime(QDate(2026, 3, 14), QTime(9, 0, 0), Qt::UTC);
    void advanceMinutes(double minutes) { now = now.addMSecs(qint64(minutes * 60000.0)); }
    auto function()
    {
        return [this] {
            return now;
        };
    }
};

inline IncidentStore::Declaration declaration(Severity severity = Severity::P1,
                                              const QString &title
                                              = QStringLiteral("citadel errors"))
{
    IncidentStore::Declaration d;
    d.title = title;
    d.severity = severity;
    d.affected = {QStringLiteral("citadel"), QStringLiteral("api")};
    d.commander = QStringLiteral("Ops lead");
    d.reason = QStringLiteral("declared by hand");
    return d;
}

class Harness
{
public:
    Harness() { reopen(); }

    QString path() const { return dir.filePath(QStringLiteral("incidents/simulator.sqlite")); }

    /// Closes the store (as a console restart would) and opens a new one on the same file.
    void reopen()
    {
        store = std::make_unique<IncidentStore>();
        store->setClock(clock.function());
        store->setAuthor(QStringLiteral("tester"));
        QString error;
        EXPECT_TRUE(store->open(path(), &error)) << error.toStdString();
    }

    QString declare(Severity severity = Severity::P1)
    {
        QString error;
        const QString id = store->declare(declaration(severity), &error);
        EXPECT_FALSE(id.isEmpty()) << error.toStdString();
        return id;
    }

    QTemporaryDir dir;
    FakeClock clock;
    std::unique_ptr<IncidentStore> store;
};

} // namespace IncidentTest
