#include "commandbatchfilter.h"
#include "commandbuilder.h"
#include "commandoutputcapture.h"
#include "commandvalidator.h"
#include "shellquote.h"

#include <gtest/gtest.h>

namespace {

CommandParam
makeParam(const char *name, const char *label, CommandParam::Type type, const char *pattern)
{
    CommandParam param;
    param.name = QLatin1String(name);
    param.label = QLatin1String(label);
    param.type = type;
    param.pattern = QLatin1String(pattern);
    return param;
}

CommandSpec rollbackSpec()
{
    CommandSpec spec;
    spec.id = QStringLiteral("cloudrun.traffic.rollback");
    spec.cli = QStringLiteral("gcloud");
    spec.args = {QStringLiteral("run"),
                 QStringLiteral("services"),
                 QStringLiteral("update-traffic"),
                 QStringLiteral("{service}"),
                 QStringLiteral("--to-revisions={revision}=100"),
                 QStringLiteral("--region={region}")};
    CommandParam region = makeParam("region", "Region", CommandParam::Type::Enum, "");
    region.allowed = {QStringLiteral("us-central1"), QStringLiteral("europe-west1")};
    spec.params = {makeParam("service", "Service", CommandParam::Type::String,
                             "^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$"),
                   region,
                   makeParam("revision", "Revision", CommandParam::Type::Revision,
                             "^{service}-[0-9]{5}-[a-z0-9]{3}$")};
    return spec;
}

CommandValidator::Values goodValues()
{
    return {{QStringLiteral("service"), QStringLiteral("dreamnet")},
            {QStringLiteral("region"), QStringLiteral("us-central1")},
            {QStringLiteral("revision"), QStringLiteral("dreamnet-00041-xyz")}};
}

} // namespace

TEST(CommandValidator, C1_AcceptsWellFormedValues)
{
    EXPECT_TRUE(CommandValidator::validate(rollbackSpec(), goodValues()).isEmpty());
}

TEST(CommandValidator, C1_InjectionAttemptsRejected)
{
    const QStringList attacks {
        QStringLiteral("dreamnet; rm -rf /"),
        QStringLiteral("$(id)"),
        QStringLiteral("dream`id`net"),
        QStringLiteral("dreamnet\nrm -rf /"),
        QStringLiteral("dreamnet\r"),
        QStringLiteral("-dreamnet"),
        QStringLiteral("--impersonate-service-account=x"),
        QStringLiteral("dreamnet --impersonate-service-account=x"),
        QStringLiteral("dreamnet|sh"),
        QStringLiteral("dreamnet&&id"),
        QStringLiteral("dreamnet>out"),
        QString(10 * 1024, QLatin1Char('a')),
        QStringLiteral("dreamn\u0435t"), // Cyrillic e: a homoglyph
        QStringLiteral("dreamnet\u200b"), // zero-width space
        QString(),
    };
    const CommandSpec spec = rollbackSpec();
    for (const QString &attack : attacks) {
        for (const char *param : {"service", "revision"}) {
            CommandValidator::Values values = goodValues();
            values.insert(QLatin1String(param), attack);
            const auto errors = CommandValidator::validate(spec, values);
            EXPECT_TRUE(errors.contains(QLatin1String(param)))
                << param << " accepted " << attack.left(60).toStdString();
            CommandValidator::Values buildErrors;
            EXPECT_FALSE(CommandBuilder::build(spec, values, &buildErrors).has_value());
            EXPECT_FALSE(buildErrors.value(QLatin1String(param)).isEmpty());
        }
    }
}

TEST(CommandValidator, C1_SentencesSayWhatIsWrong)
{
    const CommandParam *service = rollbackSpec().param(QStringLiteral("service"));
    auto check = [service](const QString &v) {
        return CommandValidator::check(*service, v, {}).toStdString();
    };
    EXPECT_NE(check(QStringLiteral("a;b")).find("“;”"), std::string::npos);
    EXPECT_NE(check(QStringLiteral("-x")).find("option"), std::string::npos);
    EXPECT_NE(check(QString(2000, QLatin1Char('a'))).find("1 KB"), std::string::npos);
    EXPECT_NE(check(QStringLiteral("dreamn\u0435t")).find("U+0435"), std::string::npos);
    EXPECT_NE(check(QStringLiteral("a\nb")).find("line break"), std::string::npos);
}

TEST(CommandValidator, RevisionMustBelongToTheService)
{
    CommandValidator::Values values = goodValues();
    values.insert(QStringLiteral("revision"), QStringLiteral("other-00041-xyz"));
    EXPECT_TRUE(
        CommandValidator::validate(rollbackSpec(), values).contains(QStringLiteral("revision")));
    values.insert(QStringLiteral("service"), QStringLiteral("other"));
    EXPECT_TRUE(CommandValidator::validate(rollbackSpec(), values).isEmpty());
}

TEST(CommandValidator, EnumAndIntBounds)
{
    CommandValidator::Values values = goodValues();
    values.insert(QStringLiteral("region"), QStringLiteral("mars-north1"));
    EXPECT_TRUE(
        CommandValidator::validate(rollbackSpec(), values).contains(QStringLiteral("region")));

    CommandParam count = makeParam("max", "Max instances", CommandParam::Type::Int, "");
    count.min = 1;
    count.max = 1000;
    EXPECT_TRUE(CommandValidator::check(count, QStringLiteral("3"), {}).isEmpty());
    for (const char *bad : {"0", "1001", "-1", "3.5", "03", "1e3", "99999999999999999999", " 3"})
        EXPECT_FALSE(CommandValidator::check(count, QLatin1String(bad), {}).isEmpty()) << bad;
}

