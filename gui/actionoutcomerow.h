#pragma once

#include "statebadge.h"

#include <QString>
#include <QWidget>

class ActionController;
class QPushButton;
struct ActionOutcome;
struct ActionRequest;

// The sentence next to a page's action buttons: "Quarantining citadel…", the server's answer, a
// rejection, or an unknown outcome with "Resend with the same key". Follows the one action it
// was told to track through ActionController's signals. Used by the agents and dead-letter pages.
class ActionOutcomeRow final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ActionOutcomeRow)

public:
    explicit ActionOutcomeRow(ActionController *controller, QWidget *parent = nullptr);

    /// Sends `request` through the controller and follows it; a refusal (validation, read-only,
    /// the same action already in flight) is shown instead. Returns the action id or "".
    QString perform(const ActionRequest &request);
    /// True (and the reason shown) when the console is read-only: a viewer opens no dialog.
    bool refuseIfReadOnly();
    /// Follows `actionId` (from ActionController::perform) and shows it as pending.
    void track(const QString &actionId, const QString &summary);
    /// A sentence for an action that was not sent (validation, read-only, double send).
    void showRejected(const QString &sentence);
    void clear();
    /// Replaces the sentence (e.g. a page's own words for a known server answer).
    void explain(StateBadge::Severity severity, const QString &sentence);

    QString text() const;
    QString trackedAction() const { return m_actionId; }
    StateBadge *badge() const { return m_badge; }
    QPushButton *resendButton() const { return m_resend; }

Q_SIGNALS:
    /// The tracked action ended (any state but Pending).
    void finished(const ActionOutcome &outcome);

private:
    void show(const ActionOutcome &outcome);
    void resend();

    ActionController *m_controller;
    StateBadge *m_badge;
    QPushButton *m_resend;
    QString m_actionId; ///< the action shown (the latest resend, if any)
    QString m_rootId; ///< the first action: resends name it in resendOf
};
