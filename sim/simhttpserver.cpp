#include "simhttpserver.h"

#include "httpsyntax.h"
#include "simclock.h"
#include "simengine.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QHttpServerRequest>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTcpSocket>

#include <algorithm>

namespace {
using L1 = QLatin1String;

QByteArray methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return QByteArrayLiteral("GET");
    case QHttpServerRequest::Method::Post:
        return QByteArrayLiteral("POST");
    case QHttpServerRequest::Method::Put:
        return QByteArrayLiteral("PUT");
    case QHttpServerRequest::Method::Delete:
        return QByteArrayLiteral("DELETE");
    case QHttpServerRequest::Method::Head:
        return QByteArrayLiteral("HEAD");
    case QHttpServerRequest::Method::Options:
        return QByteArrayLiteral("OPTIONS");
    case QHttpServerRequest::Method::Patch:
        return QByteArrayLiteral("PATCH");
    default:
        return QByteArrayLiteral("UNKNOWN");
    }
}

bool constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= uchar(a.at(i)) ^ uchar(b.at(i));
    return diff == 0;
}

QByteArray malformedBody(const QByteArray &body, bool html)
{
    if (html)
        return QByteArrayLiteral("<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head>"
                                 "<body><h1>Bad Gateway</h1><p>upstream sent garbage</p></body>"
                                 "</html>\n");
    return body.left(std::max<qsizetype>(1, body.size() / 2));
}
} // namespace

SimHttpServer::SimHttpServer(SimEngine &engine,
                             SimClock &clock,
                             const Config &config,
                             QObject *parent)
    : QAbstractHttpServer(parent)
    , m_engine(engine)
    , m_clock(clock)
    , m_config(config)
    , m_rateLimiter(config.rateLimit)
    , m_authFailures(std::max(1, config.authFailureLimit) / 60.0,
                     std::max(1, config.authFailureLimit))
    , m_rng(config.seed ^ 0x5eed1234u)
    , m_opsRoutes(SimServices {engine, clock, m_chaos, m_stats, config.instance})
    , m_simRoutes(SimServices {engine, clock, m_chaos, m_stats, config.instance})
{
    m_routes = m_simRoutes.routes() + m_opsRoutes.routes();
}

SimHttpServer::~SimHttpServer()
{
    // Sockets report their pending answers back to this object: close them while it is whole.
    delete m_guard;
}

quint16 SimHttpServer::listenOn(const QHostAddress &address, quint16 port, QString *error)
{
    auto guard = std::make_unique<RequestGuard>(m_config.limits, m_config.maxConnections);
    guard->setTlsConfiguration(m_config.tls);
    if (!guard->listen(address, port)) {
        *error = guard->errorString();
        return 0;
    }
    guard->allowHostsFor(address);
    m_guard = guard.release();
    bind(m_guard);
    return m_guard->serverPort();
}

QByteArray SimHttpServer::header(const QHttpServerRequest &request, const char *name)
{
    for (const auto &[key, value] : request.headers()) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value.trimmed();
    }
    return {};
}

QString SimHttpServer::roleOf(const QHttpServerRequest &request, QByteArray *credential) const
{
    QByteArray token = header(request, "x-dreamnet-api-key");
    const QByteArray authorization = header(request, "authorization");
    if (authorization.size() > 7
        && authorization.left(7).compare("Bearer ", Qt::CaseInsensitive) == 0)
        token = authorization.mid(7).trimmed();
    if (token.isEmpty())
        return {};
    *credential = QCryptographicHash::hash(token, QCryptographicHash::Sha256);
    if (constantTimeEquals(token, m_config.operatorToken.toUtf8()))
        return QStringLiteral("operator");
    if (!m_config.viewerToken.isEmpty() && constantTimeEquals(token, m_config.viewerToken.toUtf8()))
        return QStringLiteral("viewer");
    return {};
}

