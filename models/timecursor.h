#pragma once

#include <QObject>

#include <optional>

// The one time cursor every time-based view shares: hovering a chart moves it,
// and the other charts, the log view and the timeline follow. Time in epoch
// milliseconds; unset = no cursor.
class TimeCursor final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimeCursor)

public:
    explicit TimeCursor(QObject *parent = nullptr)
        : QObject(parent)
    { }

    std::optional<qint64> position() const { return m_position; }

    void setPosition(qint64 epochMs)
    {
        if (m_position == epochMs)
            return;
        m_position = epochMs;
        Q_EMIT moved(epochMs);
    }
    void clear()
    {
        if (!m_position)
            return;
        m_position.reset();
        Q_EMIT cleared();
    }

Q_SIGNALS:
    void moved(qint64 epochMs);
    void cleared();

private:
    std::optional<qint64> m_position;
};
