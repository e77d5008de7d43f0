// ReplyClassifier without a socket: each combination of status, Qt error, headers and body
// becomes the right ApiError kind (or a success with its trace id and replay flag).
#include "replyclassifier.h"

#include <gtest/gtest.h>

namespace {

using Facts = ReplyClassifier::Facts;

ApiError base()
{
    ApiError e;
    e.traceId = QStringLiteral("ours-1");
    e.profileName = QStringLiteral("sim");
    e.method = QStringLiteral("GET");
    e.path = QStringLiteral("/api/metrics");
    return e;
}

Facts ok200(const QByteArray &body, const QString &type = QStringLiteral("application/json"))
{
    Facts f;
    f.status = 200;
    f.contentType = type;
    f.body = body;
    return f;
}

TEST(ReplyClassifier, NetworkFailures)
{
    Facts f;
    f.error = QNetworkReply::ConnectionRefusedError;
    auto r = ReplyClassifier::classify(f, base());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ApiError::Kind::Network);
    EXPECT_EQ(r.error().detail, QStringLiteral("connection refused"));
    EXPECT_EQ(r.error().traceId, QStringLiteral("ours-1"));
    EXPECT_EQ(r.error().path, QStringLiteral("/api/metrics"));

    f = ok200("{\"ok\":tr");
    f.error = QNetworkReply::RemoteHostClosedError; // dropped mid-body
    r = ReplyClassifier::classify(f, base());
    EXPECT_EQ(r.error().kind, ApiError::Kind::Network);
    EXPECT_TRUE(r.error().detail.contains(QLatin1String("middle")));

    f = Facts {};
    f.error = QNetworkReply::OperationCanceledError;
    EXPECT_EQ(ReplyClassifier::classify(f, base()).error().kind, ApiError::Kind::Timeout);

    f = ok200({});
    f.error = QNetworkReply::UnknownContentError;
    f.contentEncoding = "gzip";
    EXPECT_EQ(ReplyClassifier::classify(f, base()).error().kind, ApiError::Kind::TooLarge);
}

TEST(ReplyClassifier, HttpErrorEnvelope)
{
    Facts f;
    f.status = 429;
    f.contentType = QStringLiteral("application/json");
    f.retryAfter = "3";
    f.body = R"({"ok":false,"error":"rate_limited","message":"Slow down.","traceId":"srv-9"})";
    f.error = QNetworkReply::UnknownContentError;
    auto r = ReplyClassifier::classify(f, base());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ApiError::Kind::Http);
    EXPECT_EQ(r.error().httpStatus, 429);
    EXPECT_EQ(r.error().code, QStringLiteral("rate_limited"));
    EXPECT_EQ(r.error().serverMessage, QStringLiteral("Slow down."));
    EXPECT_EQ(r.error().retryAfterSeconds, 3);
    EXPECT_EQ(r.error().traceId, QStringLiteral("srv-9")); // from the body: no header
    f.traceIdHeader = "hdr-1";
    EXPECT_EQ(ReplyClassifier::classify(f, base()).error().traceId, QStringLiteral("hdr-1"));
    f.body = "<html>Bad gateway</html>";
    r = ReplyClassifier::classify(f, base());
    EXPECT_EQ(r.error().kind, ApiError::Kind::Http);
    EXPECT_TRUE(r.error().code.isEmpty());
}

TEST(ReplyClassifier, SuccessBodies)
{
    Facts f = ok200(R"({"ok":true,"x":1})");
    f.replayedHeader = "true";
    f.traceIdHeader = "srv-2";
    auto r = ReplyClassifier::classify(f, base());
    ASSERT_TRUE(r.ok());
    EXPECT_TRUE(r.replayed());
    EXPECT_EQ(r.traceId(), QStringLiteral("srv-2"));
    EXPECT_EQ(r.value().value(QLatin1String("x")).toInt(), 1);

    Facts accepted;
    accepted.status = 202;
    r = ReplyClassifier::classify(accepted, base());
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.httpStatus(), 202);

    r = ReplyClassifier::classify(ok200("<!doctype html><p>hi</p>", QStringLiteral("text/html")),
                                  base());
    EXPECT_EQ(r.error().kind, ApiError::Kind::NotJson);
    EXPECT_EQ(r.error().contentType, QStringLiteral("text/html"));
    r = ReplyClassifier::classify(ok200("  <html>", QString()), base());
    EXPECT_EQ(r.error().kind, ApiError::Kind::NotJson);
    r = ReplyClassifier::classify(ok200(R"({"ok":true,"goldenSig)"), base());
    EXPECT_EQ(r.error().kind, ApiError::Kind::InvalidJson);
    r = ReplyClassifier::classify(ok200("[]"), base());
    EXPECT_EQ(r.error().kind, ApiError::Kind::InvalidShape);
    r = ReplyClassifier::classify(ok200({}), base());
    EXPECT_EQ(r.error().kind, ApiError::Kind::InvalidJson) << "an empty 200 is not an answer";
}

} // namespace
