#include "contractchecks.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QStringList>
#include <QTcpSocket>

namespace {

const QByteArray kJson = QByteArrayLiteral("application/json");

QByteArray findHeader(const ContractChecks::Headers &headers, const QByteArray &name)
{
    for (const auto &pair : headers) {
        if (pair.first.compare(name, Qt::CaseInsensitive) == 0)
            return pair.second;
    }
    return {};
}

QString kindNames(unsigned kinds)
{
    QStringList names;
    const QList<QPair<unsigned, const char *>> all {
        {ContractChecks::Str, "string"}, {ContractChecks::Num, "number"},
        {ContractChecks::Bool, "bool"},  {ContractChecks::Obj, "object"},
        {ContractChecks::Arr, "array"},  {ContractChecks::Null, "null"}};
    for (const auto &[kind, name] : all) {
        if (kinds & kind)
            names << QLatin1String(name);
    }
    return names.join(QLatin1Char('|'));
}

unsigned kindOf(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return ContractChecks::Str;
    case QJsonValue::Double:
        return ContractChecks::Num;
    case QJsonValue::Bool:
        return ContractChecks::Bool;
    case QJsonValue::Object:
        return ContractChecks::Obj;
    case QJsonValue::Array:
        return ContractChecks::Arr;
    case QJsonValue::Null:
        return ContractChecks::Null;
    case QJsonValue::Undefined:
        break;
    }
    return 0;
}

::testing::AssertionResult checkError(int status,
                                      const QByteArray &body,
                                      const QByteArray &trace,
                                      const QByteArray &contentType,
                                      int wantStatus,
                                      const char *wantCode)
{
    const QString got
        = QStringLiteral("status %1 body %2").arg(status).arg(QString::fromUtf8(body.left(300)));
    if (status != wantStatus)
        return ::testing::AssertionFailure()
            << "expected " << wantStatus << " " << wantCode << ", got " << got.toStdString();
    if (!contentType.startsWith(kJson))
        return ::testing::AssertionFailure()
            << "error Content-Type is '" << contentType.toStdString() << "' (" << got.toStdString()
            << ")";
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (!document.isObject())
        return ::testing::AssertionFailure()
            << "error body is not a JSON object: " << got.toStdString();
    const QJsonObject object = document.object();
    if (object.value(QLatin1String("ok")) != QJsonValue(false))
        return ::testing::AssertionFailure() << "envelope without ok:false: " << got.toStdString();
    if (object.value(QLatin1String("error")).toString() != QLatin1String(wantCode))
        return ::testing::AssertionFailure()
            << "expected error '" << wantCode << "', " << got.toStdString();
    const QString message = object.value(QLatin1String("message")).toString().trimmed();
    if (!message.endsWith(QLatin1Char('.')) || message.size() < 8)
        return ::testing::AssertionFailure()
            << "envelope message is not a sentence: " << got.toStdString();
    if (object.size() != 4)
        return ::testing::AssertionFailure()
            << "envelope is not exactly {ok,error,message,traceId}: " << got.toStdString();
    const QString traceId = object.value(QLatin1String("traceId")).toString();
    if (traceId.isEmpty() || traceId.toUtf8() != trace)
        return ::testing::AssertionFailure()
            << "envelope traceId '" << traceId.toStdString() << "' differs from X-Trace-Id '"
            << trace.toStdString() << "'";
    return ::testing::AssertionSuccess();
}

} // namespace

QByteArray ContractChecks::RawResult::header(const QByteArray &name) const
{
    return findHeader(headers, name);
}

QJsonObject ContractChecks::RawResult::json() const
{
    return QJsonDocument::fromJson(body).object();
}

