#pragma once

#include <QJsonObject>
#include <QRandomGenerator>
#include <QString>
#include <QStringList>

// HTTP-level misbehaviour set with POST /api/sim/chaos: SimHttpServer asks decide() for every
// request and GuardedConnection carries the verdict out on the real socket. Never applies to
// /api/sim/* so that a test can always switch it off.
class ChaosPolicy final
{
public:
    enum class MalformedKind { Mixed, Truncated, Html };
    struct Settings
    {
        double latencyMs = 0;
        double jitterMs = 0;
        double errorRate = 0;
        double malformedRate = 0;
        double dropRate = 0;
        double hangRate = 0;
        double slowBytesPerSecond = 0;
        QStringList paths; ///< prefixes; empty = every path except /api/sim/*
        MalformedKind malformedKind = MalformedKind::Mixed;
    };
    struct Decision
    {
        bool error = false; ///< answer 500 without running the handler
        bool hang = false; ///< never answer
        bool drop = false; ///< run the handler, then abort the connection
        bool malformed = false; ///< 200 with a broken body
        bool html = false; ///< malformed as an HTML page (else truncated JSON)
        int delayMs = 0;
        int bytesPerSecond = 0; ///< 0 = full speed
    };

    /// Validates a request body; on failure returns false and names the field in `error`.
    static bool parse(const QJsonObject &body, Settings *settings, QString *error);

    void setSettings(const Settings &settings) { m_settings = settings; }
    const Settings &settings() const { return m_settings; }
    bool isActive() const;
    bool appliesTo(const QString &path) const;
    Decision decide(const QString &path, QRandomGenerator *rng) const;
    QJsonObject toJson() const;

private:
    Settings m_settings;
};