TEST(CommandBuilder, C1_EachValueIsOneArgvElement)
{
    const auto inv = CommandBuilder::build(rollbackSpec(), goodValues());
    ASSERT_TRUE(inv.has_value());
    EXPECT_EQ(inv->arguments,
              (QStringList {QStringLiteral("run"), QStringLiteral("services"),
                            QStringLiteral("update-traffic"), QStringLiteral("dreamnet"),
                            QStringLiteral("--to-revisions=dreamnet-00041-xyz=100"),
                            QStringLiteral("--region=us-central1")}));
    EXPECT_EQ(inv->preview.toStdString(),
              "gcloud run services update-traffic dreamnet --to-revisions=dreamnet-00041-xyz=100 "
              "--region=us-central1");
}

TEST(CommandBuilder, S2_SecretIsMaskedAndKeptOutOfArgv)
{
    CommandSpec spec;
    spec.id = QStringLiteral("secretmanager.versions.add");
    spec.cli = QStringLiteral("gcloud");
    spec.args = {QStringLiteral("secrets"), QStringLiteral("versions"), QStringLiteral("add"),
                 QStringLiteral("{name}"), QStringLiteral("--data-file={key}")};
    spec.params = {makeParam("name", "Secret", CommandParam::Type::String, "^[a-z-]+$"),
                   makeParam("key", "New key", CommandParam::Type::Secret, "")};
    const QString secret = QStringLiteral("sk-it's $(secret) value");
    const auto inv = CommandBuilder::build(
        spec,
        {{QStringLiteral("name"), QStringLiteral("openai-key")}, {QStringLiteral("key"), secret}});
    ASSERT_TRUE(inv.has_value());
    EXPECT_EQ(inv->secretArgument, 4);
    EXPECT_EQ(inv->arguments.at(4), QStringLiteral("--data-file={key}"));
    EXPECT_EQ(inv->maskedArguments.at(4), QStringLiteral("--data-file=<secret from file>"));
    EXPECT_EQ(inv->preview.toStdString(),
              "gcloud secrets versions add openai-key --data-file=<secret from file>");
    EXPECT_FALSE(inv->arguments.join(QLatin1Char(' ')).contains(secret));
    EXPECT_FALSE(inv->preview.contains(secret));
    EXPECT_EQ(inv->maskedParams.value(QLatin1String("key")).toString(), QStringLiteral("***"));
    EXPECT_FALSE(inv->suppliedValues.contains(secret));
}

TEST(ShellQuote, PosixSingleQuotes)
{
    EXPECT_EQ(ShellQuote::posix(QStringLiteral("--region=us-central1")).toStdString(),
              "--region=us-central1");
    EXPECT_EQ(ShellQuote::posix(QStringLiteral("--format=value(metadata.name)")).toStdString(),
              "'--format=value(metadata.name)'");
    EXPECT_EQ(ShellQuote::posix(QStringLiteral("Cpu=1 vCPU")).toStdString(), "'Cpu=1 vCPU'");
    EXPECT_EQ(ShellQuote::posix(QStringLiteral("it's")).toStdString(), "'it'\\''s'");
    EXPECT_EQ(ShellQuote::posix(QString()).toStdString(), "''");
    EXPECT_EQ(ShellQuote::posix(QStringLiteral("$(id)")).toStdString(), "'$(id)'");
}

TEST(CommandBatchFilter, C5_RefusesCmdMetacharactersForBatchTargets)
{
    const QString cmd = QStringLiteral("C:/Program Files/Google/Cloud SDK/bin/gcloud.cmd");
    EXPECT_TRUE(CommandBatchFilter::isBatchTarget(cmd));
    EXPECT_TRUE(CommandBatchFilter::isBatchTarget(QStringLiteral("AWS.BAT")));
    EXPECT_FALSE(CommandBatchFilter::isBatchTarget(QStringLiteral("/usr/bin/gcloud")));
    EXPECT_FALSE(CommandBatchFilter::isBatchTarget(QStringLiteral("C:/aws/aws.exe")));
    EXPECT_TRUE(
        CommandBatchFilter::check(cmd, {QStringLiteral("dreamnet"), QStringLiteral("1 vCPU")})
            .isEmpty());
    for (const char *bad :
         {"a%PATH%", "a^b", "a&calc", "a|b", "a<b", "a>b", "a\"b", "(a)", "a!b", "a\nb"}) {
        const QString sentence
            = CommandBatchFilter::check(cmd, {QStringLiteral("ok"), QLatin1String(bad)});
        EXPECT_FALSE(sentence.isEmpty()) << bad;
        EXPECT_TRUE(sentence.contains(QStringLiteral("Value 2"))) << sentence.toStdString();
        EXPECT_TRUE(
            CommandBatchFilter::check(QStringLiteral("/usr/bin/gcloud"), {QLatin1String(bad)})
                .isEmpty());
    }
}

TEST(CommandOutputCapture, C3_KeepsFirstAndLastBytes)
{
    CommandOutputCapture capture(16);
    capture.append("first line\nsecond");
    for (int i = 0; i < 100; ++i)
        capture.append(QByteArray("filler line\n"));
    capture.append("the last line\n");
    EXPECT_EQ(capture.head(), QByteArray("first line\nsecon"));
    EXPECT_EQ(capture.tail(), QByteArray("filler line\nthe last line\n").right(16));
    EXPECT_EQ(capture.totalBytes(), 17 + 1200 + 14);
    EXPECT_EQ(capture.droppedBytes(), capture.totalBytes() - 32);
    EXPECT_EQ(capture.firstLines(1), QStringList {QStringLiteral("first line")});
    EXPECT_EQ(capture.lastLines(1), QStringList {QStringLiteral("the last line")});
}
