// PrometheusParser on canned answers of the Prometheus HTTP API (no socket).
#include "prometheusparser.h"

#include <gtest/gtest.h>

#include <cmath>

namespace {

PrometheusError context()
{
    PrometheusError e;
    e.url = QStringLiteral("http://prom:9090");
    e.path = QStringLiteral("/api/v1/query");
    e.profileName = QStringLiteral("prod");
    return e;
}

PromReply parse(const char *body, int status = 200, const char *type = "application/json")
{
    return PrometheusParser::parse(status, QByteArray(body), QString::fromLatin1(type), context());
}

} // namespace

TEST(PrometheusParser, VectorWithNaNAndInfinities)
{
    const PromReply r = parse(R"({"status":"success","data":{"resultType":"vector","result":[
        {"metric":{"instance":"a:1","job":"dreamnet"},"value":[1764410000.5,"NaN"]},
        {"metric":{"instance":"b:1"},"value":[1764410000.5,"+Inf"]},
        {"metric":{"instance":"c:1"},"value":[1764410000.5,"-Inf"]},
        {"metric":{"instance":"d:1"},"value":[1764410000.5,"42.25"]}]}})");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.data.resultType, PromData::ResultType::Vector);
    ASSERT_EQ(r.data.series.size(), 4u);
    EXPECT_EQ(r.data.series[0].metric.value(QStringLiteral("job")), QStringLiteral("dreamnet"));
    EXPECT_DOUBLE_EQ(r.data.series[0].samples[0].time, 1764410000.5);
    EXPECT_TRUE(std::isnan(r.data.series[0].samples[0].value));
    EXPECT_TRUE(std::isinf(r.data.series[1].samples[0].value));
    EXPECT_GT(r.data.series[1].samples[0].value, 0);
    EXPECT_LT(r.data.series[2].samples[0].value, 0);
    EXPECT_DOUBLE_EQ(r.data.series[3].samples[0].value, 42.25);
}

TEST(PrometheusParser, MatrixKeepsPointsAndTheirGaps)
{
    const PromReply r = parse(R"({"status":"success","data":{"resultType":"matrix","result":[
        {"metric":{},"values":[[100,"1"],[115,"2"],[145,"4e2"]]}]},
        "warnings":["too many points"]})");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.data.resultType, PromData::ResultType::Matrix);
    ASSERT_EQ(r.data.series.size(), 1u);
    const auto &s = r.data.series[0].samples;
    ASSERT_EQ(s.size(), 3u); // 130 is missing: Prometheus reports a gap by leaving it out
    EXPECT_DOUBLE_EQ(s[1].time, 115);
    EXPECT_DOUBLE_EQ(s[2].value, 400);
    EXPECT_EQ(r.data.warnings, QStringList {QStringLiteral("too many points")});
}

TEST(PrometheusParser, EmptyResultAndScalar)
{
    const PromReply empty
        = parse(R"({"status":"success","data":{"resultType":"vector","result":[]}})");
    ASSERT_TRUE(empty.ok());
    EXPECT_TRUE(empty.data.series.empty());

    const PromReply scalar
        = parse(R"({"status":"success","data":{"resultType":"scalar","result":[5,"0.5"]}})");
    ASSERT_TRUE(scalar.ok());
    EXPECT_EQ(scalar.data.resultType, PromData::ResultType::Scalar);
    ASSERT_EQ(scalar.data.series.size(), 1u);
    EXPECT_DOUBLE_EQ(scalar.data.series[0].samples[0].value, 0.5);
}

TEST(PrometheusParser, BadPromQlCarriesPrometheusText)
{
    const PromReply r = parse(
        R"({"status":"error","errorType":"bad_data","error":"1:5: parse error: unclosed left parenthesis"})",
        400);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error->kind, PrometheusError::Kind::Query);
    EXPECT_EQ(r.error->httpStatus, 400);
    EXPECT_EQ(r.error->userMessage(),
              QStringLiteral("Prometheus rejected the query (bad_data): 1:5: parse error: unclosed "
                             "left parenthesis."));
}

TEST(PrometheusParser, ExecutionAndTimeoutErrors)
{
    const PromReply r = parse(
        R"({"status":"error","errorType":"timeout","error":"query timed out in expression evaluation"})",
        503);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error->kind, PrometheusError::Kind::Query);
    EXPECT_EQ(r.error->errorType, QStringLiteral("timeout"));
    EXPECT_TRUE(r.error->userMessage().contains(QStringLiteral("query timed out")));
}

TEST(PrometheusParser, HttpErrorWithoutPrometheusBody)
{
    const PromReply r = parse("<html>Bad Gateway</html>", 502, "text/html");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error->kind, PrometheusError::Kind::Http);
    EXPECT_EQ(r.error->userMessage(),
              QStringLiteral("Prometheus at http://prom:9090 answered /api/v1/query with HTTP 502; "
                             "is the metrics URL of profile 'prod' pointing at a Prometheus "
                             "server?"));
    const PromReply denied = parse("", 401, "text/plain");
    ASSERT_FALSE(denied.ok());
    EXPECT_TRUE(denied.error->userMessage().contains(QStringLiteral("check the metrics token")));
}

