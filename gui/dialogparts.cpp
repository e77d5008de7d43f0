#include "dialogparts.h"

#include "displayformat.h"

#include <QCoreApplication>
#include <QLabel>
#include <QLayout>
#include <QWidget>

QLabel *newProblemLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(QStringLiteral("problem"));
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    label->setAccessibleName(QCoreApplication::translate("DialogParts", "Problem"));
    label->setStyleSheet(DisplayFormat::problemStyleSheet());
    label->hide();
    return label;
}

void growToFitHeight(QWidget *window)
{
    QLayout *layout = window->layout();
    if (!layout)
        return;
    layout->activate();
    const int needed = layout->totalHeightForWidth(window->width());
    if (needed > window->height())
        window->resize(window->width(), needed);
}
