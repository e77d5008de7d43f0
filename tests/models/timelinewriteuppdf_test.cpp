// The write-up's PDF with Qt's own writer (QPdfWriter + QTextDocument). Fonts need a
// QGuiApplication, so this runs in its own executable on the GUI test main.
#include "incidentstore.h"
#include "writeupgenerator.h"
#include "writeuppdf.h"

#include <gtest/gtest.h>

#include <QFile>
#include <QTemporaryDir>

TEST(WriteupPdf, PrintsTheWriteup)
{
    QTemporaryDir dir;
    QDateTime now(QDate(2026, 3, 14), QTime(10, 0, 0), Qt::UTC);
    IncidentStore store;
    store.setClock([&now] { return now; });
    ASSERT_TRUE(store.open(dir.filePath(QStringLiteral("t.sqlite"))));
    IncidentStore::Declaration d;
    d.title = QStringLiteral("queue backlog");
    d.severity = Severity::P2;
    d.affected = {QStringLiteral("queue")};
    const QString id = store.declare(d);
    now = now.addSecs(180);
    ASSERT_TRUE(store.markMilestone(id, Milestone::ServiceRestored));
    store.setText(id, QStringLiteral("root-cause"),
                  QStringLiteral("A consumer stopped acking after a **config reload**."));
    const QString md
        = WriteupGenerator::markdown(*store.incident(id), store.entries(id), store.texts(id));
    ASSERT_TRUE(md.startsWith(QLatin1String("# Incident Report: queue backlog")));
    // DREAMOPS_INCIDENT_ARTIFACTS=<folder> keeps the PDF for looking at it (pdftoppm).
    const QString out = qEnvironmentVariableIsSet("DREAMOPS_INCIDENT_ARTIFACTS")
        ? qEnvironmentVariable("DREAMOPS_INCIDENT_ARTIFACTS")
            + QStringLiteral("/incident-writeup.pdf")
        : dir.filePath(QStringLiteral("writeup.pdf"));
    QString error;
    ASSERT_TRUE(WriteupPdf::write(md, out, &error)) << error.toStdString();
    QFile pdf(out);
    ASSERT_TRUE(pdf.open(QIODevice::ReadOnly));
    const QByteArray bytes = pdf.readAll();
    EXPECT_TRUE(bytes.startsWith("%PDF-"));
    EXPECT_GT(bytes.size(), 2000);
    EXPECT_FALSE(WriteupPdf::write(md, dir.filePath(QStringLiteral("no/such/dir/x.pdf")), &error));
    EXPECT_TRUE(error.contains(QLatin1String("choose another folder"))) << error.toStdString();
}

// With DREAMOPS_INCIDENT_ARTIFACTS set after the drill test wrote incident-drill.md there, prints
// that drill write-up too (incident-drill.pdf) for looking at it.
TEST(WriteupPdf, PrintsTheDrillWriteupWhenAsked)
{
    const QString folder = qEnvironmentVariable("DREAMOPS_INCIDENT_ARTIFACTS");
    QFile md(folder + QStringLiteral("/incident-drill.md"));
    if (folder.isEmpty() || !md.open(QIODevice::ReadOnly))
        GTEST_SKIP() << "no drill write-up to print";
    QString error;
    EXPECT_TRUE(WriteupPdf::write(QString::fromUtf8(md.readAll()),
                                  folder + QStringLiteral("/incident-drill.pdf"), &error))
        << error.toStdString();
}