TEST(PrometheusParser, NotJsonBrokenJsonAndWrongShape)
{
    const PromReply html = parse("<!doctype html><title>Login</title>", 200, "text/html");
    ASSERT_FALSE(html.ok());
    EXPECT_EQ(html.error->kind, PrometheusError::Kind::NotJson);
    EXPECT_TRUE(html.error->userMessage().contains(QStringLiteral("text/html")));

    const PromReply truncated = parse(R"({"status":"success","data":{"resultType":"vec)");
    ASSERT_FALSE(truncated.ok());
    EXPECT_EQ(truncated.error->kind, PrometheusError::Kind::InvalidJson);

    const PromReply string
        = parse(R"({"status":"success","data":{"resultType":"string","result":[1,"x"]}})");
    ASSERT_FALSE(string.ok());
    EXPECT_EQ(string.error->kind, PrometheusError::Kind::InvalidShape);

    const PromReply badValue = parse(
        R"({"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"abc"]}]}})");
    ASSERT_FALSE(badValue.ok());
    EXPECT_EQ(badValue.error->kind, PrometheusError::Kind::InvalidShape);

    const PromReply noStatus = parse(R"({"data":{}})");
    ASSERT_FALSE(noStatus.ok());
    EXPECT_EQ(noStatus.error->kind, PrometheusError::Kind::InvalidShape);
}

TEST(PrometheusParser, ValueSpellings)
{
    EXPECT_TRUE(std::isnan(*PrometheusParser::parseValue(u"NaN")));
    EXPECT_EQ(*PrometheusParser::parseValue(u"+Inf"), INFINITY);
    EXPECT_EQ(*PrometheusParser::parseValue(u"-Inf"), -INFINITY);
    EXPECT_DOUBLE_EQ(*PrometheusParser::parseValue(u"1e-3"), 0.001);
    EXPECT_FALSE(PrometheusParser::parseValue(u"").has_value());
    EXPECT_FALSE(PrometheusParser::parseValue(u"1,5").has_value());
}

TEST(PrometheusParser, F1_SeriesAndSampleCapsRefuseTheAnswerWithASentence)
{
    const auto answer = [](const char *type, const char *result) -> QByteArray {
        return QByteArray(R"({"status":"success","data":{"resultType":")") + type + R"(","result":)"
            + result + "}}";
    };
    const QByteArray threeSeries = answer("vector", R"([
        {"metric":{"instance":"a"},"value":[1,"1"]},
        {"metric":{"instance":"b"},"value":[1,"2"]},
        {"metric":{"instance":"c"},"value":[1,"3"]}])");
    const QString json = QStringLiteral("application/json");
    PrometheusLimits limits;
    limits.maxSeries = 3;
    EXPECT_TRUE(PrometheusParser::parse(200, threeSeries, json, context(), limits).ok())
        << "at the cap is fine";
    limits.maxSeries = 2;
    PromReply r = PrometheusParser::parse(200, threeSeries, json, context(), limits);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error->kind, PrometheusError::Kind::TooManySamples);
    EXPECT_EQ(r.error->userMessage(),
              QStringLiteral("The answer to /api/v1/query holds more than the console charts: 3 "
                             "series (at most 2); aggregate the query (sum, or sum by a few "
                             "labels) or narrow the window."));
    EXPECT_TRUE(r.data.series.empty()) << "nothing of a refused answer is kept";

    // Samples count over all series: 2 + 3 points against a budget of 4.
    const QByteArray fivePoints = answer("matrix", R"([
        {"metric":{"instance":"a"},"values":[[1,"1"],[2,"1"]]},
        {"metric":{"instance":"b"},"values":[[1,"1"],[2,"1"],[3,"1"]]}])");
    limits = {};
    limits.maxSamples = 5;
    EXPECT_TRUE(PrometheusParser::parse(200, fivePoints, json, context(), limits).ok());
    limits.maxSamples = 4;
    r = PrometheusParser::parse(200, fivePoints, json, context(), limits);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error->kind, PrometheusError::Kind::TooManySamples);
    EXPECT_TRUE(r.error->userMessage().contains(QStringLiteral("more than 4 samples")))
        << r.error->userMessage().toStdString();
    limits.maxSamples = 2;
    r = PrometheusParser::parse(200, threeSeries, json, context(), limits);
    ASSERT_FALSE(r.ok()) << "a vector's samples count too";
    EXPECT_EQ(r.error->kind, PrometheusError::Kind::TooManySamples);
    EXPECT_EQ(PrometheusError::kindName(r.error->kind), QStringLiteral("too-many-samples"));

    limits = {};
    limits.maxSeries = 1000;
    QByteArray many = R"({"status":"success","data":{"resultType":"vector","result":[)";
    for (int i = 0; i < 3412; ++i)
        many += (i ? "," : "") + QByteArray(R"({"metric":{},"value":[1,"1"]})");
    many += "]}}";
    r = PrometheusParser::parse(200, many, json, context(), limits);
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(r.error->userMessage().contains(QStringLiteral("3,412 series (at most 1,000)")))
        << r.error->userMessage().toStdString();

    // The defaults hold a day at 15 s for hundreds of series.
    EXPECT_GE(PrometheusLimits {}.maxSamples, 300 * 24 * 3600 / 15);
}