const ApiRoute *SimHttpServer::match(const QByteArray &method,
                                     const QString &path,
                                     QStringList *params,
                                     QStringList *allowed) const
{
    const QStringList segments = path.split(QLatin1Char('/'));
    const ApiRoute *found = nullptr;
    for (const ApiRoute &route : m_routes) {
        const QStringList pattern = route.pattern.split(QLatin1Char('/'));
        if (pattern.size() != segments.size())
            continue;
        QStringList captured;
        bool ok = true;
        for (qsizetype i = 0; i < pattern.size() && ok; ++i) {
            if (pattern.at(i).startsWith(QLatin1Char('{')))
                ok = !segments.at(i).isEmpty() && (captured << segments.at(i), true);
            else
                ok = pattern.at(i) == segments.at(i);
        }
        if (!ok)
            continue;
        // Literal routes win over patterns (emergency/enable vs {name}/enable): first match.
        if (!allowed->contains(QString::fromLatin1(route.method)))
            allowed->append(QString::fromLatin1(route.method));
        if (!found && route.method == method) {
            found = &route;
            *params = captured;
        }
    }
    return found;
}

void SimHttpServer::missingHandler(const QHttpServerRequest &, QTcpSocket *) { }

bool SimHttpServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    GuardedConnection *connection = GuardedConnection::of(socket);
    if (connection && !connection->admit())
        return true; // pipelined after "Connection: close": neither executed nor answered
    QElapsedTimer timer;
    timer.start();
    m_engine.advanceTo(m_clock.nowMs());
    if (m_guard)
        m_stats.setOpenConnections(m_guard->openConnections());

    // A malformed X-Trace-Id falls back to a usable X-Request-Id before a generated id.
    QByteArray givenTrace = header(request, "x-trace-id");
    if (!HttpSyntax::isSaneTraceId(givenTrace))
        givenTrace = header(request, "x-request-id");
    const QString traceId = HttpSyntax::isSaneTraceId(givenTrace)
        ? QString::fromLatin1(givenTrace)
        : QString::number(QRandomGenerator::global()->generate64() | (quint64(1) << 63), 16);

    Pending pending;
    pending.path = request.url().path();
    m_stats.requestStarted(pending.path);
    ChaosPolicy::Decision chaos;
    const QByteArray peer = socket->peerAddress().toString().toLatin1();
    HttpReply reply = process(request, traceId, peer, pending, chaos);
    reply.headOnly = request.method() == QHttpServerRequest::Method::Head;
    reply.setHeader(QByteArrayLiteral("X-Trace-Id"), traceId.toLatin1());
    if (chaos.malformed) {
        reply.status = 200;
        reply.body = malformedBody(reply.body, chaos.html);
        reply.contentType = chaos.html ? QByteArrayLiteral("text/html; charset=utf-8")
                                       : QByteArrayLiteral("application/json");
    }

    if (!pending.path.startsWith(L1("/api/sim/"))) {
        m_engine.log(
            reply.status >= 500       ? ServerLog::Level::Error
                : reply.status >= 400 ? ServerLog::Level::Warn
                                      : ServerLog::Level::Info,
            QStringLiteral("http"),
            QStringLiteral("%1 %2 traceId=%3 route=%2 status=%4 ms=%5")
                .arg(QString::fromLatin1(methodName(request.method())), pending.path, traceId)
                .arg(reply.status)
                .arg(timer.elapsed() + chaos.delayMs));
        const bool drained = reply.status == 503 && reply.body.contains("\"write_drain\"");
        m_engine.recordRequest(reply.status, double(timer.nsecsElapsed()) / 1e6 + chaos.delayMs,
                               reply.status >= 500 && !drained);
    }

    GuardedConnection::Delivery delivery;
    const QByteArray connectionHeader = header(request, "connection").toLower();
    delivery.close = connectionHeader.contains("close");
    delivery.reply = reply;
    delivery.hang = chaos.hang;
    delivery.drop = chaos.drop;
    delivery.delayMs = chaos.delayMs;
    delivery.bytesPerSecond = chaos.bytesPerSecond;
    delivery.done = [this, pending, reply](bool) {
        m_stats.requestFinished(pending.path);
        if (!pending.idempotent)
            return;
        if (reply.status >= 200 && reply.status < 300) {
            HttpReply::Headers headers = reply.headers;
            headers.removeIf([](const auto &h) {
                return h.first.compare("X-Trace-Id", Qt::CaseInsensitive) == 0;
            });
            m_idempotency.finish(pending.scope, pending.key,
                                 IdempotencyStore::Response {reply.status, reply.body, headers});
        } else {
            m_idempotency.finish(pending.scope, pending.key, std::nullopt);
        }
    };
    m_engine.flushLog(); // a client reading server.log right after its answer sees the line
    if (connection) {
        connection->deliver(std::move(delivery));
    } else {
        socket->write(reply.serialize(true));
        socket->disconnectFromHost();
        delivery.done(true);
    }
    return true;
}

