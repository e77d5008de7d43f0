#include "connectionnotice.h"

#include "displayformat.h"
#include "statebadge.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

ConnectionNotice::ConnectionNotice(QWidget *parent)
    : QFrame(parent)
    , m_icon(new QLabel(this))
    , m_message(new QLabel(this))
    , m_retry(new QPushButton(tr("Retry &now"), this))
{
    setObjectName(QStringLiteral("connectionNotice"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setAccessibleName(tr("Connection problem"));
    // A light red tint derived from the system palette keeps dark themes readable.
    QPalette pal = palette();
    pal.setColor(QPalette::Window,
                 DisplayFormat::mix(QColor(0xc6, 0x28, 0x28), pal.color(QPalette::Base), 0.15));
    setPalette(pal);

    m_icon->setPixmap(StateBadge::icon(StateBadge::Severity::Critical, 22, devicePixelRatioF()));
    m_icon->setFixedSize(22, 22);
    m_message->setObjectName(QStringLiteral("connectionMessage"));
    m_message->setTextFormat(Qt::PlainText);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont font = m_message->font();
    font.setBold(true);
    m_message->setFont(font);
    m_retry->setObjectName(QStringLiteral("retryButton"));
    connect(m_retry, &QPushButton::clicked, this, &ConnectionNotice::retryRequested);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 8, 10, 8);
    layout->addWidget(m_icon, 0, Qt::AlignVCenter);
    layout->addWidget(m_message, 1);
    layout->addWidget(m_retry, 0, Qt::AlignVCenter);
    hide();
}

void ConnectionNotice::showProblem(const QString &message)
{
    m_message->setText(message);
    setAccessibleDescription(message);
    show();
}

void ConnectionNotice::clear()
{
    m_message->clear();
    hide();
}

QString ConnectionNotice::message() const
{
    return m_message->text();
}
