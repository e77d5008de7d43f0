#include "actionjournal.h"
#include "commandbuilder.h"
#include "commandcatalogue.h"
#include "commandrunner.h"
#include "fakecli.h"
#include "logging.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <gtest/gtest.h>

namespace {

const QString kSecret = QStringLiteral("sk-live-S2canary-7f3a9c0e51d2");

CommandValidator::Values valuesFor(const QString &cli)
{
    if (cli == QLatin1String("aws")) {
        return {{QStringLiteral("region"), QStringLiteral("us-east-1")},
                {QStringLiteral("account"), QStringLiteral("123456789012")},
                {QStringLiteral("service"), QStringLiteral("dreamnet-backend")},
                {QStringLiteral("serviceId"), QStringLiteral("0123456789abcdef0123456789abcdef")},
                {QStringLiteral("since"), QStringLiteral("1h")},
                {QStringLiteral("cpu"), QStringLiteral("1 vCPU")},
                {QStringLiteral("memory"), QStringLiteral("2 GB")},
                {QStringLiteral("secretId"), QStringLiteral("dreamnet/openai-api-key")},
                {QStringLiteral("secretValue"), kSecret}};
    }
    return {{QStringLiteral("service"), QStringLiteral("dreamnet")},
            {QStringLiteral("region"), QStringLiteral("us-central1")},
            {QStringLiteral("revision"), QStringLiteral("dreamnet-00041-xyz")},
            {QStringLiteral("minInstances"), QStringLiteral("1")},
            {QStringLiteral("maxInstances"), QStringLiteral("3")},
            {QStringLiteral("limit"), QStringLiteral("100")},
            {QStringLiteral("flag"), QStringLiteral("WRITE_DRAIN")},
            {QStringLiteral("value"), QStringLiteral("true")},
            {QStringLiteral("secretName"), QStringLiteral("openai-api-key")},
            {QStringLiteral("envName"), QStringLiteral("OPENAI_API_KEY")},
            {QStringLiteral("secretValue"), kSecret}};
}

// The exact argv each catalogue command must produce (after the program). <FILE> = the private
// secret file's path.
const QHash<QString, QString> &expectedArgv()
{
    static const QString arn
        = QStringLiteral("arn:aws:apprunner:us-east-1:123456789012:service/dreamnet-backend/"
                         "0123456789abcdef0123456789abcdef");
    static const QString group = QStringLiteral(
        "/aws/apprunner/dreamnet-backend/0123456789abcdef0123456789abcdef/application");
    static const QHash<QString, QString> table {
        {QStringLiteral("cloudrun.revisions.list"),
         QStringLiteral("run|revisions|list|--service=dreamnet|--region=us-central1|"
                        "--format=value(metadata.name)|--sort-by=~metadata.creationTimestamp")},
        {QStringLiteral("cloudrun.traffic.rollback"),
         QStringLiteral(
             "run|services|update-traffic|dreamnet|--to-revisions=dreamnet-00041-xyz=100|"
             "--region=us-central1")},
        {QStringLiteral("cloudrun.services.describe"),
         QStringLiteral("run|services|describe|dreamnet|--region=us-central1")},
        {QStringLiteral("cloudrun.services.scale"),
         QStringLiteral("run|services|update|dreamnet|--min-instances=1|--max-instances=3|"
                        "--region=us-central1")},
        {QStringLiteral("cloudrun.logs.read"),
         QStringLiteral("run|services|logs|read|dreamnet|--region=us-central1|--limit=100")},
        {QStringLiteral("cloudrun.logs.tail"),
         QStringLiteral("beta|run|services|logs|tail|dreamnet|--region=us-central1")},
        {QStringLiteral("cloudrun.killswitch.set"),
         QStringLiteral("run|services|update|dreamnet|--region=us-central1|"
                        "--update-env-vars=WRITE_DRAIN=true")},
        {QStringLiteral("secretmanager.versions.add"),
         QStringLiteral("secrets|versions|add|openai-api-key|--data-file=<FILE>")},
        {QStringLiteral("cloudrun.secrets.bind"),
         QStringLiteral("run|services|update|dreamnet|--region=us-central1|"
                        "--update-secrets=OPENAI_API_KEY=openai-api-key:latest")},
        {QStringLiteral("apprunner.operations.list"),
         QStringLiteral("apprunner|list-operations|--service-arn|") + arn
             + QStringLiteral("|--region|us-east-1")},
        {QStringLiteral("apprunner.service.describe"),
         QStringLiteral("apprunner|describe-service|--service-arn|") + arn
             + QStringLiteral("|--region|us-east-1")},
        {QStringLiteral("apprunner.logs.read"),
         QStringLiteral("logs|tail|") + group + QStringLiteral("|--since|1h|--region|us-east-1")},
        {QStringLiteral("apprunner.logs.tail"),
         QStringLiteral("logs|tail|") + group + QStringLiteral("|--follow|--region|us-east-1")},
        {QStringLiteral("apprunner.instance.update"),
         QStringLiteral("apprunner|update-service|--service-arn|") + arn
             + QStringLiteral(
                 "|--instance-configuration|Cpu=1 vCPU,Memory=2 GB|--region|us-east-1")},
        {QStringLiteral("apprunner.service.pause"),
         QStringLiteral("apprunner|pause-service|--service-arn|") + arn
             + QStringLiteral("|--region|us-east-1")},
        {QStringLiteral("apprunner.service.resume"),
         QStringLiteral("apprunner|resume-service|--service-arn|") + arn
             + QStringLiteral("|--region|us-east-1")},
        {QStringLiteral("secretsmanager.secret.put"),
         QStringLiteral("secretsmanager|put-secret-value|--secret-id|dreamnet/openai-api-key|"
                        "--secret-string|file://<FILE>|--region|us-east-1")},
        {QStringLiteral("apprunner.service.deploy"),
         QStringLiteral("apprunner|start-deployment|--service-arn|") + arn
             + QStringLiteral("|--region|us-east-1")},
    };
    return table;
}

class CommandRunnerTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_fake.isValid());
        m_catalogue.load({QStringLiteral(":/commands")});
        ASSERT_TRUE(m_catalogue.errors().isEmpty());
        m_runner.setProcessEnvironment(m_fake.environment());
        QString error;
        ASSERT_TRUE(m_journal.open(m_dir.filePath(QStringLiteral("journal.sqlite")), &error))
            << error.toStdString();
        m_runner.setJournal(&m_journal);
    }

    CommandInvocation build(const QString &id, const CommandValidator::Values &values)
    {
        const CommandSpec *spec = m_catalogue.find(id);
        EXPECT_NE(spec, nullptr) << id.toStdString();
        CommandValidator::Values errors;
        const auto inv = spec ? CommandBuilder::build(*spec, values, &errors) : std::nullopt;
        EXPECT_TRUE(inv.has_value())
            << id.toStdString() << ": "
            << QStringList(errors.values()).join(QLatin1Char(' ')).toStdString();
        return inv.value_or(CommandInvocation {});
    }

    QByteArray journalDump() const
    {
        QByteArray all;
        for (const JournalEntry &e : m_journal.entries()) {
            all += QJsonDocument(e.details).toJson() + e.target.toUtf8() + e.message.toUtf8()
                + e.reason.toUtf8();
        }
        return all;
    }

    QTemporaryDir m_dir;
    FakeCli m_fake;
    CommandCatalogue m_catalogue;
    ActionJournal m_journal;
    CommandRunner m_runner;
};

} // namespace