ContractChecks::RawResult
ContractChecks::exchange(quint16 port, const QByteArray &head, qint64 bodyBytes, int timeoutMs)
{
    RawResult result;
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), port);
    if (!socket.waitForConnected(timeoutMs))
        return result;
    socket.write(head);
    socket.waitForBytesWritten(1000);
    // Send the body in chunks only while the server has not answered: a guard that answers from
    // the headers and closes must not make us lose its answer to a reset.
    const QByteArray chunk(64 * 1024, 'x');
    QByteArray response;
    QElapsedTimer timer;
    timer.start();
    qint64 sent = 0;
    while (sent < bodyBytes && socket.state() == QAbstractSocket::ConnectedState
           && socket.bytesAvailable() == 0 && !timer.hasExpired(timeoutMs)) {
        const qint64 n = qMin<qint64>(chunk.size(), bodyBytes - sent);
        socket.write(chunk.constData(), n);
        sent += n;
        socket.waitForBytesWritten(200);
        socket.waitForReadyRead(5);
    }
    qint64 wanted = -1;
    qsizetype headerEnd = -1;
    while (!timer.hasExpired(timeoutMs)) {
        response += socket.readAll();
        if (headerEnd < 0) {
            headerEnd = response.indexOf("\r\n\r\n");
            if (headerEnd >= 0) {
                const QList<QByteArray> lines = response.left(headerEnd).split('\n');
                const QList<QByteArray> statusLine = lines.value(0).trimmed().split(' ');
                result.status = statusLine.value(1).toInt();
                for (qsizetype i = 1; i < lines.size(); ++i) {
                    const qsizetype colon = lines[i].indexOf(':');
                    if (colon > 0)
                        result.headers.append(
                            {lines[i].left(colon).trimmed(), lines[i].mid(colon + 1).trimmed()});
                }
                const QByteArray length = findHeader(result.headers, "Content-Length");
                wanted = length.isNull() ? -1 : length.toLongLong();
            }
        }
        if (headerEnd >= 0 && wanted >= 0 && response.size() - headerEnd - 4 >= wanted)
            break;
        if (socket.state() != QAbstractSocket::ConnectedState && socket.bytesAvailable() == 0)
            break;
        socket.waitForReadyRead(50);
    }
    if (headerEnd >= 0)
        result.body = response.mid(headerEnd + 4, wanted >= 0 ? wanted : -1);
    return result;
}

QJsonValue ContractChecks::at(const QJsonObject &object, const QString &dottedPath)
{
    return at(QJsonValue(object), dottedPath);
}

QJsonValue ContractChecks::at(const QJsonValue &value, const QString &dottedPath)
{
    QJsonValue current = value;
    for (const QString &part : dottedPath.split(QLatin1Char('.'))) {
        if (!current.isObject())
            return QJsonValue(QJsonValue::Undefined);
        current = current.toObject().value(part);
    }
    return current;
}

bool ContractChecks::isIsoTime(const QJsonValue &value)
{
    const QString text = value.toString();
    return text.endsWith(QLatin1Char('Z'))
        && QDateTime::fromString(text, Qt::ISODateWithMs).isValid();
}

::testing::AssertionResult ContractChecks::hasShape(const QJsonObject &object, const Shape &shape)
{
    QStringList problems;
    for (const auto &[path, kinds] : shape) {
        const QJsonValue value = at(object, path);
        const unsigned kind = kindOf(value);
        if (kind == 0)
            problems << path + QStringLiteral(" missing");
        else if (!(kind & kinds))
            problems << QStringLiteral("%1 is %2, expected %3")
                            .arg(path, kindNames(kind), kindNames(kinds));
    }
    if (problems.isEmpty())
        return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure()
        << problems.join(QStringLiteral("; ")).toStdString() << " in "
        << QJsonDocument(object).toJson(QJsonDocument::Compact).left(600).toStdString();
}

::testing::AssertionResult
ContractChecks::isError(const HttpResult &result, int status, const char *code)
{
    return checkError(result.status, result.body, result.header("X-Trace-Id"),
                      result.header("Content-Type"), status, code);
}

::testing::AssertionResult
ContractChecks::isError(const RawResult &result, int status, const char *code)
{
    return checkError(result.status, result.body, result.header("X-Trace-Id"),
                      result.header("Content-Type"), status, code);
}

void PrintTo(const QJsonValue &value, std::ostream *os)
{
    if (value.isUndefined()) {
        *os << "<undefined>";
        return;
    }
    const QJsonDocument document = value.isObject() ? QJsonDocument(value.toObject())
        : value.isArray()                           ? QJsonDocument(value.toArray())
                                                    : QJsonDocument(QJsonArray {value});
    *os << document.toJson(QJsonDocument::Compact).left(2000).toStdString();
}

void PrintTo(const QJsonObject &object, std::ostream *os)
{
    PrintTo(QJsonValue(object), os);
}

void PrintTo(const QString &text, std::ostream *os)
{
    *os << '"' << text.left(2000).toStdString() << '"';
}

void PrintTo(const QByteArray &bytes, std::ostream *os)
{
    *os << '"' << bytes.left(2000).toStdString() << '"';
}
