#include "commandcatalogue.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <gtest/gtest.h>

namespace {

void writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(content);
}

const QByteArray kGood = R"({"commands": [{
    "id": "custom.revisions.list", "title": "List", "cli": "gcloud",
    "args": ["run", "revisions", "list", "--service={service}"],
    "params": [{"name": "service", "label": "Service", "type": "string", "pattern": "^[a-z]+$"}],
    "readOnly": true, "preview": "Lists."}]})";

QString errorsOf(const CommandCatalogue &catalogue)
{
    QStringList out;
    for (const auto &e : catalogue.errors())
        out.append(e.sentence());
    return out.join(QLatin1Char('\n'));
}

} // namespace

TEST(CommandCatalogue, BuiltInCatalogueLoadsCleanlyWithEveryRunbookCommand)
{
    CommandCatalogue catalogue;
    catalogue.load({QStringLiteral(":/commands")});
    EXPECT_TRUE(catalogue.errors().isEmpty()) << errorsOf(catalogue).toStdString();
    for (const char *id :
         {"cloudrun.revisions.list", "cloudrun.traffic.rollback", "cloudrun.services.describe",
          "cloudrun.services.scale", "cloudrun.logs.read", "cloudrun.logs.tail",
          "cloudrun.killswitch.set", "secretmanager.versions.add", "cloudrun.secrets.bind",
          "apprunner.operations.list", "apprunner.service.describe", "apprunner.logs.read",
          "apprunner.logs.tail", "apprunner.instance.update", "apprunner.service.pause",
          "apprunner.service.resume", "secretsmanager.secret.put", "apprunner.service.deploy"}) {
        EXPECT_NE(catalogue.find(QLatin1String(id)), nullptr) << id;
    }
    const CommandSpec *kill = catalogue.find(QStringLiteral("cloudrun.killswitch.set"));
    ASSERT_NE(kill, nullptr);
    EXPECT_EQ(kill->param(QStringLiteral("value"))->allowed,
              (QStringList {QStringLiteral("true"), QStringLiteral("false")}));
    EXPECT_EQ(kill->param(QStringLiteral("flag"))->allowed.size(), 6);
    for (const CommandSpec &spec : catalogue.commands()) {
        EXPECT_NE(spec.readOnly, spec.changesProduction) << spec.id.toStdString();
        EXPECT_TRUE(spec.readOnly || !spec.confirm.isEmpty()) << spec.id.toStdString();
    }
}

