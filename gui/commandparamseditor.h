#pragma once

#include "commandspec.h"
#include "commandvalidator.h"

#include <QHash>
#include <QSet>
#include <QWidget>

class QFormLayout;
class QLabel;
class QPushButton;

// The parameter fields of one pre-baked command, each with its validation sentence right under
// it (C1 inline): line edits, choice lists, a masked field for a secret, and for a parameter fed
// by a read-only command (a revision) an editable list with a "Fetch" button. CommandForm owns it.
class CommandParamsEditor final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CommandParamsEditor)

public:
    explicit CommandParamsEditor(QWidget *parent = nullptr);

    /// Rebuilds the fields; a value in `carried` (same name, e.g. service, region) is kept.
    void setSpec(const CommandSpec &spec, const CommandValidator::Values &carried);
    CommandValidator::Values values() const;
    /// name -> sentence of every invalid value (also the untouched empty ones).
    CommandValidator::Values errors() const { return m_errors; }

    /// Fills a fetched parameter's list and preselects `select` (clamped).
    void setChoices(const QString &name, const QStringList &choices, int select);
    void setFetchEnabled(bool enabled);

    QWidget *editor(const QString &name) const { return m_editors.value(name); }
    QLabel *errorLabel(const QString &name) const { return m_errorLabels.value(name); }
    QPushButton *fetchButton(const QString &name) const { return m_fetchButtons.value(name); }

Q_SIGNALS:
    void valuesChanged();
    void fetchRequested(const QString &name);

private:
    QWidget *createEditor(const CommandParam &param, const QString &value);
    void revalidate();

    CommandSpec m_spec;
    QFormLayout *m_form;
    QHash<QString, QWidget *> m_editors;
    QHash<QString, QLabel *> m_errorLabels;
    QHash<QString, QPushButton *> m_fetchButtons;
    QSet<QString> m_touched; ///< empty fields only complain once edited
    CommandValidator::Values m_errors;
};
