#include "quitsignalhandler.h"

#include "logging.h"

#include <QCoreApplication>
#include <QSocketNotifier>

#include <spdlog/spdlog.h>

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

namespace {
int g_fds[2] = {-1, -1}; // [0] written by the handler, [1] read on the event loop
constexpr int kSignals[] = {SIGINT, SIGTERM, SIGHUP};
} // namespace

QuitSignalHandler::QuitSignalHandler(QObject *parent)
    : QObject(parent)
{
    if (g_fds[0] >= 0 || ::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, g_fds) != 0) {
        Logging::get("gui")->warn("could not install the quit signal handler");
        return;
    }
    m_notifier = new QSocketNotifier(g_fds[1], QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &QuitSignalHandler::onReadable);
    struct sigaction action = {};
    action.sa_handler = &QuitSignalHandler::onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    for (const int signalNumber : kSignals)
        ::sigaction(signalNumber, &action, nullptr);
}

QuitSignalHandler::~QuitSignalHandler()
{
    if (!m_notifier)
        return;
    for (const int signalNumber : kSignals)
        ::signal(signalNumber, SIG_DFL);
    ::close(g_fds[0]);
    ::close(g_fds[1]);
    g_fds[0] = g_fds[1] = -1;
}

void QuitSignalHandler::onSignal(int signalNumber)
{
    const char byte = char(signalNumber);
    [[maybe_unused]] const auto written = ::write(g_fds[0], &byte, 1); // async-signal-safe
}

void QuitSignalHandler::onReadable()
{
    char byte = 0;
    if (::read(g_fds[1], &byte, 1) != 1)
        return;
    Logging::get("gui")->info("signal {} received: quitting", int(byte));
    QCoreApplication::quit();
}
