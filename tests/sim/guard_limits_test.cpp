// Front-guard tests over real sockets against a dreamnet-sim child (matrix rows V1, V3, V4):
// the guard sees every byte before QtHttpServer 6.4 and enforces the limits it lacks.
#include "guard_support.h"
#include "testsupport.h"

#include <gtest/gtest.h>

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpSocket>
#include <QTemporaryDir>

#include <memory>
#include <vector>

using namespace GuardSupport;

namespace {

class GuardLimits : public ::testing::Test
{
protected:
    static void SetUpTestSuite()
    {
        s_sim = TestSupport::startSimulator(
                    {QStringLiteral("--header-timeout-ms"), QStringLiteral("1000"),
                     QStringLiteral("--idle-timeout-ms"), QStringLiteral("1500")})
                    .release();
    }
    static void TearDownTestSuite()
    {
        delete s_sim;
        s_sim = nullptr;
    }
    void SetUp() override { ASSERT_TRUE(s_sim && s_sim->baseUrl().port() > 0); }
    static quint16 port() { return quint16(s_sim->baseUrl().port()); }
    static void expectServed()
    {
        const RawAnswer answer = exchange(port(), get(port(), "/health/live"));
        EXPECT_EQ(answer.status, 200) << "a normal client is still served";
    }
    static void expectEnvelope(const RawAnswer &answer, int status, const char *code)
    {
        EXPECT_EQ(answer.status, status) << answer.head.toStdString();
        const QJsonObject body = QJsonDocument::fromJson(answer.body).object();
        EXPECT_EQ(body.value(QStringLiteral("ok")).toBool(true), false);
        EXPECT_EQ(body.value(QStringLiteral("error")).toString(), QLatin1String(code));
        EXPECT_FALSE(body.value(QStringLiteral("message")).toString().isEmpty());
        EXPECT_EQ(body.value(QStringLiteral("traceId")).toString().toLatin1(),
                  answer.header("x-trace-id"));
        EXPECT_EQ(answer.header("connection"), QByteArray("close"));
    }

    static SimulatorProcess *s_sim;
};

SimulatorProcess *GuardLimits::s_sim = nullptr;

} // namespace

TEST_F(GuardLimits, V1_ListensOnLoopbackOnly)
{
    EXPECT_EQ(s_sim->baseUrl().host(), QStringLiteral("127.0.0.1"));
    QTcpSocket other;
    other.connectToHost(QStringLiteral("127.0.0.2"), port());
    EXPECT_FALSE(other.waitForConnected(2000)) << "bound to 127.0.0.1, not to every address";
    expectServed();
}

TEST(GuardBind, V1_NonLoopbackBindNeedsUnsafeBind)
{
    const QString program = SimulatorProcess::locate();
    QProcess refused;
    refused.start(program,
                  {QStringLiteral("--bind"), QStringLiteral("0.0.0.0"), QStringLiteral("--port"),
                   QStringLiteral("0"), QStringLiteral("--token"), QStringLiteral("t")});
    ASSERT_TRUE(refused.waitForFinished(10000));
    EXPECT_EQ(refused.exitCode(), 2);
    EXPECT_TRUE(refused.readAllStandardError().contains("--unsafe-bind"));
    EXPECT_TRUE(refused.readAllStandardOutput().isEmpty());

    QProcess bad;
    bad.start(program, {QStringLiteral("--speed"), QStringLiteral("0")});
    ASSERT_TRUE(bad.waitForFinished(10000));
    EXPECT_EQ(bad.exitCode(), 2) << "bad arguments exit 2";

    QTemporaryDir logDir;
    ASSERT_TRUE(logDir.isValid());
    QProcess unsafe;
    unsafe.start(program,
                 {QStringLiteral("--bind"), QStringLiteral("0.0.0.0"), QStringLiteral("--port"),
                  QStringLiteral("0"), QStringLiteral("--unsafe-bind"), QStringLiteral("--log-dir"),
                  logDir.path()});
    ASSERT_TRUE(unsafe.waitForStarted(5000));
    ASSERT_TRUE(TestSupport::waitUntil([&] { return unsafe.canReadLine(); }, 10000));
    EXPECT_TRUE(unsafe.readLine().startsWith("listening on http://0.0.0.0:"));
    EXPECT_TRUE(TestSupport::waitUntil([&] { return unsafe.canReadLine(); }, 5000));
    const QByteArray tokenLine = unsafe.readLine().trimmed();
    ASSERT_TRUE(tokenLine.startsWith("token file: ")) << "no token given: file written";
    const QFileInfo tokenFile(QString::fromLocal8Bit(tokenLine.mid(12)));
    EXPECT_TRUE(tokenFile.isFile());
    EXPECT_EQ(tokenFile.permissions() & ~(QFile::ReadUser | QFile::WriteUser),
              QFile::ReadOwner | QFile::WriteOwner)
        << "the token file is private (0600)";
    EXPECT_TRUE(unsafe.readAllStandardError().contains("WARNING"));
    unsafe.terminate();
    ASSERT_TRUE(unsafe.waitForFinished(5000));
    EXPECT_EQ(unsafe.exitStatus(), QProcess::NormalExit);
    EXPECT_EQ(unsafe.exitCode(), 0) << "SIGTERM is a clean shutdown";
    EXPECT_FALSE(QFileInfo::exists(tokenFile.filePath()))
        << "the generated token file is removed at shutdown";
}

