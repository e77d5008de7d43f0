#pragma once

#include <QWidget>

#include <optional>

class QCheckBox;
class QComboBox;
class QSpinBox;

// The extra fields of the quarantine dialog: how long (until released, 15 min, 1 h, 4 h, or a
// custom number of minutes) and, only when the quarantine cap is hit, an explicit "Override
// cap" checkbox. AgentsPage puts it into a ReasonDialog and reads it back when confirmed.
class QuarantineFields final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QuarantineFields)

public:
    explicit QuarantineFields(QWidget *parent = nullptr);

    /// nullopt = until released.
    std::optional<int> durationSeconds() const;
    /// Shows the override checkbox (unchecked) only while the cap is hit.
    void setCapHit(bool hit);
    bool overrideCap() const;
    bool capHit() const { return m_capHit; }

    QComboBox *durationBox() const { return m_duration; }
    QSpinBox *customMinutesBox() const { return m_minutes; }
    QCheckBox *overrideBox() const { return m_override; }

Q_SIGNALS:
    void changed();

private:
    QComboBox *m_duration;
    QSpinBox *m_minutes;
    QCheckBox *m_override;
    bool m_capHit = false;
};
