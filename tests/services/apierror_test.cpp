// ApiError: one actionable sentence per failure, and Retry-After in both of its forms.
#include "apierror.h"

#include <gtest/gtest.h>

namespace {

ApiError http(int status, const char *code = "", const char *message = "")
{
    ApiError e;
    e.kind = ApiError::Kind::Http;
    e.httpStatus = status;
    e.code = QString::fromLatin1(code);
    e.serverMessage = QString::fromLatin1(message);
    e.profileName = QStringLiteral("prod");
    e.method = QStringLiteral("POST");
    e.path = QStringLiteral("/api/ops/safe-mode");
    e.url = QStringLiteral("https://ops.example");
    return e;
}

TEST(ApiErrorMessage, AuthSentences)
{
    EXPECT_EQ(
        http(401, "unauthorized").userMessage(),
        QStringLiteral("The server rejected the token (401). Check the token for profile 'prod'."));
    EXPECT_EQ(http(403, "forbidden").userMessage(),
              QStringLiteral("The token for profile 'prod' is a viewer token; this action needs an "
                             "operator token."));
}

TEST(ApiErrorMessage, HttpStatusesCarryServerMessageAndRetry)
{
    EXPECT_TRUE(http(404, "unknown_flag", "No flag named 'x'.")
                    .userMessage()
                    .contains(QLatin1String("No flag named 'x'")));
    EXPECT_TRUE(http(409, "replay_in_progress", "A replay is running.")
                    .userMessage()
                    .contains(QLatin1String("A replay is running")));
    EXPECT_TRUE(http(422, "idempotency_key_reused", "Key reused.")
                    .userMessage()
                    .contains(QLatin1String("Key reused")));
    EXPECT_TRUE(http(413).userMessage().contains(QLatin1String("too large")));
    ApiError limited = http(429, "rate_limited");
    limited.retryAfterSeconds = 7;
    EXPECT_TRUE(limited.userMessage().contains(QLatin1String("rate limit")))
        << limited.userMessage().toStdString();
    EXPECT_TRUE(limited.userMessage().contains(QLatin1String("retry in 7 s")));
    // The simulator's per-address limit on wrong tokens: the hint must still be the token.
    ApiError guessing = http(429, "too_many_auth_failures");
    guessing.retryAfterSeconds = 3;
    EXPECT_EQ(guessing.userMessage(),
              QStringLiteral("The server is blocking requests with a wrong token from this machine "
                             "(429). Check the token for profile 'prod'; retry in 3 s."));
    ApiError drain = http(503, "write_drain", "Writes are paused.");
    drain.retryAfterSeconds = 5;
    EXPECT_TRUE(drain.userMessage().contains(QLatin1String("draining writes")));
    EXPECT_TRUE(drain.userMessage().contains(QLatin1String("retry in 5 s")));
    EXPECT_TRUE(http(500, "database_unavailable", "DB down.")
                    .userMessage()
                    .contains(QLatin1String("DB down")));
}

TEST(ApiErrorMessage, TransportSentences)
{
    ApiError e = http(0);
    e.kind = ApiError::Kind::Timeout;
    e.deadlineMs = 900;
    EXPECT_TRUE(e.userMessage().contains(QLatin1String("did not answer")))
        << e.userMessage().toStdString();
    EXPECT_TRUE(e.userMessage().contains(QLatin1String("0.9 s")));
    e.kind = ApiError::Kind::Network;
    e.detail = QStringLiteral("connection refused");
    EXPECT_TRUE(e.userMessage().startsWith(
        QLatin1String("Could not connect to https://ops.example (connection refused)")));
    e.kind = ApiError::Kind::NotJson;
    e.contentType = QStringLiteral("text/html");
    EXPECT_TRUE(e.userMessage().contains(QLatin1String("not JSON (text/html)")));
    EXPECT_TRUE(e.userMessage().contains(QLatin1String("ops API?")));
    e.kind = ApiError::Kind::TooLarge;
    e.limitBytes = 1024 * 1024;
    EXPECT_TRUE(e.userMessage().contains(QLatin1String("1024 KiB")));
    e.kind = ApiError::Kind::Redirect;
    e.detail = QStringLiteral("to another origin, http://127.0.0.2:1");
    EXPECT_TRUE(e.userMessage().contains(QLatin1String("127.0.0.2")));
    for (int k = 0; k <= int(ApiError::Kind::Busy); ++k) {
        e.kind = ApiError::Kind(k);
        EXPECT_TRUE(e.userMessage().endsWith(QLatin1Char('.'))
                    || e.userMessage().endsWith(QLatin1Char('?')))
            << e.userMessage().toStdString();
        EXPECT_FALSE(ApiError::kindName(e.kind).isEmpty());
    }
}

TEST(ApiErrorRetryAfter, SecondsAndHttpDate)
{
    const QDateTime now(QDate(2026, 11, 29), QTime(10, 0, 0), Qt::UTC);
    EXPECT_EQ(ApiError::parseRetryAfter("5", now), 5);
    EXPECT_EQ(ApiError::parseRetryAfter(" 120 ", now), 120);
    EXPECT_EQ(ApiError::parseRetryAfter("Sun, 29 Nov 2026 10:00:30 GMT", now), 30);
    EXPECT_EQ(ApiError::parseRetryAfter("Sun, 29 Nov 2026 09:00:00 GMT", now), 0);
    EXPECT_FALSE(ApiError::parseRetryAfter("", now).has_value());
    EXPECT_FALSE(ApiError::parseRetryAfter("-3", now).has_value());
    EXPECT_FALSE(ApiError::parseRetryAfter("soon", now).has_value());
    EXPECT_EQ(ApiError::parseRetryAfter("99999999999", now), 24 * 3600);
}

} // namespace
