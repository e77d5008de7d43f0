#include "emptyviewhint.h"

#include "displayformat.h"

#include <QAbstractItemModel>
#include <QAbstractItemView>
#include <QEvent>

EmptyViewHint::EmptyViewHint(QAbstractItemView *view, const QString &text)
    : QLabel(text, view->viewport())
    , m_view(view)
{
    setObjectName(QStringLiteral("emptyViewHint"));
    setWordWrap(true);
    setAlignment(Qt::AlignCenter);
    setTextFormat(Qt::PlainText);
    setMargin(12);
    setAttribute(Qt::WA_TransparentForMouseEvents);
    // Dimmed text on the view's base, light or dark palette alike.
    QPalette pal = palette();
    pal.setColor(QPalette::WindowText,
                 DisplayFormat::mix(pal.color(QPalette::Text), pal.color(QPalette::Base), 0.55));
    setPalette(pal);
    view->viewport()->installEventFilter(this);
    if (QAbstractItemModel *model = view->model()) {
        connect(model, &QAbstractItemModel::rowsInserted, this, [this] { follow(); });
        connect(model, &QAbstractItemModel::rowsRemoved, this, [this] { follow(); });
        connect(model, &QAbstractItemModel::modelReset, this, [this] { follow(); });
    }
    setGeometry(view->viewport()->rect());
    follow();
}

bool EmptyViewHint::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::Resize && m_view && watched == m_view->viewport())
        setGeometry(m_view->viewport()->rect());
    return QLabel::eventFilter(watched, event);
}

void EmptyViewHint::follow()
{
    if (!m_view)
        return;
    const QAbstractItemModel *model = m_view->model();
    setVisible(!model || model->rowCount() == 0);
}
