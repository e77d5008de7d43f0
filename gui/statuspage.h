#pragma once

#include <QWidget>

class ConnectionNotice;
class ConsoleSession;
class HealthPanel;
class LivenessPanel;
class OpsStatusPanel;
class ReadinessPanel;

// The first page of the console: one panel per polled endpoint (ops status, health, liveness,
// readiness) and the connection problem (if any) above them. It renders what a ConsoleSession
// reports and forwards "Retry now" to it.
class StatusPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatusPage)

public:
    explicit StatusPage(ConsoleSession *session, QWidget *parent = nullptr);

    OpsStatusPanel *opsStatusPanel() const { return m_ops; }
    HealthPanel *healthPanel() const { return m_health; }
    LivenessPanel *livenessPanel() const { return m_live; }
    ReadinessPanel *readinessPanel() const { return m_ready; }
    ConnectionNotice *connectionNotice() const { return m_notice; }

    /// Room for all panels without scrolling (a scroll area alone would hint a token size).
    QSize sizeHint() const override;

private:
    void connectSession();
    void onStateChanged();
    void markAllStale(const QString &reason);

    ConsoleSession *m_session;
    ConnectionNotice *m_notice;
    OpsStatusPanel *m_ops;
    HealthPanel *m_health;
    LivenessPanel *m_live;
    ReadinessPanel *m_ready;
    QWidget *m_panels;
};
