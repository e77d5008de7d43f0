#include "agentsfixture.h"

#include "reviewshot.h"

#include <gtest/gtest.h>

#include <QAccessible>
#include <QJsonArray>
#include <QJsonDocument>
#include <QWidget>

AgentsFixture::AgentsFixture(double speed)
    : sim(TestSupport::startSimulator({QStringLiteral("--seed"), QStringLiteral("7")}, speed))
{
    ConnectionProfile profile;
    profile.name = QStringLiteral("test");
    profile.baseUrl = sim->baseUrl();
    profile.token = sim->token();
    profile.isSimulator = true;
    profile.deadlineMs = 3000;
    profile.operatorName = QStringLiteral("tester");
    client = std::make_unique<OpsClient>(profile);
    journal = std::make_unique<ActionJournal>();
    QString error;
    EXPECT_TRUE(journal->open(dir.filePath(QStringLiteral("journal.sqlite")), &error))
        << error.toStdString();
    controller
        = std::make_unique<ActionController>(client.get(), journal.get(), QStringLiteral("test"));
    ControlsPoller::Intervals intervals;
    intervals.flagsMs = 60000;
    intervals.agentsMs = 200;
    intervals.deadLetterMs = 200;
    intervals.replayRunningMs = 200;
    poller = std::make_unique<ControlsPoller>(client.get(), intervals);
    poller->start();
}

AgentsFixture::~AgentsFixture()
{
    poller->stop();
}

QJsonObject AgentsFixture::get(const QString &path) const
{
    return TestSupport::request("GET", sim->baseUrl().resolved(QUrl(path)),
                                {{"Authorization", "Bearer " + sim->token().toUtf8()}})
        .json();
}

TestSupport::HttpResult AgentsFixture::post(const QString &path, const QJsonObject &body) const
{
    return TestSupport::request("POST", sim->baseUrl().resolved(QUrl(path)),
                                {{"Authorization", "Bearer " + sim->token().toUtf8()},
                                 {"Content-Type", "application/json"}},
                                QJsonDocument(body).toJson(QJsonDocument::Compact));
}

int AgentsFixture::executed(const QString &path) const
{
    return get(QStringLiteral("/api/sim/state"))
        .value(QLatin1String("http"))
        .toObject()
        .value(QLatin1String("executedMutations"))
        .toObject()
        .value(path)
        .toInt();
}

QString AgentsFixture::agentStatus(const QString &agentId) const
{
    const QJsonArray agents
        = get(QStringLiteral("/api/agents")).value(QLatin1String("agents")).toArray();
    for (const QJsonValue &agent : agents) {
        if (agent[QLatin1String("id")].toString() == agentId)
            return agent[QLatin1String("status")].toString();
    }
    return {};
}

void AgentsFixture::setScenario(const QString &name) const
{
    const auto result = post(QStringLiteral("/api/sim/scenario"), {{QStringLiteral("name"), name}});
    EXPECT_EQ(result.status, 200) << result.body.toStdString();
}

void AgentsFixture::advance(int seconds) const
{
    const auto result
        = post(QStringLiteral("/api/sim/clock"), {{QStringLiteral("advanceSeconds"), seconds}});
    EXPECT_EQ(result.status, 200) << result.body.toStdString();
}

qint64 AgentsFixture::fillDeadLetterQueue(qint64 atLeast) const
{
    setScenario(QStringLiteral("rate-limit"));
    qint64 depth = 0;
    for (int i = 0; i < 20 && depth <= atLeast; ++i) {
        advance(60);
        depth = get(QStringLiteral("/api/dead-letter/status"))
                    .value(QLatin1String("depth"))
                    .toInteger();
    }
    setScenario(QStringLiteral("none")); // the queue stops growing: counts stay predictable
    EXPECT_GT(depth, atLeast) << "the rate-limit scenario did not grow the DLQ";
    return depth;
}

void AgentsFixture::screenshot(QWidget *widget, const QString &name)
{
    ReviewShot::save(widget, QStringLiteral("agents-") + name);
}

QStringList AgentsFixture::unnamedControls(QWidget *root)
{
    QStringList unnamed;
    for (QWidget *w : root->findChildren<QWidget *>()) {
        if (w->focusPolicy() == Qt::NoFocus || !w->isVisibleTo(root)
            || w->objectName().startsWith(QLatin1String("qt_")))
            continue;
        if (w->parentWidget() && w->parentWidget()->inherits("QAbstractScrollArea"))
            continue; // a viewport; its view is checked
        QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(w);
        if (!iface || iface->text(QAccessible::Name).remove(QLatin1Char('&')).trimmed().isEmpty())
            unnamed << QLatin1String(w->metaObject()->className()) + QLatin1Char(' ')
                    + w->objectName();
    }
    return unnamed;
}
