#pragma once

#include "actioncontroller.h"
#include "actionjournal.h"
#include "clienttestutil.h"

#include <gtest/gtest.h>

#include <QFile>
#include <QTemporaryDir>

#include <memory>

// A controller with its own client and a fresh journal in a temporary folder, plus helpers to
// run one action to its end and read back its journal entries.
namespace ActionTest {

inline ActionRequest request(ActionRequest::Kind kind,
                             const QString &target = {},
                             bool enable = true,
                             const QString &reason = QStringLiteral("drill: incident 42"))
{
    ActionRequest r;
    r.kind = kind;
    r.target = target;
    r.enable = enable;
    r.reason = reason;
    return r;
}

class Harness
{
public:
    explicit Harness(const ConnectionProfile &profile)
        : client(profile)
    {
        QString error;
        EXPECT_TRUE(journal.open(dir.filePath(QStringLiteral("journal.sqlite")), &error))
            << error.toStdString();
        controller
            = std::make_unique<ActionController>(&client, &journal, QStringLiteral("simulator"));
    }

    /// perform() and wait for the end; nullopt (and a test failure) if it was refused or hung.
    std::optional<ActionOutcome> run(const ActionRequest &r, int timeoutMs = 15000)
    {
        QString rejected;
        const QString id = controller->perform(r, &rejected);
        EXPECT_FALSE(id.isEmpty()) << "refused: " << rejected.toStdString();
        if (id.isEmpty())
            return std::nullopt;
        return wait(id, timeoutMs);
    }

    std::optional<ActionOutcome> wait(const QString &id, int timeoutMs = 15000)
    {
        EXPECT_TRUE(TestSupport::waitUntil([&] { return !controller->isInFlight(id); }, timeoutMs))
            << "action " << id.toStdString() << " still in flight";
        return controller->outcome(id);
    }

    /// The id of the action that resend() started (the newest one in flight).
    QString resend(const QString &id)
    {
        QString rejected;
        QString started;
        QObject context;
        QObject::connect(controller.get(), &ActionController::actionStarted, &context,
                         [&started](const ActionOutcome &o) { started = o.actionId; });
        EXPECT_TRUE(controller->resend(id, &rejected)) << rejected.toStdString();
        return started;
    }

    QList<JournalEntry> entriesOf(const QString &actionId) const
    {
        QList<JournalEntry> out;
        for (const JournalEntry &e : journal.entries()) {
            if (e.actionId == actionId)
                out.append(e);
        }
        return out;
    }

    /// The action's intent entry (a test failure and an empty entry if there is none).
    JournalEntry intentOf(const QString &actionId) const
    {
        const QList<JournalEntry> entries = entriesOf(actionId);
        if (entries.isEmpty() || entries[0].kind != JournalEntry::Kind::Intent) {
            ADD_FAILURE() << "no intent for " << actionId.toStdString();
            return {};
        }
        return entries[0];
    }

    /// Intent then result, both naming the action's key; the result's outcome as given.
    void expectJournaled(const ActionOutcome &o, JournalEntry::Outcome outcome) const
    {
        const QList<JournalEntry> entries = entriesOf(o.actionId);
        ASSERT_EQ(entries.size(), 2) << "action " << o.actionId.toStdString();
        EXPECT_EQ(entries[0].kind, JournalEntry::Kind::Intent);
        EXPECT_EQ(entries[1].kind, JournalEntry::Kind::Result);
        EXPECT_LT(entries[0].seq, entries[1].seq);
        for (const JournalEntry &e : entries) {
            EXPECT_FALSE(e.idempotencyKey.isEmpty());
            EXPECT_EQ(e.idempotencyKey, o.idempotencyKey);
            EXPECT_EQ(e.action, o.request.actionName());
            EXPECT_EQ(e.reason, o.request.reason);
            EXPECT_EQ(e.environment, QStringLiteral("simulator"));
        }
        EXPECT_EQ(entries[0].details.value(QLatin1String("body"))[QLatin1String("reason")],
                  o.request.reason);
        EXPECT_EQ(entries[1].outcome, outcome);
        EXPECT_EQ(entries[1].httpStatus, o.httpStatus);
        EXPECT_EQ(entries[1].traceId, o.traceId);
        EXPECT_EQ(entries[1].message, o.message);
        EXPECT_TRUE(journal.verify().ok);
    }

    /// Whether any file of the journal (main, -wal, -shm) holds these bytes.
    bool journalFilesContain(const QByteArray &bytes) const
    {
        const QString path = journal.path();
        const QStringList files {path, path + QStringLiteral("-wal"),
                                 path + QStringLiteral("-shm")};
        for (const QString &file : files) {
            QFile f(file);
            if (f.open(QIODevice::ReadOnly) && f.readAll().contains(bytes))
                return true;
        }
        return false;
    }

    QTemporaryDir dir;
    OpsClient client;
    ActionJournal journal;
    std::unique_ptr<ActionController> controller;
};

} // namespace ActionTest
