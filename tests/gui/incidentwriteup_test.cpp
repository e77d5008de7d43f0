// The write-up tab: the generated Markdown (date, severity, duration, timeline lines), prose typed
// into the store, the blameless check's findings, and both exports.
#include "incidentpage.h"
#include "incidentpagerig.h"
#include "testsupport.h"
#include "timecursor.h"
#include "writeupeditor.h"
#include "writeupgenerator.h"

#include <QDir>
#include <QFile>
#include <QPlainTextEdit>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using IncidentTest::Harness;
using TestSupport::waitUntil;

namespace {

// A drill incident: declared, escalated, the five milestones, notes, a correction.
QString runDrill(Harness &h, IncidentPage &page)
{
    const QString id = page.declareIncident(IncidentTest::declaration(Severity::P2));
    h.clock.advanceMinutes(2);
    page.changeSeverity(Severity::P1, QStringLiteral("error rate above 5 % for 3 minutes"));
    const QList<std::pair<Milestone, double>> steps {{Milestone::Detected, 0},
                                                     {Milestone::ResponseStarted, 3},
                                                     {Milestone::RootCauseIdentified, 12},
                                                     {Milestone::FixDeployed, 9},
                                                     {Milestone::ServiceRestored, 6}};
    for (const auto &[milestone, minutes] : steps) {
        h.clock.advanceMinutes(minutes);
        page.markMilestone(milestone);
        if (milestone == Milestone::RootCauseIdentified) {
            h.store->addNote(id, QStringLiteral("db pool exhausted on db-1"));
            const qint64 seq = h.store->entries(id).constLast().seq;
            h.clock.advanceMinutes(1);
            page.addCorrection(seq, QStringLiteral("db pool exhausted on db-2"));
        }
    }
    return id;
}

} // namespace

TEST(IncidentWriteup, HasTheRecordAndExportsMarkdownAndPdf)
{
    IncidentTest::PageRig rig;
    auto &[h, cursor, page] = rig;
    const QString id = runDrill(h, page);
    WriteupEditor *editor = page.writeupEditor();
    QPlainTextEdit *rootCause = editor->proseEdit(QStringLiteral("root-cause"));
    ASSERT_NE(rootCause, nullptr);
    QTest::keyClicks(rootCause, QStringLiteral("The pool was sized for last year's traffic."));
    ASSERT_TRUE(waitUntil([&] { return !h.store->hasUnsavedText(); }, 3000));
    EXPECT_EQ(h.store->text(id, QStringLiteral("root-cause")),
              QStringLiteral("The pool was sized for last year's traffic."));

    const QString md = editor->preview()->toPlainText();
    EXPECT_EQ(md, editor->markdown());
    EXPECT_TRUE(md.contains(QLatin1String("2026-03-14"))) << md.toStdString();
    EXPECT_TRUE(md.contains(QLatin1String("P1")));
    EXPECT_TRUE(md.contains(QLatin1String("31 minutes"))) << md.toStdString(); // 3+12+1+9+6
    EXPECT_TRUE(md.contains(QLatin1String("- 09:02 - ")));
    EXPECT_TRUE(md.contains(QLatin1String("db pool exhausted on db-2")));
    EXPECT_FALSE(md.contains(QLatin1String("db-1")));
    EXPECT_TRUE(md.contains(QLatin1String("sized for last year's traffic")));

    QTemporaryDir out;
    QString error;
    const QString mdPath = out.filePath(QStringLiteral("writeup.md"));
    ASSERT_TRUE(editor->exportMarkdown(mdPath, &error)) << error.toStdString();
    QFile mdFile(mdPath);
    ASSERT_TRUE(mdFile.open(QIODevice::ReadOnly));
    EXPECT_EQ(QString::fromUtf8(mdFile.readAll()), md);
    const QString pdfPath = out.filePath(QStringLiteral("writeup.pdf"));
    ASSERT_TRUE(editor->exportPdf(pdfPath, &error)) << error.toStdString();
    QFile pdf(pdfPath);
    ASSERT_TRUE(pdf.open(QIODevice::ReadOnly));
    EXPECT_TRUE(pdf.read(5).startsWith("%PDF"));
    EXPECT_GT(pdf.size(), 1000);

    // Screenshots of the page with the drill incident: timeline and write-up tabs (with a
    // blameless finding underlined).
    editor->proseEdit(QStringLiteral("why-not-caught"))
        ->setPlainText(QStringLiteral("John forgot to add the pool alert."));
    page.resize(1400, 900);
    page.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&page));
    EXPECT_TRUE(page.grab().save(QDir::tempPath() + QStringLiteral("/incidentgui-page.png")));
    page.tabs()->setCurrentWidget(editor);
    EXPECT_TRUE(page.grab().save(QDir::tempPath() + QStringLiteral("/incidentgui-writeup.png")));
}

TEST(IncidentWriteup, BlamelessFindingsAreListedForBlamingProse)
{
    IncidentTest::PageRig rig;
    auto &[h, cursor, page] = rig;
    page.declareIncident(IncidentTest::declaration());
    WriteupEditor *editor = page.writeupEditor();
    EXPECT_TRUE(editor->findings().isEmpty());
    QPlainTextEdit *whyNot = editor->proseEdit(QStringLiteral("why-not-caught"));
    ASSERT_NE(whyNot, nullptr);
    whyNot->setPlainText(QStringLiteral("John forgot to restart it"));
    const QStringList findings = editor->findings();
    ASSERT_FALSE(findings.isEmpty());
    EXPECT_TRUE(findings.first().contains(QLatin1String("forgot")))
        << findings.first().toStdString();
    EXPECT_FALSE(whyNot->extraSelections().isEmpty()); // underlined
    EXPECT_EQ(whyNot->toPlainText(), QStringLiteral("John forgot to restart it")); // never changed
    whyNot->setPlainText(QStringLiteral("The restart step was not in the runbook."));
    EXPECT_TRUE(editor->findings().isEmpty());
    EXPECT_TRUE(whyNot->extraSelections().isEmpty());
}
