#pragma once

#include "apierror.h"

#include <QString>

#include <optional>
#include <utility>

/// Either a value of T or an ApiError (C++20 has no std::expected), plus what the exchange said
/// about itself: the trace id and whether the server replayed a stored answer
/// (`Idempotent-Replayed: true`).
template<typename T>
class ApiResult
{
public:
    static ApiResult
    success(T value, QString traceId = {}, bool replayed = false, int httpStatus = 200)
    {
        ApiResult r;
        r.m_value = std::move(value);
        r.m_traceId = std::move(traceId);
        r.m_replayed = replayed;
        r.m_httpStatus = httpStatus;
        return r;
    }
    static ApiResult failure(ApiError error)
    {
        ApiResult r;
        r.m_traceId = error.traceId;
        r.m_httpStatus = error.httpStatus;
        r.m_error = std::move(error);
        return r;
    }
    /// Carries an error of another result type over (same trace id and status).
    template<typename U>
    static ApiResult failureFrom(const ApiResult<U> &other)
    {
        return failure(other.error());
    }

    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }
    /// Precondition: ok().
    const T &value() const { return *m_value; }
    /// Precondition: !ok().
    const ApiError &error() const { return m_error; }
    QString traceId() const { return m_traceId; }
    bool replayed() const { return m_replayed; }
    int httpStatus() const { return m_httpStatus; }

private:
    ApiResult() = default;

    std::optional<T> m_value;
    ApiError m_error;
    QString m_traceId;
    bool m_replayed = false;
    int m_httpStatus = 0;
};
