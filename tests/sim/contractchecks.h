#pragma once

#include "testsupport.h"

#include <gtest/gtest.h>

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QPair>
#include <QString>

#include <ostream>

// Checks the contract suite applies to answers (JSON shapes, the error envelope, ISO times) and
// a raw HTTP/1.1 exchange for requests QNetworkAccessManager cannot send. Used through
// ContractFixture by tests/sim/contract_*.cpp.
class ContractChecks
{
public:
    using Headers = QList<QPair<QByteArray, QByteArray>>;
    using HttpResult = TestSupport::HttpResult;

    // JSON kinds a contract field may take; combine with |.
    enum JsonKind : unsigned {
        Str = 1,
        Num = 2,
        Bool = 4,
        Obj = 8,
        Arr = 16,
        Null = 32,
        Any = 63,
    };
    using Shape = QList<QPair<QString, unsigned>>;

    // The answer of a raw exchange.
    struct RawResult
    {
        int status = 0;
        Headers headers;
        QByteArray body;
        QByteArray header(const QByteArray &name) const;
        QJsonObject json() const;
    };

    /// Sends `head` to 127.0.0.1:port, then up to `bodyBytes` filler bytes while the server has
    /// not answered, and reads one response (or until the server closes or timeoutMs passes).
    static RawResult
    exchange(quint16 port, const QByteArray &head, qint64 bodyBytes = 0, int timeoutMs = 8000);

    static QJsonValue at(const QJsonObject &object, const QString &dottedPath);
    static QJsonValue at(const QJsonValue &value, const QString &dottedPath);
    static bool isIsoTime(const QJsonValue &value);

    static ::testing::AssertionResult hasShape(const QJsonObject &object, const Shape &shape);
    static ::testing::AssertionResult
    isError(const HttpResult &result, int status, const char *code);
    static ::testing::AssertionResult
    isError(const RawResult &result, int status, const char *code);

protected:
    ContractChecks() = default;
};

// Readable GoogleTest failure output for the Qt types the contract tests compare.
void PrintTo(const QJsonValue &value, std::ostream *os);
void PrintTo(const QJsonObject &object, std::ostream *os);
void PrintTo(const QString &text, std::ostream *os);
void PrintTo(const QByteArray &bytes, std::ostream *os);
