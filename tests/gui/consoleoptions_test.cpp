// dreamops' command line: the token only ever comes from the environment variable named by
// --token-env, and every misuse ends in one sentence that says what to do.
#include "consoleoptions.h"

#include <gtest/gtest.h>

namespace {

ConsoleOptions parse(const QStringList &args, const QProcessEnvironment &env = {})
{
    return ConsoleOptions::parse(QStringList {QStringLiteral("dreamops")} + args, env);
}

QProcessEnvironment envWith(const QString &name, const QString &value)
{
    QProcessEnvironment env;
    env.insert(name, value);
    return env;
}

} // namespace

TEST(ConsoleOptions, NoArgumentsStartsTheBundledSimulator)
{
    const ConsoleOptions options = parse({});
    EXPECT_EQ(options.action, ConsoleOptions::Action::Run);
    EXPECT_TRUE(options.embeddedSimulator);
    EXPECT_TRUE(options.token.isEmpty());
    EXPECT_FALSE(options.isAutomated());
}

TEST(ConsoleOptions, UrlWithTokenFromEnvironment)
{
    const ConsoleOptions options
        = parse({QStringLiteral("--url"), QStringLiteral("https://ops.example.com:8443/base"),
                 QStringLiteral("--token-env"), QStringLiteral("OPS_TOKEN"),
                 QStringLiteral("--auth"), QStringLiteral("api-key")},
                envWith(QStringLiteral("OPS_TOKEN"), QStringLiteral("s3cret-token\n")));
    ASSERT_EQ(options.action, ConsoleOptions::Action::Run) << options.error.toStdString();
    EXPECT_FALSE(options.embeddedSimulator);
    EXPECT_EQ(options.url, QUrl(QStringLiteral("https://ops.example.com:8443/base")));
    EXPECT_EQ(options.token, QStringLiteral("s3cret-token"));
    EXPECT_EQ(options.auth, AuthScheme::ApiKeyHeader);
}

TEST(ConsoleOptions, UnsetVariableIsNamedInTheError)
{
    const ConsoleOptions options
        = parse({QStringLiteral("--url"), QStringLiteral("http://127.0.0.1:5000"),
                 QStringLiteral("--token-env"), QStringLiteral("MISSING_TOKEN")});
    EXPECT_EQ(options.action, ConsoleOptions::Action::Error);
    EXPECT_TRUE(options.error.contains(QStringLiteral("MISSING_TOKEN")));
    EXPECT_TRUE(options.error.contains(QStringLiteral("not set")));
}

TEST(ConsoleOptions, EmptyVariableIsAnError)
{
    const ConsoleOptions options
        = parse({QStringLiteral("--url"), QStringLiteral("http://127.0.0.1:5000"),
                 QStringLiteral("--token-env"), QStringLiteral("T")},
                envWith(QStringLiteral("T"), QStringLiteral("  ")));
    EXPECT_EQ(options.action, ConsoleOptions::Action::Error);
    EXPECT_TRUE(options.error.contains(QStringLiteral("empty")));
}

TEST(ConsoleOptions, UnusableUrlsAreRefused)
{
    const QProcessEnvironment env = envWith(QStringLiteral("T"), QStringLiteral("token"));
    for (const char *url :
         {"not a url", "ftp://ops.example.com", "http://", "ops.example.com",
          "https://user:pw@ops.example.com", "http://h/?token=x", "http://h/#frag"}) {
        const ConsoleOptions options = parse({QStringLiteral("--url"), QString::fromLatin1(url),
                                              QStringLiteral("--token-env"), QStringLiteral("T")},
                                             env);
        EXPECT_EQ(options.action, ConsoleOptions::Action::Error) << url;
        EXPECT_TRUE(options.error.contains(QStringLiteral("cannot be used"))) << url;
    }
}

