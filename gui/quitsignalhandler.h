#pragma once

#include <QObject>

class QSocketNotifier;

// Turns SIGINT, SIGTERM and SIGHUP into a normal QCoreApplication::quit(), so that a console
// stopped by `kill`, a closed terminal or a logout still stops its simulator child (the
// destructors run). Uses the self-pipe trick: the handler only writes one byte.
class QuitSignalHandler final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QuitSignalHandler)

public:
    explicit QuitSignalHandler(QObject *parent = nullptr);
    ~QuitSignalHandler() override;

    bool isInstalled() const { return m_notifier != nullptr; }

private:
    static void onSignal(int signalNumber);
    void onReadable();

    QSocketNotifier *m_notifier = nullptr;
};
