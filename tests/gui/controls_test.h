#pragma once

// The operator controls' GUI tests share one rig: a real dreamnet-sim over loopback, the real
// OpsClient, ActionController and ControlsPoller, and raw HTTP for what another console (or the
// test itself) sees on the server.
#include "actioncontroller.h"
#include "controlspoller.h"
#include "opsclient.h"
#include "testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>

#include <memory>

namespace ControlsTest {

struct Rig
{
    /// `viewer`: the console uses the simulator's viewer token (every POST gets 403).
    explicit Rig(bool viewer = false, int deadlineMs = 3000)
        : sim(TestSupport::startSimulator())
    {
        ConnectionProfile profile;
        profile.name = QStringLiteral("simulator");
        profile.baseUrl = sim->baseUrl();
        profile.token = viewer ? sim->viewerToken() : sim->token();
        profile.isSimulator = true;
        profile.deadlineMs = deadlineMs;
        profile.operatorName = QStringLiteral("gtest");
        client = std::make_unique<OpsClient>(profile);
        controller = std::make_unique<ActionController>(client.get(), nullptr,
                                                        QStringLiteral("simulator"));
        ControlsPoller::Intervals fast;
        fast.flagsMs = 250;
        fast.agentsMs = 1000;
        fast.deadLetterMs = 1000;
        poller = std::make_unique<ControlsPoller>(client.get(), fast);
    }

    QList<QPair<QByteArray, QByteArray>> headers(bool mutation = false) const
    {
        QList<QPair<QByteArray, QByteArray>> h {
            {"Authorization", "Bearer " + sim->token().toUtf8()}};
        if (mutation) {
            h.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
            h.append(qMakePair(QByteArray("Idempotency-Key"),
                               QUuid::createUuid().toByteArray(QUuid::WithoutBraces)));
        }
        return h;
    }

    QJsonObject get(const QString &path) const
    {
        return TestSupport::request("GET", QUrl(sim->baseUrl().toString() + path), headers())
            .json();
    }

    /// What another client does: a raw POST with its own key.
    int post(const QString &path, const QJsonObject &body) const
    {
        return TestSupport::request("POST", QUrl(sim->baseUrl().toString() + path), headers(true),
                                    QJsonDocument(body).toJson(QJsonDocument::Compact))
            .status;
    }

    /// Mutations the server executed on a path (GET /api/sim/state).
    int executed(const QString &path) const
    {
        return get(QStringLiteral("/api/sim/state"))
            .value(QLatin1String("http"))
            .toObject()
            .value(QLatin1String("executedMutations"))
            .toObject()
            .value(path)
            .toInt();
    }

    /// The server's own word on a flag.
    QJsonObject flag(const QString &name) const
    {
        const QJsonArray flags
            = get(QStringLiteral("/api/integration-flags")).value(QLatin1String("flags")).toArray();
        for (const QJsonValue &value : flags) {
            if (value.toObject().value(QLatin1String("name")).toString() == name)
                return value.toObject();
        }
        return {};
    }

    std::unique_ptr<SimulatorProcess> sim;
    std::unique_ptr<OpsClient> client;
    std::unique_ptr<ActionController> controller;
    std::unique_ptr<ControlsPoller> poller;
};

} // namespace ControlsTest