TEST_F(GuardLimits, V3_GarbageBytesAreRejected)
{
    const RawAnswer answer
        = exchange(port(), QByteArray("\x16\x03\x01\x02\x00garbage\r\n\r\n", 16));
    EXPECT_TRUE(answer.status == 400 || answer.closedByServer);
    const RawAnswer words = exchange(port(), "hello there\r\n\r\n");
    expectEnvelope(words, 400, "bad_request");
    expectEnvelope(exchange(port(), "BREW /pot HTTP/1.1\r\n"), 405, "method_not_allowed");
    expectEnvelope(exchange(port(), "GET / HTTP/9.9\r\n"), 400, "bad_request");
    expectEnvelope(exchange(port(), QByteArray("GET /health HTTP/1.1\r\nX-Nul: a\0b\r\n", 34)), 400,
                   "bad_request");
    expectServed();
}

TEST_F(GuardLimits, V3_HalfRequestThenClose)
{
    for (int i = 0; i < 20; ++i) {
        QTcpSocket socket;
        socket.connectToHost(QStringLiteral("127.0.0.1"), port());
        ASSERT_TRUE(socket.waitForConnected(3000));
        socket.write("POST /api/dreams HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port())
                     + "\r\nContent-Length: 100\r\n\r\n{\"ti");
        socket.waitForBytesWritten(1000);
        socket.abort();
    }
    expectServed();
}

TEST_F(GuardLimits, V3_TwoHundredIdleConnectionsDoNotStarveOthers)
{
    std::vector<std::unique_ptr<QTcpSocket>> idle;
    for (int i = 0; i < 200; ++i) {
        auto socket = std::make_unique<QTcpSocket>();
        socket->connectToHost(QStringLiteral("127.0.0.1"), port());
        ASSERT_TRUE(socket->waitForConnected(3000)) << i;
        idle.push_back(std::move(socket));
    }
    expectServed();
    // The idle ones are closed by the server after the idle timeout (1.5 s in this suite).
    int closed = 0;
    for (auto &socket : idle)
        closed += waitClosed(*socket, 6000) ? 1 : 0;
    EXPECT_EQ(closed, 200);
}

TEST_F(GuardLimits, V3_BodyOverOneMiBIs413)
{
    const QByteArray head
        = "POST /api/dreams HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port())
        + "\r\nContent-Type: application/json\r\nContent-Length: 2097152\r\n\r\n";
    expectEnvelope(exchange(port(), head, 2 * 1024 * 1024), 413, "body_too_large");
    expectServed();
}

TEST_F(GuardLimits, V3_HeadersOver16KiBAre431)
{
    const QByteArray big = "X-Trace-Id: big-1\r\nX-Filler: " + QByteArray(20 * 1024, 'a') + "\r\n";
    const RawAnswer answer = exchange(port(), get(port(), "/health", big));
    expectEnvelope(answer, 431, "headers_too_large");
    EXPECT_EQ(answer.header("x-trace-id"), QByteArray("big-1")) << "a sane trace id is echoed";
    expectServed();
}

TEST_F(GuardLimits, V3_ChunkedRequestIs411)
{
    const QByteArray head
        = "POST /api/dreams HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port())
        + "\r\nContent-Type: application/json\r\nTransfer-Encoding: "
          "chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n";
    expectEnvelope(exchange(port(), head), 411, "length_required");
}

TEST_F(GuardLimits, V3_SlowlorisHeadersAreClosed)
{
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), port());
    ASSERT_TRUE(socket.waitForConnected(3000));
    const QByteArray request = get(port(), "/health", "X-Slow: " + QByteArray(200, 's') + "\r\n");
    bool closed = false;
    for (qsizetype i = 0; i < request.size() - 2 && !closed; ++i) {
        socket.write(request.mid(i, 1));
        socket.flush();
        closed = waitClosed(socket, 100); // ~10 B/s, far below a complete header in 1 s
    }
    EXPECT_TRUE(closed || waitClosed(socket, 3000)) << "header deadline closes a slow sender";
    expectServed();
}