TEST_F(CommandRunnerTest, C1_EveryCatalogueCommandProducesTheExactArgv)
{
    ASSERT_EQ(qsizetype(expectedArgv().size()), m_catalogue.commands().size());
    for (const CommandSpec &spec : m_catalogue.commands()) {
        SCOPED_TRACE(spec.id.toStdString());
        ASSERT_TRUE(expectedArgv().contains(spec.id));
        m_fake.reset();
        const auto result = runToEnd(m_runner, build(spec.id, valuesFor(spec.cli)));
        ASSERT_TRUE(result.has_value());
        EXPECT_EQ(result->status, CommandResult::Status::Succeeded) << result->detail.toStdString();
        QString expected = QRegularExpression::escape(expectedArgv().value(spec.id));
        expected.replace(QStringLiteral("\\<FILE\\>"),
                         QStringLiteral("/[^|]+/dreamops-secret-[^|]+"));
        const QString actual = m_fake.argv().join(QLatin1Char('|'));
        EXPECT_TRUE(QRegularExpression(QLatin1Char('^') + expected + QLatin1Char('$'))
                        .match(actual)
                        .hasMatch())
            << "argv: " << actual.toStdString();
        const QByteArray environment = m_fake.file(QStringLiteral(".environ"));
        if (spec.cli == QLatin1String("gcloud"))
            EXPECT_TRUE(environment.contains("CLOUDSDK_CORE_DISABLE_PROMPTS=1"));
        else
            EXPECT_TRUE(environment.contains(QByteArray("\0AWS_PAGER=\0", 12)));
    }
    // Every run is journaled: an intent and a result per command, joined by the action id.
    const QList<JournalEntry> entries = m_journal.entries();
    ASSERT_EQ(entries.size(), 2 * m_catalogue.commands().size());
    EXPECT_EQ(entries.at(0).action, QStringLiteral("command.run"));
    EXPECT_EQ(entries.at(0).kind, JournalEntry::Kind::Intent);
    EXPECT_EQ(entries.at(1).kind, JournalEntry::Kind::Result);
    EXPECT_EQ(entries.at(0).actionId, entries.at(1).actionId);
    EXPECT_EQ(entries.at(1).outcome, JournalEntry::Outcome::Succeeded);
}

