#pragma once

#include <QLabel>
#include <QPointer>

class QAbstractItemView;

// A sentence over an item view while its model has no rows ("No incidents recorded yet …"), so
// that an empty white box does not read as "still loading" or "broken". It sits on the view's
// viewport, lets every click through, and hides as soon as a row arrives.
class EmptyViewHint final : public QLabel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EmptyViewHint)

public:
    EmptyViewHint(QAbstractItemView *view, const QString &text);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void follow(); ///< shown while the model is empty (the resize filter keeps it covering)

    QPointer<QAbstractItemView> m_view;
};