TEST_F(GuardLimits, V3_IdleKeepAliveIsClosed)
{
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), port());
    ASSERT_TRUE(socket.waitForConnected(3000));
    socket.write(get(port(), "/health/live"));
    EXPECT_EQ(readAnswer(socket, 5000).status, 200);
    EXPECT_TRUE(waitClosed(socket, 5000)) << "kept-alive socket closed after the idle timeout";
}

TEST_F(GuardLimits, V3_Http10AndConnectionCloseAreHonoured)
{
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), port());
    ASSERT_TRUE(socket.waitForConnected(3000));
    socket.write("GET /health/live HTTP/1.0\r\nHost: 127.0.0.1:" + QByteArray::number(port())
                 + "\r\n\r\n");
    const RawAnswer answer = readAnswer(socket, 5000);
    EXPECT_EQ(answer.status, 200);
    EXPECT_EQ(answer.header("connection"), QByteArray("close"));
    EXPECT_TRUE(waitClosed(socket, 1000)) << "closed right after the answer, not at idle timeout";
}

TEST_F(GuardLimits, V3_RssStaysBoundedUnderAbuse)
{
#if defined(__SANITIZE_ADDRESS__)
    GTEST_SKIP() << "AddressSanitizer's quarantine keeps freed memory resident";
#endif
    const qint64 before = rssKiB(s_sim->pid());
    ASSERT_GT(before, 0);
    const QByteArray big = "X-Filler: " + QByteArray(15 * 1024, 'a') + "\r\n";
    for (int round = 0; round < 150; ++round) {
        exchange(port(), get(port(), "/health", big + big), 0, 3000);
        exchange(port(),
                 "POST /api/dreams HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port())
                     + "\r\nContent-Length: 5000000\r\n\r\n",
                 256 * 1024, 3000);
        exchange(port(), QByteArray(4096, '\x01'), 0, 1000);
    }
    expectServed();
    const qint64 after = rssKiB(s_sim->pid());
    EXPECT_LT(after - before, 40 * 1024) << "RSS grew from " << before << " to " << after << " KiB";
}

TEST_F(GuardLimits, V4_ForeignHostIsRejected)
{
    const RawAnswer evil = exchange(port(), "GET /health HTTP/1.1\r\nHost: evil.example\r\n\r\n");
    expectEnvelope(evil, 400, "invalid_host");
    const RawAnswer missing = exchange(port(), "GET /health HTTP/1.1\r\n\r\n");
    expectEnvelope(missing, 400, "invalid_host");
    const RawAnswer otherPort
        = exchange(port(), "GET /health HTTP/1.1\r\nHost: 127.0.0.1:1\r\n\r\n");
    expectEnvelope(otherPort, 400, "invalid_host");
    const QByteArray localhost = "GET /health/live HTTP/1.1\r\nHost: localhost:"
        + QByteArray::number(port()) + "\r\nX-Trace-Id: trace-v4\r\n\r\n";
    const RawAnswer ok = exchange(port(), localhost);
    EXPECT_EQ(ok.status, 200);
    EXPECT_EQ(ok.header("x-trace-id"), QByteArray("trace-v4"));
}

TEST(GuardCapacity, V3_ConnectionsOverTheCapGet503)
{
    auto sim
        = TestSupport::startSimulator({QStringLiteral("--max-connections"), QStringLiteral("20")});
    ASSERT_TRUE(sim && sim->baseUrl().port() > 0);
    const quint16 port = quint16(sim->baseUrl().port());
    std::vector<std::unique_ptr<QTcpSocket>> held;
    for (int i = 0; i < 20; ++i) {
        auto socket = std::make_unique<QTcpSocket>();
        socket->connectToHost(QStringLiteral("127.0.0.1"), port);
        ASSERT_TRUE(socket->waitForConnected(3000));
        held.push_back(std::move(socket));
    }
    TestSupport::waitUntil([] { return false; }, 300);
    const RawAnswer over = exchange(port, get(port, "/health/live"));
    EXPECT_EQ(over.status, 503);
    EXPECT_FALSE(over.header("retry-after").isEmpty());
    held.clear();
    EXPECT_TRUE(TestSupport::waitUntil(
        [port] { return exchange(port, get(port, "/health/live"), 0, 1000).status == 200; }, 5000));
}