HttpReply SimHttpServer::process(const QHttpServerRequest &request,
                                 const QString &traceId,
                                 const QByteArray &peer,
                                 Pending &pending,
                                 ChaosPolicy::Decision &chaos)
{
    // HEAD is answered as GET without the body (HttpReply::headOnly).
    const QByteArray verb = methodName(request.method());
    const QByteArray method = verb == "HEAD" ? QByteArrayLiteral("GET") : verb;
    const QString &path = pending.path;
    const auto error = [&traceId](int status, const char *code, const QString &message) {
        return HttpReply::error(status, QLatin1String(code), message, traceId);
    };
    chaos = m_chaos.decide(path, &m_rng);
    if (chaos.error)
        return error(500, "internal_error", QStringLiteral("Injected failure (simulator chaos)."));

    const bool api = path.startsWith(L1("/api/"));
    QByteArray credential;
    QString role;
    const bool limitAuthFailures = api && m_config.authFailureLimit > 0;
    if (limitAuthFailures) {
        // Checked before the token so that a blocked peer learns nothing about its guesses.
        if (const int wait = m_authFailures.waitFor(peer); wait > 0) {
            HttpReply reply = error(429, "too_many_auth_failures",
                                    QStringLiteral("Too many requests without a valid token from "
                                                   "this address; retry after %1 s.")
                                        .arg(wait));
            reply.setHeader(QByteArrayLiteral("Retry-After"), QByteArray::number(wait));
            return reply;
        }
    }
    if (api) {
        role = roleOf(request, &credential);
        if (role.isEmpty()) {
            if (limitAuthFailures)
                m_authFailures.take(peer);
            HttpReply reply = error(401, "unauthorized",
                                    QStringLiteral("A valid token is required (Authorization: "
                                                   "Bearer or x-dreamnet-api-key)."));
            reply.setHeader(QByteArrayLiteral("WWW-Authenticate"), QByteArrayLiteral("Bearer"));
            return reply;
        }
    }
    QStringList params;
    QStringList allowed;
    const ApiRoute *route = match(method, path, &params, &allowed);
    if (!route && allowed.isEmpty())
        return error(404, "not_found", QStringLiteral("There is no endpoint at %1.").arg(path));
    if (allowed.contains(QLatin1String("GET")))
        allowed.insert(allowed.indexOf(QLatin1String("GET")) + 1, QStringLiteral("HEAD"));
    if (!route) {
        HttpReply reply
            = error(405, "method_not_allowed",
                    QStringLiteral("%1 is not allowed on %2; use %3.")
                        .arg(QString::fromLatin1(verb), path, allowed.join(QStringLiteral(", "))));
        reply.setHeader(QByteArrayLiteral("Allow"), allowed.join(QStringLiteral(", ")).toLatin1());
        return reply;
    }
    const bool isPost = method == "POST";
    if (api
        && ((isPost && role != L1("operator"))
            || (path.startsWith(L1("/api/sim/")) && role != L1("operator"))))
        return error(
            403, "forbidden",
            QStringLiteral("The %1 role may not do this; an operator token is needed.").arg(role));
    if (api) {
        if (const int retryAfter = m_rateLimiter.take(credential); retryAfter > 0) {
            HttpReply reply
                = error(429, "rate_limited",
                        QStringLiteral("Too many requests; retry after %1 s.").arg(retryAfter));
            reply.setHeader(QByteArrayLiteral("Retry-After"), QByteArray::number(retryAfter));
            return reply;
        }
    }

    RouteContext ctx {method, path, params, {}, traceId, role};
    if (isPost) {
        const QByteArray body = request.body();
        const QByteArray contentType = header(request, "content-type").toLower();
        if (!body.isEmpty() && !contentType.startsWith("application/json"))
            return error(415, "unsupported_media_type",
                         QStringLiteral("Request bodies must be application/json."));
        if (body.size() > 1024 * 1024)
            return error(413, "body_too_large", QStringLiteral("The request body exceeds 1 MiB."));
        const bool hasKey
            = std::any_of(request.headers().cbegin(), request.headers().cend(), [](const auto &h) {
                  return h.first.compare("idempotency-key", Qt::CaseInsensitive) == 0;
              });
        if (hasKey) {
            const QByteArray key = header(request, "idempotency-key");
            if (!IdempotencyStore::isValidKey(key))
                return error(400, "invalid_idempotency_key",
                             QStringLiteral("Idempotency-Key must be 1 to 128 characters."));
            const auto lookup = m_idempotency.begin(
                credential, key, IdempotencyStore::fingerprint(method, path, body),
                m_engine.nowMs());
            switch (lookup.outcome) {
            case IdempotencyStore::Outcome::Replay: {
                HttpReply reply;
                reply.status = lookup.response.status;
                reply.body = lookup.response.body;
                reply.headers = lookup.response.headers;
                reply.setHeader(QByteArrayLiteral("Idempotent-Replayed"),
                                QByteArrayLiteral("true"));
                return reply;
            }
            case IdempotencyStore::Outcome::Reused:
                return error(422, "idempotency_key_reused",
                             QStringLiteral("This Idempotency-Key was used with another request; "
                                            "mint a new key."));
            case IdempotencyStore::Outcome::InFlight:
                return error(409, "idempotency_key_in_flight",
                             QStringLiteral("A request with this Idempotency-Key is still being "
                                            "processed; retry later."));
            case IdempotencyStore::Outcome::New:
                pending.idempotent = true;
                pending.scope = credential;
                pending.key = key;
                break;
            }
        }
        if (!body.trimmed().isEmpty()) {
            QJsonParseError parseError;
            const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
            // Qt 6.4 refuses top-level scalars (valid JSON since RFC 8259): wrapped in an array
            // they parse, and then they are valid JSON of the wrong type.
            const bool scalar = parseError.error != QJsonParseError::NoError
                && QJsonDocument::fromJson('[' + body + ']').array().size() == 1;
            if (scalar)
                return error(400, "invalid_body",
                             QStringLiteral("The request body must be a JSON object."));
            if (parseError.error != QJsonParseError::NoError)
                return error(400, "invalid_json",
                             QStringLiteral("The request body is not valid JSON: %1.")
                                 .arg(parseError.errorString()));
            if (!document.isObject())
                return error(400, "invalid_body",
                             QStringLiteral("The request body must be a JSON object."));
            ctx.body = document.object();
        }
    }
    HttpReply reply = route->handler(ctx);
    if (isPost && reply.status >= 200 && reply.status < 300 && !path.startsWith(L1("/api/sim/"))) {
        pending.mutation = true;
        m_stats.mutationExecuted(path);
    }
    return reply;
}
