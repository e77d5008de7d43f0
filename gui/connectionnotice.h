#pragma once

#include <QFrame>

class QLabel;
class QPushButton;

// The message strip above the status panels when the console cannot reach the server: the
// client's one-sentence error where the user looks, and a "Retry now" button. Hidden when
// everything answers.
class ConnectionNotice final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionNotice)

public:
    explicit ConnectionNotice(QWidget *parent = nullptr);

    void showProblem(const QString &message);
    void clear();
    QString message() const;

Q_SIGNALS:
    void retryRequested();

private:
    QLabel *m_icon;
    QLabel *m_message;
    QPushButton *m_retry;
};
