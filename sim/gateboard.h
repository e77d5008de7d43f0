#pragma once

#include <QJsonArray>
#include <QList>
#include <QString>

// Health gates of the simulated service: each counts consecutive passing checks up to its
// requiredPasses; SimEngine checks them every simulated second, a restart resets the counts.
class GateBoard final
{
public:
    struct Gate
    {
        QString serviceId;
        QString name;
        bool critical = false;
        int requiredPasses = 2;
        int consecutivePasses = 2;
        qint64 lastCheckMs = 0;
        bool ready() const { return consecutivePasses >= requiredPasses; }
    };

    GateBoard();

    void check(const QString &serviceId, bool passing, qint64 nowMs);
    void resetAll();

    bool ready() const;
    bool criticalReady() const;
    const QList<Gate> &all() const { return m_gates; }
    QJsonArray toJson() const;

private:
    QList<Gate> m_gates;
};