TEST(ConsoleOptions, UrlNeedsTokenEnvAndTokenEnvNeedsUrl)
{
    EXPECT_EQ(parse({QStringLiteral("--url"), QStringLiteral("http://127.0.0.1:5000")}).action,
              ConsoleOptions::Action::Error);
    EXPECT_EQ(parse({QStringLiteral("--token-env"), QStringLiteral("T")},
                    envWith(QStringLiteral("T"), QStringLiteral("x")))
                  .action,
              ConsoleOptions::Action::Error);
}

TEST(ConsoleOptions, S2_TokenOnTheCommandLineIsRefused)
{
    // Neither a --token option nor a positional token exists: argv is world-readable.
    const ConsoleOptions withOption = parse({QStringLiteral("--token"), QStringLiteral("abc")});
    EXPECT_EQ(withOption.action, ConsoleOptions::Action::Error);
    const ConsoleOptions positional = parse({QStringLiteral("abc")});
    EXPECT_EQ(positional.action, ConsoleOptions::Action::Error);
    EXPECT_TRUE(positional.error.contains(QStringLiteral("never accepted on the command line")));
}

TEST(ConsoleOptions, BadAuthSchemeAndSimulatorOnlyOptions)
{
    const QProcessEnvironment env = envWith(QStringLiteral("T"), QStringLiteral("token"));
    EXPECT_EQ(parse({QStringLiteral("--auth"), QStringLiteral("basic")}).action,
              ConsoleOptions::Action::Error);
    EXPECT_EQ(
        parse({QStringLiteral("--url"), QStringLiteral("http://h:1"), QStringLiteral("--token-env"),
               QStringLiteral("T"), QStringLiteral("--scenario"), QStringLiteral("db-outage")},
              env)
            .action,
        ConsoleOptions::Action::Error);
    EXPECT_EQ(parse({QStringLiteral("--sim-speed"), QStringLiteral("0")}).action,
              ConsoleOptions::Action::Error);
}

TEST(ConsoleOptions, ScenarioSpeedAndAutomation)
{
    const ConsoleOptions options = parse(
        {QStringLiteral("--scenario"), QStringLiteral("db-outage"), QStringLiteral("--sim-speed"),
         QStringLiteral("10"), QStringLiteral("--screenshot"), QStringLiteral("/tmp/x.png")});
    ASSERT_EQ(options.action, ConsoleOptions::Action::Run) << options.error.toStdString();
    EXPECT_EQ(options.scenario, QStringLiteral("db-outage"));
    EXPECT_DOUBLE_EQ(options.simSpeed, 10.0);
    EXPECT_TRUE(options.isAutomated());
    EXPECT_TRUE(parse({QStringLiteral("--exit-after-connect")}).isAutomated());
}

TEST(ConsoleOptions, HelpAndVersion)
{
    const ConsoleOptions help = parse({QStringLiteral("--help")});
    EXPECT_EQ(help.action, ConsoleOptions::Action::ShowHelp);
    EXPECT_TRUE(help.helpText.contains(QStringLiteral("--token-env")));
    EXPECT_EQ(parse({QStringLiteral("--version")}).action, ConsoleOptions::Action::ShowVersion);
}

TEST(ConsoleOptions, PageOpensThatTabAndUnknownNamesAreExplained)
{
    const ConsoleOptions logs = parse({QStringLiteral("--page"), QStringLiteral("Logs")});
    ASSERT_EQ(logs.action, ConsoleOptions::Action::Run) << logs.error.toStdString();
    EXPECT_EQ(logs.page, QStringLiteral("logs"));

    const ConsoleOptions typo = parse({QStringLiteral("--page"), QStringLiteral("log")});
    ASSERT_EQ(typo.action, ConsoleOptions::Action::Error);
    EXPECT_TRUE(typo.error.contains(QStringLiteral("Unknown --page 'log'")))
        << typo.error.toStdString();
    EXPECT_TRUE(typo.error.contains(QStringLiteral("dead-letters")));
}