TEST_F(CommandRunnerTest, C1_InjectionIsRejectedBeforeAnythingStarts)
{
    const QStringList attacks {QStringLiteral("dreamnet; rm -rf /"),
                               QStringLiteral("$(id)"),
                               QStringLiteral("`id`"),
                               QStringLiteral("dreamnet\nid"),
                               QStringLiteral("-x"),
                               QStringLiteral("--impersonate-service-account=x"),
                               QString(10 * 1024, QLatin1Char('a')),
                               QStringLiteral("dr\u0435amnet")};
    const CommandSpec *spec = m_catalogue.find(QStringLiteral("cloudrun.traffic.rollback"));
    ASSERT_NE(spec, nullptr);
    for (const QString &attack : attacks) {
        for (const char *param : {"service", "revision", "region"}) {
            CommandValidator::Values values = valuesFor(QStringLiteral("gcloud"));
            values.insert(QLatin1String(param), attack);
            CommandValidator::Values errors;
            const auto inv = CommandBuilder::build(*spec, values, &errors);
            EXPECT_FALSE(inv.has_value()) << param << ": " << attack.left(40).toStdString();
            EXPECT_TRUE(errors.contains(QLatin1String(param)));
            if (inv)
                runToEnd(m_runner, *inv);
        }
    }
    EXPECT_FALSE(m_fake.recorded()); // nothing was spawned
    EXPECT_TRUE(m_journal.entries().isEmpty());
}

TEST_F(CommandRunnerTest, S2_SecretReachesOnlyThePrivateFile)
{
    QTemporaryDir logDir;
    const QString logFile = logDir.filePath(QStringLiteral("console.log"));
    Logging::init({logFile, true, false});
    for (const char *id : {"secretmanager.versions.add", "secretsmanager.secret.put"}) {
        SCOPED_TRACE(id);
        m_fake.reset();
        const CommandSpec *spec = m_catalogue.find(QLatin1String(id));
        ASSERT_NE(spec, nullptr);
        const auto result = runToEnd(m_runner, build(spec->id, valuesFor(spec->cli)));
        ASSERT_TRUE(result.has_value());
        EXPECT_EQ(result->status, CommandResult::Status::Succeeded);
        EXPECT_EQ(m_fake.file(QStringLiteral(".data")), kSecret.toUtf8()); // the intended file
        EXPECT_EQ(m_fake.file(QStringLiteral(".datamode")).trimmed(), QByteArray("600"));
        EXPECT_FALSE(m_fake.file({}).contains(kSecret.toUtf8())); // argv
        EXPECT_FALSE(m_fake.file(QStringLiteral(".cmdline")).contains(kSecret.toUtf8()));
        EXPECT_FALSE(m_fake.file(QStringLiteral(".environ")).contains(kSecret.toUtf8()));
        const QString path = m_fake.argv().filter(QStringLiteral("dreamops-secret-")).value(0);
        ASSERT_FALSE(path.isEmpty());
        EXPECT_FALSE(QFile::exists(path.mid(path.indexOf(QLatin1Char('/'))))) << "file not removed";
    }
    EXPECT_FALSE(journalDump().contains(kSecret.toUtf8()));
    EXPECT_TRUE(journalDump().contains("<secret from file>"));
    Logging::init({});
    QFile log(logFile);
    ASSERT_TRUE(log.open(QIODevice::ReadOnly));
    const QByteArray logged = log.readAll();
    EXPECT_TRUE(logged.contains("secretmanager.versions.add"));
    EXPECT_FALSE(logged.contains(kSecret.toUtf8()));
}