TEST(CommandCatalogue, MalformedFilesAreRejectedWithFileCommandAndReason)
{
    QTemporaryDir dir;
    writeFile(dir.filePath(QStringLiteral("a-good.json")), kGood);
    writeFile(dir.filePath(QStringLiteral("b-notjson.json")), "{\"commands\": [");
    writeFile(dir.filePath(QStringLiteral("c-nolist.json")), "{\"cmds\": []}");
    QByteArray bad = kGood;
    bad.replace("\"readOnly\": true", "\"readonly\": true"); // a typo must not make it a write
    bad.replace("custom.revisions.list", "custom.typo.list");
    writeFile(dir.filePath(QStringLiteral("d-typo.json")), bad);
    QByteArray unused = kGood;
    unused.replace("--service={service}", "--service=x");
    unused.replace("custom.revisions.list", "custom.unused.list");
    writeFile(dir.filePath(QStringLiteral("e-unused.json")), unused);
    QByteArray secretDefault = kGood;
    secretDefault.replace("\"type\": \"string\", \"pattern\": \"^[a-z]+$\"",
                          "\"type\": \"secret\", \"default\": \"sk-123\"");
    secretDefault.replace("custom.revisions.list", "custom.secret.list");
    writeFile(dir.filePath(QStringLiteral("f-secret.json")), secretDefault);
    QByteArray badDefault = kGood;
    badDefault.replace("\"pattern\": \"^[a-z]+$\"",
                       "\"pattern\": \"^[a-z]+$\", \"default\": \"-x\"");
    badDefault.replace("custom.revisions.list", "custom.default.list");
    writeFile(dir.filePath(QStringLiteral("g-default.json")), badDefault);
    QByteArray unanchored = kGood;
    unanchored.replace("\"^[a-z]+$\"", "\"[a-z]+\"");
    unanchored.replace("custom.revisions.list", "custom.anchor.list");
    writeFile(dir.filePath(QStringLiteral("h-anchor.json")), unanchored);
    writeFile(dir.filePath(QStringLiteral("i-from.json")), R"({"commands": [{
        "id": "custom.rollback", "title": "Roll back", "cli": "gcloud",
        "args": ["run", "{revision}"],
        "params": [{"name": "revision", "label": "Revision", "type": "revision",
                    "pattern": "^[a-z]+$", "from": "custom.missing.list"}],
        "changesProduction": true, "confirm": "{revision}", "preview": "Rolls back."}]})");

    CommandCatalogue catalogue;
    catalogue.load({dir.path()});
    ASSERT_EQ(catalogue.commands().size(), 1) << errorsOf(catalogue).toStdString();
    EXPECT_EQ(catalogue.commands().first().id, QStringLiteral("custom.revisions.list"));

    auto errorFor = [&catalogue](const char *file) -> const CommandCatalogue::LoadError * {
        for (const auto &e : catalogue.errors()) {
            if (e.file.endsWith(QLatin1String(file)))
                return &e;
        }
        return nullptr;
    };
    struct Expect
    {
        const char *file;
        const char *command;
        const char *reasonPart;
    };
    for (const Expect &x : {Expect {"b-notjson.json", "", "not valid JSON"},
                            Expect {"c-nolist.json", "", "no “commands” list"},
                            Expect {"d-typo.json", "custom.typo.list", "unknown key “readonly”"},
                            Expect {"e-unused.json", "custom.unused.list", "not used in args"},
                            Expect {"f-secret.json", "custom.secret.list", "cannot have a default"},
                            Expect {"g-default.json", "custom.default.list", "default is refused"},
                            Expect {"h-anchor.json", "custom.anchor.list", "anchored pattern"},
                            Expect {"i-from.json", "custom.rollback", "custom.missing.list"}}) {
        const auto *e = errorFor(x.file);
        ASSERT_NE(e, nullptr) << x.file;
        EXPECT_EQ(e->commandId, QLatin1String(x.command)) << x.file;
        EXPECT_TRUE(e->reason.contains(QString::fromUtf8(x.reasonPart))) << e->reason.toStdString();
        EXPECT_TRUE(e->sentence().contains(dir.path())) << e->sentence().toStdString();
    }
}

TEST(CommandCatalogue, UserFileReplacesABuiltInCommandById)
{
    QTemporaryDir dir;
    QByteArray override = kGood;
    override.replace("custom.revisions.list", "cloudrun.revisions.list");
    override.replace("\"title\": \"List\"", "\"title\": \"My list\"");
    override.replace("{service}", "{project}");
    override.replace("\"name\": \"service\"", "\"name\": \"project\"");
    writeFile(dir.filePath(QStringLiteral("mine.json")), override);
    writeFile(dir.filePath(QStringLiteral("commands.schema.json")), "not a catalogue");

    CommandCatalogue builtIn;
    builtIn.load({QStringLiteral(":/commands")});
    CommandCatalogue catalogue;
    catalogue.load({QStringLiteral(":/commands"), dir.path()});
    EXPECT_EQ(catalogue.commands().size(), builtIn.commands().size() - 1)
        << errorsOf(catalogue).toStdString(); // the rollback's "from" no longer fits: dropped
    const CommandSpec *list = catalogue.find(QStringLiteral("cloudrun.revisions.list"));
    ASSERT_NE(list, nullptr);
    EXPECT_EQ(list->title, QStringLiteral("My list"));
    EXPECT_TRUE(list->sourceFile.startsWith(dir.path()));
    ASSERT_EQ(catalogue.errors().size(), 1);
    EXPECT_EQ(catalogue.errors().first().commandId, QStringLiteral("cloudrun.traffic.rollback"));
    EXPECT_TRUE(catalogue.errors().first().reason.contains(QStringLiteral("project")));
}