TEST_F(CommandRunnerTest, RevisionsListOutputAndJournalLines)
{
    QStringList texts;
    QObject context;
    QObject::connect(&m_runner, &CommandRunner::output, &context,
                     [&texts](const QString &text, CommandRunner::Channel) { texts.append(text); });
    const auto result = runToEnd(
        m_runner,
        build(QStringLiteral("cloudrun.revisions.list"), valuesFor(QStringLiteral("gcloud"))));
    ASSERT_TRUE(result.has_value());
    EXPECT_EQ(texts.join(QString()).toStdString(),
              "dreamnet-00042-abc\ndreamnet-00041-xyz\ndreamnet-00040-k3p\n");
    EXPECT_EQ(
        result->firstLines,
        (QStringList {QStringLiteral("dreamnet-00042-abc"), QStringLiteral("dreamnet-00041-xyz"),
                      QStringLiteral("dreamnet-00040-k3p")}));
    const QList<JournalEntry> entries = m_journal.entries();
    ASSERT_EQ(entries.size(), 2);
    EXPECT_EQ(entries.at(0).target, QStringLiteral("cloudrun.revisions.list"));
    EXPECT_TRUE(entries.at(0).details.value(QLatin1String("argv")).isArray());
    EXPECT_EQ(entries.at(1).details.value(QLatin1String("status")).toString(),
              QStringLiteral("exit 0"));
    EXPECT_EQ(entries.at(1).details.value(QLatin1String("firstLines")).toArray().size(), 3);
}

TEST_F(CommandRunnerTest, UnwritableJournalRefusesTheRun)
{
    m_journal.close();
    const auto result = runToEnd(
        m_runner,
        build(QStringLiteral("cloudrun.services.scale"), valuesFor(QStringLiteral("gcloud"))));
    ASSERT_TRUE(result.has_value());
    EXPECT_EQ(result->status, CommandResult::Status::Refused);
    EXPECT_TRUE(result->detail.contains(QStringLiteral("journal")));
    EXPECT_FALSE(m_fake.recorded());
}

TEST_F(CommandRunnerTest, S2_SecretOverStdinWhenTheCatalogueSaysSo)
{
    const CommandSpec *builtIn = m_catalogue.find(QStringLiteral("secretmanager.versions.add"));
    ASSERT_NE(builtIn, nullptr);
    CommandSpec spec = *builtIn;
    spec.params[1].delivery = CommandParam::Delivery::Stdin;
    const auto inv = CommandBuilder::build(spec, valuesFor(QStringLiteral("gcloud")));
    ASSERT_TRUE(inv.has_value());
    EXPECT_EQ(inv->preview.toStdString(),
              "gcloud secrets versions add openai-api-key --data-file=<secret from stdin>");
    const auto result = runToEnd(m_runner, *inv);
    ASSERT_TRUE(result.has_value());
    EXPECT_EQ(result->status, CommandResult::Status::Succeeded);
    EXPECT_EQ(m_fake.argv().last(), QStringLiteral("--data-file=-"));
    EXPECT_EQ(m_fake.file(QStringLiteral(".data")), kSecret.toUtf8());
    EXPECT_FALSE(m_fake.file(QStringLiteral(".cmdline")).contains(kSecret.toUtf8()));
    EXPECT_FALSE(journalDump().contains(kSecret.toUtf8()));
}
